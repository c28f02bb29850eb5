// Provider status callbacks move a message forward only: a late "delivered" never undoes "read", and
// "failed" cannot follow a confirmed delivery.
import { StatusUpdate } from '../../../../common/api/channels.ts';
import type { MessageStatus } from '../../../../common/domain/enums.ts';
import type { Db } from '../../db/client.ts';
import { notFound, ServiceError } from '../../errors.ts';
import type { Clock } from '../../jobs/clock.ts';

const RANK: Record<MessageStatus, number> = { received: 0, queued: 1, sent: 2, failed: 3, delivered: 4, read: 5 };

export interface AppliedStatus {
  messageId: string;
  conversationId: string;
  status: MessageStatus;
  changed: boolean;
}

export async function applyStatusUpdate(db: Db, input: StatusUpdate, clock: Clock): Promise<AppliedStatus> {
  const parsed = StatusUpdate.safeParse(input);
  if (!parsed.success) throw new ServiceError('BAD_REQUEST', `Invalid status update: ${parsed.error.issues[0]?.message ?? 'malformed'}`);
  const update = parsed.data;
  const message = await db.message.findUnique({
    where: { channel_providerMessageId: { channel: update.channel, providerMessageId: update.providerMessageId } },
  });
  if (!message) throw notFound('Message');
  const current = message.status as MessageStatus;
  const at = update.at ?? clock.now();
  if (RANK[update.status] <= RANK[current]) {
    return { messageId: message.id, conversationId: message.conversationId, status: current, changed: false };
  }
  await db.message.update({
    where: { id: message.id },
    data: {
      status: update.status,
      ...(update.status === 'sent' ? { sentAt: message.sentAt ?? at } : {}),
      ...(update.status === 'delivered' ? { deliveredAt: at } : {}),
      ...(update.status === 'read' ? { readAt: at, deliveredAt: message.deliveredAt ?? at } : {}),
      ...(update.status === 'failed' ? { failureReason: update.failureReason ?? 'failed' } : {}),
    },
  });
  return { messageId: message.id, conversationId: message.conversationId, status: update.status, changed: true };
}
