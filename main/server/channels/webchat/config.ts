// One web chat as an admin enters it in Settings → Channels: which sites may embed it and what it says.
import { z } from 'zod';

const origin = z
  .url({ protocol: /^https?$/ })
  // Browsers send the bare origin (scheme://host[:port]); compare like with like.
  .transform((url) => new URL(url).origin);

const perLocale = (max: number, ru: string, en: string) =>
  z.object({ ru: z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max) }).default({ ru, en });

export const WebchatConfig = z.object({
  /** Secret: signs visitor tokens. Changing it makes every visitor start over with the pre-chat form. */
  tokenSecret: z.string().min(32, 'at least 32 characters').max(200),
  /** Sites allowed to embed the widget; the hub's own origin (the demo page) is always allowed. */
  allowedOrigins: z.array(origin).max(50).default([]),
  title: perLocale(80, 'Чат с магазином', 'Chat with the store'),
  greeting: perLocale(500, 'Здравствуйте! Чем можем помочь?', 'Hello! How can we help?'),
  offlineMessage: perLocale(
    500,
    'Сейчас операторов нет на месте. Оставьте сообщение — мы ответим на вашу почту.',
    'No agent is online right now. Leave a message and we will answer by e-mail.',
  ),
  maxMessagesPerMinutePerVisitor: z.number().int().min(1).max(600).default(20),
  maxConnectionsPerMinutePerIp: z.number().int().min(1).max(10_000).default(30),
});
export type WebchatConfig = z.output<typeof WebchatConfig>;
