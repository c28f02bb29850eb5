// Calibration: conversations two supervisors reviewed, how far their scores agree per criterion, and the
// overall agreement (1 − the mean difference of the scores as shares of their maximum).
import { Link } from 'react-router';
import { useHubQuery } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { TextField } from '../../ui/Field.tsx';
import { formatNumber } from '../../ui/format.ts';
import { EmptyState, ErrorState, Loading } from '../../ui/States.tsx';
import { criterionName } from './criteria.ts';
import { periodOf, usePeriodInputs } from './period.ts';

const percent = (share: number, locale: 'ru' | 'en') => `${formatNumber(Math.round(share * 100), locale)} %`;

export function CalibrationPanel() {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const { from, setFrom, to, setTo } = usePeriodInputs(12 * 7);
  const query = useHubQuery('review.calibration', periodOf(from, to));
  return (
    <div className="stack">
      <div className="row">
        <TextField label={t('review:Draw.from')} type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
        <TextField label={t('review:Draw.to')} type="date" value={to} onChange={(event) => setTo(event.target.value)} />
      </div>
      {query.state.status === 'loading' ? <Loading /> : null}
      {query.state.status === 'error' ? <ErrorState error={query.state.error} onRetry={query.reload} /> : null}
      {query.state.status === 'ok' && query.state.data.pairs.length === 0 ? <EmptyState title={t('review:Calibration.empty')}>{t('review:Calibration.emptyHint')}</EmptyState> : null}
      {query.state.status === 'ok' && query.state.data.pairs.length > 0 ? (
        <>
          <p className="review-agreement" role="status">
            {t('review:Calibration.overall', { value: percent(query.state.data.overall ?? 0, locale), count: query.state.data.pairs.length })}
          </p>
          <p className="muted">{t('review:Calibration.formula')}</p>
          {query.state.data.pairs.map((pair) => (
            <section key={`${pair.a.reviewId}-${pair.b.reviewId}`} className="card card--flush" aria-label={t('review:Calibration.pairLabel', { a: pair.a.reviewer.name, b: pair.b.reviewer.name, agent: pair.agent.name })}>
              <div className="card__actions">
                <h2 className="card__title">
                  {t('review:Calibration.pairTitle', { agent: pair.agent.name, agreement: percent(pair.agreement, locale) })}
                </h2>
                {[pair.a, pair.b].map((side) => (
                  <Link key={side.reviewId} className="btn btn--small" to={`/review/reviews/${encodeURIComponent(side.reviewId)}`}>
                    {t('review:Calibration.open', { reviewer: side.reviewer.name })}
                  </Link>
                ))}
              </div>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('review:Calibration.criterion')}</th>
                    <th scope="col">{pair.a.reviewer.name}</th>
                    <th scope="col">{pair.b.reviewer.name}</th>
                    <th scope="col">{t('review:Calibration.agreement')}</th>
                  </tr>
                </thead>
                <tbody>
                  {pair.criteria.map((c) => (
                    <tr key={c.criterionId}>
                      <th scope="row">{criterionName(c, locale)}</th>
                      <td>{c.a}</td>
                      <td>{c.b}</td>
                      <td>{percent(c.agreement, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </>
      ) : null}
    </div>
  );
}
