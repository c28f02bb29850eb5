// A list the hub serves in keyset pages: the first page for a query, more appended as the user scrolls,
// and after a reconnect as many rows as were loaded fetched again, so the scroll position still makes
// sense. The customer list and the inbox are both this; each adds its own live patching through `update`.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, Result } from '../../../common/result.ts';
import { useOnReconnect } from './context.tsx';

export interface KeysetPage<T> {
  items: T[];
  nextCursor: string | null;
}

interface ListData<T> {
  key: string;
  items: T[];
  nextCursor: string | null;
  error: AppError | null;
  loadingMore: boolean;
  moreError: AppError | null;
}

export interface KeysetList<T> {
  status: 'loading' | 'error' | 'ready';
  items: T[];
  hasMore: boolean;
  error: AppError | null;
  loadingMore: boolean;
  moreError: AppError | null;
  loadMore: () => void;
  reload: () => void;
  /** Fetch again as many rows as are loaded (after a reconnect, or when live updates were missed). */
  refetchShown: () => void;
  /** Patch the loaded rows of the current query (live updates); returning the same array changes nothing. */
  update: (change: (items: T[], hasMore: boolean) => T[]) => void;
}

export interface KeysetListOptions<T> {
  pageSize: number;
  /** Told about every page that arrives (e.g. to remember what rows are known). */
  onItems?: (items: T[]) => void;
}

/** Rows of `page` not already in `items`, appended: a row that moved between pages is shown once. */
export function appendUnique<T extends { id: string }>(items: readonly T[], page: readonly T[]): T[] {
  const seen = new Set(items.map((item) => item.id));
  return [...items, ...page.filter((item) => !seen.has(item.id))];
}

/**
 * `queryKey` names the query (a new key starts from its first page); `fetchPage` fetches one page of it.
 * While a new query loads, the previous rows stay (dimmed by the caller) instead of flashing away.
 */
export function useKeysetList<T extends { id: string }>(
  queryKey: string,
  fetchPage: (cursor: string | null, limit: number) => Promise<Result<KeysetPage<T>>>,
  { pageSize, onItems }: KeysetListOptions<T>,
): KeysetList<T> {
  const [nonce, setNonce] = useState(0);
  const key = `${queryKey}\u0000${nonce}`;
  const [data, setData] = useState<ListData<T> | null>(null);
  const loadingMore = useRef(false);
  // The latest closures, so a new render's fetcher is used without refetching on every render.
  const fetchRef = useRef(fetchPage);
  const onItemsRef = useRef(onItems);
  useEffect(() => {
    fetchRef.current = fetchPage;
    onItemsRef.current = onItems;
  });

  useEffect(() => {
    let cancelled = false;
    loadingMore.current = false;
    void fetchRef.current(null, pageSize).then((result) => {
      if (cancelled) return;
      if (result.ok) onItemsRef.current?.(result.data.items);
      setData(
        result.ok
          ? { key, items: result.data.items, nextCursor: result.data.nextCursor, error: null, loadingMore: false, moreError: null }
          : { key, items: [], nextCursor: null, error: result.error, loadingMore: false, moreError: null },
      );
    });
    return () => {
      cancelled = true;
    };
  }, [key, pageSize]);

  const current = data?.key === key ? data : null;
  const nextCursor = current?.nextCursor ?? null;

  const loadMore = useCallback(() => {
    if (!nextCursor || loadingMore.current) return;
    loadingMore.current = true;
    const cursor = nextCursor;
    setData((d) => (d && d.key === key ? { ...d, loadingMore: true, moreError: null } : d));
    void fetchRef.current(cursor, pageSize).then((result) => {
      loadingMore.current = false;
      if (result.ok) onItemsRef.current?.(result.data.items);
      setData((d) => {
        if (!d || d.key !== key || d.nextCursor !== cursor) return d;
        if (!result.ok) return { ...d, loadingMore: false, moreError: result.error };
        return { ...d, items: appendUnique(d.items, result.data.items), nextCursor: result.data.nextCursor, loadingMore: false };
      });
    });
  }, [nextCursor, key, pageSize]);

  const refetchShown = () => {
    if (!current || current.error) {
      setNonce((n) => n + 1);
      return;
    }
    const shown = current.items.length;
    void (async () => {
      const items: T[] = [];
      let cursor: string | null = null;
      do {
        const result: Result<KeysetPage<T>> = await fetchRef.current(cursor, 200);
        if (!result.ok) return;
        items.push(...result.data.items);
        cursor = result.data.nextCursor;
      } while (cursor && items.length < Math.max(shown, pageSize));
      onItemsRef.current?.(items);
      setData((d) => (d && d.key === key ? { ...d, items: appendUnique([], items), nextCursor: cursor, moreError: null } : d));
    })();
  };
  useOnReconnect(refetchShown);

  const update = useCallback(
    (change: (items: T[], hasMore: boolean) => T[]) => {
      setData((d) => {
        if (!d || d.key !== key || d.error) return d;
        const items = change(d.items, Boolean(d.nextCursor));
        return items === d.items ? d : { ...d, items };
      });
    },
    [key],
  );

  const reload = useCallback(() => setNonce((n) => n + 1), []);

  return {
    status: !current ? 'loading' : current.error ? 'error' : 'ready',
    items: current?.items ?? (data && !data.error ? data.items : []),
    hasMore: Boolean(current?.nextCursor),
    error: current?.error ?? null,
    loadingMore: current?.loadingMore ?? false,
    moreError: current?.moreError ?? null,
    loadMore,
    reload,
    refetchShown,
    update,
  };
}
