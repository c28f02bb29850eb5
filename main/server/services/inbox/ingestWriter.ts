// The one writer of inbound messages. Webhooks, pollers and the inbound API hand it messages; it commits
// whatever is waiting in one transaction (group commit) on its own SQLite connection and resolves each
// caller only after that commit, so a provider is acknowledged only for durable messages.
// Why not Prisma here: a Prisma interactive transaction costs ~6 ms and every statement ~1 ms over the
// driver adapter, which caps ingest near 100 msg/s; set-based SQL per batch on a bare @libsql/client
// connection costs a handful of statements per batch, not per message (see test/bench/ingest.bench.ts).
import type { Transaction } from '@libsql/client';
import type { InboundMessage, ParsedInboundMessage } from '../../../../common/api/channels.ts';
import { customerSearchName } from '../../../../common/domain/text.ts';
import { insertRows, openSqlGroupCommit, placeholders, select, type Row, type WriterLog } from '../../db/groupCommit.ts';
import { newRowId, sqlInstant } from '../../db/sqlValues.ts';
import { ServiceError } from '../../errors.ts';
import type { Clock } from '../../jobs/clock.ts';
import { appendEventsRaw } from '../../realtime/eventLog.ts';
import { messageEvent } from '../desk/timeline/messages.ts';
import { chooseConversation, nameFrom, prepareInbound, type ConversationCandidate, type IngestResult, type PreparedInbound } from './ingest.ts';

export interface IngestWriter {
  /** Stores the message (idempotent by channel + provider message id); resolves after the commit. */
  ingest(message: InboundMessage): Promise<IngestResult>;
  /** Commits so far and the messages they carried: how well group commit is batching under load. */
  stats(): { commits: number; messages: number };
  /** Waits for what is queued, then closes the connection. */
  close(): Promise<void>;
}

/** How many recent conversations per customer threading looks at. */
const CANDIDATES_PER_CUSTOMER = 20;

export interface IngestWriterOptions {
  log?: WriterLog;
  /** Told about the messages one commit stored, right after it and ahead of their callers' answers (live pushes). */
  onCommitted?(stored: Array<{ message: ParsedInboundMessage; result: IngestResult }>): void;
}

export async function openIngestWriter(url: string, clock: Clock, options: IngestWriterOptions = {}): Promise<IngestWriter> {
  const { log, onCommitted } = options;
  const writer = await openSqlGroupCommit<PreparedInbound, IngestResult>(url, {
    what: 'ingest',
    log,
    write: (tx, batch) => writeWithin(tx, batch, clock.now()),
    onCommitted: onCommitted
      ? (batch, results) => {
          const stored = batch.flatMap((prepared, i) => {
            const result = results[i]!;
            return result instanceof ServiceError || result.duplicate ? [] : [{ message: prepared.msg, result }];
          });
          if (stored.length > 0) onCommitted(stored);
        }
      : undefined,
  });

  return {
    ingest(message) {
      let prepared: PreparedInbound;
      try {
        prepared = prepareInbound(message);
      } catch (error) {
        return Promise.reject(error);
      }
      return writer.submit(prepared);
    },
    stats: () => {
      const { commits, items } = writer.stats();
      return { commits, messages: items };
    },
    close: () => writer.close(),
  };
}


/** A Message row as written here, in the shape the timeline reads rows. */
const messageRowOf = (row: Row, now: Date) => ({
  id: String(row.id),
  conversationId: String(row.conversationId),
  customerId: String(row.customerId),
  channel: String(row.channel),
  direction: String(row.direction),
  body: String(row.body),
  subject: row.subject === null ? null : String(row.subject),
  status: String(row.status),
  failureReason: null,
  authorId: null,
  meta: String(row.meta),
  createdAt: now,
});

async function writeWithin(tx: Transaction, batch: readonly PreparedInbound[], now: Date): Promise<Array<IngestResult | ServiceError>> {
  const at = sqlInstant(now);
  const results: Array<IngestResult | ServiceError | undefined> = new Array(batch.length);

  // 1. Already stored (a retry or replay), or twice in this batch: answer with the stored message.
  const keyOf = (p: PreparedInbound) => `${p.msg.channel}\u0000${p.msg.providerMessageId}`;
  const stored = await select(
    tx,
    `SELECT channel, providerMessageId, id, conversationId, customerId FROM Message WHERE (channel, providerMessageId) IN (VALUES ${placeholders(2, batch.length)})`,
    batch.flatMap((p) => [p.msg.channel, p.msg.providerMessageId]),
  );
  const seen = new Map<string, IngestResult>(
    stored.map((r) => [`${r.channel}\u0000${r.providerMessageId}`, { messageId: String(r.id), conversationId: String(r.conversationId), customerId: String(r.customerId), duplicate: true, newCustomer: false }]),
  );
  const fresh: number[] = [];
  const firstInBatch = new Map<string, number>();
  batch.forEach((p, i) => {
    const hit = seen.get(keyOf(p));
    if (hit) results[i] = hit;
    else if (!firstInBatch.has(keyOf(p))) {
      firstInBatch.set(keyOf(p), i);
      fresh.push(i);
    }
  });

  // 2. Who sent it: a known identity, or a new profile for a sender no identity matches.
  const identityKey = (kind: string, normalized: string) => `${kind}\u0000${normalized}`;
  const senders = fresh.map((i) => batch[i]!);
  const known = senders.length
    ? await select(
        tx,
        `SELECT id, customerId, kind, normalized, optedOut FROM ContactIdentity WHERE (kind, normalized) IN (VALUES ${placeholders(2, senders.length)})`,
        senders.flatMap((p) => [p.msg.from.kind, p.normalized]),
      )
    : [];
  const identities = new Map(known.map((r) => [identityKey(String(r.kind), String(r.normalized)), { id: String(r.id), customerId: String(r.customerId), optedOut: Number(r.optedOut) === 1 }]));
  const newCustomers: Row[] = [];
  const newIdentities: Row[] = [];
  const createdFor = new Set<string>();
  const optOuts = new Set<string>();
  const placed: number[] = [];
  for (const i of fresh) {
    const p = batch[i]!;
    const key = identityKey(p.msg.from.kind, p.normalized);
    let identity = identities.get(key);
    if (!identity && p.msg.automatic) {
      // An auto-reply or bounce from an address we do not know is not a customer.
      results[i] = new ServiceError('BAD_REQUEST', `Automatic message from an unknown sender ${p.normalized}: not stored`);
      continue;
    }
    if (!identity) {
      const name = nameFrom(p.msg.from.displayName, p.msg.from.value);
      const customerId = newRowId();
      newCustomers.push({ id: customerId, firstName: name.firstName, lastName: name.lastName, searchName: customerSearchName(name), createdAt: at, updatedAt: at });
      identity = { id: newRowId(), customerId, optedOut: false };
      // The sender just wrote from this address or number: they control it.
      newIdentities.push({ id: identity.id, customerId, kind: p.msg.from.kind, rawValue: p.msg.from.value, normalized: p.normalized, verified: 1, createdAt: at, updatedAt: at });
      identities.set(key, identity);
      createdFor.add(customerId);
    }
    // STOP / СТОП / ОТПИСКА: the customer withdrew marketing consent for this contact (152-FZ).
    if (p.msg.meta.optOut === true && !identity.optedOut) {
      identity.optedOut = true;
      optOuts.add(identity.id);
    }
    placed.push(i);
  }
  await insertRows(tx, 'Customer', newCustomers);
  await insertRows(tx, 'ContactIdentity', newIdentities);
  if (optOuts.size > 0) {
    await tx.execute({ sql: `UPDATE ContactIdentity SET optedOut = 1, updatedAt = ? WHERE id IN (${[...optOuts].map(() => '?').join(', ')})`, args: [at, ...optOuts] });
  }

  // 3. Which conversation: an e-mail thread it replies to, else the customer's open one, else a new one.
  const customerOf = (i: number) => identities.get(identityKey(batch[i]!.msg.from.kind, batch[i]!.normalized))!.customerId;
  const customerIds = [...new Set(placed.map(customerOf))].filter((id) => !createdFor.has(id));
  const recent = customerIds.length
    ? await select(
        tx,
        `SELECT id, customerId, status, subject, lastActivityAt, waitingSince FROM (
           SELECT *, row_number() OVER (PARTITION BY customerId ORDER BY lastActivityAt DESC, id DESC) AS rank
             FROM Conversation WHERE customerId IN (${customerIds.map(() => '?').join(', ')}))
          WHERE rank <= ${CANDIDATES_PER_CUSTOMER} ORDER BY lastActivityAt DESC, id DESC`,
        customerIds,
      )
    : [];
  const candidates = new Map<string, Array<ConversationCandidate & { waitingSince: string | null }>>();
  for (const r of recent) {
    const list = candidates.get(String(r.customerId)) ?? [];
    list.push({ id: String(r.id), status: String(r.status), subject: r.subject === null ? null : String(r.subject), lastActivityAt: String(r.lastActivityAt), waitingSince: r.waitingSince === null ? null : String(r.waitingSince) });
    candidates.set(String(r.customerId), list);
  }
  const threadKeys = [...new Set(placed.flatMap((i) => (batch[i]!.msg.channel === 'email' ? batch[i]!.msg.threadKeys : [])))];
  const threadRows = threadKeys.length
    ? await select(
        tx,
        `SELECT m.providerMessageId, c.id, c.customerId, c.status, c.subject, c.lastActivityAt, c.waitingSince
           FROM Message m JOIN Conversation c ON c.id = m.conversationId
          WHERE m.channel = 'email' AND m.providerMessageId IN (${threadKeys.map(() => '?').join(', ')})`,
        threadKeys,
      )
    : [];
  const threads = new Map(threadRows.map((r) => [String(r.providerMessageId), { id: String(r.id), customerId: String(r.customerId), status: String(r.status), subject: r.subject === null ? null : String(r.subject), lastActivityAt: String(r.lastActivityAt), waitingSince: r.waitingSince === null ? null : String(r.waitingSince) }]));

  const newConversations: Row[] = [];
  const newMessages: Row[] = [];
  const touched = new Map<string, { unread: number; waitingSince: string | null }>();
  for (const i of placed) {
    const p = batch[i]!;
    const customerId = customerOf(i);
    const list = candidates.get(customerId) ?? [];
    // Only a thread of this same customer: a forwarded chain must not pull a message into someone else's.
    const threadHit = p.msg.threadKeys.map((k) => threads.get(k)).find((c) => c?.customerId === customerId) ?? null;
    const sentAt = sqlInstant(p.msg.sentAt ?? now);
    let conversation = chooseConversation(p, list, threadHit, now) as (ConversationCandidate & { waitingSince: string | null }) | null;
    if (!conversation) {
      conversation = { id: newRowId(), status: p.msg.automatic ? 'resolved' : 'open', subject: p.msg.subject ?? null, lastActivityAt: at, waitingSince: p.msg.automatic ? null : sentAt };
      newConversations.push({
        id: conversation.id, customerId, channel: p.msg.channel, subject: conversation.subject, status: conversation.status,
        lastActivityAt: at, waitingSince: conversation.waitingSince, unreadCount: 0, createdAt: at, updatedAt: at,
      });
    }
    // Later messages of this batch from the same customer see what this one did.
    if (!p.msg.automatic) conversation.status = 'open';
    candidates.set(customerId, [conversation, ...list.filter((c) => c.id !== conversation.id)]);
    newMessages.push({
      id: newRowId(), conversationId: conversation.id, customerId, channel: p.msg.channel, channelAccountId: p.msg.channelAccountId,
      direction: 'inbound', body: p.body, subject: p.msg.subject ?? null, providerMessageId: p.msg.providerMessageId,
      status: 'received', meta: p.meta, sentAt, createdAt: at,
    });
    if (!p.msg.automatic) {
      const touch = touched.get(conversation.id) ?? { unread: 0, waitingSince: sentAt };
      touch.unread++;
      touched.set(conversation.id, touch);
    }
    results[i] = { messageId: String(newMessages.at(-1)!.id), conversationId: conversation.id, customerId, duplicate: false, newCustomer: createdFor.has(customerId) };
  }
  await insertRows(tx, 'Conversation', newConversations);
  await insertRows(tx, 'Message', newMessages);

  // The desks' event log, in the same transaction: a committed message always has its event.
  const logged = await appendEventsRaw(
    tx,
    'inbox',
    newMessages.map((row) => ({ type: 'timeline.added' as const, payload: { conversationId: String(row.conversationId), event: messageEvent(messageRowOf(row, now), null) } })),
    now,
  );
  placed.forEach((i, n) => {
    const result = results[i];
    if (result && !(result instanceof ServiceError)) result.event = logged[n];
  });

  // 4. A new message from the customer reopens a pending or snoozed conversation and starts the wait.
  if (touched.size > 0) {
    const entries = [...touched];
    await tx.execute({
      sql: `UPDATE Conversation SET status = 'open', snoozedUntil = NULL, lastActivityAt = ?, updatedAt = ?,
                   unreadCount = unreadCount + v.unread, waitingSince = COALESCE(Conversation.waitingSince, v.waitingSince)
              FROM (SELECT column1 AS id, column2 AS unread, column3 AS waitingSince FROM (VALUES ${placeholders(3, entries.length)})) AS v
             WHERE Conversation.id = v.id`,
      args: [at, at, ...entries.flatMap(([id, t]) => [id, t.unread, t.waitingSince])],
    });
  }

  // Repeats within the batch answer like replays: the first copy's message.
  batch.forEach((p, i) => {
    if (results[i] !== undefined) return;
    const first = results[firstInBatch.get(keyOf(p))!]!;
    results[i] = first instanceof ServiceError ? first : { ...first, duplicate: true, newCustomer: false };
  });
  return results as Array<IngestResult | ServiceError>;
}
