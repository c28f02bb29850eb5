// One store: where it is, its local time, this week's hours with today marked, and whether it is open now.
import { Link, useParams } from 'react-router';
import { useCan, useHubQuery } from '../../app/context.tsx';
import { useT } from '../../app/i18n.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { utcOffset } from '../../ui/format.ts';
import { useTimeZoneName } from '../../ui/timeZones.ts';
import { Icon } from '../../ui/Icon.tsx';
import { LocalTime } from '../../ui/LocalTime.tsx';
import { EmptyState, ErrorState, Loading } from '../../ui/States.tsx';
import { useNow } from '../../ui/useNow.ts';
import { todayIn, weekdays } from '../../../../common/domain/openingHours.ts';
import { OpenBadge } from './parts.tsx';

export function StorePage() {
  const { id = '' } = useParams();
  const { t } = useT();
  const query = useHubQuery('store.get', { id });
  const seesAll = useCan('stores.read_all');
  const canCustomers = useCan('customers.read');
  const now = useNow();
  const zoneName = useTimeZoneName();
  usePageTitle(query.state.data?.name ?? t('stores:Page.title'));

  const back = seesAll ? (
    <Link to="/stores" className="backlink">
      <Icon name="back" /> {t('stores:Page.back')}
    </Link>
  ) : null;

  if (query.state.status === 'loading') return <Loading label={t('stores:Page.loading')} />;
  if (query.state.status === 'error') {
    return (
      <div className="page">
        {back}
        {query.state.error.code === 'NOT_FOUND' || query.state.error.code === 'FORBIDDEN' ? (
          <EmptyState icon="store" title={t('stores:Page.notFound')} />
        ) : (
          <ErrorState error={query.state.error} onRetry={query.reload} title={t('stores:Page.loadError')} />
        )}
      </div>
    );
  }
  const store = query.state.data;
  const today = todayIn(store.timeZone, now);

  return (
    <div className="page">
      {back}
      <header className="page__header">
        <div className="customer__title">
          <span className="avatar avatar--lg avatar--store" aria-hidden="true">
            <Icon name="store" size={22} />
          </span>
          <div>
            <h1>{store.name}</h1>
            <p className="page__subtitle muted">
              <Icon name="pin" /> {store.city}, {store.address}
            </p>
          </div>
        </div>
        <OpenBadge store={store} />
      </header>
      <div className="grid-2">
        <section className="card" aria-labelledby="store-about-h">
          <h2 id="store-about-h" className="card__title">
            {t('stores:Page.about')}
          </h2>
          <dl className="facts">
            <dt>{t('stores:Column.code')}</dt>
            <dd className="mono">{store.code}</dd>
            <dt>{t('stores:Column.address')}</dt>
            <dd>
              {store.city}, {store.address}
            </dd>
            <dt>{t('stores:Column.timeZone')}</dt>
            <dd>
              {zoneName(store.timeZone)} <span className="muted">{utcOffset(store.timeZone, now)}</span>
            </dd>
            <dt>{t('stores:Column.localTime')}</dt>
            <dd>
              <LocalTime timeZone={store.timeZone} showNight={false} />
            </dd>
          </dl>
          {canCustomers ? (
            <p className="card__actions">
              <Link to="/customers" className="btn">
                <Icon name="users" /> {t('stores:Page.findCustomer')}
              </Link>
            </p>
          ) : null}
        </section>
        <section className="card" aria-labelledby="store-hours-h">
          <h2 id="store-hours-h" className="card__title">
            {t('stores:Page.hours')}
          </h2>
          <table className="table hours">
            <caption className="visually-hidden">{t('stores:Page.hours')}</caption>
            <tbody>
              {weekdays.map((day) => {
                const hours = store.openingHours[day];
                return (
                  <tr key={day} className={day === today ? 'is-today' : undefined} aria-current={day === today ? 'date' : undefined}>
                    <th scope="row">
                      {t(`stores:Weekday.${day}`)}
                      {day === today ? <span className="badge badge--accent hours__today">{t('stores:Page.today')}</span> : null}
                    </th>
                    <td className="num">{hours ? `${hours.open}–${hours.close}` : <span className="muted">{t('stores:Open.dayOff')}</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}
