// Ingest rules for one inbound message from any channel, independent of how it is written: what is
// accepted, how the text is cleaned, who a new sender is, and which conversation the message joins.
// The ingest writer (ingestWriter.ts) applies these rules to many messages in one transaction.
import { InboundMessage, MAX_BODY_LENGTH, type ParsedInboundMessage } from '../../../../common/api/channels.ts';
import { normalizeIdentity } from '../../../../common/domain/contacts.ts';
import type { SequencedEvent } from '../../../../common/realtime/events.ts';
import { ServiceError } from '../../errors.ts';

export interface IngestResult {
  messageId: string;
  conversationId: string;
  customerId: string;
  duplicate: boolean;
  /** A profile was created for a sender no identity matched. */
  newCustomer: boolean;
  /** The timeline event logged with a new message, to push once committed; absent for duplicates. */
  event?: SequencedEvent;
}

/** A validated message, ready to be written. */
export interface PreparedInbound {
  msg: ParsedInboundMessage;
  /** The sender's identity as stored: E.164 phone, lower-cased e-mail … */
  normalized: string;
  body: string;
  /** JSON text of everything channel-specific kept with the message. */
  meta: string;
  /** The e-mail subject without reply and forward prefixes, for threading; null when there is none. */
  threadSubject: string | null;
}

const TRUNCATION_MARK = '\n[…]';

/** NUL breaks SQLite text handling and every terminal; zero-width and RTL marks are real text and stay. */
function cleanBody(body: string): { body: string; truncatedFrom?: number } {
  const text = body.replaceAll('\u0000', '');
  if (text.length <= MAX_BODY_LENGTH) return { body: text };
  return { body: text.slice(0, MAX_BODY_LENGTH - TRUNCATION_MARK.length) + TRUNCATION_MARK, truncatedFrom: text.length };
}

// Re:, RE[2]:, Fwd:, Fw:, and what Russian mail clients write: Отв:, Ответ:, Пересл:, НА: (Outlook's «Re»).
const REPLY_PREFIX = /^\s*(?:re|fwd?|отв|ответ|пересл|на|aw|wg)\s*(?:\[\d+\])?\s*:\s*/iu;

/** The subject a thread keeps however many replies and forwards it went through, compared case-insensitively. */
export function threadSubjectOf(subject: string | null | undefined): string | null {
  let rest = (subject ?? '').trim();
  for (let previous = ''; previous !== rest; ) {
    previous = rest;
    rest = rest.replace(REPLY_PREFIX, '').trim();
  }
  const folded = rest.replace(/\s+/g, ' ').toLowerCase().replaceAll('ё', 'е');
  return folded === '' ? null : folded;
}

export function prepareInbound(input: InboundMessage): PreparedInbound {
  const parsed = InboundMessage.safeParse(input);
  if (!parsed.success) throw new ServiceError('BAD_REQUEST', `Invalid inbound message: ${parsed.error.issues[0]?.message ?? 'malformed'}`);
  const msg = parsed.data;
  const normalized = normalizeIdentity(msg.from.kind, msg.from.value);
  if (!normalized) throw new ServiceError('BAD_REQUEST', `Invalid sender ${msg.from.kind}: ${msg.from.value.slice(0, 80)}`);
  const { body, truncatedFrom } = cleanBody(msg.body);
  if (body.trim() === '' && msg.attachments.length === 0 && msg.content.length === 0) {
    throw new ServiceError('BAD_REQUEST', 'Empty message: no text, attachments or other content');
  }
  const meta = { ...msg.meta, threadKeys: msg.threadKeys, attachments: msg.attachments, content: msg.content, ...(truncatedFrom ? { truncatedFrom } : {}) };
  return { msg, normalized, body, meta: JSON.stringify(meta), threadSubject: msg.channel === 'email' ? threadSubjectOf(msg.subject) : null };
}

/** The first and last name a new profile gets from how the sender signs. */
export function nameFrom(displayName: string | undefined, fallback: string): { firstName: string; lastName: string } {
  const parts = (displayName ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return { firstName: '', lastName: fallback };
  if (parts.length === 1) return { firstName: parts[0]!, lastName: '' };
  // «Иван Петров» as senders sign: first name first.
  return { firstName: parts[0]!, lastName: parts.slice(1).join(' ') };
}

/** A conversation of the sender's, as the writer sees it while choosing where a message goes. */
export interface ConversationCandidate {
  id: string;
  status: string;
  subject: string | null;
  lastActivityAt: string;
}

/** How far back a reply with only a matching subject still joins an e-mail thread. */
const SUBJECT_THREAD_DAYS = 30;

/**
 * Which of the sender's conversations a message joins; null opens a new one.
 * `candidates` are the customer's latest conversations, newest first; `threadHit` is the conversation of
 * an earlier message this one names in its thread keys (e-mail In-Reply-To / References).
 */
export function chooseConversation(
  prepared: PreparedInbound,
  candidates: readonly ConversationCandidate[],
  threadHit: ConversationCandidate | null,
  now: Date,
): ConversationCandidate | null {
  const { msg } = prepared;
  // A reply in a known thread continues it, even one already resolved: the customer answered it.
  if (threadHit) return threadHit;
  // Automatic mail joins the latest conversation whatever its status, and never opens one of its own.
  if (msg.automatic) return candidates[0] ?? null;
  const active = candidates.filter((c) => c.status !== 'resolved');
  if (msg.channel !== 'email' || prepared.threadSubject === null) return active[0] ?? null;
  // E-mail: same participants (this customer) and same subject is the same thread, as mail clients
  // group it; a new subject is a new question and gets its own conversation.
  const since = now.getTime() - SUBJECT_THREAD_DAYS * 86_400_000;
  return active.find((c) => threadSubjectOf(c.subject) === prepared.threadSubject && Date.parse(c.lastActivityAt) >= since) ?? null;
}
