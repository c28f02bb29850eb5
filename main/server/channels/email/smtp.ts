// Sends one reply through the account's SMTP server. SMTP has no idempotency key, so the Message-ID is
// derived from our message id: a send retried after a crash carries the same Message-ID, and the
// customer's client (and our own ingest) see one message, not two.
import nodemailer from 'nodemailer';
import { PermanentSendError, RetryLaterError, type OutboundMessage, type SendResult } from '../contract.ts';
import type { EmailConfig } from './config.ts';

const TIMEOUT_MS = 15_000;
/** 4xx is "try again later" (greylisting, full queue): sooner than this the answer is usually the same. */
const TRANSIENT_RETRY_MS = 60_000;
/** RFC 5322 lets References be trimmed; the root and the nearest ancestors are what clients thread on. */
const MAX_REFERENCES = 20;
const REPLY_PREFIX = /^\s*(re|ответ|отв|aw|sv|antw)\s*(\[\d+\])?\s*:/i;

export function outboundMessageId(messageId: string, address: string): string {
  const domain = address.split('@')[1] || 'threadline.local';
  return `<${messageId.replace(/[^A-Za-z0-9._-]/g, '-')}@${domain}>`;
}

export function replySubject(subject: string | undefined, replying: boolean): string {
  const base = subject?.trim() ?? '';
  if (!replying || base === '' || REPLY_PREFIX.test(base)) return base;
  return `Re: ${base}`;
}

function bracketed(id: string): string {
  const trimmed = id.trim();
  return trimmed.startsWith('<') ? trimmed : `<${trimmed}>`;
}

function threadHeaders(replyTo: string[] | undefined): { inReplyTo?: string; references?: string[] } {
  const ids = (replyTo ?? []).filter((id) => id.trim() !== '').map(bracketed);
  if (ids.length === 0) return {};
  const references = ids.length > MAX_REFERENCES ? [ids[0]!, ...ids.slice(-(MAX_REFERENCES - 1))] : ids;
  return { inReplyTo: ids.at(-1)!, references };
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

function toSendError(error: unknown): Error {
  const smtp = (error ?? {}) as SmtpError;
  const reason = `SMTP ${smtp.responseCode ?? smtp.code ?? 'error'}: ${smtp.response ?? smtp.message ?? String(error)}`;
  // Bad credentials are ours to fix, not this message's fault: retried once an admin corrects them.
  if (smtp.code === 'EAUTH') return new Error(reason, { cause: error });
  const status = smtp.responseCode;
  if (status !== undefined && status >= 500 && status < 600) return new PermanentSendError(reason);
  if (status !== undefined && status >= 400 && status < 500) return new RetryLaterError(reason, TRANSIENT_RETRY_MS);
  // Connection refused, timeouts, TLS failures: the outbox's own backoff.
  return new Error(reason, { cause: error });
}

export function smtpTransport(config: EmailConfig, timeoutMs = TIMEOUT_MS) {
  return nodemailer.createTransport({
    host: config.smtp.host,
    port: config.smtp.port,
    secure: config.smtp.secure,
    ...(config.smtp.user ? { auth: { user: config.smtp.user, pass: config.smtpPassword ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
}

export async function sendEmail(config: EmailConfig, message: OutboundMessage): Promise<SendResult> {
  const transport = smtpTransport(config);
  const messageId = outboundMessageId(message.messageId, config.address);
  const replying = (message.replyTo?.length ?? 0) > 0;
  try {
    await transport.sendMail({
      from: { name: config.displayName, address: config.address },
      to: message.to,
      subject: replySubject(message.subject, replying),
      text: message.body,
      messageId,
      ...threadHeaders(message.replyTo),
      // Streamed from the store by nodemailer; the name is the one the meta lists (already made safe).
      ...(message.attachments?.length
        ? { attachments: message.attachments.map((file) => ({ filename: file.fileName, contentType: file.contentType, path: file.path })) }
        : {}),
    });
  } catch (error) {
    throw toSendError(error);
  } finally {
    transport.close();
  }
  return { providerMessageId: messageId };
}
