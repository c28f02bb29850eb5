// What several parts of the desk know about the inbox, kept once per hub connection: the counts per view
// (the inbox sidebar and the Inbox nav badge) and who each conversation is assigned to (notifications).
// Counts are refreshed on `conversation.changed` (coalesced), after a reconnect and on a resync reload.
import { useEffect, useSyncExternalStore } from 'react';
import type { ConversationSummary, InboxCounts } from '../../../common/api/desk.ts';
import type { AppError } from '../../../common/result.ts';
import { useHub } from './context.tsx';
import { deskEventsOf } from './deskEvents.ts';
import type { HubClient } from './hub.ts';

export interface CountsSnapshot {
  counts: InboxCounts | null;
  error: AppError | null;
}

/** Coalesce bursts of conversation.changed (a bulk action moves hundreds) into one counts request. */
export const COUNTS_DEBOUNCE_MS = 250;

export interface InboxStateSource {
  call: HubClient['call'];
  on: HubClient['on'];
  onReconnect: HubClient['onReconnect'];
}

export class InboxState {
  private snapshot: CountsSnapshot = { counts: null, error: null };
  private readonly listeners = new Set<() => void>();
  private readonly known = new Map<string, { assigneeId: string | null; customerName: string }>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private watchers = 0;
  private generation = 0;
  private readonly detach: Array<() => void>;

  constructor(private readonly source: InboxStateSource) {
    this.detach = [
      source.on('conversation.changed', (summaries) => {
        for (const summary of summaries) this.known.set(summary.id, { assigneeId: summary.assigneeId, customerName: summary.customerName });
        this.scheduleRefresh();
      }),
      source.onReconnect(() => this.refreshNow()),
    ];
  }

  getCounts = (): CountsSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Someone shows the counts: fetch them now and keep them fresh while watched. */
  watch(): () => void {
    this.watchers++;
    if (this.watchers === 1) this.refreshNow();
    return () => {
      this.watchers--;
    };
  }

  /** The assignee of a conversation as last seen in a list or a push; undefined when never seen. */
  assigneeOf(conversationId: string): string | null | undefined {
    return this.known.get(conversationId)?.assigneeId;
  }

  customerNameOf(conversationId: string): string | undefined {
    return this.known.get(conversationId)?.customerName;
  }

  remember(conversations: readonly ConversationSummary[]): void {
    for (const c of conversations) this.known.set(c.id, { assigneeId: c.assigneeId, customerName: c.customerName });
  }

  scheduleRefresh(): void {
    if (this.watchers === 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refreshNow(), COUNTS_DEBOUNCE_MS);
  }

  refreshNow(): void {
    if (this.watchers === 0) return;
    clearTimeout(this.timer);
    const generation = ++this.generation;
    void this.source.call('inbox.counts', { status: 'open' }).then((result) => {
      if (generation !== this.generation) return;
      // A failed background refresh keeps the counts already shown.
      if (result.ok) this.set({ counts: result.data, error: null });
      else if (!this.snapshot.counts) this.set({ counts: null, error: result.error });
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const undo of this.detach) undo();
  }

  private set(next: CountsSnapshot) {
    this.snapshot = next;
    for (const listener of [...this.listeners]) listener();
  }
}

const states = new WeakMap<HubClient, InboxState>();

export function inboxStateOf(hub: HubClient): InboxState {
  let state = states.get(hub);
  if (!state) {
    const created = new InboxState({ call: hub.call, on: hub.on.bind(hub), onReconnect: hub.onReconnect.bind(hub) });
    deskEventsOf(hub).subscribe(
      () => {},
      () => created.refreshNow(),
    );
    states.set(hub, (state = created));
  }
  return state;
}

export function useInboxState(): InboxState {
  return inboxStateOf(useHub());
}

/** Open and unread conversations per view, kept fresh. */
export function useInboxCounts(): CountsSnapshot & { unreadOf: (view: string) => number; openOf: (view: string) => number; refresh: () => void } {
  const state = useInboxState();
  useEffect(() => state.watch(), [state]);
  const snapshot = useSyncExternalStore(state.subscribe, state.getCounts);
  const find = (view: string) => snapshot.counts?.views.find((v) => v.view === view);
  return {
    ...snapshot,
    unreadOf: (view) => find(view)?.unread ?? 0,
    openOf: (view) => find(view)?.open ?? 0,
    refresh: () => state.refreshNow(),
  };
}
