// The store's queue: reservations that still need the store, the one that runs out first on top; new ones
// appear and moved ones update as the hub pushes reservation.changed.
import { useMemo } from 'react';
import type { ReservationView } from '../../../../common/api/reservations.ts';
import { useHub, useHubEvent } from '../../app/context.tsx';
import { useT } from '../../app/i18n.ts';
import { useKeysetList } from '../../app/useKeysetList.ts';
import { Icon } from '../../ui/Icon.tsx';
import { EmptyState, ErrorState, Loading, Notice, Spinner } from '../../ui/States.tsx';
import { OPEN_STATUSES } from '../reserve/parts.tsx';
import { ReservationCard } from './ReservationCard.tsx';

const PAGE = 100;

export function byHoldUntil(a: ReservationView, b: ReservationView): number {
  return a.holdUntil.localeCompare(b.holdUntil) || a.code.localeCompare(b.code);
}

export function QueueTab({ storeId }: { storeId: string }) {
  const { t } = useT();
  const hub = useHub();
  const list = useKeysetList<ReservationView>(`queue\u0000${storeId}`, (cursor, limit) => hub.call('reservation.list', { storeId, scope: 'active', limit, cursor }), {
    pageSize: PAGE,
  });
  useHubEvent('reservation.changed', (events) => {
    if (events.some((event) => event.storeId === storeId)) list.refetchShown();
  });
  const items = useMemo(() => [...list.items].sort(byHoldUntil), [list.items]);

  const changed = (next: ReservationView) =>
    list.update((rows) => (OPEN_STATUSES.includes(next.status) ? rows.map((row) => (row.id === next.id ? next : row)) : rows.filter((row) => row.id !== next.id)));

  if (list.status === 'loading') return <Loading label={t('reservations:Queue.loading')} />;
  if (list.status === 'error' && list.error) return <ErrorState error={list.error} onRetry={list.reload} title={t('reservations:Queue.error')} />;
  if (items.length === 0) return <EmptyState icon="bag" title={t('reservations:Queue.empty')} />;
  return (
    <div className="stack">
      <p className="muted small" role="status">
        {t('reservations:Queue.count', { count: items.length })}
      </p>
      <ul className="store-cards" aria-label={t('reservations:Queue.label')}>
        {items.map((reservation) => (
          <li key={reservation.id}>
            <ReservationCard reservation={reservation} onChanged={changed} onConflict={list.refetchShown} />
          </li>
        ))}
      </ul>
      {list.moreError ? <Notice tone="error">{t('reservations:Queue.error')}</Notice> : null}
      {list.hasMore ? (
        <button type="button" className="btn store-desk__more" onClick={list.loadMore} disabled={list.loadingMore} aria-busy={list.loadingMore}>
          {list.loadingMore ? <Spinner /> : <Icon name="plus" />} {t('reservations:Queue.more')}
        </button>
      ) : null}
    </div>
  );
}
