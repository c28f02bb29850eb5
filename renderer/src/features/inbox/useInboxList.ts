// The conversation list: keyset pages appended as the agent scrolls, moved live by `conversation.changed`
// (a row goes to its place, or in or out of the view), refetched after a reconnect or a resync reload (as
// many rows as were loaded, so the scroll position still makes sense).
import { useCallback } from 'react';
import type { ConversationSummary } from '../../../../common/api/desk.ts';
import { useHub, useHubEvent, useMe } from '../../app/context.tsx';
import { useDeskEvents } from '../../app/deskEvents.ts';
import { useInboxState } from '../../app/inboxState.ts';
import { useKeysetList, type KeysetList } from '../../app/useKeysetList.ts';
import { applyChange, toQuery, type InboxFilterState } from './inboxModel.ts';

export const PAGE_SIZE = 50;

export interface InboxList extends KeysetList<ConversationSummary> {
  /** Apply conversations the desk already has fresh copies of (the answer to a bulk action). */
  applyChanged: (changed: readonly ConversationSummary[]) => void;
}

export function useInboxList(filter: InboxFilterState): InboxList {
  const hub = useHub();
  const me = useMe();
  const state = useInboxState();
  const filterKey = JSON.stringify(toQuery(filter));
  const list = useKeysetList<ConversationSummary>(
    filterKey,
    (cursor, limit) => hub.call('inbox.list', { ...toQuery(filter), cursor, limit }),
    { pageSize: PAGE_SIZE, onItems: (items) => state.remember(items) },
  );
  const { update, refetchShown } = list;

  // conversation.changed is not sequenced: after a resync the hub could not replay, the list is fetched
  // again (after a reconnect the keyset list does that itself).
  useDeskEvents(() => {}, refetchShown);

  const apply = useCallback(
    (changed: readonly ConversationSummary[]) =>
      update((items, hasMore) => {
        let next = items;
        for (const c of changed) next = applyChange(next, c, filter, me.id, hasMore);
        return next;
      }),
    // filter is described by filterKey
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [update, filterKey, me.id],
  );

  useHubEvent('conversation.changed', (summaries) => apply(summaries));

  return { ...list, applyChanged: apply };
}
