// One Twilio (or Twilio-compatible) SMS account as an admin enters it in Settings → Channels.
import { z } from 'zod';
import { normalizePhone } from '../../../../common/domain/contacts.ts';

const baseUrl = z
  .url({ protocol: /^https?$/ })
  // Paths are appended to it: a trailing slash would double up and break the signature URL.
  .transform((url) => url.replace(/\/+$/, ''));

export const TwilioConfig = z.object({
  accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'an Account SID is "AC" followed by 32 hex digits'),
  /** Secret: signs webhooks and authenticates sends. Kept in the secret store, never logged. */
  authToken: z.string().min(1).max(200),
  fromNumber: z
    .string()
    .refine((value) => normalizePhone(value) !== null, 'not a valid phone number')
    .transform((value) => normalizePhone(value)!),
  apiBaseUrl: baseUrl.default('https://api.twilio.com'),
  /** The public address Twilio calls: signatures are computed over it, not over what the hub sees. */
  webhookBaseUrl: baseUrl,
});
export type TwilioConfig = z.output<typeof TwilioConfig>;
