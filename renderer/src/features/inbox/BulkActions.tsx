// Actions on the selected conversations (or the open one, from the keyboard): assign to me, unassign,
// transfer to a team, resolve, snooze until a chosen time, tag. Each is one command for the whole selection.
import { useId, useState, type FormEvent } from 'react';
import type { BulkResult } from '../../../../common/api/desk.ts';
import type { TeamView } from '../../../../common/api/users.ts';
import type { AppError, Result } from '../../../../common/result.ts';
import { useHub, useMe } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { Dialog, FormDialogFooter } from '../../ui/Dialog.tsx';
import { errorText } from '../../ui/errors.ts';
import { formatDateTime } from '../../ui/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { Spinner } from '../../ui/States.tsx';
import { parseTags, snoozeUntil, toLocalInput, type SnoozePreset } from './inboxModel.ts';

export type BulkAction =
  | { kind: 'assignMe' }
  | { kind: 'unassign' }
  | { kind: 'team'; teamId: string }
  | { kind: 'resolve' }
  | { kind: 'reopen' }
  | { kind: 'snooze'; until: string }
  | { kind: 'tag'; add: string[]; remove: string[] };

/** Run an action on conversations through the hub's bulk commands. */
export function useRunBulk(onDone: (result: BulkResult) => void) {
  const hub = useHub();
  const me = useMe();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const run = async (conversationIds: string[], action: BulkAction): Promise<boolean> => {
    if (conversationIds.length === 0) return false;
    setBusy(true);
    setError(null);
    let result: Result<BulkResult>;
    switch (action.kind) {
      case 'assignMe':
        result = await hub.call('conversation.assign', { conversationIds, assigneeId: me.id });
        break;
      case 'unassign':
        result = await hub.call('conversation.assign', { conversationIds, assigneeId: null });
        break;
      case 'team':
        result = await hub.call('conversation.assign', { conversationIds, teamId: action.teamId, assigneeId: null });
        break;
      case 'resolve':
        result = await hub.call('conversation.setStatus', { conversationIds, status: 'resolved' });
        break;
      case 'reopen':
        result = await hub.call('conversation.setStatus', { conversationIds, status: 'open' });
        break;
      case 'snooze':
        result = await hub.call('conversation.setStatus', { conversationIds, status: 'snoozed', snoozedUntil: action.until });
        break;
      case 'tag':
        result = await hub.call('conversation.tag', { conversationIds, add: action.add, remove: action.remove });
        break;
    }
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return false;
    }
    onDone(result.data);
    return true;
  };
  return { run, busy, error, clearError: () => setError(null) };
}

export function BulkBar({
  count,
  teams,
  busy,
  error,
  onAction,
  onSnooze,
  onTag,
  onClear,
}: {
  count: number;
  teams: TeamView[];
  busy: boolean;
  error: AppError | null;
  onAction: (action: BulkAction) => void;
  onSnooze: () => void;
  onTag: () => void;
  onClear: () => void;
}) {
  const { t } = useT();
  return (
    <div className="bulkbar" role="toolbar" aria-label={t('inbox:Bulk.label', { count })}>
      <span className="bulkbar__count">{t('inbox:Bulk.selected', { count })}</span>
      <button type="button" className="btn btn--small" disabled={busy} onClick={() => onAction({ kind: 'assignMe' })}>
        <Icon name="user" /> {t('inbox:Bulk.assignMe')}
      </button>
      <button type="button" className="btn btn--small" disabled={busy} onClick={() => onAction({ kind: 'unassign' })}>
        {t('inbox:Bulk.unassign')}
      </button>
      {teams.length > 0 ? (
        <select
          className="input select bulkbar__team"
          aria-label={t('inbox:Bulk.transfer')}
          value=""
          disabled={busy}
          onChange={(event) => event.target.value && onAction({ kind: 'team', teamId: event.target.value })}
        >
          <option value="">{t('inbox:Bulk.transfer')}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      ) : null}
      <button type="button" className="btn btn--small" disabled={busy} onClick={() => onAction({ kind: 'resolve' })}>
        <Icon name="check" /> {t('inbox:Bulk.resolve')}
      </button>
      <button type="button" className="btn btn--small" disabled={busy} onClick={onSnooze}>
        <Icon name="moon" /> {t('inbox:Bulk.snooze')}
      </button>
      <button type="button" className="btn btn--small" disabled={busy} onClick={onTag}>
        <Icon name="tag" /> {t('inbox:Bulk.tag')}
      </button>
      {busy ? <Spinner /> : null}
      <button type="button" className="btn btn--ghost btn--small bulkbar__clear" onClick={onClear}>
        {t('inbox:Bulk.clear')}
      </button>
      {error ? (
        <span className="field__error bulkbar__error" role="alert">
          {errorText(t, error)}
        </span>
      ) : null}
    </div>
  );
}

const presets: SnoozePreset[] = ['hour', 'tomorrow', 'monday'];

export function SnoozeDialog({
  count,
  busy,
  error: hubError,
  onClose,
  onSnooze,
}: {
  count: number;
  busy: boolean;
  error: string | null;
  onClose: () => void;
  onSnooze: (untilIso: string) => void;
}) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const formId = useId();
  const [now] = useState(() => new Date());
  const [choice, setChoice] = useState<SnoozePreset | 'custom'>('hour');
  const [custom, setCustom] = useState(() => toLocalInput(snoozeUntil('tomorrow', now)));
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const until = choice === 'custom' ? new Date(custom) : snoozeUntil(choice, new Date());
    if (Number.isNaN(until.getTime())) {
      setError(t('inbox:Snooze.invalid'));
      return;
    }
    if (until.getTime() <= Date.now()) {
      setError(t('inbox:Snooze.past'));
      return;
    }
    onSnooze(until.toISOString());
  };

  return (
    <Dialog
      title={t('inbox:Snooze.title', { count })}
      onClose={onClose}
      footer={<FormDialogFooter formId={formId} busy={busy} submitLabel={t('inbox:Snooze.submit')} onCancel={onClose} />}
    >
      <form id={formId} onSubmit={submit} noValidate>
        <fieldset className="snooze">
          <legend className="visually-hidden">{t('inbox:Snooze.until')}</legend>
          {presets.map((preset) => (
            <label key={preset} className="snooze__option">
              <input type="radio" name="snooze" value={preset} checked={choice === preset} onChange={() => setChoice(preset)} />
              <span>{t(`inbox:Snooze.preset.${preset}`)}</span>
              <span className="muted">{formatDateTime(snoozeUntil(preset, now).toISOString(), locale)}</span>
            </label>
          ))}
          <label className="snooze__option">
            <input type="radio" name="snooze" value="custom" checked={choice === 'custom'} onChange={() => setChoice('custom')} />
            <span>{t('inbox:Snooze.preset.custom')}</span>
          </label>
          {choice === 'custom' ? (
            <input
              type="datetime-local"
              className="input snooze__custom"
              aria-label={t('inbox:Snooze.customLabel')}
              value={custom}
              min={toLocalInput(now)}
              onChange={(event) => {
                setCustom(event.target.value);
                setError(null);
              }}
            />
          ) : null}
        </fieldset>
        {error || hubError ? (
          <p className="field__error" role="alert">
            {error ?? hubError}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}

export function TagDialog({
  count,
  busy,
  error: hubError,
  onClose,
  onTag,
}: {
  count: number;
  busy: boolean;
  error: string | null;
  onClose: () => void;
  onTag: (add: string[], remove: string[]) => void;
}) {
  const { t } = useT();
  const formId = useId();
  const addId = useId();
  const removeId = useId();
  const [add, setAdd] = useState('');
  const [remove, setRemove] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const a = parseTags(add);
    const r = parseTags(remove);
    if (a.length === 0 && r.length === 0) {
      setError(t('inbox:Tags.empty'));
      return;
    }
    onTag(a, r);
  };
  return (
    <Dialog
      title={t('inbox:Tags.title', { count })}
      onClose={onClose}
      footer={<FormDialogFooter formId={formId} busy={busy} submitLabel={t('inbox:Tags.submit')} onCancel={onClose} />}
    >
      <form id={formId} onSubmit={submit} noValidate className="form">
        <div className="field">
          <label htmlFor={addId} className="field__label">
            {t('inbox:Tags.add')}
          </label>
          <input id={addId} className="input" value={add} onChange={(e) => setAdd(e.target.value)} placeholder={t('inbox:Tags.placeholder')} />
        </div>
        <div className="field">
          <label htmlFor={removeId} className="field__label">
            {t('inbox:Tags.remove')}
          </label>
          <input id={removeId} className="input" value={remove} onChange={(e) => setRemove(e.target.value)} placeholder={t('inbox:Tags.placeholder')} />
        </div>
        <p className="muted">{t('inbox:Tags.hint')}</p>
        {error || hubError ? (
          <p className="field__error" role="alert">
            {error ?? hubError}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
