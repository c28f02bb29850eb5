// Editing a customer: names, birthday, city, time zone, consent, emails and phones. Sent with the
// updatedAt the editor started from, so a concurrent edit is refused (CONFLICT) instead of overwritten;
// field errors (`firstName`, `identities.1.value`) appear beside their inputs.
import { useRef, useState, type FormEvent } from 'react';
import type { CustomerDetail } from '../../../../common/api/customers.ts';
import type { AppError } from '../../../../common/result.ts';
import { useHub } from '../../app/context.tsx';
import { useT } from '../../app/i18n.ts';
import { errorText, fieldErrorMap, fieldMessage, unplacedFieldErrors } from '../../ui/errors.ts';
import { CheckboxField, SelectField, TextField } from '../../ui/Field.tsx';
import { utcOffset } from '../../ui/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { Notice, Spinner } from '../../ui/States.tsx';
import {
  addIdentity,
  draftFromCustomer,
  inputFromDraft,
  removeIdentity,
  updateIdentity,
  validateInput,
  type CustomerDraft,
  type EditableKind,
} from './editModel.ts';
import { IdentityKindLabel, identityDisplay } from './parts.tsx';
import { russianTimeZones } from '../../ui/timeZones.ts';

const placedPaths = /^(firstName|lastName|middleName|birthday|city|timeZone|consentService|consentMarketing|identities\.\d+\.value)$/;

export function CustomerEditForm({
  customer,
  onCancel,
  onSaved,
  onReload,
}: {
  customer: CustomerDetail;
  onCancel: () => void;
  onSaved: (customer: CustomerDetail) => void;
  onReload: () => void;
}) {
  const { t } = useT();
  const hub = useHub();
  const [base] = useState(() => ({ updatedAt: customer.updatedAt }));
  const [draft, setDraft] = useState<CustomerDraft>(() => draftFromCustomer(customer));
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  const fields = fieldErrorMap(error?.fields);
  const fieldError = (path: string) => (fields[path] ? fieldMessage(t, fields[path]) : undefined);
  const unplaced = unplacedFieldErrors(fields, (path) => placedPaths.test(path)).map((m) => fieldMessage(t, m));
  const changedElsewhere = customer.updatedAt !== base.updatedAt;
  const maskedContacts = draft.identities.some((identity) =>
    customer.identities.some((original) => original.id === identity.id && original.masked),
  );
  const otherIdentities = customer.identities.filter((identity) => identity.kind !== 'email' && identity.kind !== 'phone');

  const set = <K extends keyof CustomerDraft>(key: K, value: CustomerDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const input = inputFromDraft(customer, base.updatedAt, draft);
    const local = validateInput(input);
    if (local.length > 0) {
      setError({ code: 'BAD_REQUEST', message: 'invalid', fields: local });
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    setError(null);
    const result = await hub.call('customer.update', input);
    setBusy(false);
    if (result.ok) onSaved(result.data);
    else {
      setError(result.error);
      // Save is at the bottom of a long form: bring the answer into view.
      if (result.error.fields?.length) focusFirstInvalid();
      else requestAnimationFrame(() => summary.current?.focus());
    }
  };

  const identitySection = (kind: EditableKind) => {
    const rows = draft.identities.map((identity, index) => ({ identity, index })).filter(({ identity }) => identity.kind === kind);
    const kindLabel = t(`customers:Identity.kind.${kind}`);
    return (
      <fieldset className="fieldset">
        <legend>{kind === 'email' ? t('customers:Edit.emails') : t('customers:Edit.phones')}</legend>
        {rows.length === 0 ? <p className="muted small">{kind === 'email' ? t('customers:Edit.noEmails') : t('customers:Edit.noPhones')}</p> : null}
        <ul className="edit-identities">
          {rows.map(({ identity, index }, position) => {
            const label = t('customers:Edit.identityValue', { kind: kindLabel, n: position + 1 });
            return (
              <li key={identity.key} className="edit-identity">
                <TextField
                  label={label}
                  className="edit-identity__value"
                  type={kind === 'email' ? 'email' : 'tel'}
                  inputMode={kind === 'email' ? 'email' : 'tel'}
                  autoComplete="off"
                  value={identity.value}
                  disabled={maskedContacts}
                  placeholder={kind === 'email' ? 'name@example.ru' : '+7 900 000-00-00'}
                  onChange={(e) => setDraft((d) => updateIdentity(d, identity.key, { value: e.target.value }))}
                  error={fieldError(`identities.${index}.value`) ?? fieldError(`identities.${index}`)}
                />
                <div className="edit-identity__flags" role="group" aria-label={t('customers:Edit.flagsFor', { value: identity.value || label })}>
                  <CheckboxField
                    label={t('customers:Identity.flag.preferred')}
                    checked={identity.preferred}
                    onChange={(e) => setDraft((d) => updateIdentity(d, identity.key, { preferred: e.target.checked }))}
                  />
                  <CheckboxField
                    label={t('customers:Identity.flag.optedOut')}
                    checked={identity.optedOut}
                    onChange={(e) => setDraft((d) => updateIdentity(d, identity.key, { optedOut: e.target.checked }))}
                  />
                  <CheckboxField
                    label={t('customers:Identity.flag.blocked')}
                    checked={identity.blocked}
                    onChange={(e) => setDraft((d) => updateIdentity(d, identity.key, { blocked: e.target.checked }))}
                  />
                </div>
                <button
                  type="button"
                  className="btn btn--ghost btn--icon"
                  aria-label={t('customers:Edit.remove', { value: identity.value || label })}
                  title={t('customers:Edit.remove', { value: identity.value || label })}
                  disabled={maskedContacts}
                  onClick={() => setDraft((d) => removeIdentity(d, identity.key))}
                >
                  <Icon name="trash" />
                </button>
              </li>
            );
          })}
        </ul>
        <button type="button" className="btn btn--ghost" disabled={maskedContacts} onClick={() => setDraft((d) => addIdentity(d, kind))}>
          <Icon name="plus" /> {kind === 'email' ? t('customers:Edit.addEmail') : t('customers:Edit.addPhone')}
        </button>
      </fieldset>
    );
  };

  return (
    <form className="card form edit-form" onSubmit={submit} noValidate aria-label={t('customers:Edit.title')}>
      <h2 className="card__title">{t('customers:Edit.title')}</h2>
      <div ref={summary} tabIndex={-1} className="form__summary">
      {changedElsewhere ? (
        <Notice
          tone="warning"
          action={
            <button type="button" className="btn" onClick={onReload}>
              <Icon name="refresh" /> {t('customers:Edit.reload')}
            </button>
          }
        >
          {t('customers:Edit.changedElsewhere')}
        </Notice>
      ) : null}
      {error?.code === 'CONFLICT' ? (
        <Notice
          tone="error"
          action={
            <button type="button" className="btn" onClick={onReload}>
              <Icon name="refresh" /> {t('customers:Edit.reload')}
            </button>
          }
        >
          {t('customers:Edit.conflict')}
        </Notice>
      ) : error && error.code !== 'BAD_REQUEST' ? (
        <Notice tone="error">{errorText(t, error)}</Notice>
      ) : error?.fields?.length ? (
        <Notice tone="error">
          {t('customers:Edit.fixFields', { count: error.fields.length })}
          {unplaced.length ? (
            <ul>
              {unplaced.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : error ? (
        <Notice tone="error">{errorText(t, error)}</Notice>
      ) : null}
      </div>

      <fieldset className="fieldset">
        <legend>{t('customers:Section.profile')}</legend>
        <div className="form-grid">
          <TextField
            label={t('customers:Field.lastName')}
            required
            autoComplete="off"
            value={draft.lastName}
            onChange={(e) => set('lastName', e.target.value)}
            error={fieldError('lastName')}
          />
          <TextField
            label={t('customers:Field.firstName')}
            required
            autoComplete="off"
            value={draft.firstName}
            onChange={(e) => set('firstName', e.target.value)}
            error={fieldError('firstName')}
          />
          <TextField
            label={t('customers:Field.middleName')}
            autoComplete="off"
            value={draft.middleName}
            onChange={(e) => set('middleName', e.target.value)}
            error={fieldError('middleName')}
          />
          <TextField
            label={t('customers:Field.birthday')}
            type="date"
            value={draft.birthday}
            max={new Date().toISOString().slice(0, 10)}
            onChange={(e) => set('birthday', e.target.value)}
            error={fieldError('birthday')}
          />
          <TextField label={t('customers:Field.city')} value={draft.city} onChange={(e) => set('city', e.target.value)} error={fieldError('city')} />
          <SelectField
            label={t('customers:Field.timeZone')}
            value={draft.timeZone}
            onChange={(e) => set('timeZone', e.target.value)}
            error={fieldError('timeZone')}
          >
            {(russianTimeZones as readonly string[]).includes(draft.timeZone) ? null : <option value={draft.timeZone}>{draft.timeZone}</option>}
            {russianTimeZones.map((zone) => (
              <option key={zone} value={zone}>
                {`${utcOffset(zone)} · ${t(`common:TimeZone.${zone}`)}`}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('customers:Section.consent')}</legend>
        <CheckboxField
          label={t('customers:Field.consentService')}
          checked={draft.consentService}
          onChange={(e) => set('consentService', e.target.checked)}
          error={fieldError('consentService')}
        />
        <CheckboxField
          label={t('customers:Field.consentMarketing')}
          checked={draft.consentMarketing}
          onChange={(e) => set('consentMarketing', e.target.checked)}
          error={fieldError('consentMarketing')}
        />
      </fieldset>

      {maskedContacts ? <Notice tone="info">{t('customers:Edit.maskedContacts')}</Notice> : null}
      {identitySection('email')}
      {identitySection('phone')}

      {otherIdentities.length > 0 ? (
        <fieldset className="fieldset">
          <legend>{t('customers:Edit.otherContacts')}</legend>
          <ul className="identities identities--compact">
            {otherIdentities.map((identity) => (
              <li key={identity.id} className="identity">
                <IdentityKindLabel kind={identity.kind} />
                <span className="identity__value">{identityDisplay(identity)}</span>
              </li>
            ))}
          </ul>
          <p className="muted small">{t('customers:Edit.otherContactsHint')}</p>
        </fieldset>
      ) : null}

      <div className="form__actions">
        <button type="submit" className="btn btn--primary" disabled={busy} aria-busy={busy}>
          {busy ? <Spinner /> : <Icon name="check" />} {busy ? t('customers:Edit.saving') : t('customers:Edit.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel} disabled={busy}>
          {t('common:Action.cancel')}
        </button>
      </div>
    </form>
  );
}

function focusFirstInvalid() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('.edit-form [aria-invalid="true"]')?.focus());
}
