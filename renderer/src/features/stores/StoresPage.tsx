// Stores: city, address, time zone and local time, today's hours and whether each is open now (in its
// own time zone). Store staff get only their store from the hub.
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { StoreView } from '../../../../common/api/stores.ts';
import { foldForSearch } from '../../../../common/domain/text.ts';
import { useHubQuery } from '../../app/context.tsx';
import { useT } from '../../app/i18n.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Icon } from '../../ui/Icon.tsx';
import { LocalTime } from '../../ui/LocalTime.tsx';
import { EmptyState, ErrorState, Loading } from '../../ui/States.tsx';
import { useNow } from '../../ui/useNow.ts';
import { todayIn } from '../../../../common/domain/openingHours.ts';
import { OpenBadge } from './parts.tsx';

export function StoresPage() {
  const { t } = useT();
  const query = useHubQuery('store.list', {});
  const [filter, setFilter] = useState('');
  usePageTitle(t('stores:List.title'));
  const stores = query.state.data;
  const shown = useMemo(() => {
    const needle = foldForSearch(filter);
    const all = [...(stores ?? [])].sort((a, b) => a.city.localeCompare(b.city, 'ru') || a.name.localeCompare(b.name, 'ru'));
    return needle ? all.filter((s) => foldForSearch(`${s.name} ${s.city} ${s.address} ${s.code}`).includes(needle)) : all;
  }, [stores, filter]);

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>{t('stores:List.title')}</h1>
          <p className="page__subtitle muted">{t('stores:List.subtitle')}</p>
        </div>
      </header>
      {query.state.status === 'loading' ? (
        <Loading label={t('stores:List.loading')} />
      ) : query.state.status === 'error' ? (
        <ErrorState error={query.state.error} onRetry={query.reload} title={t('stores:List.loadError')} />
      ) : query.state.data.length === 0 ? (
        <EmptyState icon="store" title={t('stores:List.empty')} />
      ) : (
        <>
          {query.state.data.length > 5 ? (
            <div className="toolbar">
              <div className="search">
                <Icon name="search" className="search__icon" />
                <input
                  type="search"
                  className="input search__input"
                  aria-label={t('stores:List.filterLabel')}
                  placeholder={t('stores:List.filterPlaceholder')}
                  value={filter}
                  onChange={(e) => setFilter(e.target.value)}
                />
              </div>
              <p className="toolbar__count muted" role="status">
                {t('stores:List.count', { count: shown.length })}
              </p>
            </div>
          ) : null}
          {shown.length === 0 ? (
            <EmptyState icon="search" title={t('stores:List.noMatch', { q: filter })} />
          ) : (
            <div className="card card--flush table-scroll">
              <table className="table table--rows">
                <caption className="visually-hidden">{t('stores:List.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('stores:Column.store')}</th>
                    <th scope="col">{t('stores:Column.city')}</th>
                    <th scope="col" className="hide-narrow">
                      {t('stores:Column.address')}
                    </th>
                    <th scope="col">{t('stores:Column.localTime')}</th>
                    <th scope="col">{t('stores:Column.today')}</th>
                    <th scope="col">{t('stores:Column.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((store) => (
                    <StoreRow key={store.id} store={store} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}

function StoreRow({ store }: { store: StoreView }) {
  const { t } = useT();
  const now = useNow();
  const today = store.openingHours[todayIn(store.timeZone, now)];
  return (
    <tr>
      <td>
        <Link to={`/stores/${store.id}`} className="rowlink">
          {store.name}
        </Link>
        <div className="muted small mono">{store.code}</div>
      </td>
      <td>{store.city}</td>
      <td className="hide-narrow">{store.address}</td>
      <td className="nowrap">
        <LocalTime timeZone={store.timeZone} showNight={false} />
      </td>
      <td className="nowrap">{today ? `${today.open}–${today.close}` : <span className="muted">{t('stores:Open.dayOff')}</span>}</td>
      <td>
        <OpenBadge store={store} />
      </td>
    </tr>
  );
}
