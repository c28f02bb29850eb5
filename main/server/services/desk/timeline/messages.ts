// Messages of every channel on the customer's timeline.
import { z } from 'zod';
import type { TimelineEventOf } from '../../../../../common/domain/timeline.ts';
import { Channel, MessageDirection, MessageStatus } from '../../../../../common/domain/enums.ts';
import type { Db } from '../../../db/client.ts';
import type { Message } from '../../../db/generated/client.ts';
import { beyondCursor, eventId, orderFor, type TimelineSource } from './source.ts';

/** The parts of a message's stored meta the timeline shows; anything else a channel keeps stays out. */
const ShownMeta = z
  .object({
    html: z.string().nullable().catch(null),
    remoteImages: z.number().int().nonnegative().catch(0),
    attachments: z.array(z.object({ fileName: z.string(), contentType: z.string(), size: z.number(), sha256: z.string() })).catch([]),
    deliveredVia: Channel.nullable().catch(null),
    automatic: z.unknown(),
  })
  .partial();

type MessageRow = Pick<Message, 'id' | 'conversationId' | 'customerId' | 'channel' | 'direction' | 'body' | 'subject' | 'status' | 'failureReason' | 'authorId' | 'meta' | 'createdAt'>;

export function messageEvent(row: MessageRow, authorName: string | null): TimelineEventOf<'message'> {
  let meta: z.infer<typeof ShownMeta> = {};
  try {
    const parsed = ShownMeta.safeParse(row.meta ? JSON.parse(row.meta) : {});
    if (parsed.success) meta = parsed.data;
  } catch {
    // Unreadable meta hides its extras, never the message.
  }
  return {
    kind: 'message',
    id: eventId('message', row.id),
    at: row.createdAt.toISOString(),
    customerId: row.customerId,
    payload: {
      messageId: row.id,
      conversationId: row.conversationId,
      channel: Channel.parse(row.channel),
      direction: MessageDirection.parse(row.direction),
      body: row.body,
      subject: row.subject,
      status: MessageStatus.parse(row.status),
      failureReason: row.failureReason,
      authorId: row.authorId,
      authorName,
      attachments: meta.attachments ?? [],
      html: meta.html ?? null,
      remoteImages: meta.remoteImages ?? 0,
      deliveredVia: meta.deliveredVia ?? null,
      automatic: meta.automatic !== undefined && meta.automatic !== null && meta.automatic !== false,
    },
  };
}

/** Display names of the agents who wrote these messages. */
export async function authorNames(db: Db, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, displayName: true } });
  return new Map(users.map((u) => [u.id, u.displayName]));
}

export async function messageEventById(db: Db, messageId: string): Promise<TimelineEventOf<'message'> | null> {
  const row = await db.message.findUnique({ where: { id: messageId } });
  if (!row) return null;
  return messageEvent(row, (await authorNames(db, [row.authorId])).get(row.authorId ?? '') ?? null);
}

export const messageSource: TimelineSource<'message'> = {
  kind: 'message',
  async page(db, customerId, direction, cursor, limit) {
    const rows = await db.message.findMany({
      where: { customerId, ...beyondCursor('message', 'createdAt', cursor, direction) },
      orderBy: orderFor('createdAt', direction),
      take: limit,
    });
    const names = await authorNames(db, rows.map((r) => r.authorId));
    return rows.map((row) => messageEvent(row, row.authorId ? (names.get(row.authorId) ?? null) : null));
  },
};
