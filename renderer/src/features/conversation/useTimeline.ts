// The customer's timeline as the pane sees it: opens at the live end (or at a message, or a date), pages
// older and newer with keyset cursors, takes live events, and catches up after a reconnect.
import { useCallback, useEffect, useLayoutEffect, useReducer, useRef, useState } from 'react';
import { openingPageLimit, TIMELINE_PAGE_SIZE, type OpenedTimeline, type TimelinePage } from '../../../../common/api/desk.ts';
import type { TimelineEvent } from '../../../../common/domain/timeline.ts';
import type { AppError, Result } from '../../../../common/result.ts';
import { useHub } from '../../app/context.tsx';
import { cursorOf, emptyTimeline, firstIndexAtOrAfter, timelineReducer, unreadDividerId, type TimelineAction, type TimelineState } from './timelineModel.ts';

/** What the list should scroll to after the next change. */
export type ScrollRequest =
  | { nonce: number; to: 'bottom' }
  | { nonce: number; to: 'event'; id: string; align: 'start' | 'center'; highlight: boolean };

export interface TimelineController {
  state: TimelineState;
  status: 'loading' | 'ready' | 'error';
  error: AppError | null;
  loadingOlder: boolean;
  loadingNewer: boolean;
  pagingError: AppError | null;
  dividerId: string | null;
  scroll: ScrollRequest | null;
  loadOlder: () => void;
  loadNewer: () => void;
  openLatest: () => void;
  jumpTo: (isoInstant: string) => void;
  /** A live event or one the agent just made; `follow` scrolls to it when the window is at the live end. */
  add: (event: TimelineEvent, follow?: boolean) => void;
  update: (event: TimelineEvent) => void;
  /** After a reconnect: fetch what was missed at the live end. */
  catchUp: () => void;
  retry: () => void;
}

interface Options {
  customerId: string;
  conversationId: string;
  /** Unread inbound messages of the conversation when it was opened (the "new messages" divider). */
  unreadOnOpen: number;
  /** Open at this message (a search result) instead of the live end. */
  focusMessageId: string | null;
  /** The first page as it came with the conversation (conversation.get): shown at once instead of fetched. */
  opening: OpenedTimeline | null;
}

type Target = (page: TimelinePage & { focusId?: string | null }) => Omit<ScrollRequest, 'nonce'> & { divider?: string | null };

/** Opened at the live end: scrolled to the "new messages" divider when something is unread, else to the bottom. */
const latestTarget =
  (conversationId: string, unreadOnOpen: number): Target =>
  (page) => {
    const divider = unreadDividerId(page.events, conversationId, unreadOnOpen);
    return divider ? { to: 'event', id: divider, align: 'start', highlight: false, divider } : { to: 'bottom', divider: null };
  };

/** Opened at a message: centred on it and highlighted. */
const focusTarget =
  (messageId: string): Target =>
  (page) => ({ to: 'event', id: page.focusId ?? `message:${messageId}`, align: 'center', highlight: true });

/** The window, divider and scroll of a timeline opened with the page that came with the conversation. */
function openedWith(opening: OpenedTimeline | null, { conversationId, unreadOnOpen, focusMessageId }: Omit<Options, 'opening' | 'customerId'>) {
  // The page must be the one this opening asks for (the hub opens at the newest events when the message is not there).
  if (!opening || opening.focusId !== (focusMessageId ? `message:${focusMessageId}` : null)) return null;
  const { divider, ...scrollTo } = (focusMessageId ? focusTarget(focusMessageId) : latestTarget(conversationId, unreadOnOpen))(opening);
  return {
    state: timelineReducer(emptyTimeline, { type: 'reset', page: opening }),
    divider: divider ?? null,
    scroll: { ...scrollTo, nonce: 1 } as ScrollRequest,
  };
}

export function useTimeline({ customerId, conversationId, unreadOnOpen, focusMessageId, opening }: Options): TimelineController {
  const hub = useHub();
  const [opened] = useState(() => openedWith(opening, { conversationId, unreadOnOpen, focusMessageId }));
  const [state, dispatch] = useReducer((s: TimelineState, a: TimelineAction) => timelineReducer(s, a), opened?.state ?? emptyTimeline);
  const stateRef = useRef(state);
  useLayoutEffect(() => {
    stateRef.current = state;
  }, [state]);
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>(opened ? 'ready' : 'loading');
  const [error, setError] = useState<AppError | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [loadingNewer, setLoadingNewer] = useState(false);
  const busy = useRef({ older: false, newer: false });
  const [pagingError, setPagingError] = useState<AppError | null>(null);
  const [dividerId, setDividerId] = useState<string | null>(opened?.divider ?? null);
  const [scroll, setScroll] = useState<ScrollRequest | null>(opened?.scroll ?? null);
  const nonce = useRef(opened ? 1 : 0);
  const request = useCallback((r: Omit<ScrollRequest, 'nonce'> & Partial<Pick<ScrollRequest, 'nonce'>>) => {
    nonce.current += 1;
    setScroll({ ...r, nonce: nonce.current } as ScrollRequest);
  }, []);
  /** Only the newest replace (open, jump) may land. */
  const openSeq = useRef(0);

  const land = useCallback(
    (seq: number, result: Result<TimelinePage & { focusId?: string }>, target: Target) => {
      if (seq !== openSeq.current) return;
      if (!result.ok) {
        if (stateRef.current.events.length === 0) {
          setStatus('error');
          setError(result.error);
        } else setPagingError(result.error);
        return;
      }
      busy.current = { older: false, newer: false };
      setLoadingOlder(false);
      setLoadingNewer(false);
      setPagingError(null);
      dispatch({ type: 'reset', page: result.data });
      setStatus('ready');
      setError(null);
      const { divider, ...scrollTo } = target(result.data);
      if (divider !== undefined) setDividerId(divider);
      request(scrollTo);
    },
    [request],
  );

  /**
   * Replace the window (open, jump): only the newest replace lands. `target` says where to scroll once it
   * is shown; its `divider` (when given) places the "new messages" divider.
   */
  const replace = useCallback(
    (loading: Promise<Result<TimelinePage & { focusId?: string }>>, target: Target) => {
      const seq = ++openSeq.current;
      void loading.then((result) => land(seq, result, target));
    },
    [land],
  );

  const openLatest = useCallback(() => {
    replace(
      hub.call('timeline.page', { customerId, limit: TIMELINE_PAGE_SIZE }),
      () => ({ to: 'bottom' }),
    );
  }, [hub, customerId, replace]);

  const jumpTo = useCallback(
    (isoInstant: string) => {
      replace(
        hub.call('timeline.page', { customerId, around: isoInstant, limit: TIMELINE_PAGE_SIZE }),
        (page) => {
          const target = page.events[firstIndexAtOrAfter(page.events, isoInstant)];
          return target ? { to: 'event', id: target.id, align: 'start', highlight: true } : { to: 'bottom' };
        },
      );
    },
    [hub, customerId, replace],
  );

  // Open: at the message asked for, else at the live end with the "new messages" divider. The first run
  // has nothing to fetch when the page came with the conversation; a retry or another message fetches.
  const [attempt, setAttempt] = useState(0);
  const openedAlready = useRef(opened !== null);
  useEffect(() => {
    if (openedAlready.current) {
      openedAlready.current = false;
      return;
    }
    if (focusMessageId) {
      replace(hub.call('timeline.atMessage', { messageId: focusMessageId, limit: TIMELINE_PAGE_SIZE }), focusTarget(focusMessageId));
      return;
    }
    replace(hub.call('timeline.page', { customerId, limit: openingPageLimit(unreadOnOpen) }), latestTarget(conversationId, unreadOnOpen));
    // unreadOnOpen is read once, when the conversation opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hub, customerId, conversationId, focusMessageId, replace, attempt]);

  const loadOlder = useCallback(() => {
    const current = stateRef.current;
    const first = current.events[0];
    if (!first || !current.hasOlder || busy.current.older) return;
    busy.current.older = true;
    setLoadingOlder(true);
    const generation = current.generation;
    void hub.call('timeline.page', { customerId, before: cursorOf(first), limit: TIMELINE_PAGE_SIZE }).then((result) => {
      if (stateRef.current.generation !== generation) return;
      busy.current.older = false;
      setLoadingOlder(false);
      if (!result.ok) return setPagingError(result.error);
      setPagingError(null);
      dispatch({ type: 'older', page: result.data, generation });
    });
  }, [hub, customerId]);

  const loadNewer = useCallback(() => {
    const current = stateRef.current;
    const last = current.events[current.events.length - 1];
    if (!last || !current.hasNewer || busy.current.newer) return;
    busy.current.newer = true;
    setLoadingNewer(true);
    const generation = current.generation;
    void hub.call('timeline.page', { customerId, after: cursorOf(last), limit: TIMELINE_PAGE_SIZE }).then((result) => {
      if (stateRef.current.generation !== generation) return;
      busy.current.newer = false;
      setLoadingNewer(false);
      if (!result.ok) return setPagingError(result.error);
      setPagingError(null);
      dispatch({ type: 'newer', page: result.data, generation });
    });
  }, [hub, customerId]);

  const catchUp = useCallback(() => {
    const current = stateRef.current;
    const last = current.events[current.events.length - 1];
    if (!last || current.hasNewer) return;
    const generation = current.generation;
    void hub.call('timeline.page', { customerId, after: cursorOf(last), limit: 200 }).then((result) => {
      if (!result.ok || stateRef.current.generation !== generation) return;
      // More was missed than one page: start again from the live end rather than leave a gap.
      if (result.data.hasNewer) openLatest();
      else dispatch({ type: 'newer', page: result.data, generation });
    });
  }, [hub, customerId, openLatest]);

  const add = useCallback(
    (event: TimelineEvent, follow = false) => {
      dispatch({ type: 'added', event });
      if (follow && !stateRef.current.hasNewer) request({ to: 'bottom' });
    },
    [request],
  );
  const update = useCallback((event: TimelineEvent) => dispatch({ type: 'updated', event }), []);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return {
    state,
    status,
    error,
    loadingOlder,
    loadingNewer,
    pagingError,
    dividerId,
    scroll,
    loadOlder,
    loadNewer,
    openLatest,
    jumpTo,
    add,
    update,
    catchUp,
    retry,
  };
}
