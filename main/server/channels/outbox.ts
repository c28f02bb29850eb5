// The durable outbox: an outbound message is stored (status queued) together with its send job in one
// transaction, so nothing is lost if the hub stops before sending. The job sends through the channel's
// adapter within the provider's rate, retries with backoff, and marks the message failed with the
// provider's reason after the last attempt. Our message id travels as the idempotency key, so a send
// retried after a crash is deduplicated by providers that support it.
import { z } from 'zod';
import type { Channel, IdentityKind } from '../../../common/domain/enums.ts';
import type { Db } from '../db/client.ts';
import { ServiceError } from '../errors.ts';
import type { Clock } from '../jobs/clock.ts';
import { enqueue, type JobKind, type JobSpec } from '../jobs/scheduler.ts';
import { safeFileName, type AttachmentStore } from '../services/attachments/store.ts';
import { PermanentSendError, RetryLaterError, type ChannelAdapter, type ForwardRequest, type OutboundAttachment } from './contract.ts';

/** A file of an outbound message as its meta lists it (uploaded to the store before the send). */
export interface OutboundFileRef {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

const StoredFiles = z.array(z.object({ fileName: z.string(), contentType: z.string(), size: z.number(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })).catch([]);

export const OutboxSend: JobSpec<{ messageId: string }> = {
  kind: 'outbox.send',
  payload: z.object({ messageId: z.string().min(1) }),
  maxAttempts: 6,
};

/** Which identity of the customer a channel sends to. */
export const IDENTITY_FOR_CHANNEL: Record<Channel, IdentityKind | null> = {
  email: 'email',
  sms: 'phone',
  telegram: 'telegram',
  webchat: 'webchat',
  api: null,
};

export interface QueueOutboundInput {
  conversationId: string;
  channel: Channel;
  body: string;
  subject?: string;
  authorId: string | null;
  /** The desk's id for this send: a repeat (a resend after a reconnect) returns the stored message. */
  clientId?: string;
  /** Files already in the hub's store (the caller checked the channel carries them); listed in the meta. */
  attachments?: OutboundFileRef[];
}

export async function queueOutbound(db: Db, input: QueueOutboundInput, clock: Clock): Promise<{ messageId: string; duplicate: boolean }> {
  const kind = IDENTITY_FOR_CHANNEL[input.channel];
  if (!kind) throw new ServiceError('BAD_REQUEST', `Replies cannot be sent over ${input.channel}`);
  const files = (input.attachments ?? []).map((file) => ({ ...file, fileName: safeFileName(file.fileName) }));
  if (input.body.trim() === '' && files.length === 0) throw new ServiceError('BAD_REQUEST', 'The message is empty', [{ path: 'body', message: 'required' }]);
  return db.$transaction(async (tx) => {
    if (input.clientId) {
      const earlier = await tx.message.findUnique({ where: { clientId: input.clientId }, select: { id: true, conversationId: true } });
      if (earlier?.conversationId === input.conversationId) return { messageId: earlier.id, duplicate: true };
      if (earlier) throw new ServiceError('CONFLICT', 'This send id was already used for another conversation');
    }
    const conversation = await tx.conversation.findUnique({ where: { id: input.conversationId } });
    if (!conversation) throw new ServiceError('NOT_FOUND', 'Conversation not found');
    const identities = await tx.contactIdentity.findMany({
      where: { customerId: conversation.customerId, kind, blocked: false },
      orderBy: [{ preferred: 'desc' }, { updatedAt: 'desc' }],
    });
    const to = identities[0];
    if (!to) throw new ServiceError('BAD_REQUEST', `The customer has no ${kind} to send to over ${input.channel}`);
    const now = clock.now();
    const message = await tx.message.create({
      data: {
        conversationId: conversation.id,
        customerId: conversation.customerId,
        channel: input.channel,
        direction: 'outbound',
        body: input.body,
        subject: input.subject ?? null,
        authorId: input.authorId,
        clientId: input.clientId ?? null,
        status: 'queued',
        meta: JSON.stringify({ to: to.normalized, ...(files.length > 0 ? { attachments: files } : {}) }),
        createdAt: now,
      },
    });
    await tx.conversation.update({
      where: { id: conversation.id },
      data: { lastActivityAt: now, firstResponseAt: conversation.firstResponseAt ?? now, waitingSince: null, unreadCount: 0 },
    });
    await enqueue(tx, OutboxSend, { messageId: message.id }, clock, { dedupeKey: `send:${message.id}` });
    return { messageId: message.id, duplicate: false };
  });
}

export interface OutboxDeps {
  db: Db;
  clock: Clock;
  adapters: Partial<Record<Channel, ChannelAdapter<unknown>>>;
  /** The enabled account a channel sends from, with its validated config; null when none is set up. */
  accountFor(channel: Channel): Promise<{ id: string; config: unknown } | null>;
  /** Told after every status change of an outbound message (the hub pushes it to desks). */
  onStatus(change: { messageId: string; conversationId: string; status: 'sent' | 'failed'; failureReason?: string; deliveredVia?: Channel }): void;
  /** Where attached files are read from; without it a message with files fails. */
  attachments?: AttachmentStore;
  /** A signed relative URL for a file, for channels that send links rather than bytes (web chat). */
  linkFor?(file: { sha256: string; fileName: string }, sub: string, ttlMs: number): string;
}

/** Spaces sends per account to the provider's allowed rate; a send too early is retried when due. */
function createRateLimiter(clock: Clock) {
  const nextFree = new Map<string, number>();
  return (accountId: string, perSecond: number) => {
    const now = clock.now().getTime();
    const free = nextFree.get(accountId) ?? now;
    if (free > now) throw new RetryLaterError('rate limit', free - now);
    nextFree.set(accountId, Math.max(free, now) + 1000 / perSecond);
  };
}

export function outboxSendJob(deps: OutboxDeps): JobKind<{ messageId: string }> {
  const take = createRateLimiter(deps.clock);

  async function fail(messageId: string, reason: string) {
    const message = await deps.db.message.update({ where: { id: messageId }, data: { status: 'failed', failureReason: reason.slice(0, 1000) } });
    deps.onStatus({ messageId, conversationId: message.conversationId, status: 'failed', failureReason: message.failureReason ?? reason });
  }

  /** Records what a permanent refusal says about the identity it was sent to (blocked, opted out). */
  async function recordEffect(error: PermanentSendError, channel: Channel, to: string) {
    const kind = IDENTITY_FOR_CHANNEL[channel];
    if (!error.identityEffect || !kind) return;
    await deps.db.contactIdentity.updateMany({
      where: { kind, normalized: to },
      data: error.identityEffect === 'blocked' ? { blocked: true } : { optedOut: true },
    });
  }

  /**
   * Sends the copy an adapter asked for through the oldest enabled account of that channel. With no such
   * account the copy is skipped and the original send stands: the provider kept the message (a web chat
   * reply stays in the visitor's history), so failing it would tell the agent a kept reply was lost.
   */
  async function forward(messageId: string, request: ForwardRequest) {
    const adapter = deps.adapters[request.channel];
    const account = await deps.accountFor(request.channel);
    if (!adapter || !account) return null;
    take(account.id, adapter.ratePerSecond);
    try {
      // No replyTo: the copy is a new message to the recipient, not an answer to one they sent on that channel.
      const sent = await adapter.send(account, { messageId, to: request.to, body: request.body, ...(request.subject ? { subject: request.subject } : {}) });
      return { deliveredVia: request.channel, forward: { to: request.to, accountId: account.id, providerMessageId: sent.providerMessageId } };
    } catch (error) {
      if (!(error instanceof PermanentSendError)) throw error;
      await recordEffect(error, request.channel, request.to);
      // The reply did not reach the recipient: the message fails, saying which copy was refused and why.
      throw new PermanentSendError(`${request.channel} to ${request.to}: ${error.message}`);
    }
  }

  /** The meta's files with a way to their bytes; a file gone from the store fails the send for good. */
  async function outboundFiles(meta: Record<string, unknown>): Promise<OutboundAttachment[]> {
    const files = StoredFiles.parse(meta.attachments ?? []);
    if (files.length === 0) return [];
    const store = deps.attachments;
    if (!store) throw new PermanentSendError('This hub has no attachment store');
    const out: OutboundAttachment[] = [];
    for (const file of files) {
      if (!(await store.has(file.sha256))) throw new PermanentSendError(`The attached file ${file.fileName} is missing from the store`);
      out.push({
        ...file,
        path: store.pathOf(file.sha256),
        read: () => store.read(file.sha256),
        link: (sub, ttlMs) => {
          if (!deps.linkFor) throw new PermanentSendError('This hub cannot sign attachment links');
          return deps.linkFor(file, sub, ttlMs);
        },
      });
    }
    return out;
  }

  return {
    ...OutboxSend,
    async run({ messageId }) {
      const message = await deps.db.message.findUnique({ where: { id: messageId } });
      // Already sent (a retry after a crash that came after the commit) or gone: nothing to do.
      if (!message || message.status !== 'queued') return;
      const channel = message.channel as Channel;
      const adapter = deps.adapters[channel];
      const account = await deps.accountFor(channel);
      if (!adapter || !account) throw new Error(`No enabled ${channel} account to send from`);
      const meta = parseMeta(message.meta);
      const to = typeof meta.to === 'string' ? meta.to : null;
      if (!to) return fail(messageId, 'No recipient recorded');
      take(account.id, adapter.ratePerSecond);
      // Earlier provider ids of this conversation on the channel, oldest first: e-mail threads the reply by them.
      const thread = await deps.db.message.findMany({
        where: { conversationId: message.conversationId, channel, providerMessageId: { not: null }, id: { not: messageId } },
        orderBy: { createdAt: 'desc' },
        take: 20,
        select: { providerMessageId: true },
      });
      const replyTo = thread.map((m) => m.providerMessageId!).reverse();
      const lastInbound = await deps.db.message.findFirst({
        where: { customerId: message.customerId, channel, direction: 'inbound' },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        select: { providerMessageId: true, meta: true },
      });
      try {
        const attachments = await outboundFiles(meta);
        const result = await adapter.send(account, {
          messageId,
          to,
          body: message.body,
          ...(message.subject ? { subject: message.subject } : {}),
          ...(replyTo.length > 0 ? { replyTo } : {}),
          ...(lastInbound ? { lastInbound: { providerMessageId: lastInbound.providerMessageId, meta: parseMeta(lastInbound.meta) } } : {}),
          ...(attachments.length > 0 ? { attachments } : {}),
        });
        const forwarded = result.forward ? await forward(messageId, result.forward) : null;
        await deps.db.message.update({
          where: { id: messageId },
          data: {
            status: 'sent',
            providerMessageId: result.providerMessageId,
            channelAccountId: account.id,
            sentAt: deps.clock.now(),
            ...(forwarded ? { meta: JSON.stringify({ ...meta, ...forwarded }) } : {}),
          },
        });
        deps.onStatus({ messageId, conversationId: message.conversationId, status: 'sent', ...(forwarded ? { deliveredVia: forwarded.deliveredVia } : {}) });
      } catch (error) {
        if (error instanceof PermanentSendError) {
          await recordEffect(error, channel, to);
          return fail(messageId, error.message);
        }
        throw error;
      }
    },
    async onFailed({ messageId }, error) {
      await fail(messageId, error.message);
    },
  };
}

/** A message's meta as stored: JSON text written by the hub itself, so only its shape is checked. */
function parseMeta(meta: string | null): Record<string, unknown> {
  const parsed: unknown = JSON.parse(meta ?? '{}');
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}
