// The customer list: server pages by keyset cursor, appended as the user scrolls; refreshed after a
// reconnect (as many rows as were loaded) and patched when a customer on it changes.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CustomerDetail, CustomerListItem, CustomerListPage } from '../../../../common/api/customers.ts';
import { maskIdentity } from '../../../../common/domain/contacts.ts';
import { normalizeIdentity } from '../../../../common/domain/contacts.ts';
import type { AppError, Result } from '../../../../common/result.ts';
import { useHub, useHubEvent, useOnReconnect } from '../../app/context.tsx';

export const PAGE_SIZE = 50;

interface ListData {
  key: string;
  items: CustomerListItem[];
  nextCursor: string | null;
  error: AppError | null;
  loadingMore: boolean;
  moreError: AppError | null;
}

export interface CustomerList {
  status: 'loading' | 'error' | 'ready';
  items: CustomerListItem[];
  hasMore: boolean;
  error: AppError | null;
  loadingMore: boolean;
  moreError: AppError | null;
  loadMore: () => void;
  reload: () => void;
}

/** The list row for a customer fetched in full: list rows always show masked contacts. */
export function listItemFromDetail(detail: CustomerDetail, previous: CustomerListItem): CustomerListItem {
  const pick = (kind: 'phone' | 'email') => {
    const ofKind = detail.identities.filter((identity) => identity.kind === kind);
    const chosen = ofKind.find((identity) => identity.preferred) ?? ofKind[0];
    if (!chosen) return null;
    if (chosen.masked) return chosen.value;
    return maskIdentity(kind, normalizeIdentity(kind, chosen.value) ?? chosen.value);
  };
  return {
    ...previous,
    fullName: detail.fullName,
    city: detail.city,
    phoneMasked: pick('phone'),
    emailMasked: pick('email'),
    loyaltyTier: detail.loyalty?.tier ?? previous.loyaltyTier,
    loyaltyBalance: detail.loyalty?.balance ?? previous.loyaltyBalance,
    updatedAt: detail.updatedAt,
  };
}

export function useCustomerList(q: string): CustomerList {
  const hub = useHub();
  const [nonce, setNonce] = useState(0);
  const key = `${q}\u0000${nonce}`;
  const [data, setData] = useState<ListData | null>(null);
  const loadingMore = useRef(false);

  useEffect(() => {
    let cancelled = false;
    void hub.call('customer.list', { q, limit: PAGE_SIZE }).then((result) => {
      if (cancelled) return;
      setData(
        result.ok
          ? { key, items: result.data.items, nextCursor: result.data.nextCursor, error: null, loadingMore: false, moreError: null }
          : { key, items: [], nextCursor: null, error: result.error, loadingMore: false, moreError: null },
      );
    });
    return () => {
      cancelled = true;
    };
  }, [hub, q, key]);

  const current = data?.key === key ? data : null;
  const nextCursor = current?.nextCursor ?? null;

  const loadMore = useCallback(() => {
    if (!nextCursor || loadingMore.current) return;
    loadingMore.current = true;
    const cursor = nextCursor;
    setData((d) => (d && d.key === key ? { ...d, loadingMore: true, moreError: null } : d));
    void hub.call('customer.list', { q, cursor, limit: PAGE_SIZE }).then((result) => {
      loadingMore.current = false;
      setData((d) => {
        if (!d || d.key !== key || d.nextCursor !== cursor) return d;
        if (!result.ok) return { ...d, loadingMore: false, moreError: result.error };
        const seen = new Set(d.items.map((item) => item.id));
        const fresh = result.data.items.filter((item) => !seen.has(item.id));
        return { ...d, items: [...d.items, ...fresh], nextCursor: result.data.nextCursor, loadingMore: false };
      });
    });
  }, [nextCursor, hub, key, q]);

  // After a hub restart: fetch again as many rows as were on screen, so the scroll position still makes sense.
  useOnReconnect(() => {
    const shown = current?.items.length ?? 0;
    if (!current || current.error) {
      setNonce((n) => n + 1);
      return;
    }
    void (async () => {
      const items: CustomerListItem[] = [];
      let cursor: string | null = null;
      do {
        const result: Result<CustomerListPage> = await hub.call('customer.list', { q, cursor, limit: 200 });
        if (!result.ok) return;
        items.push(...result.data.items);
        cursor = result.data.nextCursor;
      } while (cursor && items.length < shown);
      setData((d) => (d && d.key === key ? { ...d, items, nextCursor: cursor, moreError: null } : d));
    })();
  });

  // Another desk edited a customer on this list: fetch that one and patch its row.
  useHubEvent('customer.changed', (event) => {
    const row = current?.items.find((item) => item.id === event.id);
    if (!row || row.updatedAt >= event.updatedAt) return;
    void hub.call('customer.get', { id: event.id }).then((result) => {
      if (!result.ok) return;
      setData((d) =>
        d && d.key === key
          ? { ...d, items: d.items.map((item) => (item.id === event.id ? listItemFromDetail(result.data, item) : item)) }
          : d,
      );
    });
  });

  const reload = useCallback(() => setNonce((n) => n + 1), []);

  return {
    status: !current ? 'loading' : current.error ? 'error' : 'ready',
    // While a new search runs, the previous rows stay (dimmed) instead of flashing away.
    items: current?.items ?? (data && !data.error ? data.items : []),
    hasMore: Boolean(current?.nextCursor),
    error: current?.error ?? null,
    loadingMore: current?.loadingMore ?? false,
    moreError: current?.moreError ?? null,
    loadMore,
    reload,
  };
}
