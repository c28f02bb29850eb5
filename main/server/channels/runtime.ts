// Connects the channel adapters to the hub: one ChannelContext (ingest, status updates, live pushes),
// every adapter's webhook routes, and the long-running readers (IMAP, Telegram polling) of each account.
import type { FastifyInstance } from 'fastify';
import type { InboundMessage, StatusUpdate } from '../../../common/api/channels.ts';
import type { Db } from '../db/client.ts';
import { ServiceError } from '../errors.ts';
import type { Clock } from '../jobs/clock.ts';
import type { Logger } from '../logger.ts';
import type { Realtime } from '../realtime/broadcast.ts';
import { audit } from '../services/audit/audit.ts';
import { applyChannelEvidence } from '../services/identity/channelEvidence.ts';
import type { IngestWriter } from '../services/inbox/ingestWriter.ts';
import { applyStatusUpdate } from '../services/inbox/messageStatus.ts';
import type { AttachmentStore } from '../services/attachments/store.ts';
import type { ChannelAccounts } from './accounts.ts';
import type { ChannelContext } from './contract.ts';
import type { AdapterRegistry } from './registry.ts';

export interface ChannelRuntimeDeps {
  db: Db;
  log: Logger;
  clock: Clock;
  realtime: Realtime;
  adapters: AdapterRegistry;
  accounts: ChannelAccounts;
  inbound: IngestWriter;
  /** A stored message changed (delivery status): desks replace it on their timelines. */
  onMessageChanged(messageId: string, conversationId: string): Promise<void>;
  /** The hub's attachment store, handed to readers that receive files. */
  attachments?: AttachmentStore;
}

export function channelContext(deps: ChannelRuntimeDeps): ChannelContext {
  const { db, log, clock, realtime, inbound } = deps;
  return {
    log,
    ...(deps.attachments ? { attachments: deps.attachments } : {}),
    async ingest(message: InboundMessage) {
      const result = await inbound.ingest(message);
      if (!result.duplicate) await applyChannelEvidence(db, result.customerId, message.meta);
      return { messageId: result.messageId, duplicate: result.duplicate };
    },
    async updateStatus(update: StatusUpdate) {
      try {
        const applied = await applyStatusUpdate(db, update, clock);
        if (applied.changed) {
          realtime.messageStatus({ messageId: applied.messageId, conversationId: applied.conversationId, status: applied.status, failureReason: update.failureReason ?? null });
          await deps.onMessageChanged(applied.messageId, applied.conversationId);
        }
      } catch (error) {
        // A status for a message we never sent (or already purged) is answered, not retried forever.
        if (error instanceof ServiceError && error.code === 'NOT_FOUND') {
          log.warn({ channel: update.channel, providerMessageId: update.providerMessageId }, 'status for an unknown message ignored');
          return;
        }
        throw error;
      }
    },
    async rejected(event) {
      await audit(db, null, {
        action: 'webhook.rejected',
        subjectType: 'channel_account',
        subjectId: event.accountId,
        details: { channel: event.channel, reason: event.reason, ...(event.detail ? { detail: event.detail.slice(0, 500) } : {}) },
      }, event.ip);
    },
  };
}

export function registerChannelRoutes(app: FastifyInstance, ctx: ChannelContext, deps: ChannelRuntimeDeps): void {
  // A webhook its adapter answered 2xx was accepted: the account's last sync. Added before the routes so
  // it covers them; the write is throttled per account, so the hot path pays a map lookup.
  app.addHook('onResponse', async (request, reply) => {
    const accountId = (request.params as { accountId?: unknown } | undefined)?.accountId;
    if (reply.statusCode < 300 && typeof accountId === 'string' && request.url.startsWith('/webhooks/')) deps.accounts.synced(accountId);
  });
  for (const adapter of Object.values(deps.adapters)) {
    adapter.registerRoutes?.(app, ctx, () => deps.accounts.list(adapter.kind));
  }
}

/** Starts every enabled account's reader; returns how to stop them all. */
export async function startChannelReaders(ctx: ChannelContext, deps: ChannelRuntimeDeps): Promise<() => Promise<void>> {
  const stops: Array<() => Promise<void>> = [];
  for (const adapter of Object.values(deps.adapters)) {
    if (!adapter.start) continue;
    for (const account of deps.accounts.list(adapter.kind)) {
      try {
        stops.push(await adapter.start(ctx, account, await deps.accounts.readerHooks(account.id, adapter.stateSchema)));
      } catch (error) {
        deps.log.error({ err: error, accountId: account.id, kind: adapter.kind }, 'channel reader failed to start');
        await deps.db.channelAccount.update({ where: { id: account.id }, data: { lastError: (error as Error).message, lastErrorAt: new Date() } });
      }
    }
  }
  return async () => {
    await Promise.all(stops.map((stop) => stop().catch(() => undefined)));
    // The last positions reach the database before it closes, so the next start resumes exactly there.
    await deps.accounts.flush();
  };
}
