// Step three: what was reserved, the code to tell the caller, and whether the customer was told (or why not).
import type { ReservationView } from '../../../../common/api/reservations.ts';
import { currentLocale, useT } from '../../app/i18n.ts';
import { formatDateTime } from '../../ui/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { Notice } from '../../ui/States.tsx';
import { ReservationStatusBadge } from './parts.tsx';

const skipReasons = { no_service_consent: true, no_allowed_channel: true, notice_failed: true } as const;
type SkipReason = keyof typeof skipReasons;

export function ReserveResult({ reservation, notifyAsked, onAnother }: { reservation: ReservationView; notifyAsked: boolean; onAnother: () => void }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const { notice } = reservation;
  // The hub says why as a code; an unknown code (a newer hub) is shown as sent.
  const skipText = (code: string) => (code in skipReasons ? t(`reservations:Result.skip.${code as SkipReason}`) : code);
  return (
    <div className="reserve-result stack">
      <Notice tone="success">
        <p className="reserve-result__code">
          {t('reservations:Result.reserved')} <strong className="mono">{reservation.code}</strong>
        </p>
        <p>
          {t('reservations:Result.details', {
            product: reservation.productName,
            quantity: reservation.quantity,
            store: reservation.storeName,
            until: formatDateTime(reservation.holdUntil, locale),
          })}
        </p>
        <p className="muted small">{reservation.storeAddress}</p>
        <ReservationStatusBadge status={reservation.status} />
      </Notice>
      {notice?.channel ? (
        <Notice tone="info">{t('reservations:Result.noticeSent', { channel: t(`conversation:Channel.${notice.channel}`) })}</Notice>
      ) : notice?.skippedReason ? (
        <Notice tone="warning">{t('reservations:Result.noticeSkipped', { reason: skipText(notice.skippedReason) })}</Notice>
      ) : (
        <p className="muted small">{notifyAsked ? t('reservations:Result.noticePending') : t('reservations:Result.noticeOff')}</p>
      )}
      <div className="form__actions">
        <button type="button" className="btn" onClick={onAnother}>
          <Icon name="plus" /> {t('reservations:Result.another')}
        </button>
      </div>
    </div>
  );
}
