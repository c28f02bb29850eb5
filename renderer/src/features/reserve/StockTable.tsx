// Stock of one product in every store, nearest to the customer first: the agent picks the store here.
import type { StoreStock } from '../../../../common/api/catalog.ts';
import { currentLocale, useT } from '../../app/i18n.ts';
import { formatNumber } from '../../ui/format.ts';
import { OpenBadge } from '../stores/parts.tsx';
import { placeOf } from './parts.tsx';

export function StockTable({
  stores,
  selectedStoreId,
  onSelect,
  name,
}: {
  stores: StoreStock[];
  selectedStoreId: string | null;
  onSelect: (storeId: string) => void;
  /** The radio group's name (one per panel). */
  name: string;
}) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  return (
    <div className="table-scroll reserve-stock">
      <table className="table table--rows">
        <caption className="visually-hidden">{t('reservations:Stock.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reservations:Stock.column.store')}</th>
            <th scope="col" className="num">
              {t('reservations:Stock.column.distance')}
            </th>
            <th scope="col">{t('reservations:Stock.column.hours')}</th>
            <th scope="col" className="num">
              {t('reservations:Stock.column.onHand')}
            </th>
            <th scope="col" className="num">
              {t('reservations:Stock.column.reserved')}
            </th>
            <th scope="col" className="num">
              {t('reservations:Stock.column.available')}
            </th>
          </tr>
        </thead>
        <tbody>
          {stores.map((store) => {
            const id = `${name}-${store.storeId}`;
            const out = store.available <= 0;
            return (
              <tr key={store.storeId} className={`${out ? 'is-disabled' : ''}${store.storeId === selectedStoreId ? ' is-selected' : ''}`}>
                <td>
                  <div className="reserve-stock__store">
                    <input
                      id={id}
                      type="radio"
                      name={name}
                      value={store.storeId}
                      checked={store.storeId === selectedStoreId}
                      disabled={out}
                      onChange={() => onSelect(store.storeId)}
                    />
                    <label htmlFor={id}>
                      <span className="reserve-stock__name">{store.storeName}</span>
                      <span className="muted small">{placeOf(store)}</span>
                    </label>
                  </div>
                </td>
                <td className="num nowrap">
                  {store.distanceKm === null ? <span className="muted">—</span> : t('reservations:Stock.km', { km: formatNumber(Math.round(store.distanceKm), locale) })}
                </td>
                <td>
                  <OpenBadge store={store} />
                </td>
                <td className="num">{formatNumber(store.onHand, locale)}</td>
                <td className="num">{formatNumber(store.reserved, locale)}</td>
                <td className="num reserve-stock__available">{formatNumber(store.available, locale)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
