// The read-only sections of a customer (contacts, profile facts, loyalty, consent, recent orders), shared
// by the customer page and the profile beside a conversation in the agent's desk.
import { useId } from 'react';
import type { CustomerDetail } from '../../../../common/api/customers.ts';
import { useCan } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { formatCalendarDate, formatDate, formatDateTime, formatMoney, formatNumber, utcOffset } from '../../ui/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { LocalTime } from '../../ui/LocalTime.tsx';
import { isRussianTimeZone } from '../../ui/timeZones.ts';
import { IdentityFlags, IdentityKindLabel, TierBadge, identityDisplay } from './parts.tsx';
import { LoyaltyActions } from '../loyalty/LoyaltyActions.tsx';

export function ContactsSection({ customer }: { customer: CustomerDetail }) {
  const { t } = useT();
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card__title">
        {t('customers:Section.contacts')}
      </h2>
      {customer.identities.length === 0 ? (
        <p className="muted">{t('customers:Identity.none')}</p>
      ) : (
        <ul className="identities" aria-labelledby={headingId}>
          {customer.identities.map((identity) => (
            <li key={identity.id} className={`identity${identity.blocked ? ' identity--blocked' : ''}`}>
              <IdentityKindLabel kind={identity.kind} />
              <span className={`identity__value${identity.kind === 'phone' ? ' mono' : ''}`}>
                {identityDisplay(identity)}
                {identity.masked ? (
                  <span className="identity__masked" title={t('customers:Identity.maskedHint')}>
                    <Icon name="lock" label={t('customers:Identity.masked')} />
                  </span>
                ) : null}
              </span>
              <IdentityFlags identity={identity} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** City, time zone and the customer's local time now; the page adds birthday and "customer since". */
export function ProfileSection({ customer, full = true }: { customer: CustomerDetail; full?: boolean }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card__title">
        {t('customers:Section.profile')}
      </h2>
      <dl className="facts">
        <dt>{t('customers:Field.city')}</dt>
        <dd>{customer.city ?? <span className="muted">{t('common:Value.notSet')}</span>}</dd>
        <dt>{t('customers:Field.timeZone')}</dt>
        <dd>
          {isRussianTimeZone(customer.timeZone) ? t(`common:TimeZone.${customer.timeZone}`) : customer.timeZone}{' '}
          <span className="muted">{utcOffset(customer.timeZone)}</span>
        </dd>
        <dt>{t('customers:Page.localTime')}</dt>
        <dd>
          <LocalTime timeZone={customer.timeZone} />
        </dd>
        {full ? (
          <>
            <dt>{t('customers:Field.birthday')}</dt>
            <dd>{customer.birthday ? formatCalendarDate(customer.birthday, locale) : <span className="muted">{t('common:Value.notSet')}</span>}</dd>
            <dt>{t('customers:Page.customerSince')}</dt>
            <dd>{formatDate(customer.createdAt, locale)}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

/** Tier, card, balance and points expiring soon; nothing at all for roles the hub sends no loyalty to. */
export function LoyaltySection({ customer }: { customer: CustomerDetail }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const headingId = useId();
  // Without the history permission the hub sends no loyalty at all: say nothing rather than "not a member".
  const seesHistory = useCan('customers.history.read');
  if (!seesHistory && customer.loyalty === null) return null;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card__title">
        {t('customers:Section.loyalty')}
      </h2>
      {customer.loyalty ? (
        <div className="loyalty">
          <div className="loyalty__head">
            <TierBadge tier={customer.loyalty.tier} />
            <span className="muted mono" aria-label={t('customers:Loyalty.card')}>
              <Icon name="loyalty_card" />{' '}
              {identityDisplay({ kind: 'loyalty_card', value: customer.loyalty.cardNumber, masked: customer.loyalty.cardNumber.includes('*') })}
            </span>
          </div>
          <div className="metrics">
            <div className="metric">
              <span className="metric__label">{t('customers:Loyalty.balance')}</span>
              <span className="metric__value">
                {formatNumber(customer.loyalty.balance, locale)} <small>{t('customers:Loyalty.points', { count: customer.loyalty.balance })}</small>
              </span>
            </div>
            <div className={`metric${customer.loyalty.expiringSoon > 0 ? ' metric--warn' : ''}`}>
              <span className="metric__label">{t('customers:Loyalty.expiringSoon')}</span>
              {customer.loyalty.expiringSoon > 0 && customer.loyalty.nextExpiryAt ? (
                <span className="metric__value">
                  {formatNumber(customer.loyalty.expiringSoon, locale)}{' '}
                  <small>{t('customers:Loyalty.expiresOn', { date: formatDate(customer.loyalty.nextExpiryAt, locale) })}</small>
                </span>
              ) : (
                <span className="metric__value metric__value--quiet">{t('customers:Loyalty.nothingExpiring')}</span>
              )}
            </div>
          </div>
          <LoyaltyActions customerId={customer.id} balance={customer.loyalty.balance} />
        </div>
      ) : (
        <p className="muted">{t('customers:Loyalty.none')}</p>
      )}
    </section>
  );
}

export function ConsentSection({ customer }: { customer: CustomerDetail }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card__title">
        {t('customers:Section.consent')}
      </h2>
      <dl className="facts">
        <dt>{t('customers:Field.consentService')}</dt>
        <dd>
          <ConsentValue value={customer.consentService} />
        </dd>
        <dt>{t('customers:Field.consentMarketing')}</dt>
        <dd>
          <ConsentValue value={customer.consentMarketing} />
        </dd>
        {customer.consentUpdatedAt ? (
          <>
            <dt>{t('customers:Consent.updatedAt')}</dt>
            <dd>{formatDateTime(customer.consentUpdatedAt, locale)}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

/** The last orders: a table on the customer page, a short list beside a conversation (`compact`). */
export function RecentOrdersSection({ customer, compact = false }: { customer: CustomerDetail; compact?: boolean }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const headingId = useId();
  const seesHistory = useCan('customers.history.read');
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card__title">
        {t('customers:Section.orders')}
      </h2>
      {customer.recentOrders.length === 0 ? (
        <p className="muted">{seesHistory ? t('customers:Orders.none') : t('customers:Orders.noneInStore')}</p>
      ) : compact ? (
        <ul className="order-list" aria-labelledby={headingId}>
          {customer.recentOrders.map((order) => (
            <li key={order.id} className="order-list__item">
              <span className="mono">{order.number}</span>
              <span className="muted small nowrap">{formatDate(order.placedAt, locale)}</span>
              <span className="small">{order.storeName ?? t(`customers:Orders.channel.${order.channel}`)}</span>
              <span className="num">{formatMoney(order.totalKopecks)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t('customers:Section.orders')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('customers:Orders.column.number')}</th>
                <th scope="col">{t('customers:Orders.column.date')}</th>
                <th scope="col">{t('customers:Orders.column.kind')}</th>
                <th scope="col">{t('customers:Orders.column.store')}</th>
                <th scope="col" className="num">
                  {t('customers:Orders.column.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {customer.recentOrders.map((order) => (
                <tr key={order.id}>
                  <td className="mono">{order.number}</td>
                  <td className="nowrap">{formatDate(order.placedAt, locale)}</td>
                  <td>
                    <span className={`badge order-kind order-kind--${order.kind}`}>{t(`customers:Orders.kind.${order.kind}`)}</span>
                  </td>
                  <td>{order.storeName ?? <span className="muted">{t(`customers:Orders.channel.${order.channel}`)}</span>}</td>
                  <td className="num">
                    {formatMoney(order.totalKopecks)}
                    <div className="muted small">{t('customers:Orders.items', { count: order.itemCount })}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ConsentValue({ value }: { value: boolean }) {
  const { t } = useT();
  return value ? (
    <span className="badge badge--ok">
      <Icon name="check" /> {t('customers:Consent.given')}
    </span>
  ) : (
    <span className="badge">
      <Icon name="close" /> {t('customers:Consent.notGiven')}
    </span>
  );
}
