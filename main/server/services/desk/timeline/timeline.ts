// The customer timeline: every source's page merged into one order (oldest first), paged by keyset in
// both directions. Each source is asked for one more event than the page holds, which says whether
// there is more beyond it.
import type { z } from 'zod';
import { openingPageLimit, TIMELINE_PAGE_SIZE, type OpenedTimeline, type TimelinePage, type TimelineQuery } from '../../../../../common/api/desk.ts';
import { compareTimeline, type TimelineCursor, type TimelineEvent, type TimelineEventOf } from '../../../../../common/domain/timeline.ts';
import type { Db } from '../../../db/client.ts';
import { ServiceError } from '../../../errors.ts';
import { audit } from '../../audit/audit.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { messageEventById } from './messages.ts';
import type { Direction } from './source.ts';
import { timelineSources } from './sources.ts';

type ParsedQuery = z.output<typeof TimelineQuery>;

async function slice(db: Db, customerId: string, direction: Direction, cursor: TimelineCursor | null, limit: number): Promise<{ events: TimelineEvent[]; more: boolean }> {
  const pages = await Promise.all(Object.values(timelineSources).map((source) => source.page(db, customerId, direction, cursor, limit + 1)));
  const merged = (pages.flat() as TimelineEvent[]).sort(compareTimeline);
  if (direction === 'older') {
    // The newest `limit` of everything older than the cursor.
    return { events: merged.slice(Math.max(0, merged.length - limit)), more: merged.length > limit };
  }
  return { events: merged.slice(0, limit), more: merged.length > limit };
}

async function ensureCustomer(db: Db, customerId: string): Promise<void> {
  const customer = await db.customer.findUnique({ where: { id: customerId }, select: { id: true } });
  if (!customer) throw new ServiceError('NOT_FOUND', 'Customer not found');
}

export async function timelinePage(db: Db, viewer: Viewer, query: ParsedQuery): Promise<TimelinePage> {
  await ensureCustomer(db, query.customerId);
  const { customerId, limit } = query;
  if (!query.before && !query.after && !query.around) {
    // Opening a timeline reads the customer's history: audited once per opening, not per page.
    await audit(db, viewer, { action: 'customer.timeline.read', subjectType: 'customer', subjectId: customerId });
  }
  if (query.before) {
    const { events, more } = await slice(db, customerId, 'older', query.before, limit);
    return { events, hasOlder: more, hasNewer: true };
  }
  if (query.after) {
    const { events, more } = await slice(db, customerId, 'newer', query.after, limit);
    return { events, hasOlder: true, hasNewer: more };
  }
  if (query.around) return around(db, customerId, { at: new Date(query.around).toISOString(), id: '' }, limit);
  const { events, more } = await slice(db, customerId, 'older', null, limit);
  return { events, hasOlder: more, hasNewer: false };
}

/** The page around a position: half older, the event at it (when there is one), the rest newer. */
async function around(db: Db, customerId: string, position: TimelineCursor, limit: number, at: TimelineEvent | null = null): Promise<TimelinePage> {
  const olderCount = Math.floor(limit / 2);
  const [older, newer] = await Promise.all([
    slice(db, customerId, 'older', position, olderCount),
    slice(db, customerId, 'newer', position, limit - olderCount - (at ? 1 : 0)),
  ]);
  return { events: [...older.events, ...(at ? [at] : []), ...newer.events], hasOlder: older.more, hasNewer: newer.more };
}

/** The timeline opened at one message (a search result). */
export async function timelineAtMessage(db: Db, viewer: Viewer, messageId: string, limit: number): Promise<TimelinePage & { customerId: string; focusId: string }> {
  const focus = await messageEventById(db, messageId);
  if (!focus) throw new ServiceError('NOT_FOUND', 'Message not found');
  return { ...(await pageAtFocus(db, viewer, focus, limit)), customerId: focus.customerId };
}

async function pageAtFocus(db: Db, viewer: Viewer, focus: TimelineEventOf<'message'>, limit: number): Promise<TimelinePage & { focusId: string }> {
  await audit(db, viewer, { action: 'customer.timeline.read', subjectType: 'customer', subjectId: focus.customerId, details: { messageId: focus.payload.messageId } });
  const page = await around(db, focus.customerId, { at: focus.at, id: focus.id }, limit, focus);
  return { ...page, focusId: focus.id };
}

/**
 * The timeline a conversation opens with (conversation.get): around the message asked for, else the newest
 * events reaching back to the conversation's first unread message. A message that is not this customer's
 * (or no longer exists) gives the newest events with no focus; the desk then asks timeline.atMessage, which
 * reports why.
 */
export async function openingTimeline(db: Db, viewer: Viewer, customerId: string, unread: number, atMessageId: string | null): Promise<OpenedTimeline> {
  const focus = atMessageId ? await messageEventById(db, atMessageId) : null;
  if (focus && focus.customerId === customerId) return pageAtFocus(db, viewer, focus, TIMELINE_PAGE_SIZE);
  return { ...(await timelinePage(db, viewer, { customerId, limit: openingPageLimit(unread) })), focusId: null };
}
