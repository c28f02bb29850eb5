// The Telegram channel against its Bot API simulator: the client, the secret-checked webhook, long polling
// and the mapping onto the channel contract. The hub's ingest and outbox are faked here; they have their own suites.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../common/api/channels.ts';
import { PermanentSendError, RetryLaterError, type ChannelContext } from '../../main/server/channels/contract.ts';
import { callBotApi, sendTelegram, sendTelegramDocument, sendTelegramPhoto } from '../../main/server/channels/telegram/client.ts';
import { TelegramConfig } from '../../main/server/channels/telegram/config.ts';
import { telegramAdapter, telegramWebhookCounters } from '../../main/server/channels/telegram/index.ts';
import { startTelegramPolling } from '../../main/server/channels/telegram/poller.ts';
import { startTelegramSimulator, type SimulatedUser, type TelegramSimulator } from '../../main/server/channels/telegram/simulator.ts';
import { updateToMessage } from '../../main/server/channels/telegram/wire.ts';
import { ServiceError } from '../../main/server/errors.ts';
import { createLogger } from '../../main/server/logger.ts';

const BOT_TOKEN = '7012345678:AAF' + 'k3Jx_9-QwErTyUiOpAsDfGhJkLzXcVbNm'.slice(0, 32);
const SECRET = 'wh_secret-0123456789';
const ANNA: SimulatedUser = { id: 284_710_355, first_name: 'Анна', last_name: 'Смирнова', username: 'anna_sm', language_code: 'ru' };
const OLEG: SimulatedUser = { id: 5_012_345_678, first_name: 'Олег' };

function configFor(apiBaseUrl: string, overrides: Partial<Record<keyof TelegramConfig, unknown>> = {}): TelegramConfig {
  return TelegramConfig.parse({ botToken: BOT_TOKEN, apiBaseUrl, mode: 'webhook', webhookSecret: SECRET, ...overrides });
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A ChannelContext that records what it is given; `gate` holds ingest, `failures` plans the next calls (null: succeed). */
function recordingContext() {
  const ingested: InboundMessage[] = [];
  const state = { gate: null as Promise<void> | null, failures: [] as Array<Error | null>, calls: 0 };
  const ctx: ChannelContext = {
    log: createLogger('silent'),
    async ingest(message) {
      state.calls += 1;
      if (state.gate) await state.gate;
      const failure = state.failures.shift();
      if (failure) throw failure;
      ingested.push(message);
      return { messageId: `m${ingested.length}`, duplicate: false };
    },
    async updateStatus() {},
    async rejected() {},
  };
  return { ctx, ingested, state };
}

describe('TelegramConfig', () => {
  it('defaults the API address and poll timeout and trims a trailing slash', () => {
    expect(TelegramConfig.parse({ botToken: BOT_TOKEN, mode: 'polling' })).toEqual({ botToken: BOT_TOKEN, mode: 'polling', apiBaseUrl: 'https://api.telegram.org', pollTimeoutSeconds: 30 });
    expect(configFor('http://127.0.0.1:8081/').apiBaseUrl).toBe('http://127.0.0.1:8081');
  });

  it('refuses a malformed token or secret, and webhook mode without a secret', () => {
    expect(TelegramConfig.safeParse({ botToken: '12345:short', mode: 'polling' }).success).toBe(false);
    expect(TelegramConfig.safeParse({ botToken: BOT_TOKEN, mode: 'webhook' }).success).toBe(false);
    expect(TelegramConfig.safeParse({ botToken: BOT_TOKEN, mode: 'webhook', webhookSecret: 'has space' }).success).toBe(false);
    expect(TelegramConfig.safeParse({ botToken: BOT_TOKEN, mode: 'webhook', webhookSecret: 'x'.repeat(257) }).success).toBe(false);
    expect(TelegramConfig.safeParse({ botToken: BOT_TOKEN, mode: 'sometimes' }).success).toBe(false);
  });
});

let sim: TelegramSimulator;
beforeAll(async () => {
  sim = await startTelegramSimulator({ botToken: BOT_TOKEN });
});
afterAll(() => sim.close());

describe('update mapping', () => {
  it('maps a private text message onto the contract, message ids scoped by chat', () => {
    const update = sim.textUpdate(ANNA, 'Здравствуйте!');
    expect(updateToMessage(update, 'tg1')).toEqual({
      channel: 'telegram',
      channelAccountId: 'tg1',
      providerMessageId: `${ANNA.id}:${update.message!.message_id}`,
      from: { kind: 'telegram', value: String(ANNA.id), displayName: 'Анна Смирнова' },
      body: 'Здравствуйте!',
      content: [],
      sentAt: new Date(update.message!.date * 1000),
      threadKeys: [`telegram-chat:${ANNA.id}`],
      meta: { updateId: update.update_id, username: 'anna_sm', languageCode: 'ru' },
    });
  });

  it('keeps the largest photo size and describes a document without a caption', () => {
    const photo = updateToMessage(sim.photoUpdate(OLEG), 'tg1')!;
    expect(photo.body).toBe('');
    expect(photo.content).toEqual(['photo']);
    expect(photo.meta!.telegramAttachments).toEqual([{ telegramFileId: expect.stringMatching(/2$/), fileName: expect.stringMatching(/^photo_.*\.jpg$/), mimeType: 'image/jpeg', size: 143_506 }]);
    const doc = updateToMessage(sim.documentUpdate(OLEG, { fileName: 'чек №1.pdf', mimeType: 'application/pdf', size: 52_000 }), 'tg1')!;
    expect(doc.meta!.telegramAttachments).toEqual([{ telegramFileId: expect.any(String), fileName: 'чек №1.pdf', mimeType: 'application/pdf', size: 52_000 }]);
  });

  it('returns null for updates without a message and for non-private chats, and throws on malformed ones', () => {
    expect(updateToMessage({ update_id: 1, edited_message: sim.textUpdate(ANNA, 'x').message }, 'tg1')).toBeNull();
    expect(updateToMessage(sim.groupUpdate(ANNA, -100_123, 'всем привет'), 'tg1')).toBeNull();
    expect(() => updateToMessage({ update_id: 'one' }, 'tg1')).toThrow();
    expect(() => updateToMessage({ update_id: 2, message: { message_id: 1, date: 0 } }, 'tg1')).toThrow();
  });
});

describe('Bot API client against the simulator', () => {
  const config = () => configFor(sim.url);
  const error = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as Error);

  beforeAll(() => {
    // Telegram lets a bot write only to users who wrote to it first.
    sim.textUpdate(ANNA, '/start');
    sim.textUpdate(OLEG, '/start');
  });

  it('sends plain text untouched and returns chat:message as the provider id', async () => {
    const text = 'Заказ *№42* готов_к_выдаче <b>не тег</b> [ссылка](x) 🎉';
    const result = await sendTelegram(config(), { chatId: String(ANNA.id), text, replyToMessageId: 1 });
    const last = sim.sent.at(-1)!;
    expect(result.providerMessageId).toBe(`${ANNA.id}:${last.messageId}`);
    expect(last).toMatchObject({ method: 'sendMessage', chatId: ANNA.id, text, replyToMessageId: 1 });
  });

  it('sends a photo by URL and a document by file_id', async () => {
    await sendTelegramPhoto(config(), { chatId: OLEG.id, file: 'https://shop.example.ru/p/42.jpg', caption: 'Вот так выглядит' });
    expect(sim.sent.at(-1)).toMatchObject({ method: 'sendPhoto', chatId: OLEG.id, file: 'https://shop.example.ru/p/42.jpg', caption: 'Вот так выглядит' });
    const { providerMessageId } = await sendTelegramDocument(config(), { chatId: OLEG.id, file: 'BQACAgIAAxkBAAIBH2' });
    expect(providerMessageId).toBe(`${OLEG.id}:${sim.sent.at(-1)!.messageId}`);
    expect(sim.sent.at(-1)).toMatchObject({ method: 'sendDocument', file: 'BQACAgIAAxkBAAIBH2' });
  });

  it('turns 429 into RetryLaterError after retry_after seconds', async () => {
    sim.rateLimitNext(1, 7);
    const failed = await error(sendTelegram(config(), { chatId: ANNA.id, text: 'hi' }));
    expect(failed).toBeInstanceOf(RetryLaterError);
    expect((failed as RetryLaterError).retryAfterMs).toBe(7000);
  });

  it('fails for good, marking the identity blocked, when the user blocked the bot or is deactivated', async () => {
    const blockedUser: SimulatedUser = { id: 777_001, first_name: 'Пётр' };
    const goneUser: SimulatedUser = { id: 777_002, first_name: 'Вера' };
    sim.textUpdate(blockedUser, 'hi');
    sim.textUpdate(goneUser, 'hi');
    sim.blockChat(blockedUser.id);
    sim.blockChat(goneUser.id, 'deactivated');
    for (const user of [blockedUser, goneUser]) {
      const failed = await error(sendTelegram(config(), { chatId: user.id, text: 'Ваш заказ готов' }));
      expect(failed).toBeInstanceOf(PermanentSendError);
      expect((failed as PermanentSendError).identityEffect).toBe('blocked');
    }
    expect((await error(sendTelegram(config(), { chatId: blockedUser.id, text: 'x' })))!.message).toContain('bot was blocked by the user');
  });

  it('fails for good without touching the identity when the chat is unknown or the text is empty', async () => {
    for (const send of [{ chatId: 424_242, text: 'hi' }, { chatId: ANNA.id, text: '   ' }, { chatId: ANNA.id, text: 'я'.repeat(4097) }]) {
      const failed = await error(sendTelegram(config(), send));
      expect(failed).toBeInstanceOf(PermanentSendError);
      expect((failed as PermanentSendError).identityEffect).toBeUndefined();
    }
    expect((await error(sendTelegram(config(), { chatId: 424_242, text: 'hi' })))!.message).toBe('Telegram sendMessage 400: Bad Request: chat not found');
  });

  it('keeps a wrong token retryable, says so clearly and never echoes the token', async () => {
    const wrong = configFor(sim.url, { botToken: '7012345678:' + 'Z'.repeat(35) });
    const failed = await error(sendTelegram(wrong, { chatId: ANNA.id, text: 'hi' }));
    expect(failed).toBeInstanceOf(Error);
    expect(failed).not.toBeInstanceOf(PermanentSendError);
    expect(failed).not.toBeInstanceOf(RetryLaterError);
    expect(failed!.message).toBe('Telegram sendMessage 401: Unauthorized (check the bot token)');
  });

  it('keeps network failures and timeouts retryable', async () => {
    const down = await error(sendTelegram(configFor('http://127.0.0.1:1'), { chatId: ANNA.id, text: 'hi' }));
    expect(down).not.toBeInstanceOf(PermanentSendError);
    expect(down!.message).toMatch(/^Telegram sendMessage unreachable/);
    expect(down!.message).not.toContain(BOT_TOKEN);
    const slow = await error(callBotApi(config(), 'getUpdates', { offset: 1e12, timeout: 5 }, { timeoutMs: 100 }));
    expect(slow!.message).toMatch(/unreachable.*(timeout|aborted)/i);
  });

  it('sends an outbound message through the adapter to the chat id in `to`', async () => {
    const { providerMessageId } = await telegramAdapter.send({ id: 'tg1', config: config() }, { messageId: 'out-1', to: String(OLEG.id), body: 'Готово!' });
    expect(providerMessageId).toBe(`${OLEG.id}:${sim.sent.at(-1)!.messageId}`);
    expect(sim.sent.at(-1)).toMatchObject({ method: 'sendMessage', chatId: OLEG.id, text: 'Готово!' });
  });
});

describe('webhook', () => {
  let app: FastifyInstance;
  let url: string;
  const { ctx, ingested, state } = recordingContext();

  beforeAll(async () => {
    app = Fastify();
    const accounts = [{ id: 'tg1', config: configFor(sim.url) }];
    telegramAdapter.registerRoutes!(app, ctx, () => accounts);
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    url = `${base}/webhooks/telegram/tg1`;
  });
  afterAll(() => app.close());
  afterEach(() => {
    ingested.length = 0;
    state.gate = null;
    state.failures.length = 0;
  });

  const post = (body: string, headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': SECRET }) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('ingests a private message with emoji, zero-width and right-to-left text intact', async () => {
    const text = 'Спасибо 👍🏽👨‍👩‍👧 zero\u200Bwidth\u200D \u202Eشكرا\u202C עברית "кавычки" \\n';
    const update = sim.textUpdate(ANNA, text);
    expect(await sim.pushUpdate(url, update, SECRET)).toBe(200);
    expect(ingested).toEqual([expect.objectContaining({ providerMessageId: `${ANNA.id}:${update.message!.message_id}`, body: text, from: expect.objectContaining({ value: String(ANNA.id) }) })]);
  });

  it('answers only after ingest has resolved', async () => {
    let open!: () => void;
    state.gate = new Promise((resolve) => (open = resolve));
    let answered = false;
    const request = sim.pushUpdate(url, sim.textUpdate(ANNA, 'Жду ответа'), SECRET).then((status) => {
      answered = true;
      return status;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);
    open();
    expect(await request).toBe(200);
    expect(ingested).toHaveLength(1);
  });

  it('hands a replayed update to ingest again (ingest deduplicates) and answers 200', async () => {
    const update = sim.textUpdate(OLEG, 'Повтор');
    expect(await sim.pushUpdate(url, update, SECRET)).toBe(200);
    expect(await sim.pushUpdate(url, update, SECRET)).toBe(200);
    expect(ingested.map((m) => m.providerMessageId)).toEqual([`${OLEG.id}:${update.message!.message_id}`, `${OLEG.id}:${update.message!.message_id}`]);
  });

  it('refuses a forged or missing secret with 401, counts it and ingests nothing', async () => {
    const before = telegramWebhookCounters.rejectedSecrets;
    const update = sim.textUpdate(ANNA, 'подделка');
    expect(await sim.pushUpdate(url, update, 'wrong')).toBe(401);
    expect(await sim.pushUpdate(url, update, SECRET + 'x')).toBe(401);
    expect(await sim.pushUpdate(url, update, SECRET.slice(0, -1))).toBe(401);
    const missing = await post(JSON.stringify(update), {});
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: 'missing X-Telegram-Bot-Api-Secret-Token' });
    // Checked before the body is read as JSON: an unauthenticated caller learns nothing about the parser.
    expect((await post('{not json', {})).status).toBe(401);
    expect(telegramWebhookCounters.rejectedSecrets - before).toBe(5);
    expect(ingested).toHaveLength(0);
  });

  it('answers 404 for an unknown account', async () => {
    expect(await sim.pushUpdate(url.replace('/tg1', '/nope'), sim.textUpdate(ANNA, 'hi'), SECRET)).toBe(404);
    expect(ingested).toHaveLength(0);
  });

  it('refuses malformed JSON and malformed updates with 400 and a reason', async () => {
    const before = telegramWebhookCounters.invalidPayloads;
    const notJson = await post('{"update_id": 1,');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { reason: string }).reason).toMatch(/^not JSON/);
    const bad = await post(JSON.stringify({ update_id: 5, message: { message_id: 'x', chat: { id: ANNA.id, type: 'private' }, date: 0 } }));
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: string; reason: string };
    expect(body.error).toBe('invalid Telegram update');
    expect(body.reason).toContain('message_id');
    expect(telegramWebhookCounters.invalidPayloads - before).toBe(2);
    expect(ingested).toHaveLength(0);
  });

  it('acknowledges group chats, channels and edits with 200 without ingesting them', async () => {
    expect(await sim.pushUpdate(url, sim.groupUpdate(ANNA, -1_001_234_567_890, 'в группе'), SECRET)).toBe(200);
    const channelPost = { update_id: 9, message: { message_id: 3, chat: { id: -1_009_999, type: 'channel' }, date: 1_700_000_000, text: 'news' } };
    expect(await sim.pushUpdate(url, channelPost, SECRET)).toBe(200);
    expect(await sim.pushUpdate(url, { update_id: 10, edited_message: sim.textUpdate(ANNA, 'исправлено').message }, SECRET)).toBe(200);
    expect(ingested).toHaveLength(0);
  });

  it('ingests a chat id never seen before as a new sender', async () => {
    const stranger: SimulatedUser = { id: 9_876_543_210, first_name: '\u200F', last_name: 'ليلى' };
    expect(await sim.pushUpdate(url, sim.textUpdate(stranger, 'مرحبا'), SECRET)).toBe(200);
    expect(ingested[0]!.from).toEqual({ kind: 'telegram', value: '9876543210', displayName: '\u200F ليلى' });
  });

  it('maps photos, documents and a shared contact', async () => {
    await sim.pushUpdate(url, sim.photoUpdate(ANNA, 'Вот чек 🧾'), SECRET);
    await sim.pushUpdate(url, sim.documentUpdate(ANNA, { fileName: 'накладная.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: 9_120 }), SECRET);
    await sim.pushUpdate(url, sim.contactUpdate(ANNA, '+79161234567'), SECRET);
    await sim.pushUpdate(url, sim.contactUpdate(ANNA, '89031112233', { first_name: 'Муж', last_name: 'Анны' }), SECRET);
    expect(ingested.map((m) => [m.body, m.meta])).toEqual([
      ['Вот чек 🧾', expect.objectContaining({ telegramAttachments: [expect.objectContaining({ mimeType: 'image/jpeg', size: 143_506 })] })],
      ['', expect.objectContaining({ telegramAttachments: [expect.objectContaining({ fileName: 'накладная.xlsx', size: 9_120 })] })],
      ['', expect.objectContaining({ sharedContact: { phone: '+79161234567', firstName: 'Анна', lastName: 'Смирнова', userId: ANNA.id, isSender: true } })],
      ['', expect.objectContaining({ sharedContact: { phone: '89031112233', firstName: 'Муж', lastName: 'Анны', userId: null, isSender: false } })],
    ]);
  });

  it('answers 400 with the reason when ingest refuses the message, and 500 when it fails', async () => {
    state.failures.push(new ServiceError('BAD_REQUEST', 'Empty message: no text and no attachments'));
    const refused = await post(JSON.stringify(sim.textUpdate(ANNA, 'x')));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ reason: 'Empty message: no text and no attachments' });
    state.failures.push(new Error('database is locked'));
    expect((await post(JSON.stringify(sim.textUpdate(ANNA, 'y')))).status).toBe(500);
  });
});

describe('long polling', () => {
  const fast = { minBackoffMs: 20, maxBackoffMs: 50 };
  const pollConfig = () => configFor(sim.url, { mode: 'polling', webhookSecret: undefined, pollTimeoutSeconds: 1 });
  const drain = async () => {
    // Confirm whatever earlier tests left queued, as a fresh bot would start from the newest update.
    const pending = (await callBotApi(pollConfig(), 'getUpdates', { timeout: 0 })) as Array<{ update_id: number }>;
    if (pending.length > 0) await callBotApi(pollConfig(), 'getUpdates', { offset: pending.at(-1)!.update_id + 1, timeout: 0 });
  };
  const running: Array<{ stop(): Promise<void> }> = [];
  const track = <T extends { stop(): Promise<void> }>(poller: T) => (running.push(poller), poller);
  beforeAll(drain);
  afterEach(async () => {
    // A failed assertion must not leave a poller consuming the next test's updates.
    await Promise.all(running.splice(0).map((poller) => poller.stop()));
    await drain();
  });

  it('ingests updates in order exactly once, skipping what is not a customer message', async () => {
    const { ctx, ingested } = recordingContext();
    const updates = [sim.textUpdate(ANNA, 'раз'), sim.groupUpdate(OLEG, -100_5, 'группа'), sim.photoUpdate(OLEG, 'два'), sim.textUpdate(ANNA, 'три')];
    for (const update of updates) sim.queueUpdate(update);
    const poller = track(startTelegramPolling(ctx, { id: 'tg1', config: pollConfig() }, fast));
    await until(() => ingested.length === 3);
    sim.queueUpdate(sim.textUpdate(OLEG, 'четыре'));
    await until(() => ingested.length === 4);
    await poller.stop();
    expect(ingested.map((m) => m.body)).toEqual(['раз', 'два', 'три', 'четыре']);
    expect(poller.offset).toBe(updates.at(-1)!.update_id + 2);
    expect(ingested.every((m) => m.channelAccountId === 'tg1')).toBe(true);
  });

  it('advances the offset only after ingest resolved', async () => {
    const { ctx, ingested, state } = recordingContext();
    let open!: () => void;
    state.gate = new Promise((resolve) => (open = resolve));
    const first = sim.queueUpdate(sim.textUpdate(ANNA, 'держу'));
    const poller = track(startTelegramPolling(ctx, { id: 'tg1', config: pollConfig() }, fast));
    await until(() => state.calls === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(poller.offset).toBe(0);
    expect(sim.pendingUpdates()).toBe(1);
    open();
    await until(() => poller.offset === first.update_id + 1);
    // The next getUpdates carries the new offset, which confirms the update to Telegram.
    await until(() => sim.pendingUpdates() === 0);
    await poller.stop();
    expect(ingested).toHaveLength(1);
  });

  it('fetches again from the same offset after a failed ingest, so nothing is lost', async () => {
    const { ctx, ingested, state } = recordingContext();
    const updates = [sim.textUpdate(ANNA, 'a'), sim.textUpdate(ANNA, 'b'), sim.textUpdate(ANNA, 'c')].map((u) => sim.queueUpdate(u));
    const offsetsBefore = sim.getUpdatesOffsets.length;
    // "a" fails once, then "b" fails once after "a" committed.
    state.failures.push(new Error('database is locked'), null, new Error('database is locked'));
    const poller = track(startTelegramPolling(ctx, { id: 'tg1', config: pollConfig() }, fast));
    await until(() => ingested.length === 3);
    expect(ingested.map((m) => m.body)).toEqual(['a', 'b', 'c']);
    expect(state.calls).toBe(5);
    expect(sim.getUpdatesOffsets.slice(offsetsBefore, offsetsBefore + 3)).toEqual([0, 0, updates[1]!.update_id]);
    await poller.stop();
  });

  it('skips an update ingest refuses or that is malformed, without holding back the next', async () => {
    const { ctx, ingested, state } = recordingContext();
    sim.queueUpdate(sim.photoUpdate(ANNA));
    sim.queueUpdate({ message: { message_id: 'broken' } });
    sim.queueUpdate(sim.textUpdate(ANNA, 'после'));
    state.failures.push(new ServiceError('BAD_REQUEST', 'Empty message: no text and no attachments'));
    const poller = track(startTelegramPolling(ctx, { id: 'tg1', config: pollConfig() }, fast));
    await until(() => ingested.length === 1);
    await poller.stop();
    expect(ingested.map((m) => m.body)).toEqual(['после']);
  });

  it('honours 429 retry_after and deletes an active webhook before polling', async () => {
    const { ctx, ingested } = recordingContext();
    await callBotApi(pollConfig(), 'setWebhook', { url: 'https://hub.example.ru/webhooks/telegram/tg1', secret_token: SECRET });
    expect(sim.webhook).toEqual({ url: 'https://hub.example.ru/webhooks/telegram/tg1', secretToken: SECRET });
    sim.queueUpdate(sim.textUpdate(OLEG, 'после вебхука'));
    sim.rateLimitNext(1, 1);
    const started = Date.now();
    const poller = track(startTelegramPolling(ctx, { id: 'tg1', config: pollConfig() }, fast));
    await until(() => ingested.length === 1);
    await poller.stop();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(sim.webhook).toBeNull();
  });

  it('stops promptly in the middle of a long poll', async () => {
    const { ctx } = recordingContext();
    const poller = track(startTelegramPolling(ctx, { id: 'tg1', config: configFor(sim.url, { mode: 'polling', pollTimeoutSeconds: 30 }) }, fast));
    const calls = sim.getUpdatesOffsets.length;
    await until(() => sim.getUpdatesOffsets.length > calls);
    const started = Date.now();
    await poller.stop();
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('is what adapter.start runs in polling mode; webhook mode starts nothing', async () => {
    const { ctx, ingested } = recordingContext();
    const saved: unknown[] = [];
    let syncs = 0;
    const hooks = (state: { offset: number } | undefined) => ({ state, saveState: (next: { offset: number }) => saved.push(next), synced: () => (syncs += 1) });
    const calls = sim.getUpdatesOffsets.length;
    const stopWebhook = await telegramAdapter.start!(ctx, { id: 'tg1', config: configFor(sim.url) }, hooks(undefined));
    await stopWebhook();
    expect(sim.getUpdatesOffsets.length).toBe(calls);
    const stop = await telegramAdapter.start!(ctx, { id: 'tg1', config: pollConfig() }, hooks(undefined));
    const update = sim.queueUpdate(sim.textUpdate(ANNA, 'через адаптер'));
    await until(() => ingested.length === 1 && saved.length === 1);
    await stop();
    expect(ingested[0]!.body).toBe('через адаптер');
    // The confirmed offset is handed out for saving, and every answered poll counts as a sync.
    expect(saved).toEqual([{ offset: update.update_id + 1 }]);
    expect(syncs).toBeGreaterThan(0);

    // A restart resumes from the saved offset rather than from 0.
    const before = sim.getUpdatesOffsets.length;
    const resumed = await telegramAdapter.start!(ctx, { id: 'tg1', config: pollConfig() }, hooks({ offset: update.update_id + 1 }));
    await until(() => sim.getUpdatesOffsets.length > before);
    await resumed();
    expect(sim.getUpdatesOffsets[before]).toBe(update.update_id + 1);
  });
});
