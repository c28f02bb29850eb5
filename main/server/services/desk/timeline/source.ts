// What a timeline source is: one kind of event, read for one customer in keyset order. The timeline
// merges its sources' pages; adding a kind means writing a source and listing it in sources.ts.
import type { TimelineCursor, TimelineEventOf, TimelineKind } from '../../../../../common/domain/timeline.ts';
import type { Db } from '../../../db/client.ts';

export type Direction = 'older' | 'newer';

export interface TimelineSource<K extends TimelineKind> {
  kind: K;
  /**
   * Up to `limit` events of the customer strictly older (newest first) or strictly newer (oldest first)
   * than the cursor; from the newest or the oldest end when there is no cursor.
   */
  page(db: Db, customerId: string, direction: Direction, cursor: TimelineCursor | null, limit: number): Promise<Array<TimelineEventOf<K>>>;
}

/** The event id of a row: kind-prefixed, so ids of different kinds never collide and order stably. */
export const eventId = (kind: TimelineKind, rowId: string) => `${kind}:${rowId}`;

/**
 * The Prisma `where` for rows of `kind` on the far side of the cursor, ordered by (time column, event id).
 * Rows at the cursor's exact instant compare by event id, which for another kind is decided by the prefix.
 */
export function beyondCursor(kind: TimelineKind, timeField: string, cursor: TimelineCursor | null, direction: Direction): Record<string, unknown> {
  if (!cursor) return {};
  const at = new Date(cursor.at);
  const op = direction === 'older' ? 'lt' : 'gt';
  const prefix = `${kind}:`;
  const sameInstant = cursor.id.startsWith(prefix)
    ? { [timeField]: at, id: { [op]: cursor.id.slice(prefix.length) } }
    : // Another kind at the same instant: all of this kind's rows there are on one side, by prefix order.
      (direction === 'older') === prefix < cursor.id
      ? { [timeField]: at }
      : null;
  return { OR: [{ [timeField]: { [op]: at } }, ...(sameInstant ? [sameInstant] : [])] };
}

export function orderFor<F extends string>(timeField: F, direction: Direction): Array<Record<F, 'asc' | 'desc'> | { id: 'asc' | 'desc' }> {
  const dir = direction === 'older' ? 'desc' : 'asc';
  return [{ [timeField]: dir } as Record<F, 'asc' | 'desc'>, { id: dir }];
}
