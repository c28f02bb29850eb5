// One Telegram bot as an admin enters it in Settings → Channels.
import { z } from 'zod';

export const TelegramConfig = z
  .object({
    /** Secret: whoever holds it is the bot. Kept in the secret store, never logged. */
    botToken: z.string().regex(/^\d{1,20}:[A-Za-z0-9_-]{35}$/, 'a bot token is the bot id, ":" and 35 characters, as @BotFather gives it'),
    apiBaseUrl: z
      .url({ protocol: /^https?$/ })
      // Paths are appended to it: a trailing slash would double up.
      .transform((url) => url.replace(/\/+$/, ''))
      .default('https://api.telegram.org'),
    /** Webhook needs a public HTTPS address; polling works from any desk behind NAT. */
    mode: z.enum(['webhook', 'polling']),
    /** Secret: Telegram echoes it in X-Telegram-Bot-Api-Secret-Token, the only proof a webhook call is Telegram's. */
    webhookSecret: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, 'the webhook secret is 1–256 characters of A–Z, a–z, 0–9, "_" and "-"')
      .optional(),
    /** How long one getUpdates call waits for news: longer means fewer requests, not later messages. */
    pollTimeoutSeconds: z.number().int().min(0).max(50).default(30),
  })
  .refine((config) => config.mode !== 'webhook' || config.webhookSecret !== undefined, {
    message: 'webhook mode needs a webhook secret',
    path: ['webhookSecret'],
  });
export type TelegramConfig = z.output<typeof TelegramConfig>;
