// What every channel turns its provider's payloads into, and what it is asked to send. Adapters speak
// their provider's wire format; everything past them speaks only these shapes.
import { z } from 'zod';
import { Channel, IdentityKind, MessageStatus } from '../domain/enums.ts';

/** Longest text body we store; longer inbound bodies are truncated with a marker, never dropped. */
export const MAX_BODY_LENGTH = 64_000;

export const InboundSender = z.object({
  kind: IdentityKind,
  /** As the provider gave it (normalised by ingest: phones to E.164, e-mails lower-cased). */
  value: z.string().min(1).max(320),
  displayName: z.string().max(200).optional(),
});
export type InboundSender = z.infer<typeof InboundSender>;

export const InboundAttachment = z.object({
  fileName: z.string().max(255),
  contentType: z.string().max(200),
  size: z.number().int().nonnegative(),
  /** sha256 of the content, stored content-addressed on disk by the attachment store. */
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
});
export type InboundAttachment = z.infer<typeof InboundAttachment>;

export const InboundMessage = z.object({
  channel: Channel,
  channelAccountId: z.string().nullable().default(null),
  /** The provider's id of this message: with the channel, the key that makes ingest idempotent. */
  providerMessageId: z.string().min(1).max(300),
  from: InboundSender,
  body: z.string().max(MAX_BODY_LENGTH * 4),
  subject: z.string().max(500).optional(),
  /** When the customer sent it, per the provider; ingest time when absent. */
  sentAt: z.coerce.date().optional(),
  /** Provider thread hints (e-mail Message-ID / In-Reply-To / References, chat ids). */
  threadKeys: z.array(z.string().max(500)).max(100).default([]),
  attachments: z.array(InboundAttachment).max(50).default([]),
  /** Non-text content the provider reported (a photo not yet downloaded, a shared contact): a message
   *  with no text is still a message when it has some. */
  content: z.array(z.enum(['photo', 'document', 'contact', 'location', 'sticker', 'voice'])).max(10).default([]),
  /** An auto-reply, bounce or bulk mail: kept on the customer's timeline but never opens or reopens a conversation. */
  automatic: z.boolean().default(false),
  /** Channel-specific extras kept with the message (JSON-serialisable). */
  meta: z.record(z.string(), z.unknown()).default({}),
});
export type InboundMessage = z.input<typeof InboundMessage>;
export type ParsedInboundMessage = z.output<typeof InboundMessage>;

export const StatusUpdate = z.object({
  channel: Channel,
  providerMessageId: z.string().min(1).max(300),
  status: MessageStatus.exclude(['received', 'queued']),
  at: z.coerce.date().optional(),
  failureReason: z.string().max(1000).optional(),
});
export type StatusUpdate = z.input<typeof StatusUpdate>;
