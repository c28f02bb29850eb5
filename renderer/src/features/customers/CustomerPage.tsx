// One customer: name, contacts, local time, consent, loyalty and recent orders; an edit mode for roles
// that may edit. Watched on the hub while open, so another desk's edit appears here by itself.
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { CustomerDetail } from '../../../../common/api/customers.ts';
import { useCan, useHub, useHubEvent, useHubQuery, useOnReconnect } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { formatCalendarDate, formatDate, formatDateTime, formatMoney, formatNumber, utcOffset } from '../../ui/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { LocalTime } from '../../ui/LocalTime.tsx';
import { EmptyState, ErrorState, Loading, Notice } from '../../ui/States.tsx';
import { CustomerEditForm } from './CustomerEditForm.tsx';
import { IdentityFlags, IdentityKindLabel, TierBadge, identityDisplay } from './parts.tsx';
import { isRussianTimeZone } from '../../ui/timeZones.ts';

export function CustomerPage() {
  const { id = '' } = useParams();
  const { t } = useT();
  const hub = useHub();
  const query = useHubQuery('customer.get', { id });
  const canEdit = useCan('customers.edit');
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [changedWhileViewing, setChangedWhileViewing] = useState(false);
  const customer = query.state.data;
  usePageTitle(customer?.fullName ?? t('customers:Page.title'));

  // Watch this customer on the hub while the page is open (and again after a reconnect).
  useEffect(() => {
    void hub.call('customer.watch', { id });
    return () => {
      void hub.call('customer.unwatch', { id });
    };
  }, [hub, id]);
  useOnReconnect(() => void hub.call('customer.watch', { id }));

  useHubEvent('customer.changed', (event) => {
    if (event.id !== id) return;
    if (customer && event.updatedAt <= customer.updatedAt) return;
    query.refresh();
    if (!editing) setChangedWhileViewing(true);
  });

  if (query.state.status === 'loading') return <Loading label={t('customers:Page.loading')} />;
  if (query.state.status === 'error') {
    const error = query.state.error;
    return (
      <div className="page">
        <BackLink />
        {error.code === 'NOT_FOUND' ? (
          <EmptyState icon="user" title={t('customers:Page.notFound')} />
        ) : (
          <ErrorState error={error} onRetry={query.reload} title={t('customers:Page.loadError')} />
        )}
      </div>
    );
  }
  const data = query.state.data;

  return (
    <div className="page">
      <BackLink />
      <header className="page__header customer__header">
        <div className="customer__title">
          <span className="avatar avatar--lg" aria-hidden="true">
            {(data.lastName[0] ?? '') + (data.firstName[0] ?? '')}
          </span>
          <div>
            <h1>{data.fullName}</h1>
            <p className="page__subtitle muted">
              {data.city ? (
                <>
                  <Icon name="pin" /> {data.city} ·{' '}
                </>
              ) : null}
              <LocalTime timeZone={data.timeZone} />
            </p>
          </div>
        </div>
        {canEdit && !editing ? (
          <button
            type="button"
            className="btn btn--primary"
            onClick={() => {
              setSaved(false);
              setChangedWhileViewing(false);
              setEditing(true);
            }}
          >
            <Icon name="edit" /> {t('customers:Page.edit')}
          </button>
        ) : null}
      </header>

      {saved && !editing ? <Notice tone="success">{t('customers:Edit.saved')}</Notice> : null}
      {changedWhileViewing && !editing && !saved ? <Notice tone="info">{t('customers:Page.updatedLive')}</Notice> : null}

      {editing ? (
        <CustomerEditForm
          customer={data}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            query.setData(next);
            setEditing(false);
            setSaved(true);
          }}
          onReload={query.reload}
        />
      ) : (
        <CustomerView customer={data} />
      )}
    </div>
  );
}

function BackLink() {
  const { t } = useT();
  const location = useLocation();
  const navigate = useNavigate();
  const fromList = (location.state as { fromList?: boolean } | null)?.fromList === true;
  return (
    <Link
      to="/customers"
      className="backlink"
      onClick={(event) => {
        // Back to the same search and scroll position when we came from the list.
        if (!fromList) return;
        event.preventDefault();
        void navigate(-1);
      }}
    >
      <Icon name="back" /> {t('customers:Page.back')}
    </Link>
  );
}

function CustomerView({ customer }: { customer: CustomerDetail }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  // Without the history permission the hub sends no loyalty at all: say nothing rather than "not a member".
  const seesHistory = useCan('customers.history.read');
  const seesLoyalty = seesHistory || customer.loyalty !== null;
  return (
    <div className="grid-2">
      <div className="stack">
        <section className="card" aria-labelledby="contacts-h">
          <h2 id="contacts-h" className="card__title">
            {t('customers:Section.contacts')}
          </h2>
          {customer.identities.length === 0 ? (
            <p className="muted">{t('customers:Identity.none')}</p>
          ) : (
            <ul className="identities" aria-labelledby="contacts-h">
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

        <section className="card" aria-labelledby="profile-h">
          <h2 id="profile-h" className="card__title">
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
            <dt>{t('customers:Field.birthday')}</dt>
            <dd>{customer.birthday ? formatCalendarDate(customer.birthday, locale) : <span className="muted">{t('common:Value.notSet')}</span>}</dd>
            <dt>{t('customers:Page.customerSince')}</dt>
            <dd>{formatDate(customer.createdAt, locale)}</dd>
          </dl>
        </section>

      </div>

      <div className="stack">
        {seesLoyalty ? (
        <section className="card" aria-labelledby="loyalty-h">
          <h2 id="loyalty-h" className="card__title">
            {t('customers:Section.loyalty')}
          </h2>
          {customer.loyalty ? (
            <div className="loyalty">
              <div className="loyalty__head">
                <TierBadge tier={customer.loyalty.tier} />
                <span className="muted mono" aria-label={t('customers:Loyalty.card')}>
                  <Icon name="loyalty_card" /> {identityDisplay({ kind: 'loyalty_card', value: customer.loyalty.cardNumber, masked: customer.loyalty.cardNumber.includes('*') })}
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
            </div>
          ) : (
            <p className="muted">{t('customers:Loyalty.none')}</p>
          )}
        </section>
        ) : null}

        <section className="card" aria-labelledby="consent-h">
          <h2 id="consent-h" className="card__title">
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

      </div>
      <div className="grid-2__full">
        <section className="card" aria-labelledby="orders-h">
          <h2 id="orders-h" className="card__title">
            {t('customers:Section.orders')}
          </h2>
          {customer.recentOrders.length === 0 ? (
            <p className="muted">{seesHistory ? t('customers:Orders.none') : t('customers:Orders.noneInStore')}</p>
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
      </div>
    </div>
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
