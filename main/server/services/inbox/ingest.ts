// Ingest: one inbound message from any channel, stored exactly once and on the right customer.
// The (channel, provider message id) unique key makes webhook retries and replays create nothing twice;
// the caller acknowledges the provider only after this resolves, i.e. after the commit.
import { InboundMessage, MAX_BODY_LENGTH } from '../../../../common/api/channels.ts';
import { normalizeIdentity } from '../../../../common/domain/contacts.ts';
import { customerSearchName } from '../../../../common/domain/text.ts';
import type { Db } from '../../db/client.ts';
import { ServiceError } from '../../errors.ts';
import type { Clock } from '../../jobs/clock.ts';

export interface IngestResult {
  messageId: string;
  conversationId: string;
  customerId: string;
  duplicate: boolean;
  /** A profile was created for a sender no identity matched. */
  newCustomer: boolean;
}

const TRUNCATION_MARK = '\n[…]';

/** NUL breaks SQLite text handling and every terminal; zero-width and RTL marks are real text and stay. */
function cleanBody(body: string): { body: string; truncatedFrom?: number } {
  const text = body.replaceAll('\u0000', '');
  if (text.length <= MAX_BODY_LENGTH) return { body: text };
  return { body: text.slice(0, MAX_BODY_LENGTH - TRUNCATION_MARK.length) + TRUNCATION_MARK, truncatedFrom: text.length };
}

function nameFrom(displayName: string | undefined, fallback: string) {
  const parts = (displayName ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return { firstName: '', lastName: fallback };
  if (parts.length === 1) return { firstName: parts[0]!, lastName: '' };
  // «Иван Петров» as senders sign: first name first.
  return { firstName: parts[0]!, lastName: parts.slice(1).join(' ') };
}

const isUniqueViolation = (error: unknown) =>
  (error as { code?: string }).code === 'P2002' || /UNIQUE constraint failed/.test(String((error as Error).message));

export async function ingestInbound(db: Db, input: InboundMessage, clock: Clock): Promise<IngestResult> {
  const parsed = InboundMessage.safeParse(input);
  if (!parsed.success) throw new ServiceError('BAD_REQUEST', `Invalid inbound message: ${parsed.error.issues[0]?.message ?? 'malformed'}`);
  const msg = parsed.data;
  const normalized = normalizeIdentity(msg.from.kind, msg.from.value);
  if (!normalized) throw new ServiceError('BAD_REQUEST', `Invalid sender ${msg.from.kind}: ${msg.from.value.slice(0, 80)}`);
  const { body, truncatedFrom } = cleanBody(msg.body);
  if (body.trim() === '' && msg.attachments.length === 0 && msg.content.length === 0) {
    throw new ServiceError('BAD_REQUEST', 'Empty message: no text, attachments or other content');
  }

  const existing = async () => {
    const m = await db.message.findUnique({ where: { channel_providerMessageId: { channel: msg.channel, providerMessageId: msg.providerMessageId } } });
    return m ? { messageId: m.id, conversationId: m.conversationId, customerId: m.customerId, duplicate: true, newCustomer: false } : null;
  };
  const seen = await existing();
  if (seen) return seen;

  const now = clock.now();
  const sentAt = msg.sentAt ?? now;
  try {
    return await db.$transaction(async (tx) => {
      let identity = await tx.contactIdentity.findUnique({ where: { kind_normalized: { kind: msg.from.kind, normalized } } });
      let newCustomer = false;
      if (!identity && msg.automatic) {
        // An auto-reply or bounce from an address we do not know is not a customer.
        throw new ServiceError('BAD_REQUEST', `Automatic message from an unknown sender ${normalized}: not stored`);
      }
      if (!identity) {
        const name = nameFrom(msg.from.displayName, msg.from.value);
        const customer = await tx.customer.create({ data: { ...name, searchName: customerSearchName(name) } });
        // The sender just wrote from this address or number: they control it.
        identity = await tx.contactIdentity.create({
          data: { customerId: customer.id, kind: msg.from.kind, rawValue: msg.from.value, normalized, verified: true },
        });
        newCustomer = true;
      }
      const customerId = identity.customerId;
      // STOP / СТОП / ОТПИСКА: the customer withdrew marketing consent for this contact (152-FZ).
      if (msg.meta.optOut === true && !identity.optedOut) {
        identity = await tx.contactIdentity.update({ where: { id: identity.id }, data: { optedOut: true } });
      }

      let conversation = await tx.conversation.findFirst({
        // Automatic mail joins the latest conversation whatever its status, and never opens one.
        where: { customerId, ...(msg.automatic ? {} : { status: { not: 'resolved' } }) },
        orderBy: { lastActivityAt: 'desc' },
      });
      conversation ??= await tx.conversation.create({
        data: msg.automatic
          ? { customerId, channel: msg.channel, subject: msg.subject ?? null, status: 'resolved', lastActivityAt: sentAt }
          : { customerId, channel: msg.channel, subject: msg.subject ?? null, status: 'open', lastActivityAt: sentAt, waitingSince: sentAt },
      });

      const meta = { ...msg.meta, threadKeys: msg.threadKeys, attachments: msg.attachments, content: msg.content, ...(truncatedFrom ? { truncatedFrom } : {}) };
      const message = await tx.message.create({
        data: {
          conversationId: conversation.id,
          customerId,
          channel: msg.channel,
          channelAccountId: msg.channelAccountId,
          direction: 'inbound',
          body,
          subject: msg.subject ?? null,
          providerMessageId: msg.providerMessageId,
          status: 'received',
          meta: JSON.stringify(meta),
          sentAt,
          createdAt: now,
        },
      });
      if (msg.automatic) return { messageId: message.id, conversationId: conversation.id, customerId, duplicate: false, newCustomer };
      // A new message from the customer reopens a pending or snoozed conversation and starts the wait.
      await tx.conversation.update({
        where: { id: conversation.id },
        data: {
          status: 'open',
          snoozedUntil: null,
          lastActivityAt: now,
          unreadCount: { increment: 1 },
          waitingSince: conversation.waitingSince ?? sentAt,
        },
      });
      return { messageId: message.id, conversationId: conversation.id, customerId, duplicate: false, newCustomer };
    });
  } catch (error) {
    // Two deliveries of the same message raced: the other one committed it.
    if (isUniqueViolation(error)) {
      const raced = await existing();
      if (raced) return raced;
    }
    throw error;
  }
}
