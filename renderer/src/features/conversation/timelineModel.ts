// The loaded part of a customer's timeline as a pure reducer: keyset pages in both directions, live
// events, status updates, and a bounded window (a 100k-event history never lives in memory at once:
// loading older pages drops the newest ones and the other way round; they are fetched again on demand).
import type { TimelinePage } from '../../../../common/api/desk.ts';
import { compareTimeline, type TimelineCursor, type TimelineEvent } from '../../../../common/domain/timeline.ts';

/** The most events kept loaded; a page is 50, so this is a dozen pages either side of what is on screen. */
export const MAX_LOADED_EVENTS = 600;

export interface TimelineState {
  /** Oldest first, no duplicates. */
  events: TimelineEvent[];
  hasOlder: boolean;
  /** False: the newest loaded event is the newest there is (the live end), so live events append. */
  hasNewer: boolean;
  /** Bumped whenever the window is replaced (open, jump to a date or a message): late pages are dropped. */
  generation: number;
}

export type TimelineAction =
  | { type: 'reset'; page: TimelinePage }
  | { type: 'older'; page: TimelinePage; generation: number }
  | { type: 'newer'; page: TimelinePage; generation: number }
  /** A live or own event (timeline.added, a sent reply, a note). */
  | { type: 'added'; event: TimelineEvent }
  /** A changed event (timeline.updated: delivery status): replaced where it is, ignored when not loaded. */
  | { type: 'updated'; event: TimelineEvent };

export const emptyTimeline: TimelineState = { events: [], hasOlder: false, hasNewer: false, generation: 0 };

export const cursorOf = (event: TimelineEvent): TimelineCursor => ({ at: event.at, id: event.id });

/** Merge two sorted lists by timeline order, the second one's copy winning on equal ids. */
function merge(a: TimelineEvent[], b: TimelineEvent[]): TimelineEvent[] {
  const byId = new Map<string, TimelineEvent>();
  for (const event of a) byId.set(event.id, event);
  for (const event of b) byId.set(event.id, event);
  return [...byId.values()].sort(compareTimeline);
}

export function timelineReducer(state: TimelineState, action: TimelineAction, max = MAX_LOADED_EVENTS): TimelineState {
  switch (action.type) {
    case 'reset': {
      const events = merge([], action.page.events);
      return { events, hasOlder: action.page.hasOlder, hasNewer: action.page.hasNewer, generation: state.generation + 1 };
    }
    case 'older': {
      if (action.generation !== state.generation) return state;
      const events = merge(action.page.events, state.events);
      let hasNewer = state.hasNewer;
      let kept = events;
      if (events.length > max) {
        // Keep the older end (where the agent is scrolling); the newest events are fetched again when needed.
        kept = events.slice(0, max);
        hasNewer = true;
      }
      return { ...state, events: kept, hasOlder: action.page.hasOlder, hasNewer };
    }
    case 'newer': {
      if (action.generation !== state.generation) return state;
      const events = merge(state.events, action.page.events);
      let hasOlder = state.hasOlder;
      let kept = events;
      if (events.length > max) {
        kept = events.slice(events.length - max);
        hasOlder = true;
      }
      return { ...state, events: kept, hasNewer: action.page.hasNewer, hasOlder };
    }
    case 'added': {
      const { event } = action;
      const existing = state.events.findIndex((e) => e.id === event.id);
      if (existing >= 0) return replaceAt(state, existing, event);
      const first = state.events[0];
      const last = state.events[state.events.length - 1];
      // Outside the loaded window: paging brings it when the agent gets there.
      if (first && state.hasOlder && compareTimeline(event, first) < 0) return state;
      if (last && state.hasNewer && compareTimeline(event, last) > 0) return state;
      let events = merge(state.events, [event]);
      let hasOlder = state.hasOlder;
      if (events.length > max) {
        events = events.slice(events.length - max);
        hasOlder = true;
      }
      return { ...state, events, hasOlder };
    }
    case 'updated': {
      const index = state.events.findIndex((e) => e.id === action.event.id);
      return index >= 0 ? replaceAt(state, index, action.event) : state;
    }
  }
}

function replaceAt(state: TimelineState, index: number, event: TimelineEvent): TimelineState {
  const events = state.events.slice();
  events[index] = event;
  // An event whose time changed (rare: a queued send stamped when it left) moves to its place.
  const prev = events[index - 1];
  const next = events[index + 1];
  if ((prev && compareTimeline(prev, event) > 0) || (next && compareTimeline(event, next) > 0)) events.sort(compareTimeline);
  return { ...state, events };
}

/** Would a live event land in the loaded window (so it shows), or beyond its newer end (so it waits)? */
export function isBeyondNewerEnd(state: TimelineState, event: TimelineEvent): boolean {
  const last = state.events[state.events.length - 1];
  return state.hasNewer && !!last && compareTimeline(event, last) > 0;
}

/**
 * Where the "new messages" divider goes: before the oldest of the last `unread` inbound messages of the
 * conversation among the loaded events; null when nothing is unread or they are not loaded.
 */
export function unreadDividerId(events: TimelineEvent[], conversationId: string, unread: number): string | null {
  if (unread <= 0) return null;
  let seen = 0;
  for (let i = events.length - 1; i >= 0; i -= 1) {
    const event = events[i]!;
    if (event.kind === 'message' && event.payload.conversationId === conversationId && event.payload.direction === 'inbound') {
      seen += 1;
      if (seen === unread) return event.id;
    }
  }
  // Fewer inbound messages loaded than unread: everything loaded is new.
  return seen > 0 ? (events[0]?.id ?? null) : null;
}

/** The first loaded event at or after an instant (the target of "jump to a date"). */
export function firstIndexAtOrAfter(events: TimelineEvent[], iso: string): number {
  const at = new Date(iso).getTime();
  const index = events.findIndex((event) => new Date(event.at).getTime() >= at);
  return index >= 0 ? index : events.length - 1;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an event in a time zone ("2026-11-23"), for day separators. */
export function dayKey(iso: string, timeZone?: string): string {
  const zone = timeZone ?? '';
  let format = dayFormats.get(zone);
  if (!format) dayFormats.set(zone, (format = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone })));
  return format.format(new Date(iso));
}
