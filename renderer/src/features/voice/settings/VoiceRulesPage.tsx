// Settings → Brand voice (voice.manage): the rules agents are linted against, edited as one unsaved set —
// add, edit, switch off, delete, try on a sample — and saved as a new version with a note. A save over a
// version someone else saved meanwhile is refused and said so; earlier versions can be restored.
import { useId, useState, type FormEvent } from 'react';
import type { VoiceRule, VoiceRuleKind, VoiceRuleSet } from '../../../../../common/api/voice.ts';
import { VoiceRuleKind as RuleKinds } from '../../../../../common/api/voice.ts';
import type { AppError } from '../../../../../common/result.ts';
import { useHub, useHubEvent, useHubQuery } from '../../../app/context.tsx';
import { useT } from '../../../app/i18n.ts';
import { usePageTitle } from '../../../app/usePageTitle.ts';
import { errorText } from '../../../ui/errors.ts';
import { SelectField, TextField } from '../../../ui/Field.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import { EmptyState, ErrorState, Loading, Notice, Spinner } from '../../../ui/States.tsx';
import { SettingsTabs } from '../../settings/SettingsTabs.tsx';
import '../voice.css';
import { errorsUnder, newRule, newRuleId } from './ruleForm.ts';
import { RuleFormDialog } from './RuleFormDialog.tsx';
import { RulesHistory } from './RulesHistory.tsx';
import { TryIt } from './TryIt.tsx';

/** The set being edited and the version it started from. */
interface Edits {
  base: number;
  rules: VoiceRule[];
}

export function VoiceRulesPage() {
  const { t } = useT();
  const query = useHubQuery('voice.rules.get', {});
  usePageTitle(t('voice:Settings.title'));
  return (
    <div className="page settings">
      <header className="page__header">
        <div>
          <p className="page__eyebrow">{t('settings:Page.section')}</p>
          <h1>{t('voice:Settings.title')}</h1>
          <p className="page__subtitle muted">{t('voice:Settings.subtitle')}</p>
        </div>
      </header>
      <SettingsTabs />
      {query.state.status === 'loading' ? (
        <Loading label={t('voice:Settings.loading')} />
      ) : query.state.status === 'error' ? (
        <ErrorState error={query.state.error} onRetry={query.reload} />
      ) : (
        <RulesEditor inForce={query.state.data} onReplaced={query.setData} onReload={query.reload} onRefresh={query.refresh} />
      )}
    </div>
  );
}

function RulesEditor({
  inForce,
  onReplaced,
  onReload,
  onRefresh,
}: {
  inForce: VoiceRuleSet;
  onReplaced: (ruleSet: VoiceRuleSet) => void;
  onReload: () => void;
  onRefresh: () => void;
}) {
  const { t } = useT();
  const hub = useHub();
  const formId = useId();
  const [edits, setEdits] = useState<Edits | null>(null);
  const rules = edits?.rules ?? inForce.rules;
  const base = edits?.base ?? inForce.version;
  const [adding, setAdding] = useState<VoiceRuleKind>('forbidden_phrase');
  const [editing, setEditing] = useState<{ index: number | null; rule: VoiceRule } | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  /** A version someone else saved while this supervisor has unsaved edits. */
  const [newer, setNewer] = useState<number | null>(null);

  useHubEvent('voice.rulesChanged', (event) => {
    // While saving, the push may be our own version arriving before the answer; a foreign one fails the save anyway.
    if (busy || event.version <= base) return;
    if (edits) setNewer(event.version);
    else onRefresh();
  });

  const change = (next: VoiceRule[]) => {
    setEdits({ base, rules: next });
    setSaved(null);
    // Row errors name positions in the set that was sent; after a change they may point at another rule.
    if (error?.code !== 'CONFLICT') setError(null);
  };
  const discard = () => {
    setEdits(null);
    setError(null);
    setNewer(null);
    onReload();
  };
  const replaced = (ruleSet: VoiceRuleSet) => {
    setEdits(null);
    setNewer(null);
    setError(null);
    setNote('');
    setSaved(ruleSet.version);
    onReplaced(ruleSet);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!edits) return;
    setBusy(true);
    setSaved(null);
    const result = await hub.call('voice.rules.save', { rules: edits.rules, note: note.trim() || null, expectedVersion: edits.base });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    replaced(result.data);
  };

  const ruleErrors = (index: number) => errorsUnder(error?.fields, `rules.${index}.`);
  const conflict = error?.code === 'CONFLICT' || newer !== null;

  return (
    <div className="voice-rules">
      {saved !== null ? <Notice tone="success">{t('voice:Settings.saved', { version: saved })}</Notice> : null}
      {conflict ? (
        <Notice
          tone="error"
          action={
            <button type="button" className="btn btn--small" onClick={discard}>
              <Icon name="refresh" /> {t('voice:Settings.reload')}
            </button>
          }
        >
          {t('voice:Settings.conflict', { version: base })}
        </Notice>
      ) : error && !error.fields?.length ? (
        <Notice tone="error">{errorText(t, error)}</Notice>
      ) : error ? (
        <Notice tone="error">{t('voice:Settings.invalid')}</Notice>
      ) : null}

      <section className="card stack" aria-labelledby={`${formId}-rules`}>
        <h2 id={`${formId}-rules`}>{t('voice:Settings.rulesTitle', { version: base })}</h2>
        <div className="voice-rules__toolbar">
          <SelectField label={t('voice:Settings.newKind')} value={adding} onChange={(e) => setAdding(RuleKinds.parse(e.target.value))}>
            {RuleKinds.options.map((kind) => (
              <option key={kind} value={kind}>
                {t(`voice:Kind.${kind}`)}
              </option>
            ))}
          </SelectField>
          <button type="button" className="btn" onClick={() => setEditing({ index: null, rule: newRule(adding, newRuleId(adding)) })}>
            <Icon name="plus" /> {t('voice:Settings.add')}
          </button>
        </div>
        {rules.length === 0 ? (
          <EmptyState icon="shield" title={t('voice:Settings.empty')} />
        ) : (
          <div className="table-scroll">
            <table className="table table--rows">
              <thead>
                <tr>
                  <th scope="col">{t('voice:Settings.name')}</th>
                  <th scope="col">{t('voice:Settings.kind')}</th>
                  <th scope="col">{t('voice:Settings.severity')}</th>
                  <th scope="col">{t('voice:Settings.channels')}</th>
                  <th scope="col">{t('voice:Settings.locale')}</th>
                  <th scope="col">{t('voice:Settings.enabled')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('voice:Settings.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rules.map((rule, index) => {
                  const problems = Object.values(ruleErrors(index));
                  return (
                    <tr key={rule.id} className={rule.enabled ? undefined : 'voice-rules__disabled'}>
                      <td>
                        {rule.name}
                        {problems.length > 0 ? (
                          <span className="field__error" role="alert">
                            {' '}
                            {t('voice:Settings.ruleInvalid', { problem: problems[0] })}
                          </span>
                        ) : null}
                      </td>
                      <td>{t(`voice:Kind.${rule.kind}`)}</td>
                      <td>{t(`voice:Severity.${rule.severity}`)}</td>
                      <td>{rule.channels.length === 0 ? t('voice:Settings.allChannels') : rule.channels.map((c) => t(`conversation:Channel.${c}`)).join(', ')}</td>
                      <td>{t(`voice:Locale.${rule.locale}`)}</td>
                      <td>
                        <input
                          type="checkbox"
                          checked={rule.enabled}
                          aria-label={t('voice:Settings.enabledFor', { name: rule.name })}
                          onChange={(e) => change(rules.map((r, i) => (i === index ? { ...r, enabled: e.target.checked } : r)))}
                        />
                      </td>
                      <td className="voice-rules__actions">
                        <button type="button" className="btn btn--ghost btn--small" aria-label={t('voice:Settings.edit', { name: rule.name })} onClick={() => setEditing({ index, rule })}>
                          <Icon name="edit" />
                        </button>
                        <button type="button" className="btn btn--ghost btn--small btn--danger" aria-label={t('voice:Settings.delete', { name: rule.name })} onClick={() => change(rules.filter((_, i) => i !== index))}>
                          <Icon name="trash" />
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <form className="voice-rules__save" onSubmit={(e) => void save(e)} noValidate>
          <TextField label={t('voice:Settings.note')} hint={t('voice:Settings.noteHint')} value={note} maxLength={300} onChange={(e) => setNote(e.target.value)} />
          <button type="submit" className="btn btn--primary" disabled={!edits || busy || conflict} aria-busy={busy}>
            {busy ? <Spinner /> : <Icon name="check" />} {t('voice:Settings.save', { version: base + 1 })}
          </button>
          {edits ? (
            <button type="button" className="btn" onClick={discard} disabled={busy}>
              {t('voice:Settings.discard')}
            </button>
          ) : null}
        </form>
      </section>

      <TryIt rules={rules} />
      <RulesHistory current={inForce.version} hasEdits={edits !== null} onRestored={replaced} />

      {editing ? (
        <RuleFormDialog
          initial={editing.rule}
          isNew={editing.index === null}
          serverErrors={editing.index === null ? undefined : ruleErrors(editing.index)}
          onClose={() => setEditing(null)}
          onSave={(rule) => {
            change(editing.index === null ? [...rules, rule] : rules.map((r, i) => (i === editing.index ? rule : r)));
            setEditing(null);
          }}
        />
      ) : null}
    </div>
  );
}
