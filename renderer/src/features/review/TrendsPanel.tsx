// Weekly average review totals per agent and per channel, as line charts with a table for the same numbers
// (the charts' text alternative, and what a screen reader or a copy-paste into a report uses).
import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrendPoint, TrendsResult } from '../../../../common/api/review.ts';
import { useHubQuery } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { fieldErrorMap } from '../../ui/errors.ts';
import { TextField } from '../../ui/Field.tsx';
import { formatCalendarDate, formatNumber } from '../../ui/format.ts';
import { EmptyState, ErrorState, Loading } from '../../ui/States.tsx';
import { periodOf, usePeriodInputs } from './period.ts';

const COLORS = ['#2563eb', '#d97706', '#059669', '#dc2626', '#7c3aed', '#0891b2', '#65a30d', '#db2777'];

export interface Series {
  key: string;
  label: string;
  points: TrendPoint[];
}

export function TrendsPanel() {
  const { t } = useT();
  const { from, setFrom, to, setTo } = usePeriodInputs(12 * 7);
  const query = useHubQuery('review.trends', periodOf(from, to));
  const fields = fieldErrorMap(query.state.error?.fields);
  return (
    <div className="stack">
      <div className="row">
        <TextField label={t('review:Draw.from')} type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
        <TextField label={t('review:Draw.to')} type="date" value={to} onChange={(event) => setTo(event.target.value)} error={fields.to} />
      </div>
      {query.state.status === 'loading' ? <Loading /> : null}
      {query.state.status === 'error' ? <ErrorState error={query.state.error} onRetry={query.reload} /> : null}
      {query.state.status === 'ok' ? <Trends result={query.state.data} /> : null}
    </div>
  );
}

function Trends({ result }: { result: TrendsResult }) {
  const { t } = useT();
  if (result.weeks.length === 0) return <EmptyState title={t('review:Trends.empty')} />;
  return (
    <>
      <TrendChart title={t('review:Trends.byAgent')} weeks={result.weeks} series={result.agents.map((a) => ({ key: a.agent.id, label: a.agent.name, points: a.points }))} />
      <TrendChart title={t('review:Trends.byChannel')} weeks={result.weeks} series={result.channels.map((c) => ({ key: c.channel, label: t(`review:Channel.${c.channel}`), points: c.points }))} />
    </>
  );
}

export function TrendChart({ title, weeks, series }: { title: string; weeks: string[]; series: Series[] }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const [asTable, setAsTable] = useState(false);
  const rows = weeks.map((week) => ({ week, ...Object.fromEntries(series.map((s) => [s.key, s.points.find((p) => p.week === week)?.average ?? null])) }));
  const weekLabel = (week: string) => formatCalendarDate(week, locale);
  return (
    <section className="card" aria-label={title}>
      <div className="card__actions">
        <h2 className="card__title">{title}</h2>
        <button type="button" className="btn btn--small" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
          {asTable ? t('review:Trends.showChart') : t('review:Trends.showTable')}
        </button>
      </div>
      {asTable ? (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t('review:Trends.tableCaption', { title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('review:Trends.week')}</th>
                {series.map((s) => (
                  <th key={s.key} scope="col">{s.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((week) => (
                <tr key={week}>
                  <th scope="row">{weekLabel(week)}</th>
                  {series.map((s) => {
                    const point = s.points.find((p) => p.week === week);
                    return <td key={s.key}>{point ? t('review:Trends.cell', { average: formatNumber(point.average, locale), count: point.count }) : '—'}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <figure className="review-chart" aria-label={t('review:Trends.chartLabel', { title })}>
          <ResponsiveContainer width="100%" height={260}>
            <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="week" tickFormatter={weekLabel} />
              <YAxis domain={[0, 100]} />
              <Tooltip labelFormatter={(week) => weekLabel(String(week))} />
              <Legend />
              {series.map((s, i) => (
                <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={COLORS[i % COLORS.length]} connectNulls dot />
              ))}
            </LineChart>
          </ResponsiveContainer>
          <figcaption className="muted">{t('review:Trends.caption')}</figcaption>
        </figure>
      )}
    </section>
  );
}
