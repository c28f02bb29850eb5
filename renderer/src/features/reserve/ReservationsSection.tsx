// The customer's reservations in the profile: open ones first, then the latest closed; live on
// reservation.changed (which carries no customer data, so the list is fetched again — reads are audited).
import { useId } from 'react';
import { useCan, useHubEvent, useHubQuery } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { formatDateTime } from '../../ui/format.ts';
import { ErrorState, Loading } from '../../ui/States.tsx';
import { OPEN_STATUSES, ReservationStatusBadge } from './parts.tsx';

/** Nothing for roles the hub shows no customer's reservations to (store staff see their store's queue instead). */
export function ReservationsSection({ customerId }: { customerId: string }) {
  const seesHistory = useCan('customers.history.read');
  const reserves = useCan('reservations.create');
  return seesHistory || reserves ? <CustomerReservations customerId={customerId} /> : null;
}

function CustomerReservations({ customerId }: { customerId: string }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const headingId = useId();
  const query = useHubQuery('reservation.forCustomer', { customerId });
  useHubEvent('reservation.changed', (events) => {
    if (events.some((event) => event.customerId === customerId)) query.refresh();
  });

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card__title">
        {t('reservations:Profile.title')}
      </h2>
      {query.state.status === 'loading' ? <Loading label={t('reservations:Profile.loading')} /> : null}
      {query.state.status === 'error' ? <ErrorState error={query.state.error} onRetry={query.reload} title={t('reservations:Profile.error')} /> : null}
      {query.state.status === 'ok' && query.state.data.length === 0 ? <p className="muted">{t('reservations:Profile.none')}</p> : null}
      {query.state.status === 'ok' && query.state.data.length > 0 ? (
        <ul className="reservation-list" aria-labelledby={headingId}>
          {query.state.data.map((reservation) => {
            const open = OPEN_STATUSES.includes(reservation.status);
            return (
              <li key={reservation.id} className={`reservation-list__item${open ? '' : ' is-closed'}`}>
                <span className="reservation-list__head">
                  <span className="mono reservation-list__code">{reservation.code}</span>
                  <ReservationStatusBadge status={reservation.status} />
                </span>
                <span className="small">{t('reservations:Profile.item', { product: reservation.productName, quantity: reservation.quantity })}</span>
                <span className="muted small">{reservation.storeName}</span>
                {open ? <span className="muted small">{t('reservations:Profile.until', { time: formatDateTime(reservation.holdUntil, locale) })}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
