// Add or edit a channel account: kind (when adding), name, the kind's settings and its secrets.
// Secrets are write-only: the inputs start empty, say whether a value is stored, and an empty one is not sent.
import { useId, useState, type FormEvent } from 'react';
import { ChannelAccountSave, type ChannelAccountView } from '../../../../common/api/channelSettings.ts';
import { Channel } from '../../../../common/domain/enums.ts';
import { fieldErrors, type AppError } from '../../../../common/result.ts';
import { useHub } from '../../app/context.tsx';
import { useT } from '../../app/i18n.ts';
import { Dialog, FormDialogFooter } from '../../ui/Dialog.tsx';
import { errorText, fieldErrorMap, fieldMessage, unplacedFieldErrors } from '../../ui/errors.ts';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { Notice } from '../../ui/States.tsx';
import { ConnectionTest } from './ConnectionTest.tsx';
import {
  allFields,
  channelForms,
  draftFromSettings,
  missingRequired,
  secretsFor,
  secretsFromDraft,
  settingsFromDraft,
  type SecretField,
  type SettingField,
  type SettingsDraft,
} from './channelForms.ts';

export function ChannelFormDialog({
  account,
  onClose,
  onSaved,
}: {
  account: ChannelAccountView | null;
  onClose: () => void;
  onSaved: (account: ChannelAccountView) => void;
}) {
  const { t } = useT();
  const hub = useHub();
  const formId = useId();
  const [kind, setKind] = useState<Channel>(account?.kind ?? 'sms');
  const [name, setName] = useState(account?.name ?? '');
  const [enabled, setEnabled] = useState(account?.enabled ?? true);
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFromSettings(account?.kind ?? 'sms', account?.settings ?? {}));
  // Never prefilled: only what the admin types in this dialog.
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const form = channelForms[kind];
  const secretList = secretsFor(kind, account);
  const secretsSet = account?.secretsSet ?? [];
  const fields = fieldErrorMap(error?.fields);
  const fieldError = (path: string) => (fields[path] ? fieldMessage(t, fields[path]) : undefined);
  const placed = new Set(['name', 'kind', ...allFields(form).map((f) => `settings.${f.path}`), ...secretList.map((s) => `secrets.${s.name}`)]);
  const unplaced = error?.code === 'BAD_REQUEST' ? unplacedFieldErrors(fields, (path) => placed.has(path)).map((m) => fieldMessage(t, m)) : [];

  const changeKind = (next: Channel) => {
    setKind(next);
    setDraft(draftFromSettings(next, {}));
    setSecrets({});
    setError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const input: ChannelAccountSave = {
      ...(account ? { id: account.id } : {}),
      kind,
      name,
      enabled,
      settings: settingsFromDraft(kind, draft, account?.settings ?? {}),
      secrets: secretsFromDraft(secrets),
    };
    const local = ChannelAccountSave.safeParse(input);
    const localErrors = [
      ...(local.success ? [] : fieldErrors(local.error).map((f) => (f.path === 'name' && !name.trim() ? { ...f, message: 'required' } : f))),
      ...missingRequired(kind, draft, secrets, secretsSet),
    ];
    if (localErrors.length) return setError({ code: 'BAD_REQUEST', message: 'invalid', fields: localErrors });
    setBusy(true);
    setError(null);
    const result = await hub.call('channel.save', input);
    setBusy(false);
    if (result.ok) onSaved(result.data);
    else setError(result.error);
  };

  // The form as typed, saved or not; blank secrets of a saved account are filled in by the hub.
  const testForm = async () => {
    const localErrors = missingRequired(kind, draft, secrets, secretsSet);
    if (localErrors.length) {
      setError({ code: 'BAD_REQUEST', message: 'invalid', fields: localErrors });
      return null;
    }
    setError(null);
    const result = await hub.call('channel.test', {
      ...(account ? { id: account.id } : {}),
      form: { kind, settings: settingsFromDraft(kind, draft, account?.settings ?? {}), secrets: secretsFromDraft(secrets) },
    });
    // Invalid settings are marked on their fields, as a save would.
    if (!result.ok && result.error.code === 'BAD_REQUEST' && result.error.fields?.length) {
      setError(result.error);
      return null;
    }
    return result;
  };

  const setValue = (path: string, value: string | boolean) => setDraft((previous) => ({ ...previous, [path]: value }));

  const renderField = (field: SettingField) => {
    const label = t(`settings:Field.${field.label}`);
    const hint = 'hint' in field && field.hint ? t(`settings:Hint.${field.hint}`) : undefined;
    const error = fieldError(`settings.${field.path}`);
    const value = draft[field.path];
    switch (field.type) {
      case 'checkbox':
        return (
          <CheckboxField
            key={field.path}
            label={label}
            checked={value === true}
            onChange={(e) => setValue(field.path, e.target.checked)}
            error={error}
          />
        );
      case 'select':
        return (
          <SelectField key={field.path} label={label} hint={hint} value={String(value)} onChange={(e) => setValue(field.path, e.target.value)} error={error}>
            {field.options.map((option) => (
              <option key={option} value={option}>
                {option === 'polling' || option === 'webhook' ? t(`settings:Mode.${option}`) : option}
              </option>
            ))}
          </SelectField>
        );
      case 'list':
        return field.separator === 'line' ? (
          <TextAreaField
            key={field.path}
            label={label}
            hint={hint}
            rows={3}
            required={field.required}
            placeholder={field.placeholder}
            value={String(value ?? '')}
            onChange={(e) => setValue(field.path, e.target.value)}
            error={error}
          />
        ) : (
          <TextField
            key={field.path}
            label={label}
            hint={hint}
            required={field.required}
            placeholder={field.placeholder}
            autoComplete="off"
            value={String(value ?? '')}
            onChange={(e) => setValue(field.path, e.target.value)}
            error={error}
          />
        );
      default:
        return (
          <TextField
            key={field.path}
            label={label}
            hint={hint}
            type={field.type === 'number' ? 'number' : (field.input ?? 'text')}
            inputMode={field.type === 'number' ? 'numeric' : undefined}
            required={field.required}
            placeholder={field.placeholder}
            autoComplete="off"
            spellCheck={false}
            value={String(value ?? '')}
            onChange={(e) => setValue(field.path, e.target.value)}
            error={error}
          />
        );
    }
  };

  return (
    <Dialog
      title={account ? t('settings:Form.editTitle', { name: account.name }) : t('settings:Form.createTitle')}
      onClose={onClose}
      footer={<FormDialogFooter formId={formId} busy={busy} onCancel={onClose} submitLabel={account ? t('settings:Form.save') : t('settings:Form.create')} />}
    >
      <form id={formId} className="form channel-form" onSubmit={submit} noValidate>
        {error && error.code !== 'BAD_REQUEST' ? <Notice tone="error">{errorText(t, error)}</Notice> : null}
        {error && error.code === 'BAD_REQUEST' ? (
          <Notice tone="error">
            {t('settings:Form.fix')}
            {unplaced.length || !error.fields?.length ? (
              <ul>
                {unplaced.map((message) => (
                  <li key={message}>{message}</li>
                ))}
                {!error.fields?.length ? <li>{error.message}</li> : null}
              </ul>
            ) : null}
          </Notice>
        ) : null}
        <div className="form-grid">
          {account ? null : (
            <SelectField label={t('settings:Form.kind')} value={kind} onChange={(e) => changeKind(e.target.value as Channel)} error={fieldError('kind')}>
              {Channel.options.map((option) => (
                <option key={option} value={option}>
                  {t(`settings:Kind.${option}`)}
                </option>
              ))}
            </SelectField>
          )}
          <TextField
            label={t('settings:Form.name')}
            hint={t('settings:Form.nameHint')}
            required
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={fieldError('name')}
          />
        </div>
        {account ? null : <CheckboxField label={t('settings:Form.enabled')} checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />}

        {kind === 'api' ? <Notice tone="info">{t('settings:Form.apiNote')}</Notice> : null}

        {form.groups.map((group, index) => (
          <fieldset key={group.legend ?? `group-${index}`} className="fieldset">
            <legend>{group.legend ? t(`settings:Field.${group.legend}`) : t('settings:Form.settings')}</legend>
            <div className="form-grid">{group.fields.map(renderField)}</div>
          </fieldset>
        ))}

        {secretList.length ? (
          <fieldset className="fieldset">
            <legend>{t('settings:Form.secrets')}</legend>
            <p className="muted small">{t('settings:Form.secretsHint')}</p>
            <div className="form-grid">
              {secretList.map((secret) => (
                <SecretInput
                  key={secret.name}
                  secret={secret}
                  isSet={secretsSet.includes(secret.name)}
                  value={secrets[secret.name] ?? ''}
                  onChange={(value) => setSecrets((previous) => ({ ...previous, [secret.name]: value }))}
                  error={fieldError(`secrets.${secret.name}`)}
                />
              ))}
            </div>
          </fieldset>
        ) : null}

        {kind === 'api' ? null : <ConnectionTest key={kind} run={testForm} />}
      </form>
    </Dialog>
  );
}

function SecretInput({
  secret,
  isSet,
  value,
  onChange,
  error,
}: {
  secret: SecretField;
  isSet: boolean;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const { t } = useT();
  const [visible, setVisible] = useState(false);
  const label = secret.label === 'otherSecret' ? t('settings:Field.otherSecret', { name: secret.name }) : t(`settings:Field.${secret.label}`);
  return (
    <div className="password-field">
      <TextField
        label={label}
        type={visible ? 'text' : 'password'}
        autoComplete="new-password"
        spellCheck={false}
        required={secret.required && !isSet}
        placeholder={isSet ? '••••••••' : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        hint={isSet ? t('settings:Form.secretSet') : t('settings:Form.secretNotSet')}
        error={error}
        data-secret-set={isSet ? 'true' : 'false'}
      />
      <button
        type="button"
        className="btn btn--ghost btn--icon password-field__toggle"
        onClick={() => setVisible((v) => !v)}
        aria-label={visible ? t('settings:Form.hide') : t('settings:Form.show')}
        aria-pressed={visible}
        title={visible ? t('settings:Form.hide') : t('settings:Form.show')}
        disabled={!value}
      >
        <Icon name={visible ? 'eyeOff' : 'eye'} />
      </button>
    </div>
  );
}
