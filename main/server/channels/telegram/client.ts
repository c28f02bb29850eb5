// Calls the Bot API and turns its answers into the outbox's three outcomes: done, retry later (429, 5xx,
// network, a token being fixed) or failed for good (blocked by the user, chat not found …).
import { z } from 'zod';
import { describeNetworkError } from '../connectionTest.ts';
import { PermanentSendError, RetryLaterError, type SendResult } from '../contract.ts';
import type { TelegramConfig } from './config.ts';
import { BotApiFailure, botApiSuccess, TelegramMessage, telegramMessageId } from './wire.ts';

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_RETRY_AFTER_S = 1;

/** The Bot API refused a call: its error_code (the HTTP status), description and retry_after, if any. */
export class BotApiError extends Error {
  constructor(
    readonly method: string,
    readonly errorCode: number,
    readonly description: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`Telegram ${method} ${errorCode}: ${description}`);
  }
}

export interface CallOptions {
  timeoutMs?: number;
  /** Aborts the call early (a poller being stopped). */
  signal?: AbortSignal;
}

/** One Bot API method; resolves with its `result`, throws BotApiError for a refusal, Error when unreachable. */
export async function callBotApi(config: TelegramConfig, method: string, params: Record<string, unknown> | FormData = {}, options: CallOptions = {}): Promise<unknown> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let response: Response;
  // A file upload goes as multipart/form-data (fetch sets the boundary); everything else as JSON.
  const multipart = params instanceof FormData;
  try {
    response = await fetch(`${config.apiBaseUrl}/bot${config.botToken}/${method}`, {
      method: 'POST',
      headers: multipart ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: multipart ? params : JSON.stringify(params),
      signal: options.signal ? AbortSignal.any([timeout, options.signal]) : timeout,
    });
  } catch (error) {
    // The token is part of the URL, which some fetch errors quote: it must not reach a log line.
    const reason = describeNetworkError(error).replaceAll(config.botToken, '<token>');
    throw new Error(`Telegram ${method} unreachable: ${reason}`);
  }
  const payload: unknown = await response.json().catch(() => null);
  const success = botApiSuccess(z.unknown()).safeParse(payload);
  if (response.ok && success.success) return success.data.result;
  const failure = BotApiFailure.safeParse(payload);
  if (failure.success) throw new BotApiError(method, failure.data.error_code, failure.data.description, failure.data.parameters?.retry_after);
  throw new BotApiError(method, response.status, `unexpected answer (HTTP ${response.status})`);
}

// The user stopped the bot or deleted their account: no send to them can succeed until they write again.
const BLOCKED = /bot was blocked by the user|user is deactivated/i;

/** What the outbox should do with a failed send. */
function sendError(error: unknown): Error {
  if (!(error instanceof BotApiError)) return error instanceof Error ? error : new Error(String(error));
  const { errorCode, description, message } = error;
  if (errorCode === 429) return new RetryLaterError(message, Math.ceil((error.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_S) * 1000));
  if (errorCode === 403) return new PermanentSendError(message, BLOCKED.test(description) ? 'blocked' : undefined);
  // 401/404 name the token (revoked, mistyped): a send retried after an admin fixes it works.
  if (errorCode === 401 || errorCode === 404) return new Error(`${message} (check the bot token)`);
  // Any other 4xx rejects this message itself (chat not found, empty or too long text, bad file id).
  if (errorCode >= 400 && errorCode < 500) return new PermanentSendError(message);
  return error;
}

const SentMessage = TelegramMessage.pick({ message_id: true, chat: true });

async function sendVia(config: TelegramConfig, method: string, params: Record<string, unknown> | FormData, timeoutMs?: number): Promise<SendResult> {
  let result: unknown;
  try {
    // The Bot API has no idempotency key: a send retried after a lost answer can arrive twice.
    result = await callBotApi(config, method, params, { timeoutMs });
  } catch (error) {
    throw sendError(error);
  }
  const sent = SentMessage.safeParse(result);
  // Delivered but unreadable: failing for good beats resending a message the customer already has.
  if (!sent.success) throw new PermanentSendError(`Telegram ${method} answered with an unexpected message`);
  return { providerMessageId: telegramMessageId(sent.data.chat.id, sent.data.message_id) };
}

const replyParameters = (replyToMessageId: number | undefined) =>
  // A reply to a message the customer has since deleted still goes out, just without the quote.
  replyToMessageId === undefined ? {} : { reply_parameters: { message_id: replyToMessageId, allow_sending_without_reply: true } };

export interface TelegramTextSend {
  chatId: string | number;
  text: string;
  replyToMessageId?: number;
}

export function sendTelegram(config: TelegramConfig, send: TelegramTextSend, timeoutMs?: number): Promise<SendResult> {
  // No parse_mode: agents' text goes out as plain text, so "*", "_" and "<" need no escaping and cannot
  // make Telegram refuse the message as broken markup.
  return sendVia(config, 'sendMessage', { chat_id: send.chatId, text: send.text, ...replyParameters(send.replyToMessageId) }, timeoutMs);
}

export interface TelegramFileSend {
  chatId: string | number;
  /** A file_id Telegram gave us, or an HTTP(S) URL Telegram fetches itself. */
  file: string;
  caption?: string;
  replyToMessageId?: number;
}

const fileParams = (field: string, send: TelegramFileSend) => ({
  chat_id: send.chatId,
  [field]: send.file,
  ...(send.caption ? { caption: send.caption } : {}),
  ...replyParameters(send.replyToMessageId),
});

export function sendTelegramPhoto(config: TelegramConfig, send: TelegramFileSend, timeoutMs?: number): Promise<SendResult> {
  return sendVia(config, 'sendPhoto', fileParams('photo', send), timeoutMs);
}

export function sendTelegramDocument(config: TelegramConfig, send: TelegramFileSend, timeoutMs?: number): Promise<SendResult> {
  return sendVia(config, 'sendDocument', fileParams('document', send), timeoutMs);
}

/** Pictures Telegram shows as photos (it recompresses them); anything else, or a large one, goes as a document. */
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** Uploads take longer than a text send. */
const UPLOAD_TIMEOUT_MS = 120_000;
const MAX_CAPTION = 1024;

export interface TelegramUpload {
  chatId: string | number;
  fileName: string;
  contentType: string;
  content: Buffer;
  caption?: string;
}

/** Uploads a file from the hub's store: sendPhoto for ordinary pictures, sendDocument for everything else. */
export function sendTelegramUpload(config: TelegramConfig, upload: TelegramUpload, timeoutMs = UPLOAD_TIMEOUT_MS): Promise<SendResult> {
  const asPhoto = PHOTO_TYPES.has(upload.contentType) && upload.content.length <= MAX_PHOTO_BYTES;
  const field = asPhoto ? 'photo' : 'document';
  const form = new FormData();
  form.set('chat_id', String(upload.chatId));
  if (upload.caption) form.set('caption', upload.caption.slice(0, MAX_CAPTION));
  form.set(field, new Blob([new Uint8Array(upload.content)], { type: upload.contentType }), upload.fileName);
  return sendVia(config, asPhoto ? 'sendPhoto' : 'sendDocument', form, timeoutMs);
}
