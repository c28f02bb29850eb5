// One reservation as the store sees it: the code to match the caller, who (name and masked phone only),
// what, until when, and the next step as a big button. Every step sends the status the person saw, so a
// double tap or a colleague's tap on another tablet is refused with CONFLICT instead of applied twice.
import { useId, useState, type FormEvent } from 'react';
import type { ReservationTransitionInput, ReservationView } from '../../../../common/api/reservations.ts';
import type { ReservationStatus } from '../../../../common/domain/enums.ts';
import type { AppError } from '../../../../common/result.ts';
import { useHub } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { Dialog, FormDialogFooter } from '../../ui/Dialog.tsx';
import { errorText } from '../../ui/errors.ts';
import { TextAreaField } from '../../ui/Field.tsx';
import { formatDateTime, formatMoney } from '../../ui/format.ts';
import { Icon, type IconName } from '../../ui/Icon.tsx';
import { Notice, Spinner } from '../../ui/States.tsx';
import { OPEN_STATUSES, ReservationStatusBadge } from '../reserve/parts.tsx';

type Step = Exclude<ReservationTransitionInput['to'], 'cancelled'>;

/** The one step forward from each status the store works on. */
const nextStep: Partial<Record<ReservationStatus, { to: Step; icon: IconName }>> = {
  requested: { to: 'confirmed', icon: 'check' },
  confirmed: { to: 'ready', icon: 'bag' },
  ready: { to: 'picked_up', icon: 'user' },
};

export function ReservationCard({ reservation, onChanged, onConflict }: { reservation: ReservationView; onChanged: (next: ReservationView) => void; onConflict: () => void }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const hub = useHub();
  const codeId = useId();
  const [busy, setBusy] = useState<Step | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const step = nextStep[reservation.status];
  const open = OPEN_STATUSES.includes(reservation.status);

  const move = async (to: Step) => {
    setBusy(to);
    setError(null);
    const result = await hub.call('reservation.transition', { id: reservation.id, to, expectedStatus: reservation.status });
    setBusy(null);
    if (result.ok) onChanged(result.data);
    else {
      setError(result.error);
      if (result.error.code === 'CONFLICT') onConflict();
    }
  };

  return (
    <article className={`store-card store-card--${reservation.status}`} aria-labelledby={codeId}>
      <header className="store-card__head">
        <h3 id={codeId} className="store-card__code mono">
          {reservation.code}
        </h3>
        <ReservationStatusBadge status={reservation.status} />
      </header>
      <dl className="store-card__facts">
        <dt>{t('reservations:Card.customer')}</dt>
        <dd>
          {reservation.customerName}
          {reservation.customerPhone ? <span className="mono muted"> {reservation.customerPhone}</span> : null}
        </dd>
        <dt>{t('reservations:Card.product')}</dt>
        <dd>
          {t('reservations:Card.item', { product: reservation.productName, quantity: reservation.quantity })}
          <span className="store-card__meta muted small">
            {t('reservations:Product.sku', { sku: reservation.sku })} · {formatMoney(reservation.priceKopecks * reservation.quantity)}
          </span>
        </dd>
        <dt>{t('reservations:Card.holdUntil')}</dt>
        <dd>{formatDateTime(reservation.holdUntil, locale)}</dd>
        {reservation.cancelReason ? (
          <>
            <dt>{t('reservations:Card.cancelReason')}</dt>
            <dd>{reservation.cancelReason}</dd>
          </>
        ) : null}
      </dl>
      {error ? <Notice tone="error">{error.code === 'CONFLICT' ? t('reservations:Card.conflict') : errorText(t, error)}</Notice> : null}
      {open ? (
        <div className="store-card__actions">
          {step ? (
            <button type="button" className="btn btn--primary store-card__action" disabled={busy !== null} aria-busy={busy === step.to} onClick={() => void move(step.to)}>
              {busy === step.to ? <Spinner /> : <Icon name={step.icon} />} {t(`reservations:Action.${step.to}`)}
            </button>
          ) : null}
          <button type="button" className="btn btn--danger store-card__action" disabled={busy !== null} onClick={() => setCancelling(true)}>
            <Icon name="ban" /> {t('reservations:Action.cancel')}
          </button>
        </div>
      ) : null}
      {cancelling ? (
        <CancelDialog
          reservation={reservation}
          onClose={() => setCancelling(false)}
          onDone={(next) => {
            setCancelling(false);
            onChanged(next);
          }}
          onConflict={onConflict}
        />
      ) : null}
    </article>
  );
}

function CancelDialog({
  reservation,
  onClose,
  onDone,
  onConflict,
}: {
  reservation: ReservationView;
  onClose: () => void;
  onDone: (next: ReservationView) => void;
  onConflict: () => void;
}) {
  const { t } = useT();
  const hub = useHub();
  const formId = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [reasonError, setReasonError] = useState<string | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setReasonError(t('reservations:Cancel.reasonRequired'));
      return;
    }
    setReasonError(undefined);
    setBusy(true);
    setError(null);
    const result = await hub.call('reservation.transition', { id: reservation.id, to: 'cancelled', reason: reason.trim(), expectedStatus: reservation.status });
    setBusy(false);
    if (result.ok) onDone(result.data);
    else {
      setError(result.error);
      if (result.error.code === 'CONFLICT') onConflict();
    }
  };

  return (
    <Dialog
      title={t('reservations:Cancel.title', { code: reservation.code })}
      onClose={() => !busy && onClose()}
      footer={<FormDialogFooter formId={formId} busy={busy} submitLabel={t('reservations:Cancel.submit')} onCancel={onClose} />}
    >
      <form id={formId} className="form" onSubmit={submit} noValidate>
        <p className="muted">{t('reservations:Cancel.body', { product: reservation.productName, name: reservation.customerName })}</p>
        <TextAreaField
          label={t('reservations:Cancel.reason')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          maxLength={300}
          rows={3}
          error={reasonError}
          required
        />
        {error ? <Notice tone="error">{error.code === 'CONFLICT' ? t('reservations:Card.conflict') : errorText(t, error)}</Notice> : null}
      </form>
    </Dialog>
  );
}
