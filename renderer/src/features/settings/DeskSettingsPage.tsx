// Settings → Desk (supervisors and admins): first-response targets per channel, which drive the inbox's
// SLA timers, and the customers' quiet hours, inside which the composer asks before sending.
import { useState, type FormEvent } from 'react';
import { DeskSettings } from '../../../../common/api/desk.ts';
import { Channel } from '../../../../common/domain/enums.ts';
import { fieldErrors, type AppError } from '../../../../common/result.ts';
import { useHub, useHubQuery } from '../../app/context.tsx';
import { useT } from '../../app/i18n.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { errorText, fieldErrorMap, fieldMessage } from '../../ui/errors.ts';
import { TextField } from '../../ui/Field.tsx';
import { ErrorState, Loading, Notice, Spinner } from '../../ui/States.tsx';
import { SettingsTabs } from './SettingsTabs.tsx';

type Form = { quietStart: string; quietEnd: string; minutes: Record<Channel, string> };

const toForm = (s: DeskSettings): Form => ({
  quietStart: s.quietHours.start,
  quietEnd: s.quietHours.end,
  minutes: Object.fromEntries(Channel.options.map((c) => [c, s.firstResponseMinutes[c] == null ? '' : String(s.firstResponseMinutes[c])])) as Record<Channel, string>,
});

export function DeskSettingsPage() {
  const { t } = useT();
  const hub = useHub();
  const query = useHubQuery('settings.desk.get', {});
  // The form starts from what the hub has; edits replace it until the next save.
  const [edits, setForm] = useState<Form | null>(null);
  const form = edits ?? (query.state.status === 'ok' ? toForm(query.state.data) : null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  usePageTitle(t('settings:Desk.title'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form) return;
    setBusy(true);
    setSaved(false);
    const input = {
      quietHours: { start: form.quietStart, end: form.quietEnd },
      firstResponseMinutes: Object.fromEntries(Channel.options.map((c) => [c, form.minutes[c].trim() === '' ? null : Number(form.minutes[c])])),
    };
    const checked = DeskSettings.safeParse(input);
    const result = checked.success ? await hub.call('settings.desk.save', checked.data) : null;
    setBusy(false);
    if (!checked.success) {
      setError({ code: 'BAD_REQUEST', message: 'invalid', fields: fieldErrors(checked.error) });
      return;
    }
    if (result && !result.ok) return setError(result.error);
    setError(null);
    setSaved(true);
    if (result?.ok) setForm(toForm(result.data));
  };

  const fields = fieldErrorMap(error?.fields);
  const errors = Object.fromEntries(Object.entries(fields).map(([path, message]) => [path, fieldMessage(t, message)]));
  return (
    <div className="page settings">
      <header className="page__header">
        <div>
          <p className="page__eyebrow">{t('settings:Page.section')}</p>
          <h1>{t('settings:Desk.title')}</h1>
          <p className="page__subtitle muted">{t('settings:Desk.subtitle')}</p>
        </div>
      </header>
      <SettingsTabs />
      {query.state.status === 'loading' ? (
        <Loading label={t('settings:Desk.loading')} />
      ) : query.state.status === 'error' ? (
        <ErrorState error={query.state.error} onRetry={query.reload} />
      ) : form ? (
        <form className="card desk-settings" onSubmit={(e) => void submit(e)} noValidate>
          {saved ? <Notice tone="success">{t('settings:Desk.saved')}</Notice> : null}
          {error && !error.fields?.length ? <Notice tone="error">{errorText(t, error)}</Notice> : null}
          <fieldset>
            <legend>{t('settings:Desk.quietHours')}</legend>
            <p className="muted">{t('settings:Desk.quietHoursHint')}</p>
            <div className="desk-settings__row">
              <TextField type="time" label={t('settings:Desk.quietStart')} value={form.quietStart} error={errors['quietHours.start']} onChange={(e) => setForm({ ...form, quietStart: e.target.value })} required />
              <TextField type="time" label={t('settings:Desk.quietEnd')} value={form.quietEnd} error={errors['quietHours.end']} onChange={(e) => setForm({ ...form, quietEnd: e.target.value })} required />
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('settings:Desk.sla')}</legend>
            <p className="muted">{t('settings:Desk.slaHint')}</p>
            <div className="desk-settings__row">
              {Channel.options.map((channel) => (
                <TextField
                  key={channel}
                  type="number"
                  min={1}
                  inputMode="numeric"
                  label={t('settings:Desk.slaFor', { channel: t(`settings:Kind.${channel}`) })}
                  value={form.minutes[channel]}
                  error={errors[`firstResponseMinutes.${channel}`]}
                  onChange={(e) => setForm({ ...form, minutes: { ...form.minutes, [channel]: e.target.value } })}
                />
              ))}
            </div>
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="btn btn--primary" disabled={busy}>
              {busy ? <Spinner /> : null} {t('settings:Desk.save')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
