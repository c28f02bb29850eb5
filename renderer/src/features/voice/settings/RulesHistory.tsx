// Every saved version of the rules, newest first: who saved it, when, why, and a restore that saves an
// earlier version again as the newest (nothing is rewritten).
import { useId, useState } from 'react';
import type { VoiceRuleSet } from '../../../../../common/api/voice.ts';
import type { VoiceRulesVersionSummary } from '../../../../../common/api/voiceRules.ts';
import { useHub, useHubEvent, useHubQuery } from '../../../app/context.tsx';
import { currentLocale, useT } from '../../../app/i18n.ts';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { Icon } from '../../../ui/Icon.tsx';
import { EmptyState, ErrorState, Loading } from '../../../ui/States.tsx';

export function RulesHistory({ current, hasEdits, onRestored }: { current: number; hasEdits: boolean; onRestored: (ruleSet: VoiceRuleSet) => void }) {
  const { t, i18n } = useT();
  const hub = useHub();
  const id = useId();
  const query = useHubQuery('voice.rules.history', {});
  const [restoring, setRestoring] = useState<VoiceRulesVersionSummary | null>(null);
  useHubEvent('voice.rulesChanged', () => query.refresh());
  const locale = currentLocale(i18n);

  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('voice:History.title')}</h2>
      {query.state.status === 'loading' ? (
        <Loading label={t('voice:History.loading')} />
      ) : query.state.status === 'error' ? (
        <ErrorState error={query.state.error} onRetry={query.reload} />
      ) : query.state.data.length === 0 ? (
        <EmptyState icon="clock" title={t('voice:History.empty')} />
      ) : (
        <div className="table-scroll">
          <table className="table table--rows">
            <thead>
              <tr>
                <th scope="col">{t('voice:History.version')}</th>
                <th scope="col">{t('voice:History.savedAt')}</th>
                <th scope="col">{t('voice:History.savedBy')}</th>
                <th scope="col">{t('voice:History.note')}</th>
                <th scope="col" className="num">
                  {t('voice:History.rules')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('voice:History.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {query.state.data.map((entry) => (
                <tr key={entry.version}>
                  <td>
                    {entry.version}
                    {entry.version === current ? <span className="badge badge--ok">{t('voice:History.inForce')}</span> : null}
                  </td>
                  <td>
                    <time dateTime={entry.savedAt}>{formatDateTime(entry.savedAt, locale)}</time>
                  </td>
                  <td>{entry.savedBy?.displayName ?? t('voice:History.initial')}</td>
                  <td>{entry.note ?? '—'}</td>
                  <td className="num">{entry.ruleCount}</td>
                  <td>
                    {entry.version !== current ? (
                      <button type="button" className="btn btn--small" aria-label={t('voice:History.restoreVersion', { version: entry.version })} onClick={() => setRestoring(entry)}>
                        <Icon name="undo" /> {t('voice:History.restore')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {restoring ? (
        <ConfirmDialog
          title={t('voice:History.confirmTitle', { version: restoring.version })}
          confirmText={t('voice:History.restore')}
          icon="undo"
          onClose={() => setRestoring(null)}
          run={() => hub.call('voice.rules.restore', { version: restoring.version, expectedVersion: current, note: t('voice:History.restoredNote', { version: restoring.version }) })}
          onDone={(ruleSet) => {
            setRestoring(null);
            query.refresh();
            onRestored(ruleSet);
          }}
        >
          <p>{t('voice:History.confirmBody', { version: restoring.version, next: current + 1 })}</p>
          {hasEdits ? <p>{t('voice:History.confirmDiscards')}</p> : null}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
