// Settings → Channels: what an admin sees of each channel account and what they may change.
// Secrets are write-only: the desk learns only which secret fields have a value, never the values.
import { z } from 'zod';
import { Channel } from '../domain/enums.ts';

export const ChannelAccountView = z.object({
  id: z.string(),
  kind: Channel,
  name: z.string(),
  enabled: z.boolean(),
  /** The non-secret settings as stored. */
  settings: z.record(z.string(), z.unknown()),
  /** Names of secret fields that are set (values are never sent to a desk). */
  secretsSet: z.array(z.string()),
  /** Every secret field this channel has, so the form can offer to set them. */
  secretFields: z.array(z.string()),
  lastSyncAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.iso.datetime().nullable(),
  counts: z.object({ inbound: z.number().int(), outbound: z.number().int(), failed: z.number().int() }),
  updatedAt: z.iso.datetime(),
});
export type ChannelAccountView = z.infer<typeof ChannelAccountView>;

export const ChannelAccountSave = z.object({
  /** Absent for a new account. */
  id: z.string().max(64).optional(),
  kind: Channel,
  name: z.string().trim().min(1).max(120),
  enabled: z.boolean().default(true),
  settings: z.record(z.string(), z.unknown()),
  /** Only the secrets being changed; an absent or empty one keeps its stored value. */
  secrets: z.record(z.string(), z.string().max(2000)).default({}),
});
export type ChannelAccountSave = z.input<typeof ChannelAccountSave>;

export const ChannelAccountToggle = z.object({ id: z.string().min(1).max(64), enabled: z.boolean() });

export const SimulateInboundInput = z.object({
  channel: Channel,
  /** A demo customer's contact, or absent for a random demo customer. */
  from: z.string().trim().max(200).optional(),
  /** The text, or absent for a realistic one. */
  body: z.string().trim().max(4000).optional(),
});
export type SimulateInboundInput = z.input<typeof SimulateInboundInput>;

export const SimulateInboundResult = z.object({ channel: Channel, from: z.string(), body: z.string() });
export type SimulateInboundResult = z.infer<typeof SimulateInboundResult>;

/** Test connection: a saved account as stored, or the edit form as typed (not saved). */
export const ChannelTestInput = z
  .object({
    /** The saved account; with `form`, its stored secrets fill the form's blank secret fields. */
    id: z.string().min(1).max(64).optional(),
    form: ChannelAccountSave.pick({ kind: true, settings: true, secrets: true }).optional(),
  })
  .refine((input) => input.id !== undefined || input.form !== undefined, { message: 'an account id or a form to test', path: ['id'] });
export type ChannelTestInput = z.input<typeof ChannelTestInput>;

export const ConnectionTestResult = z.discriminatedUnion('ok', [
  /** `detail` names what answered (the bot's username, the Twilio account …), so a wrong-but-valid account shows. */
  z.object({ ok: z.literal(true), detail: z.string().max(500) }),
  /** `timedOut` lets the desk say so in the admin's language; `reason` is the provider's own words. */
  z.object({ ok: z.literal(false), reason: z.string().max(1000), timedOut: z.boolean() }),
]);
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;
