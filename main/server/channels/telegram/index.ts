// The Telegram channel through the Bot API: sends with sendMessage; receives on a webhook verified by its
// secret-token header, or by long polling (getUpdates) where the desk has no public address.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ConnectionTestResult } from '../../../../common/api/channelSettings.ts';
import type { ChannelAdapter, ChannelContext } from '../contract.ts';
import { ServiceError } from '../../errors.ts';
import { BotApiError, callBotApi, sendTelegram, sendTelegramUpload } from './client.ts';
import { TelegramConfig } from './config.ts';
import { startTelegramPolling } from './poller.ts';
import { TelegramUser, updateToMessage } from './wire.ts';

type Account = { id: string; config: TelegramConfig };

/** The next getUpdates offset: Telegram forgets confirmed updates, so resuming below it only costs repeats. */
const TelegramState = z.object({ offset: z.number().int().min(0) });
type TelegramState = z.infer<typeof TelegramState>;

/** Rejections since the hub started, for the channel's health in Settings (audit is the hub's). */
export const telegramWebhookCounters = { rejectedSecrets: 0, invalidPayloads: 0 };

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** Compares digests so neither the secret's length nor its prefix leaks through timing. */
function secretMatches(expected: string | undefined, given: string | string[] | undefined): boolean {
  if (expected === undefined || typeof given !== 'string') return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(expected), digest(given));
}

function registerRoutes(app: FastifyInstance, ctx: ChannelContext, accounts: () => Account[]): void {
  // In its own scope, JSON arrives as text: the secret is checked before the body is interpreted, and a
  // malformed body gets our 400 and count rather than the hub's generic parser error.
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));

    scope.post<{ Params: { accountId: string }; Body: string }>('/webhooks/telegram/:accountId', async (request, reply) => {
      const account = accounts().find((candidate) => candidate.id === request.params.accountId);
      if (!account) return reply.code(404).send({ error: 'unknown Telegram account' });
      const header = request.headers[SECRET_HEADER];
      if (!secretMatches(account.config.webhookSecret, header)) {
        telegramWebhookCounters.rejectedSecrets += 1;
        ctx.log.warn({ accountId: account.id, ip: request.ip, reason: header ? 'forged' : 'missing' }, 'Telegram webhook secret rejected');
        await ctx.rejected({ channel: 'telegram', accountId: account.id, reason: header ? 'forged_signature' : 'missing_signature', ip: request.ip });
        return reply.code(401).send({ error: header ? 'invalid secret token' : 'missing X-Telegram-Bot-Api-Secret-Token' });
      }

      const invalid = async (reason: string) => {
        telegramWebhookCounters.invalidPayloads += 1;
        ctx.log.warn({ accountId: account.id, reason }, 'Telegram webhook payload rejected');
        await ctx.rejected({ channel: 'telegram', accountId: account.id, reason: 'invalid_payload', ip: request.ip, detail: reason });
        return reply.code(400).send({ error: 'invalid Telegram update', reason });
      };
      let message;
      try {
        message = updateToMessage(JSON.parse(typeof request.body === 'string' ? request.body : ''), account.id);
      } catch (error) {
        if (error instanceof SyntaxError) return invalid(`not JSON: ${error.message}`);
        if (error instanceof z.ZodError) return invalid(z.prettifyError(error));
        throw error;
      }
      // Edits, group chats and the like: acknowledged, or Telegram would redeliver them for hours.
      if (!message) return reply.code(200).send({ ok: true });
      try {
        // Acknowledge only once committed: if ingest fails Telegram gets a 5xx and delivers again.
        await ctx.ingest(message);
      } catch (error) {
        if (error instanceof ServiceError && error.code === 'BAD_REQUEST') return invalid(error.message);
        throw error;
      }
      return reply.code(200).send({ ok: true });
    });
  });
}

async function testConnection(account: Account, signal: AbortSignal): Promise<ConnectionTestResult> {
  try {
    const bot = TelegramUser.parse(await callBotApi(account.config, 'getMe', {}, { signal }));
    return { ok: true, detail: bot.username ? `@${bot.username} (${bot.first_name})` : bot.first_name };
  } catch (error) {
    // 401/404 from getMe can only mean the token: say so rather than quoting the API.
    if (error instanceof BotApiError && (error.errorCode === 401 || error.errorCode === 404)) {
      return { ok: false, timedOut: false, reason: `${error.message} — Telegram does not know this bot token` };
    }
    return { ok: false, timedOut: false, reason: error instanceof z.ZodError ? 'Telegram getMe answered without a bot: is the API address Telegram\'s?' : (error as Error).message };
  }
}

export const telegramAdapter: ChannelAdapter<TelegramConfig, TelegramState> = {
  kind: 'telegram',
  configSchema: TelegramConfig,
  secretFields: ['botToken', 'webhookSecret'],
  // Telegram allows about 30 messages a second per bot overall; the margin absorbs retries.
  ratePerSecond: 25,
  registerRoutes,
  stateSchema: TelegramState,
  async start(ctx, account, hooks) {
    if (account.config.mode !== 'polling') return async () => {};
    const poller = startTelegramPolling(ctx, account, {
      offset: hooks.state?.offset,
      onOffset: (offset) => hooks.saveState({ offset }),
      onPolled: hooks.synced,
    });
    return () => poller.stop();
  },
  testConnection,
  async send(account, message) {
    // A private chat is already the thread: replies go out unquoted, as an agent in Telegram would write.
    const files = message.attachments ?? [];
    if (files.length === 0) return sendTelegram(account.config, { chatId: message.to, text: message.body });
    // Text first (a caption holds only 1024 characters), then one upload per file; the message's provider
    // id is the first Telegram message. A retry after a partial send can repeat files: the Bot API has no
    // idempotency key (see client.ts).
    let first: Awaited<ReturnType<typeof sendTelegram>> | null = null;
    if (message.body.trim() !== '') first = await sendTelegram(account.config, { chatId: message.to, text: message.body });
    for (const file of files) {
      const sent = await sendTelegramUpload(account.config, { chatId: message.to, fileName: file.fileName, contentType: file.contentType, content: await file.read() });
      first ??= sent;
    }
    return first!;
  },
};
