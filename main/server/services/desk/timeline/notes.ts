// Private notes agents leave in the customer's conversations.
import type { TimelineEventOf } from '../../../../../common/domain/timeline.ts';
import type { Note } from '../../../db/generated/client.ts';
import { beyondCursor, eventId, orderFor, type TimelineSource } from './source.ts';

export function noteEvent(row: Note, authorName: string): TimelineEventOf<'note'> {
  return {
    kind: 'note',
    id: eventId('note', row.id),
    at: row.createdAt.toISOString(),
    customerId: row.customerId,
    payload: { noteId: row.id, conversationId: row.conversationId, authorId: row.authorId, authorName, body: row.body },
  };
}

export const noteSource: TimelineSource<'note'> = {
  kind: 'note',
  async page(db, customerId, direction, cursor, limit) {
    const rows = await db.note.findMany({
      where: { customerId, ...beyondCursor('note', 'createdAt', cursor, direction) },
      orderBy: orderFor('createdAt', direction),
      take: limit,
      include: { author: { select: { displayName: true } } },
    });
    return rows.map((row) => noteEvent(row, row.author.displayName));
  },
};
