// Drawing samples and working through them: the draw form (agents, channels, period, mode, size), the
// latest draws, and the chosen draw's conversations with what the rules found and how far each review got.
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { SampleMode, SampleView } from '../../../../common/api/review.ts';
import { Channel } from '../../../../common/domain/enums.ts';
import type { AppError } from '../../../../common/result.ts';
import { useHub, useHubQuery } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { errorText, fieldErrorMap } from '../../ui/errors.ts';
import { CheckboxField, SelectField, TextField } from '../../ui/Field.tsx';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { EmptyState, ErrorState, Loading, Notice } from '../../ui/States.tsx';
import { periodOf, usePeriodInputs } from './period.ts';
import { ReviewStatusBadge } from './ReviewStatusBadge.tsx';


export function SamplesPanel() {
  const { t } = useT();
  const [params, setParams] = useSearchParams();
  const selected = params.get('sample');
  const samples = useHubQuery('review.samples', {});
  const choose = (id: string) => setParams({ sample: id }, { replace: true });
  return (
    <div className="review-samples">
      <div className="stack">
        <DrawForm
          onDrawn={(sample) => {
            samples.refresh();
            choose(sample.id);
          }}
        />
        <section className="card" aria-labelledby="samples-title">
          <h2 id="samples-title" className="card__title">{t('review:Samples.title')}</h2>
          {samples.state.status === 'loading' ? <Loading /> : null}
          {samples.state.status === 'error' ? <ErrorState error={samples.state.error} onRetry={samples.reload} /> : null}
          {samples.state.status === 'ok' && samples.state.data.length === 0 ? <EmptyState title={t('review:Samples.empty')} /> : null}
          {samples.state.status === 'ok' && samples.state.data.length > 0 ? (
            <ul className="review-sample-list">
              {samples.state.data.map((sample) => (
                <li key={sample.id}>
                  <button type="button" className="rowlink" aria-current={sample.id === selected ? 'true' : undefined} onClick={() => choose(sample.id)}>
                    <SampleLabel createdAt={sample.createdAt} by={sample.createdBy.name} reviewed={sample.reviewedCount} total={sample.itemCount} />
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      </div>
      {selected ? <SampleItems id={selected} /> : <EmptyState icon="search" title={t('review:Samples.choose')} />}
    </div>
  );
}

function SampleLabel({ createdAt, by, reviewed, total }: { createdAt: string; by: string; reviewed: number; total: number }) {
  const { t, i18n } = useT();
  return <span>{t('review:Samples.item', { date: formatDateTime(createdAt, currentLocale(i18n)), by, reviewed, total })}</span>;
}

function DrawForm({ onDrawn }: { onDrawn: (sample: SampleView) => void }) {
  const { t } = useT();
  const hub = useHub();
  const agents = useHubQuery('review.agents', {});
  const { from, setFrom, to, setTo } = usePeriodInputs(28);
  const [agentIds, setAgentIds] = useState<string[]>([]);
  const [channels, setChannels] = useState<Channel[]>([]);
  const [mode, setMode] = useState<SampleMode>('random');
  const [perAgent, setPerAgent] = useState('5');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrorMap(error?.fields);
  const toggle = <V,>(list: V[], value: V) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await hub.call('review.sample', { ...periodOf(from, to), agentIds, channels, mode, perAgent: Number(perAgent) });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    onDrawn(result.data);
  };

  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} aria-labelledby="draw-title">
      <h2 id="draw-title" className="card__title">{t('review:Draw.title')}</h2>
      <fieldset>
        <legend>{t('review:Draw.agents')}</legend>
        <p className="muted">{t('review:Draw.agentsHint')}</p>
        {agents.state.status === 'ok'
          ? agents.state.data.map((agent) => <CheckboxField key={agent.id} label={agent.name} checked={agentIds.includes(agent.id)} onChange={() => setAgentIds((ids) => toggle(ids, agent.id))} />)
          : null}
        {agents.state.status === 'loading' ? <Loading /> : null}
        {agents.state.status === 'error' ? <ErrorState error={agents.state.error} onRetry={agents.reload} /> : null}
      </fieldset>
      <fieldset>
        <legend>{t('review:Draw.channels')}</legend>
        {Channel.options.map((channel) => (
          <CheckboxField key={channel} label={t(`review:Channel.${channel}`)} checked={channels.includes(channel)} onChange={() => setChannels((list) => toggle(list, channel))} />
        ))}
      </fieldset>
      <div className="row">
        <TextField label={t('review:Draw.from')} type="date" value={from} onChange={(event) => setFrom(event.target.value)} error={fields.from} required />
        <TextField label={t('review:Draw.to')} type="date" value={to} onChange={(event) => setTo(event.target.value)} error={fields.to} required />
      </div>
      <div className="row">
        <SelectField label={t('review:Draw.mode')} value={mode} onChange={(event) => setMode(event.target.value as SampleMode)} hint={t(`review:Draw.modeHint.${mode}`)}>
          <option value="random">{t('review:Draw.modes.random')}</option>
          <option value="many_lint_warnings">{t('review:Draw.modes.many_lint_warnings')}</option>
        </SelectField>
        <TextField label={t('review:Draw.perAgent')} type="number" min={1} max={50} value={perAgent} onChange={(event) => setPerAgent(event.target.value)} error={fields.perAgent} />
      </div>
      {error ? <Notice tone="error">{error.code === 'NOT_FOUND' ? t('review:Draw.nothing') : errorText(t, error)}</Notice> : null}
      <button type="submit" className="btn btn--primary" disabled={busy} aria-busy={busy}>
        {t('review:Draw.submit')}
      </button>
    </form>
  );
}

function SampleItems({ id }: { id: string }) {
  const { t, i18n } = useT();
  const query = useHubQuery('review.sampleGet', { id });
  if (query.state.status === 'loading') return <Loading />;
  if (query.state.status === 'error') return <ErrorState error={query.state.error} onRetry={query.reload} />;
  const sample = query.state.data;
  const locale = currentLocale(i18n);
  return (
    <section className="card card--flush" aria-labelledby="sample-items-title">
      <h2 id="sample-items-title" className="card__title">
        {t('review:Samples.itemsTitle', { count: sample.items.length })}
      </h2>
      {sample.items.length === 0 ? <EmptyState title={t('review:Samples.itemsEmpty')} /> : (
        <div className="table-scroll">
          <table className="table table--rows">
            <thead>
              <tr>
                <th scope="col">{t('review:Samples.col.agent')}</th>
                <th scope="col">{t('review:Samples.col.conversation')}</th>
                <th scope="col">{t('review:Samples.col.findings')}</th>
                <th scope="col">{t('review:Samples.col.review')}</th>
                <th scope="col"><span className="visually-hidden">{t('review:Samples.col.action')}</span></th>
              </tr>
            </thead>
            <tbody>
              {sample.items.map((item) => (
                <tr key={item.conversationId}>
                  <td>{item.agent.name}</td>
                  <td>
                    <Icon name={item.channel} label={t(`review:Channel.${item.channel}`)} /> {item.customerName} · {item.subject ?? t('review:Editor.noSubject')}
                    <div className="muted">{formatDate(item.startedAt, locale)}</div>
                  </td>
                  <td>{t('review:Samples.findings', { errors: item.errors, warnings: item.warnings, messages: item.agentMessages })}</td>
                  <td>
                    {item.myReview ? <ReviewStatusBadge status={item.myReview.status} /> : <span className="muted">{t('review:Samples.notStarted')}</span>}
                    {item.myReview?.total != null ? <span> {t('review:Scorecard.total', { total: item.myReview.total })}</span> : null}
                    {item.reviewCount > 1 ? <div className="muted">{t('review:Samples.calibration', { count: item.reviewCount })}</div> : null}
                  </td>
                  <td>
                    <Link className="btn btn--small" to={`/review/conversations/${encodeURIComponent(item.conversationId)}?sample=${encodeURIComponent(sample.id)}`} aria-label={t('review:Samples.openFor', { agent: item.agent.name, customer: item.customerName })}>
                      {item.myReview ? t('review:Samples.continue') : t('review:Samples.start')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
