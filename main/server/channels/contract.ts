// The contract every channel adapter fulfils. Adding a channel means one folder under channels/ and one
// line in channels/registry.ts: inbound payload → InboundMessage → ingest; outbound → provider send →
// provider id; provider status callbacks → StatusUpdate.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { InboundMessage, StatusUpdate } from '../../../common/api/channels.ts';
import type { ConnectionTestResult } from '../../../common/api/channelSettings.ts';
import type { Channel } from '../../../common/domain/enums.ts';
import type { Logger } from '../logger.ts';
import type { AttachmentStore } from '../services/attachments/store.ts';

/** A file going out with a reply: what the message meta lists, and how to get its bytes from the store. */
export interface OutboundAttachment {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  /** The stored file on disk (adapters that stream it). */
  path: string;
  read(): Promise<Buffer>;
  /** A signed URL on the hub (relative) for channels that send links instead of bytes; `sub` is whom it is for. */
  link(sub: string, ttlMs: number): string;
}

export interface OutboundMessage {
  /** Our message id: adapters pass it to providers that deduplicate sends (idempotency key). */
  messageId: string;
  /** Where to: the customer's identity value for this channel (E.164 phone, e-mail, chat id …). */
  to: string;
  body: string;
  subject?: string;
  /** Provider ids of earlier messages in the thread, for providers that thread replies. */
  replyTo?: string[];
  /** The customer's latest message on this channel, for adapters whose reply depends on what it carried. */
  lastInbound?: { providerMessageId: string | null; meta: unknown };
  /** Files the agent attached; the body may be empty when there are some. Channels that cannot carry files never get any (the composer refuses them). */
  attachments?: OutboundAttachment[];
}

export interface SendResult {
  providerMessageId: string;
  /**
   * The provider keeps the message but the recipient is not there to get it (a web chat visitor who left):
   * the outbox delivers a copy through another channel's enabled account and records that it did.
   */
  forward?: ForwardRequest;
}

export interface ForwardRequest {
  channel: Channel;
  /** The recipient's address on that channel. */
  to: string;
  subject?: string;
  body: string;
}

/** A send that must not be retried (bad number, blocked bot …): the message is marked failed with it. */
export class PermanentSendError extends Error {
  constructor(
    message: string,
    /** What to record against the customer's identity, when the provider says so. */
    readonly identityEffect?: 'blocked' | 'opted_out',
  ) {
    super(message);
  }
}

/** The provider asks us to wait (HTTP 429 retry_after …): retried after `retryAfterMs`, not counted as a failure. */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

/** What an adapter gets from the hub: where to hand what it receives. */
export interface ChannelContext {
  log: Logger;
  /** The hub's attachment store (received files go there); absent in contexts built by tests. */
  attachments?: AttachmentStore;
  /** Stores the message durably (idempotent by channel + provider id) and resolves once committed. */
  ingest(message: InboundMessage): Promise<{ messageId: string; duplicate: boolean }>;
  /** Applies a provider status callback to the message it names. */
  updateStatus(update: StatusUpdate): Promise<void>;
  /** A webhook refused (forged or missing signature, malformed payload): audited, so an attack is visible. */
  rejected(event: WebhookRejection): Promise<void>;
}

export interface WebhookRejection {
  channel: Channel;
  accountId: string;
  reason: 'missing_signature' | 'forged_signature' | 'invalid_payload';
  ip: string | null;
  detail?: string;
}

/** What a reader keeps between runs (ChannelAccount.state), and how it reports progress. */
export interface ReaderHooks<State> {
  /** What the last run saved, checked against the adapter's stateSchema; undefined on a first start or when unreadable. */
  state: State | undefined;
  /** Persists where the reader is; cheap to call per message (writes are coalesced, the latest wins). */
  saveState(state: State): void;
  /** A sync pass ended (a poll answered, a mailbox read through): Settings shows it as the last sync. */
  synced(): void;
}

export interface ChannelAdapter<Config = unknown, State = unknown> {
  kind: Channel;
  /** Settings of one account of this channel (non-secret and secret fields), validated on save. */
  configSchema: z.ZodType<Config>;
  /** Top-level config fields that are secrets: kept in the secret store, never in the database or logs. */
  secretFields: readonly string[];
  /** Webhook routes (signature-checked) for providers that push to us. */
  registerRoutes?(app: FastifyInstance, ctx: ChannelContext, accounts: () => Array<{ id: string; config: Config }>): void;
  /** The shape of what `start` saves through its hooks; a stored value that fails it is ignored. */
  stateSchema?: z.ZodType<State>;
  /** Connections or polling loops (IMAP IDLE, Telegram getUpdates); returns how to stop them. */
  start?(ctx: ChannelContext, account: { id: string; config: Config }, hooks: ReaderHooks<State>): Promise<() => Promise<void>>;
  /**
   * Checks credentials and reachability with calls that change nothing at the provider (never a send).
   * Absent for channels with nothing outside the hub to reach: they always test ok. `signal` aborts at the
   * hub's time limit, so connections must be closed on it.
   */
  testConnection?(account: { id: string; config: Config }, signal: AbortSignal): Promise<ConnectionTestResult>;
  send(account: { id: string; config: Config }, message: OutboundMessage): Promise<SendResult>;
  /** Sends per second the provider allows for one account; the outbox keeps below it. */
  ratePerSecond: number;
}
