// The store's stock: search, page through, and correct a count with a reason. Live on stock.changed, so a
// sale, a reservation or a colleague's correction shows at once.
import { useState } from 'react';
import type { StoreStockRow } from '../../../../common/api/catalog.ts';
import { useHub, useHubEvent } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { useKeysetList } from '../../app/useKeysetList.ts';
import { formatDateTime, formatNumber } from '../../ui/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { EmptyState, ErrorState, Loading, Notice, Spinner } from '../../ui/States.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { CorrectStockDialog } from './CorrectStockDialog.tsx';

const PAGE = 50;

type Row = StoreStockRow & { id: string };
const withId = (row: StoreStockRow): Row => ({ ...row, id: row.productId });

export function StockTab({ storeId }: { storeId: string }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const hub = useHub();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const [correcting, setCorrecting] = useState<string | null>(null);
  const list = useKeysetList<Row>(
    `stock\u0000${storeId}\u0000${q}`,
    async (cursor, limit) => {
      const result = await hub.call('stock.listStore', { storeId, q, limit, cursor });
      return result.ok ? { ok: true, data: { items: result.data.items.map(withId), nextCursor: result.data.nextCursor } } : result;
    },
    { pageSize: PAGE },
  );

  useHubEvent('stock.changed', (changes) => {
    const mine = changes.filter((change) => change.storeId === storeId);
    if (mine.length === 0) return;
    list.update((rows) => {
      let touched = false;
      const next = rows.map((row) => {
        const change = mine.findLast((c) => c.productId === row.productId);
        if (!change) return row;
        touched = true;
        return { ...row, onHand: change.onHand, reserved: change.reserved, available: change.available };
      });
      return touched ? next : rows;
    });
  });

  const replace = (next: StoreStockRow) => list.update((rows) => rows.map((r) => (r.productId === next.productId ? withId(next) : r)));
  const row = correcting ? list.items.find((r) => r.productId === correcting) : undefined;
  const dimmed = text.trim() !== q;

  return (
    <div className="stack">
      <div className="toolbar">
        <div className="search">
          <Icon name="search" className="search__icon" />
          <input
            className="input search__input"
            type="search"
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-label={t('reservations:Stock.searchLabel')}
            placeholder={t('reservations:Stock.searchPlaceholder')}
            autoComplete="off"
          />
          {dimmed ? <Spinner /> : null}
        </div>
      </div>
      {list.status === 'loading' && list.items.length === 0 ? <Loading label={t('reservations:Stock.loading')} /> : null}
      {list.status === 'error' && list.error ? <ErrorState error={list.error} onRetry={list.reload} title={t('reservations:Stock.error')} /> : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState icon="search" title={q ? t('reservations:Stock.nothing', { q }) : t('reservations:Stock.empty')} />
      ) : null}
      {list.items.length > 0 && list.status !== 'error' ? (
        <div className={`card card--flush table-scroll${list.status === 'loading' || dimmed ? ' is-dimmed' : ''}`}>
          <table className="table table--rows store-stock">
            <caption className="visually-hidden">{t('reservations:Stock.storeCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reservations:Stock.column.product')}</th>
                <th scope="col" className="num">
                  {t('reservations:Stock.column.onHand')}
                </th>
                <th scope="col" className="num">
                  {t('reservations:Stock.column.reserved')}
                </th>
                <th scope="col" className="num">
                  {t('reservations:Stock.column.available')}
                </th>
                <th scope="col" className="hide-narrow">
                  {t('reservations:Stock.column.updated')}
                </th>
                <th scope="col" className="actions">
                  <span className="visually-hidden">{t('reservations:Stock.column.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((item) => (
                <tr key={item.productId}>
                  <th scope="row">
                    <span className="store-stock__name">{item.name}</span>
                    <span className="muted small">
                      {item.brand} · <span className="mono">{item.sku}</span>
                    </span>
                  </th>
                  <td className="num">{formatNumber(item.onHand, locale)}</td>
                  <td className="num">{formatNumber(item.reserved, locale)}</td>
                  <td className="num">{formatNumber(item.available, locale)}</td>
                  <td className="hide-narrow muted small nowrap">{formatDateTime(item.updatedAt, locale)}</td>
                  <td className="actions">
                    <button
                      type="button"
                      className="btn store-stock__correct"
                      onClick={() => setCorrecting(item.productId)}
                      aria-label={t('reservations:Correct.openFor', { name: item.name })}
                    >
                      <Icon name="edit" /> {t('reservations:Correct.open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.moreError ? <Notice tone="error">{t('reservations:Stock.error')}</Notice> : null}
      {list.hasMore ? (
        <button type="button" className="btn store-desk__more" onClick={list.loadMore} disabled={list.loadingMore} aria-busy={list.loadingMore}>
          {list.loadingMore ? <Spinner /> : <Icon name="plus" />} {t('reservations:Stock.more')}
        </button>
      ) : null}
      {row ? (
        <CorrectStockDialog
          storeId={storeId}
          row={row}
          onClose={() => setCorrecting(null)}
          onDone={(next) => {
            setCorrecting(null);
            replace(next);
          }}
          onRefreshed={replace}
        />
      ) : null}
    </div>
  );
}
