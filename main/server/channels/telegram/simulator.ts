// A local server that speaks the Bot API (the methods the adapter uses) and posts webhooks as Telegram
// does: the demo and the tests run the real adapter against it. Loopback only; it keeps everything in memory.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TelegramUpdate } from './wire.ts';

export interface TelegramSimulatorOptions {
  botToken: string;
  port?: number;
  /** Chats that wrote to the bot before the simulator started (the demo's seeded Telegram customers). */
  knownChat?: (chatId: number) => boolean;
}

/** A customer as Telegram describes them; in a private chat their id is also the chat id. */
export interface SimulatedUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface SimulatedTelegramSend {
  method: 'sendMessage' | 'sendPhoto' | 'sendDocument';
  chatId: number;
  messageId: number;
  text?: string;
  caption?: string;
  /** The photo or document: a file_id or URL, or `attach:<name>` for one uploaded with the request. */
  file?: string;
  /** A file uploaded as multipart/form-data, as Telegram received it. */
  upload?: { fileName: string; contentType: string; content: Buffer };
  replyToMessageId?: number;
}

type Message = NonNullable<TelegramUpdate['message']>;
/** Everything but update_id, which the simulator numbers. */
export type UpdateInput = { update_id?: number } & Record<string, unknown>;

export interface TelegramSimulator {
  /** Use as the account's apiBaseUrl. */
  url: string;
  /** Every message the bot sent, in order. */
  sent: SimulatedTelegramSend[];
  /** What setWebhook was last given (null after deleteWebhook). */
  webhook: { url: string; secretToken: string | undefined } | null;
  /** Every getUpdates call's offset, in order. */
  getUpdatesOffsets: number[];
  /** Queues an update for getUpdates (numbering it when it has no update_id) and returns it. */
  queueUpdate(update: UpdateInput): UpdateInput & { update_id: number };
  /** Updates queued and not yet confirmed by a getUpdates offset past them. */
  pendingUpdates(): number;
  /** POSTs an update as Telegram's webhook delivery would; resolves with the HTTP status the hub answered. */
  pushUpdate(webhookUrl: string, update: unknown, secret?: string): Promise<number>;
  /** Later sends to this chat fail as Telegram answers when the user stopped the bot or deleted their account. */
  blockChat(chatId: number, reason?: 'blocked' | 'deactivated'): void;
  /** The next `count` API calls answer 429 with parameters.retry_after. */
  rateLimitNext(count: number, retryAfterSeconds: number): void;
  textUpdate(from: SimulatedUser, text: string): TelegramUpdate;
  photoUpdate(from: SimulatedUser, caption?: string): TelegramUpdate;
  documentUpdate(from: SimulatedUser, document: { fileName: string; mimeType: string; size: number }, caption?: string): TelegramUpdate;
  /** The customer taps "share my phone number" (or forwards someone else's card with `contact`). */
  contactUpdate(from: SimulatedUser, phone: string, contact?: Omit<SimulatedUser, 'id'> & { id?: number }): TelegramUpdate;
  /** A message in a group the bot is in: not a customer conversation. */
  groupUpdate(from: SimulatedUser, groupChatId: number, text: string): TelegramUpdate;
  close(): Promise<void>;
}

const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;
const MAX_REQUEST_BYTES = 1 << 20;
/** Telegram takes uploads up to 50 MB. */
const MAX_UPLOAD_BYTES = 50 << 20;

/** An uploaded file among the parameters (multipart/form-data). */
interface UploadedFile {
  uploaded: true;
  fileName: string;
  contentType: string;
  content: Buffer;
}
const isUpload = (value: unknown): value is UploadedFile => typeof value === 'object' && value !== null && (value as UploadedFile).uploaded === true;
const BOT_NAME = { first_name: 'Threadline Demo', username: 'threadline_demo_bot' };

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function fail(res: ServerResponse, errorCode: number, description: string, parameters?: Record<string, unknown>): void {
  json(res, errorCode, { ok: false, error_code: errorCode, description, ...(parameters ? { parameters } : {}) });
}

async function readParams(req: IncomingMessage, query: URLSearchParams): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  const contentType = req.headers['content-type'] ?? '';
  const multipart = contentType.startsWith('multipart/form-data');
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > (multipart ? MAX_UPLOAD_BYTES : MAX_REQUEST_BYTES)) throw new Error('request too large');
    chunks.push(chunk);
  }
  // Like Telegram: parameters in the query string, a JSON body, a form body or multipart with files.
  const params: Record<string, unknown> = Object.fromEntries(query);
  if (multipart) {
    const form = await new Response(Buffer.concat(chunks), { headers: { 'content-type': contentType } }).formData();
    for (const [name, value] of form.entries()) {
      params[name] =
        typeof value === 'string' ? value : ({ uploaded: true, fileName: value.name, contentType: value.type, content: Buffer.from(await value.arrayBuffer()) } satisfies UploadedFile);
    }
    return params;
  }
  const body = Buffer.concat(chunks).toString('utf8');
  if (!body) return params;
  if ((req.headers['content-type'] ?? '').startsWith('application/json')) return { ...params, ...(JSON.parse(body) as Record<string, unknown>) };
  return { ...params, ...Object.fromEntries(new URLSearchParams(body)) };
}

const randomFileId = (prefix: string) => prefix + Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64url');

export async function startTelegramSimulator(options: TelegramSimulatorOptions): Promise<TelegramSimulator> {
  const { botToken } = options;
  const botId = Number(botToken.split(':')[0]);
  const sent: SimulatedTelegramSend[] = [];
  const getUpdatesOffsets: number[] = [];
  const queue: Array<UpdateInput & { update_id: number }> = [];
  const waiters = new Set<() => void>();
  /** Chats whose user wrote to the bot: Telegram refuses a bot's first message to anyone else. */
  const knownChats = new Set<number>();
  const blocked = new Map<number, string>();
  const messageIds = new Map<number, number>();
  let rateLimited: { count: number; retryAfter: number } = { count: 0, retryAfter: 0 };
  let nextUpdateId = 100_000;
  let webhook: TelegramSimulator['webhook'] = null;

  const nextMessageId = (chatId: number) => {
    const id = (messageIds.get(chatId) ?? 0) + 1;
    messageIds.set(chatId, id);
    return id;
  };
  const now = () => Math.floor(Date.now() / 1000);

  function send(res: ServerResponse, method: SimulatedTelegramSend['method'], params: Record<string, unknown>): void {
    const chatId = Number(params.chat_id);
    if (!Number.isSafeInteger(chatId) || !(knownChats.has(chatId) || options.knownChat?.(chatId))) return fail(res, 400, 'Bad Request: chat not found');
    const reason = blocked.get(chatId);
    if (reason) return fail(res, 403, reason);
    const text = typeof params.text === 'string' ? params.text : undefined;
    const caption = typeof params.caption === 'string' ? params.caption : undefined;
    const field = method === 'sendPhoto' ? 'photo' : method === 'sendDocument' ? 'document' : undefined;
    const value = field ? params[field] : undefined;
    const upload = isUpload(value) ? { fileName: value.fileName, contentType: value.contentType, content: value.content } : undefined;
    const file = typeof value === 'string' ? value : upload ? `attach:${upload.fileName}` : undefined;
    if (upload && upload.content.length === 0) return fail(res, 400, 'Bad Request: file must be non-empty');
    if (method === 'sendMessage' && !text?.trim()) return fail(res, 400, 'Bad Request: message text is empty');
    if (text && text.length > MAX_TEXT) return fail(res, 400, 'Bad Request: message is too long');
    if (field && !file) return fail(res, 400, `Bad Request: there is no ${field} in the request`);
    if (caption && caption.length > MAX_CAPTION) return fail(res, 400, 'Bad Request: message caption is too long');
    const reply = params.reply_parameters as { message_id?: unknown } | undefined;
    const replyToMessageId = typeof reply?.message_id === 'number' ? reply.message_id : undefined;
    const messageId = nextMessageId(chatId);
    sent.push({ method, chatId, messageId, text, caption, file, ...(upload ? { upload } : {}), replyToMessageId });
    const message: Record<string, unknown> = {
      message_id: messageId,
      from: { id: botId, is_bot: true, ...BOT_NAME },
      chat: { id: chatId, type: 'private' },
      date: now(),
      ...(text ? { text } : {}),
      ...(caption ? { caption } : {}),
      ...(field === 'photo' ? { photo: [{ file_id: randomFileId('AgAC'), file_unique_id: randomFileId('AQAD').slice(0, 16), width: 1280, height: 960 }] } : {}),
      ...(field === 'document' ? { document: { file_id: randomFileId('BQAC'), file_unique_id: randomFileId('AgAD').slice(0, 16), file_name: upload?.fileName ?? 'file' } } : {}),
    };
    json(res, 200, { ok: true, result: message });
  }

  function getUpdates(res: ServerResponse, params: Record<string, unknown>): void {
    if (webhook) return fail(res, 409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    const offset = Number(params.offset ?? 0) || 0;
    const timeout = Math.min(50, Math.max(0, Number(params.timeout ?? 0) || 0));
    getUpdatesOffsets.push(offset);
    // An offset confirms every update before it: Telegram forgets them.
    while (queue.length > 0 && queue[0]!.update_id < offset) queue.shift();
    const answer = () => {
      waiters.delete(answer);
      clearTimeout(timer);
      if (!res.writableEnded) json(res, 200, { ok: true, result: queue.slice(0, 100) });
    };
    const timer = setTimeout(answer, timeout * 1000);
    if (queue.length > 0 || timeout === 0) return answer();
    waiters.add(answer);
    res.on('close', () => {
      waiters.delete(answer);
      clearTimeout(timer);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return fail(res, 404, 'Not Found');
    if (match[1] !== botToken) return fail(res, 401, 'Unauthorized');
    const method = match[2]!;
    const params = await readParams(req, url.searchParams);
    if (rateLimited.count > 0) {
      rateLimited.count -= 1;
      return fail(res, 429, `Too Many Requests: retry after ${rateLimited.retryAfter}`, { retry_after: rateLimited.retryAfter });
    }
    switch (method) {
      case 'getMe':
        return json(res, 200, { ok: true, result: { id: botId, is_bot: true, ...BOT_NAME, can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false } });
      case 'sendMessage':
      case 'sendPhoto':
      case 'sendDocument':
        return send(res, method, params);
      case 'getUpdates':
        return getUpdates(res, params);
      case 'setWebhook': {
        if (typeof params.url !== 'string' || !params.url) return fail(res, 400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
        webhook = { url: params.url, secretToken: typeof params.secret_token === 'string' ? params.secret_token : undefined };
        return json(res, 200, { ok: true, result: true, description: 'Webhook was set' });
      }
      case 'deleteWebhook':
        webhook = null;
        if (params.drop_pending_updates === true || params.drop_pending_updates === 'true') queue.length = 0;
        return json(res, 200, { ok: true, result: true, description: 'Webhook was deleted' });
      default:
        return fail(res, 404, 'Not Found');
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) fail(res, 400, `Bad Request: ${error instanceof Error ? error.message : 'malformed request'}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  function update(from: SimulatedUser, content: Partial<Message>, chat: { id: number; type: string } = { id: from.id, type: 'private' }): TelegramUpdate {
    if (chat.type === 'private') knownChats.add(chat.id);
    const message = { message_id: nextMessageId(chat.id), from: { is_bot: false, ...from }, chat, date: now(), ...content };
    return { update_id: nextUpdateId++, message };
  }

  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    getUpdatesOffsets,
    get webhook() {
      return webhook;
    },
    queueUpdate(input) {
      const queued = { ...input, update_id: input.update_id ?? nextUpdateId++ };
      queue.push(queued);
      for (const answer of [...waiters]) answer();
      return queued;
    },
    pendingUpdates: () => queue.length,
    async pushUpdate(webhookUrl, body, secret) {
      const response = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
        body: JSON.stringify(body),
      });
      await response.arrayBuffer();
      return response.status;
    },
    blockChat(chatId, reason = 'blocked') {
      blocked.set(chatId, reason === 'blocked' ? 'Forbidden: bot was blocked by the user' : 'Forbidden: user is deactivated');
    },
    rateLimitNext(count, retryAfterSeconds) {
      rateLimited = { count, retryAfter: retryAfterSeconds };
    },
    textUpdate: (from, text) => update(from, { text }),
    photoUpdate(from, caption) {
      const id = randomFileId('AgACAgIAAxkBAAI');
      const unique = randomFileId('AQAD').slice(0, 16);
      const sizes = [
        [90, 68, 1_412],
        [320, 240, 18_211],
        [1280, 960, 143_506],
      ] as const;
      const photo = sizes.map(([width, height, file_size], i) => ({ file_id: `${id}${i}`, file_unique_id: `${unique}${i}`, width, height, file_size }));
      return update(from, { photo, ...(caption ? { caption } : {}) });
    },
    documentUpdate(from, { fileName, mimeType, size }, caption) {
      const document = { file_id: randomFileId('BQACAgIAAxkBAAI'), file_unique_id: randomFileId('AgAD').slice(0, 16), file_name: fileName, mime_type: mimeType, file_size: size };
      return update(from, { document, ...(caption ? { caption } : {}) });
    },
    contactUpdate(from, phone, contact) {
      const card = contact ?? from;
      return update(from, {
        contact: { phone_number: phone, first_name: card.first_name, ...(card.last_name ? { last_name: card.last_name } : {}), ...(card.id !== undefined ? { user_id: card.id } : {}) },
      });
    },
    groupUpdate: (from, groupChatId, text) => update(from, { text }, { id: groupChatId, type: 'group' }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const answer of [...waiters]) answer();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
