// Small pieces the agent's reserve panel, the profile and the store desk share.
import type { ReservationStatus } from '../../../../common/domain/enums.ts';
import { useT } from '../../app/i18n.ts';

/** Statuses that still hold stock and still need the store. */
export const OPEN_STATUSES: readonly ReservationStatus[] = ['requested', 'confirmed', 'ready'];

const tone: Record<ReservationStatus, string> = {
  requested: 'badge--warn',
  confirmed: 'badge--accent',
  ready: 'badge--ok',
  picked_up: 'badge--neutral',
  cancelled: 'badge--neutral',
  expired: 'badge--danger',
};

export function ReservationStatusBadge({ status }: { status: ReservationStatus }) {
  const { t } = useT();
  return <span className={`badge reservation-status ${tone[status]}`}>{t(`reservations:Status.${status}`)}</span>;
}

/** Where a store is, the city said once (addresses from the ERP usually start with it). */
export function placeOf(store: { city: string; address: string }): string {
  return store.address.startsWith(store.city) ? store.address : `${store.city}, ${store.address}`;
}
