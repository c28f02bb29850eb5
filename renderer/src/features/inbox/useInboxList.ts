// The conversation list: keyset pages appended as the agent scrolls, moved live by `conversation.changed`
// (a row goes to its place, or in or out of the view), refetched after a reconnect or a resync reload (as
// many rows as were loaded, so the scroll position still makes sense).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationSummary, InboxPage } from '../../../../common/api/desk.ts';
import type { AppError, Result } from '../../../../common/result.ts';
import { useHub, useHubEvent, useMe, useOnReconnect } from '../../app/context.tsx';
import { useDeskEvents } from '../../app/deskEvents.ts';
import { useInboxState } from '../../app/inboxState.ts';
import { appendPage, applyChange, toQuery, type InboxFilterState } from './inboxModel.ts';

export const PAGE_SIZE = 50;

interface ListData {
  key: string;
  items: ConversationSummary[];
  nextCursor: string | null;
  error: AppError | null;
  loadingMore: boolean;
  moreError: AppError | null;
}

export interface InboxList {
  status: 'loading' | 'error' | 'ready';
  items: ConversationSummary[];
  hasMore: boolean;
  error: AppError | null;
  loadingMore: boolean;
  moreError: AppError | null;
  loadMore: () => void;
  reload: () => void;
  /** Apply conversations the desk already has fresh copies of (the answer to a bulk action). */
  applyChanged: (changed: readonly ConversationSummary[]) => void;
}

export function useInboxList(filter: InboxFilterState): InboxList {
  const hub = useHub();
  const me = useMe();
  const state = useInboxState();
  const [nonce, setNonce] = useState(0);
  const filterKey = JSON.stringify(toQuery(filter));
  const key = `${filterKey}\u0000${nonce}`;
  const [data, setData] = useState<ListData | null>(null);
  const loadingMore = useRef(false);

  useEffect(() => {
    let cancelled = false;
    loadingMore.current = false;
    void hub.call('inbox.list', { ...toQuery(JSON.parse(filterKey) as InboxFilterState), limit: PAGE_SIZE }).then((result) => {
      if (cancelled) return;
      if (result.ok) state.remember(result.data.items);
      setData(
        result.ok
          ? { key, items: result.data.items, nextCursor: result.data.nextCursor, error: null, loadingMore: false, moreError: null }
          : { key, items: [], nextCursor: null, error: result.error, loadingMore: false, moreError: null },
      );
    });
    return () => {
      cancelled = true;
    };
  }, [hub, filterKey, key, state]);

  const current = data?.key === key ? data : null;
  const nextCursor = current?.nextCursor ?? null;

  const loadMore = useCallback(() => {
    if (!nextCursor || loadingMore.current) return;
    loadingMore.current = true;
    const cursor = nextCursor;
    setData((d) => (d && d.key === key ? { ...d, loadingMore: true, moreError: null } : d));
    void hub.call('inbox.list', { ...toQuery(JSON.parse(filterKey) as InboxFilterState), cursor, limit: PAGE_SIZE }).then((result) => {
      loadingMore.current = false;
      if (result.ok) state.remember(result.data.items);
      setData((d) => {
        if (!d || d.key !== key || d.nextCursor !== cursor) return d;
        if (!result.ok) return { ...d, loadingMore: false, moreError: result.error };
        return { ...d, items: appendPage(d.items, result.data.items), nextCursor: result.data.nextCursor, loadingMore: false };
      });
    });
  }, [nextCursor, hub, key, filterKey, state]);

  const refetchShown = () => {
    const shown = current?.items.length ?? 0;
    if (!current || current.error) {
      setNonce((n) => n + 1);
      return;
    }
    void (async () => {
      const items: ConversationSummary[] = [];
      let cursor: string | null = null;
      do {
        const result: Result<InboxPage> = await hub.call('inbox.list', { ...toQuery(filter), cursor, limit: 200 });
        if (!result.ok) return;
        items.push(...result.data.items);
        cursor = result.data.nextCursor;
      } while (cursor && items.length < Math.max(shown, PAGE_SIZE));
      state.remember(items);
      setData((d) => (d && d.key === key ? { ...d, items: appendPage([], items), nextCursor: cursor, moreError: null } : d));
    })();
  };

  // conversation.changed is not sequenced: after a reconnect (or a resync the hub could not replay) the
  // list is fetched again.
  useOnReconnect(refetchShown);
  useDeskEvents(() => {}, refetchShown);

  const apply = useCallback(
    (changed: readonly ConversationSummary[]) => {
      setData((d) => {
        if (!d || d.key !== key || d.error) return d;
        let items = d.items;
        for (const c of changed) items = applyChange(items, c, filter, me.id, Boolean(d.nextCursor));
        return items === d.items ? d : { ...d, items };
      });
    },
    // filter is described by key
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, me.id],
  );

  useHubEvent('conversation.changed', (summaries) => apply(summaries));

  const reload = useCallback(() => setNonce((n) => n + 1), []);

  return {
    status: !current ? 'loading' : current.error ? 'error' : 'ready',
    // While a new filter loads, the previous rows stay (dimmed) instead of flashing away.
    items: current?.items ?? (data && !data.error ? data.items : []),
    hasMore: Boolean(current?.nextCursor),
    error: current?.error ?? null,
    loadingMore: current?.loadingMore ?? false,
    moreError: current?.moreError ?? null,
    loadMore,
    reload,
    applyChanged: apply,
  };
}
