// The inbox's pure logic: which conversations a view and filter show, their order, where a changed
// conversation goes in the loaded list, snooze presets and durations. The hub decides the same on its side;
// the desk applies it to pushes so a conversation moves without reloading the list.
import type { ConversationSummary, InboxFilter, InboxSort } from '../../../../common/api/desk.ts';
import type { Channel, ConversationStatus } from '../../../../common/domain/enums.ts';

/** The filter as the inbox holds it (every field present). */
export interface InboxFilterState {
  view: string;
  status: ConversationStatus;
  channel: Channel | null;
  tag: string | null;
  storeId: string | null;
  waitingMinutes: number | null;
  sort: InboxSort;
}

export const defaultFilter: InboxFilterState = {
  view: 'all',
  status: 'open',
  channel: null,
  tag: null,
  storeId: null,
  waitingMinutes: null,
  sort: 'last_activity',
};

/** The query for `inbox.list` (without paging). */
export function toQuery(filter: InboxFilterState): InboxFilter {
  return {
    view: filter.view,
    status: filter.status,
    channel: filter.channel,
    tag: filter.tag,
    storeId: filter.storeId,
    waitingMinutes: filter.waitingMinutes,
    sort: filter.sort,
  };
}

export function inView(c: ConversationSummary, view: string, meId: string): boolean {
  if (view === 'mine') return c.assigneeId === meId;
  if (view === 'unassigned') return c.assigneeId === null;
  if (view.startsWith('team:')) return c.teamId === view.slice('team:'.length);
  return true;
}

export function matchesFilter(c: ConversationSummary, filter: InboxFilterState, meId: string, now: number = Date.now()): boolean {
  if (!inView(c, filter.view, meId)) return false;
  if (c.status !== filter.status) return false;
  if (filter.channel && c.channel !== filter.channel) return false;
  if (filter.tag && !c.tags.includes(filter.tag.trim().toLowerCase())) return false;
  if (filter.storeId && c.storeId !== filter.storeId) return false;
  if (filter.waitingMinutes) {
    if (!c.waitingSince) return false;
    if (now - Date.parse(c.waitingSince) < filter.waitingMinutes * 60_000) return false;
  }
  return true;
}

/** The list order: newest activity first, or the longest waiting first (not waiting last). */
export function compareConversations(a: ConversationSummary, b: ConversationSummary, sort: InboxSort): number {
  if (sort === 'longest_waiting') {
    const aw = a.waitingSince;
    const bw = b.waitingSince;
    if (aw !== bw) {
      if (aw === null) return 1;
      if (bw === null) return -1;
      return aw < bw ? -1 : 1;
    }
  }
  if (a.lastActivityAt !== b.lastActivityAt) return a.lastActivityAt > b.lastActivityAt ? -1 : 1;
  return a.id > b.id ? -1 : a.id < b.id ? 1 : 0;
}

/**
 * Apply a changed conversation to the loaded rows: it leaves the list when it no longer matches, and
 * otherwise goes to its place. When more pages remain, a conversation whose place is past the last loaded
 * row is left out (it arrives with its page).
 */
export function applyChange(
  items: readonly ConversationSummary[],
  changed: ConversationSummary,
  filter: InboxFilterState,
  meId: string,
  hasMore: boolean,
  now: number = Date.now(),
): ConversationSummary[] {
  const previous = items.find((c) => c.id === changed.id);
  // An older copy (pushes and answers can cross) never replaces a newer one.
  if (previous && previous.lastActivityAt > changed.lastActivityAt) return items as ConversationSummary[];
  const rest = items.filter((c) => c.id !== changed.id);
  if (!matchesFilter(changed, filter, meId, now)) return rest;
  let index = rest.findIndex((c) => compareConversations(changed, c, filter.sort) < 0);
  if (index === -1) {
    if (hasMore && rest.length > 0) return rest;
    index = rest.length;
  }
  return [...rest.slice(0, index), changed, ...rest.slice(index)];
}

// ── Snooze ───────────────────────────────────────────────────────────────────────────────────────────

export type SnoozePreset = 'hour' | 'tomorrow' | 'monday';

/** In an hour; tomorrow at 9:00; next Monday at 9:00 (a week on, when today is Monday) — local time. */
export function snoozeUntil(preset: SnoozePreset, now: Date = new Date()): Date {
  if (preset === 'hour') return new Date(now.getTime() + 60 * 60_000);
  const at = new Date(now);
  at.setHours(9, 0, 0, 0);
  if (preset === 'tomorrow') {
    at.setDate(at.getDate() + 1);
    return at;
  }
  const day = now.getDay(); // 0 Sunday … 6 Saturday
  const ahead = ((8 - day) % 7) || 7;
  at.setDate(at.getDate() + ahead);
  return at;
}

/** `<input type="datetime-local">` value for a Date, in local time. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

// ── Durations ────────────────────────────────────────────────────────────────────────────────────────

/** A duration split for display: days, hours, minutes, seconds (whole, non-negative). */
export function splitDuration(ms: number): { d: number; h: number; m: number; s: number } {
  const total = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  return { d: Math.floor(total / 86_400), h: Math.floor((total % 86_400) / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 };
}

/** Tags typed as "vip, delivery  refund" → ["vip", "delivery", "refund"]. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\s]+/)
        .map((t) => t.trim().toLowerCase())
        .filter((t) => t.length > 0 && t.length <= 50),
    ),
  ];
}
