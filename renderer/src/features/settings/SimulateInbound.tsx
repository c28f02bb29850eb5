// Demo mode: send a test inbound message through a channel as a customer would, then confirm the hub took
// it (its `message.received` push). Outside demo mode the hub refuses, and its reason is shown.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ChannelAccountView, SimulateInboundResult } from '../../../../common/api/channelSettings.ts';
import { formatPhone, normalizePhone } from '../../../../common/domain/contacts.ts';
import type { Channel } from '../../../../common/domain/enums.ts';
import type { AppError } from '../../../../common/result.ts';
import type { MessageReceived } from '../../../../common/realtime/events.ts';
import { useHub, useHubEvent } from '../../app/context.tsx';
import { useT } from '../../app/i18n.ts';
import { errorText, fieldErrorMap, fieldMessage } from '../../ui/errors.ts';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { Notice, Spinner } from '../../ui/States.tsx';

const CONFIRM_WAIT_MS = 15_000;

export function SimulateInbound({ accounts }: { accounts: readonly ChannelAccountView[] }) {
  const { t } = useT();
  const hub = useHub();
  const formId = useId();
  const titleId = useId();
  const enabledKinds = [...new Set(accounts.filter((a) => a.enabled).map((a) => a.kind))];
  const kinds = enabledKinds.length ? enabledKinds : [...new Set(accounts.map((a) => a.kind))];
  const [channel, setChannel] = useState<Channel | ''>('');
  const selected: Channel | undefined = channel && kinds.includes(channel) ? channel : kinds[0];
  const [from, setFrom] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [sent, setSent] = useState<SimulateInboundResult | null>(null);
  const [confirmed, setConfirmed] = useState<MessageReceived | null>(null);
  const [timedOut, setTimedOut] = useState(false);
  // The push can arrive before the command's answer, so listening starts before sending.
  const awaiting = useRef<Channel | null>(null);

  useHubEvent('message.received', (events) => {
    const event = events.find((e) => e.channel === awaiting.current);
    if (event) {
      awaiting.current = null;
      setConfirmed(event);
    }
  });

  useEffect(() => {
    if (!sent || confirmed) return;
    const timer = setTimeout(() => setTimedOut(true), CONFIRM_WAIT_MS);
    return () => clearTimeout(timer);
  }, [sent, confirmed]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !selected) return;
    setBusy(true);
    setError(null);
    setSent(null);
    setConfirmed(null);
    setTimedOut(false);
    awaiting.current = selected;
    const result = await hub.call('channel.simulateInbound', {
      channel: selected,
      ...(from.trim() ? { from: from.trim() } : {}),
      ...(body.trim() ? { body: body.trim() } : {}),
    });
    setBusy(false);
    if (result.ok) setSent(result.data);
    else {
      awaiting.current = null;
      setError(result.error);
    }
  };

  const fields = fieldErrorMap(error?.fields);
  const fieldError = (path: string) => (fields[path] ? fieldMessage(t, fields[path]) : undefined);
  // The hub's own words ("only in demo mode") say more than the generic text for its code.
  const hubMessage =
    error && !error.fields?.length && error.code === 'BAD_REQUEST'
      ? /demo mode/i.test(error.message)
        ? t('settings:Simulate.demoOnly')
        : error.message
      : null;
  const shownFrom = (value: string) => {
    const phone = normalizePhone(value);
    return phone && /^\+?\d[\d\s()-]+$/.test(value) ? formatPhone(phone) : value;
  };

  return (
    <section className="card simulate" aria-labelledby={titleId}>
      <div className="simulate__intro">
        <h2 id={titleId}>
          <Icon name="send" /> {t('settings:Simulate.title')}
        </h2>
        <p className="muted">{t('settings:Simulate.subtitle')}</p>
      </div>
      {kinds.length === 0 || !selected ? (
        <Notice tone="info">{t('settings:Simulate.noChannels')}</Notice>
      ) : (
        <form id={formId} className="form" onSubmit={submit} noValidate>
          <div className="simulate__grid">
            <SelectField label={t('settings:Simulate.channel')} value={selected} onChange={(e) => setChannel(e.target.value as Channel)} error={fieldError('channel')}>
              {kinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`settings:Kind.${kind}`)}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t('settings:Simulate.from')}
              hint={t('settings:Simulate.fromHint')}
              autoComplete="off"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              error={fieldError('from')}
            />
          </div>
          <TextAreaField
            label={t('settings:Simulate.body')}
            hint={t('settings:Simulate.bodyHint')}
            rows={2}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            error={fieldError('body')}
          />
          <div className="simulate__actions">
            <button type="submit" className="btn btn--primary" disabled={busy} aria-busy={busy}>
              {busy ? <Spinner /> : <Icon name="send" />} {t('settings:Simulate.send')}
            </button>
          </div>
        </form>
      )}
      {error ? <Notice tone="error">{hubMessage ?? errorText(t, error)}</Notice> : null}
      {sent ? (
        <div className="simulate__result" role="status" aria-live="polite">
          <p className="simulate__sent">
            <Icon name="check" /> {t('settings:Simulate.sent', { kind: t(`settings:Kind.${sent.channel}`), from: shownFrom(sent.from), body: sent.body })}
          </p>
          {confirmed ? (
            <p className="simulate__confirmed">
              <Icon name="inbox" /> {confirmed.newCustomer ? t('settings:Simulate.receivedNew') : t('settings:Simulate.received')}
            </p>
          ) : timedOut ? (
            <p className="simulate__waiting">{t('settings:Simulate.notConfirmed')}</p>
          ) : (
            <p className="simulate__waiting">
              <Spinner size={12} /> {t('settings:Simulate.waiting')}
            </p>
          )}
        </div>
      ) : null}
    </section>
  );
}
