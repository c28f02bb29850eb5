// Raw RFC 822 bytes → the InboundMessage ingest stores. mailparser does the MIME work (including legacy
// Russian charsets: windows-1251, KOI8-R); this maps its result onto the channel contract and recognises
// mail no person wrote (auto-replies, bounces, bulk) so ingest can keep it from opening conversations.
import { createHash } from 'node:crypto';
import { simpleParser, type HeaderValue, type ParsedMail } from 'mailparser';
import { MAX_BODY_LENGTH, type InboundMessage } from '../../../../common/api/channels.ts';
import { sanitizeEmailHtml } from './html.ts';
import { findTextLayout } from './quotes.ts';

export interface AttachmentPart {
  fileName: string;
  contentType: string;
  content: Buffer;
  /** Content-ID of an inline part, so the desk can resolve `cid:` images in the HTML. */
  contentId?: string;
}

export type AutomaticKind = 'bounce' | 'auto-reply' | 'bulk';

/** What a delivery status notification says about one of our messages (RFC 3464). */
export interface BounceDetails {
  /** Message-ID of the message that bounced, when the report quotes its headers. */
  originalMessageId: string | null;
  recipient: string | null;
  status: string | null;
  diagnostic: string | null;
  /** Failed for good (Action: failed / 5.x.x), as opposed to "delayed, still trying". */
  permanent: boolean;
}

export type ParseResult =
  | { ok: true; message: InboundMessage; attachments: AttachmentPart[] }
  | { ok: false; reason: string };

// Limits of the InboundMessage schema: longer values would make ingest reject the whole message.
const MAX_ID = 300;
const MAX_THREAD_KEY = 500;
const MAX_THREAD_KEYS = 100;
const MAX_SUBJECT = 500;
const MAX_NAME = 200;
const MAX_STORED_BODY = MAX_BODY_LENGTH * 4;

function headerText(value: HeaderValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return headerText(value[0]);
  if (value instanceof Date) return value.toISOString();
  return 'value' in value && typeof value.value === 'string' ? value.value : undefined;
}

function contentTypeOf(mail: ParsedMail): { value: string; params: Record<string, string> } {
  const header = mail.headers.get('content-type');
  if (header && typeof header === 'object' && !Array.isArray(header) && 'params' in header && typeof header.value === 'string') {
    const params = Object.fromEntries(Object.entries(header.params).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    return { value: header.value.toLowerCase(), params };
  }
  return { value: (headerText(header) ?? '').toLowerCase(), params: {} };
}

/** Why this mail was sent by a machine (RFC 3834, RFC 3464, common de-facto headers), or null for a person. */
export function detectAutomatic(mail: ParsedMail): AutomaticKind | null {
  const from = mail.from?.value[0]?.address?.toLowerCase() ?? '';
  const contentType = contentTypeOf(mail);
  const reportType = contentType.params['report-type']?.toLowerCase();
  if (contentType.value === 'multipart/report' && (reportType === 'delivery-status' || reportType === 'disposition-notification')) return 'bounce';
  if (/^(mailer-daemon|postmaster)@/.test(from) || headerText(mail.headers.get('return-path'))?.trim() === '<>') return 'bounce';
  const autoSubmitted = headerText(mail.headers.get('auto-submitted'))?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return 'auto-reply';
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond') || mail.headers.has('x-autoresponder')) return 'auto-reply';
  const precedence = headerText(mail.headers.get('precedence'))?.trim().toLowerCase();
  if (precedence === 'auto_reply') return 'auto-reply';
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list') return 'bulk';
  return null;
}

function field(text: string, name: string): string | null {
  return new RegExp(`^${name}:[ \\t]*(.+)$`, 'im').exec(text)?.[1]?.trim() ?? null;
}

/** mailparser folds the machine-readable status into the text and keeps the returned headers as a part. */
export function bounceDetails(mail: ParsedMail): BounceDetails {
  const text = mail.text ?? '';
  const returned = mail.attachments.find((part) => /^(text\/rfc822-headers|message\/rfc822(-headers)?)$/i.test(part.contentType));
  const returnedHead = returned?.content.toString('utf8').split(/\r?\n\r?\n/, 1)[0] ?? '';
  const originalMessageId = /<[^<>\s]+>/.exec(field(returnedHead, 'Message-ID') ?? '')?.[0] ?? null;
  const status = /[245]\.\d{1,3}\.\d{1,3}/.exec(field(text, 'Status') ?? '')?.[0] ?? null;
  const action = field(text, 'Action')?.toLowerCase();
  return {
    originalMessageId,
    recipient: field(text, 'Final-Recipient')?.replace(/^rfc822;\s*/i, '') ?? null,
    status,
    diagnostic: field(text, 'Diagnostic-Code')?.slice(0, 500) ?? null,
    permanent: action === 'failed' || (action === undefined && status?.startsWith('5.') === true),
  };
}


function messageIds(value: string | string[] | undefined): string[] {
  const all = Array.isArray(value) ? value : value ? value.split(/\s+/) : [];
  return all.map((id) => id.trim()).filter((id) => id.length > 0 && id.length <= MAX_THREAD_KEY);
}

function threadKeysOf(mail: ParsedMail): string[] {
  const own = messageIds(mail.messageId);
  const parent = messageIds(mail.inReplyTo);
  // The nearest ancestors are the useful ones: keep the end of a very long References chain.
  const references = messageIds(mail.references).slice(-(MAX_THREAD_KEYS - own.length - parent.length));
  return [...new Set([...own, ...parent, ...references])].slice(0, MAX_THREAD_KEYS);
}

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function parseEmail(raw: Buffer, channelAccountId: string | null = null): Promise<ParseResult> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  } catch (error) {
    return { ok: false, reason: `unreadable MIME: ${error instanceof Error ? error.message : String(error)}` };
  }
  const sender = mail.from?.value.find((address) => address.address);
  if (!sender?.address) return { ok: false, reason: 'no sender address in From' };

  const messageId = mail.messageId?.trim();
  // Without a usable Message-ID the bytes themselves identify it: a redelivery of the same mail dedupes.
  const providerMessageId = messageId && messageId.length <= MAX_ID ? messageId : `sha256:${sha256(raw)}`;
  const body = (mail.text ?? '').slice(0, MAX_STORED_BODY);
  const sanitized = mail.html ? sanitizeEmailHtml(mail.html) : null;
  const automatic = detectAutomatic(mail);
  const attachments: AttachmentPart[] = mail.attachments.map((part, index) => {
    const contentId = part.contentId?.replace(/^<|>$/g, '');
    return {
      fileName: part.filename ?? `attachment-${index + 1}`,
      contentType: part.contentType || 'application/octet-stream',
      content: part.content,
      ...(contentId ? { contentId } : {}),
    };
  });

  const message: InboundMessage = {
    channel: 'email',
    channelAccountId,
    providerMessageId,
    from: {
      kind: 'email',
      value: sender.address,
      ...(sender.name ? { displayName: sender.name.slice(0, MAX_NAME) } : {}),
    },
    body,
    ...(mail.subject ? { subject: mail.subject.slice(0, MAX_SUBJECT) } : {}),
    ...(mail.date && !Number.isNaN(mail.date.getTime()) ? { sentAt: mail.date } : {}),
    threadKeys: threadKeysOf(mail),
    automatic: automatic !== null,
    meta: {
      html: sanitized?.html ?? null,
      remoteImages: sanitized?.remoteImages ?? 0,
      quoted: findTextLayout(body),
      autoSubmitted: automatic !== null,
      automatic,
      bounce: automatic === 'bounce' ? bounceDetails(mail) : null,
      to: mail.to ? (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((list) => list.value.map((address) => address.address ?? '')).filter(Boolean) : [],
      replyTo: mail.replyTo?.value.map((address) => address.address ?? '').filter(Boolean) ?? [],
    },
  };
  return { ok: true, message, attachments };
}
