// The one writer of new reservations. Many agents may reserve the last units of a product at once; every
// batch takes its units with one conditional UPDATE per product and store (`onHand − reserved >= taken`)
// under SQLite's write lock, so a store never holds more than it has, whatever the interleaving.
// Why a group-commit writer on its own bare @libsql/client connection rather than a Prisma transaction per
// request: a Prisma interactive transaction costs ~6 ms and serialises on SQLite's write lock, so 200
// callers at once queue for over a second; here a burst goes into one transaction with set-based lookups
// and inserts, and each request is granted or refused from the levels read under that lock
// (test/bench/reserve.bench.ts: 200 concurrent requests for 50 units in ~8 ms of writer time). Each caller
// is answered only after the commit; a batch that fails is retried request by request.
import type { Transaction } from '@libsql/client';
import type { StockChanged } from '../../../../../common/api/catalog.ts';
import type { ReservationCreateInput } from '../../../../../common/api/reservations.ts';
import { OpeningHours } from '../../../../../common/api/stores.ts';
import type { Role } from '../../../../../common/domain/enums.ts';
import { defaultHoldUntil, generateReservationCode, holdUntilProblem } from '../../../../../common/domain/reservations.ts';
import type { SequencedEvent } from '../../../../../common/realtime/events.ts';
import type { z } from 'zod';
import { insertRows, openSqlGroupCommit, placeholders, select, type Row } from '../../../db/groupCommit.ts';
import { newRowId, sqlInstant } from '../../../db/sqlValues.ts';
import { ServiceError } from '../../../errors.ts';
import type { Clock } from '../../../jobs/clock.ts';
import type { Logger } from '../../../logger.ts';
import type { Realtime } from '../../../realtime/broadcast.ts';
import { appendEventsRaw } from '../../../realtime/eventLog.ts';
import { reservationEvent } from '../../desk/timeline/reservations.ts';
import { ReservationExpire, expiryDedupeKey } from './expiry.ts';
import type { ReservationRecord } from './views.ts';

export interface ReserveRequest {
  input: z.output<typeof ReservationCreateInput>;
  actor: { userId: string; role: Role; ip: string | null };
}

export interface Reserved {
  reservationId: string;
  /** A retry of an earlier request (same clientId): nothing new was stored. */
  duplicate: boolean;
  /** The stock level after this reservation; null for a duplicate. */
  stock: StockChanged | null;
  /** The timeline event logged with it (pushed by the caller); empty for a duplicate. */
  events: SequencedEvent[];
  /** What the caller's answer shows, from this batch's own reads; null for a duplicate (read it back). */
  record: ReservationRecord | null;
}

export interface ReservationWriter {
  reserve(request: ReserveRequest): Promise<Reserved>;
  /** Commits so far and the reservations they carried: how well group commit batches under load. */
  stats(): { commits: number; requests: number };
  close(): Promise<void>;
}

/** A fresh code clashes about once in 887 million draws; a few retries make a failure practically impossible. */
const CODE_ATTEMPTS = 5;

export interface ReservationWriterOptions {
  log?: Logger;
  /** Told about the reservations one commit made (live pushes). */
  onCommitted?(made: Reserved[]): void;
}

/**
 * The pushes for one commit: timeline events, stock levels and reservation changes. Realtime batches
 * each kind (a burst of 50 reservations to 200 desks is 3 frames per desk, not 150), and sends them a
 * turn later at the earliest, so the desks that reserved hear back first.
 */
export function announceReserved(realtime: Realtime, made: readonly Reserved[]): void {
  realtime.deskEvents(made.flatMap((m) => m.events));
  realtime.stockChanged(made.flatMap((m) => (m.stock ? [m.stock] : [])));
  realtime.reservationChanged(
    made.flatMap((m) => (m.record ? [{ id: m.record.id, code: m.record.code, storeId: m.record.storeId, customerId: m.record.customerId, status: 'requested' as const }] : [])),
  );
}

export async function openReservationWriter(url: string, clock: Clock, options: ReservationWriterOptions = {}): Promise<ReservationWriter> {
  const { log, onCommitted } = options;
  const writer = await openSqlGroupCommit<ReserveRequest, Reserved>(url, {
    what: 'reservation',
    log,
    write: (tx, batch) => writeWithin(tx, batch, clock.now()),
    onCommitted: onCommitted
      ? (_batch, results) => {
          const made = results.filter((r): r is Reserved => !(r instanceof ServiceError) && !r.duplicate);
          if (made.length > 0) onCommitted(made);
        }
      : undefined,
  });
  return {
    reserve: (request) => writer.submit(request),
    stats: () => {
      const { commits, items } = writer.stats();
      return { commits, requests: items };
    },
    close: () => writer.close(),
  };
}

/** "?, ?, ?" for `n` values. */
const list = (n: number) => Array(n).fill('?').join(', ');

async function byId(tx: Transaction, sql: (ids: string) => string, ids: string[]): Promise<Map<string, Row>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await select(tx, sql(list(unique.length)), unique);
  return new Map(rows.map((r) => [String(r.id), r]));
}

const invalid = (path: string, message: string, what: string) => new ServiceError('BAD_REQUEST', what, [{ path, message }]);

async function writeWithin(tx: Transaction, batch: readonly ReserveRequest[], now: Date): Promise<Array<Reserved | ServiceError>> {
  const at = sqlInstant(now);
  const inputs = batch.map((r) => r.input);
  const results: Array<Reserved | ServiceError | undefined> = new Array(batch.length);

  // The desk's clientId is the reservation's id: a retry finds it by primary key, with no extra column.
  const earlier = await byId(tx, (ids) => `SELECT id, customerId, productId, storeId, quantity FROM Reservation WHERE id IN (${ids})`, inputs.map((i) => i.clientId));
  // With what the answer shows, so the caller needs no second read.
  const customers = await byId(
    tx,
    (ids) => `SELECT c.id, c.mergedIntoId, c.firstName, c.lastName, c.middleName,
                     (SELECT normalized FROM ContactIdentity WHERE customerId = c.id AND kind = 'phone' ORDER BY preferred DESC, createdAt ASC LIMIT 1) AS phone
                FROM Customer c WHERE c.id IN (${ids})`,
    inputs.map((i) => i.customerId),
  );
  const products = await byId(tx, (ids) => `SELECT id, name, sku, priceKopecks FROM Product WHERE id IN (${ids})`, inputs.map((i) => i.productId));
  const stores = await byId(tx, (ids) => `SELECT id, name, address, timeZone, openingHours FROM Store WHERE id IN (${ids})`, inputs.map((i) => i.storeId));
  const conversations = await byId(tx, (ids) => `SELECT id, customerId FROM Conversation WHERE id IN (${ids})`, inputs.flatMap((i) => (i.conversationId ? [i.conversationId] : [])));
  const users = await byId(tx, (ids) => `SELECT id, displayName FROM User WHERE id IN (${ids})`, batch.map((r) => r.actor.userId));
  const pairs = [...new Set(inputs.map((i) => `${i.storeId}\u0000${i.productId}`))].map((k) => k.split('\u0000') as [string, string]);
  const levels = new Map(
    (await select(tx, `SELECT storeId, productId, onHand, reserved FROM StockLevel WHERE (storeId, productId) IN (VALUES ${placeholders(2, pairs.length)})`, pairs.flat())).map((r) => [
      `${r.storeId}\u0000${r.productId}`,
      { onHand: Number(r.onHand), reserved: Number(r.reserved) },
    ]),
  );

  // Every request of a batch shares its instant, so one store's default hold is the same for all of them.
  const holds = new Map<string, Date>();
  /** Units this batch places per store and product, taken in one update each at the end. */
  const taken = new Map<string, number>();
  const firstOf = new Map<string, number>();
  const placed: Array<{ index: number; holdUntil: Date; stock: StockChanged }> = [];
  const refusals = new Map<number, ServiceError>();
  for (const [index, input] of inputs.entries()) {
    const known = earlier.get(input.clientId);
    if (known) {
      const same = known.customerId === input.customerId && known.productId === input.productId && known.storeId === input.storeId && Number(known.quantity) === input.quantity;
      results[index] = same ? { reservationId: input.clientId, duplicate: true, stock: null, events: [], record: null } : new ServiceError('CONFLICT', 'This request id was already used for another reservation', [{ path: 'clientId', message: 'already used' }]);
      continue;
    }
    if (firstOf.has(input.clientId)) continue;
    firstOf.set(input.clientId, index);
    const problem = refusal(input, { customers, products, stores, conversations }, holds, now);
    if (problem instanceof ServiceError) {
      results[index] = problem;
      continue;
    }
    const key = `${input.storeId}\u0000${input.productId}`;
    const level = levels.get(key);
    if (!level || level.onHand - level.reserved < input.quantity) {
      results[index] = outOfStock(level, refusals);
      continue;
    }
    level.reserved += input.quantity;
    taken.set(key, (taken.get(key) ?? 0) + input.quantity);
    placed.push({ index, holdUntil: problem, stock: { storeId: input.storeId, productId: input.productId, onHand: level.onHand, reserved: level.reserved, available: level.onHand - level.reserved, source: 'reservation' } });
  }
  // The one rule that matters under contention, decided by SQLite under the write lock: one conditional
  // update per product and store for everything this batch placed on it. The levels were read under this
  // lock, so it always holds; if it ever did not, the batch fails and is written request by request.
  for (const [key, quantity] of taken) {
    const [storeId, productId] = key.split('\u0000') as [string, string];
    const updated = await select(tx, `UPDATE StockLevel SET reserved = reserved + ?, updatedAt = ? WHERE storeId = ? AND productId = ? AND onHand - reserved >= ? RETURNING reserved`, [
      quantity, at, storeId, productId, quantity,
    ]);
    if (Number(updated[0]?.reserved) !== levels.get(key)!.reserved) throw new Error(`stock of ${productId} in ${storeId} changed under the write lock`);
  }

  const codes = await insertReservations(tx, placed.map(({ index, holdUntil }) => ({ input: inputs[index]!, createdById: batch[index]!.actor.userId, holdUntil })), at);

  const steps = placed.map(({ index }) => ({ id: newRowId(now.getTime()), reservationId: inputs[index]!.clientId, customerId: inputs[index]!.customerId, status: 'requested', byUserId: batch[index]!.actor.userId, note: null, at }));
  await insertRows(tx, 'ReservationEvent', steps);
  await insertRows(
    tx,
    'Job',
    placed.map(({ index, holdUntil }) => ({
      id: newRowId(now.getTime()),
      kind: ReservationExpire.kind,
      payload: JSON.stringify(ReservationExpire.payload.parse({ reservationId: inputs[index]!.clientId })),
      runAt: sqlInstant(holdUntil),
      status: 'pending',
      attempts: 0,
      maxAttempts: ReservationExpire.maxAttempts ?? 8,
      dedupeKey: expiryDedupeKey(inputs[index]!.clientId),
      createdAt: at,
      updatedAt: at,
    })),
  );
  await insertRows(
    tx,
    'AuditEntry',
    placed.map(({ index, holdUntil }) => ({
      id: newRowId(now.getTime()),
      at,
      actorId: batch[index]!.actor.userId,
      actorRole: batch[index]!.actor.role,
      action: 'reservation.create',
      subjectType: 'reservation',
      subjectId: inputs[index]!.clientId,
      ip: batch[index]!.actor.ip,
      details: JSON.stringify({ customerId: inputs[index]!.customerId, storeId: inputs[index]!.storeId, productId: inputs[index]!.productId, quantity: inputs[index]!.quantity, holdUntil: holdUntil.toISOString() }),
    })),
  );
  // The desks' event log in the same transaction: a committed reservation always has its timeline event.
  const logged = await appendEventsRaw(
    tx,
    'inbox',
    placed.map(({ index, holdUntil }, n) => {
      const input = inputs[index]!;
      const step = { ...steps[n]!, at: now };
      const facts = { code: codes[n]!, quantity: input.quantity, holdUntil, productName: String(products.get(input.productId)!.name), storeName: String(stores.get(input.storeId)!.name) };
      const byName = users.get(batch[index]!.actor.userId)?.displayName;
      return { type: 'timeline.added' as const, payload: { conversationId: input.conversationId ?? null, event: reservationEvent(step, facts, byName === undefined ? null : String(byName)) } };
    }),
    now,
  );
  placed.forEach(({ index, stock, holdUntil }, n) => {
    const input = inputs[index]!;
    const customer = customers.get(input.customerId)!;
    const product = products.get(input.productId)!;
    const store = stores.get(input.storeId)!;
    const record: ReservationRecord = {
      id: input.clientId, code: codes[n]!, status: 'requested', customerId: input.customerId,
      customer: { firstName: String(customer.firstName), lastName: String(customer.lastName), middleName: customer.middleName === null ? null : String(customer.middleName) },
      phone: customer.phone === null ? null : String(customer.phone),
      productId: input.productId, product: { name: String(product.name), sku: String(product.sku), priceKopecks: Number(product.priceKopecks) },
      storeId: input.storeId, store: { name: String(store.name), address: String(store.address) },
      quantity: input.quantity, holdUntil, conversationId: input.conversationId ?? null, orderId: null, cancelReason: null, createdAt: now, updatedAt: now,
    };
    results[index] = { reservationId: input.clientId, duplicate: false, stock, events: [logged[n]!], record };
  });

  // A repeat within the batch answers like a retry: with the first copy's reservation.
  inputs.forEach((input, index) => {
    if (results[index] !== undefined) return;
    const first = results[firstOf.get(input.clientId)!]!;
    results[index] = first instanceof ServiceError ? first : { ...first, duplicate: true, stock: null, events: [], record: null };
  });
  return results as Array<Reserved | ServiceError>;
}

/**
 * The refusal for a request the store cannot fill. When many desks race for the last units, most of a
 * batch is refused with the same words: one error object per distinct answer, not one per desk.
 */
function outOfStock(level: { onHand: number; reserved: number } | undefined, made: Map<number, ServiceError>): ServiceError {
  const available = level ? Math.max(0, level.onHand - level.reserved) : -1;
  let refusal = made.get(available);
  if (!refusal) {
    const shown = Math.max(0, available);
    refusal = new ServiceError('CONFLICT', level ? `Only ${shown} available in this store` : 'This store does not stock this product', [{ path: 'quantity', message: `only ${shown} available` }]);
    made.set(available, refusal);
  }
  return refusal;
}

interface Lookups {
  customers: Map<string, Row>;
  products: Map<string, Row>;
  stores: Map<string, Row>;
  conversations: Map<string, Row>;
}

/** Why this request cannot be placed, or the instant its hold ends. */
function refusal(input: z.output<typeof ReservationCreateInput>, found: Lookups, holds: Map<string, Date>, now: Date): ServiceError | Date {
  const customer = found.customers.get(input.customerId);
  if (!customer) return new ServiceError('NOT_FOUND', 'Customer not found', [{ path: 'customerId', message: 'not found' }]);
  if (customer.mergedIntoId !== null) return new ServiceError('CONFLICT', 'This profile was merged into another: reserve for that one', [{ path: 'customerId', message: 'merged' }]);
  if (!found.products.has(input.productId)) return new ServiceError('NOT_FOUND', 'Product not found', [{ path: 'productId', message: 'not found' }]);
  const store = found.stores.get(input.storeId);
  if (!store) return new ServiceError('NOT_FOUND', 'Store not found', [{ path: 'storeId', message: 'not found' }]);
  if (input.conversationId) {
    const conversation = found.conversations.get(input.conversationId);
    if (!conversation) return new ServiceError('NOT_FOUND', 'Conversation not found', [{ path: 'conversationId', message: 'not found' }]);
    if (conversation.customerId !== input.customerId) return invalid('conversationId', 'another customer’s conversation', 'The conversation belongs to another customer');
  }
  if (!input.holdUntil) {
    let hold = holds.get(input.storeId);
    if (!hold) {
      const hours = OpeningHours.safeParse(safeJson(String(store.openingHours)));
      hold = defaultHoldUntil(hours.success ? hours.data : {}, String(store.timeZone), now);
      holds.set(input.storeId, hold);
    }
    return hold;
  }
  const holdUntil = new Date(input.holdUntil);
  const problem = holdUntilProblem(holdUntil, now);
  return problem ? invalid('holdUntil', problem, `The hold-until time ${problem}`) : holdUntil;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Inserts the reservations, drawing a new code for any that clash with an existing one; returns their codes in order. */
async function insertReservations(tx: Transaction, items: Array<{ input: z.output<typeof ReservationCreateInput>; createdById: string; holdUntil: Date }>, at: string): Promise<string[]> {
  const codes = items.map(() => generateReservationCode());
  let waiting = items.map((_, i) => i);
  for (let attempt = 0; waiting.length > 0; attempt++) {
    if (attempt === CODE_ATTEMPTS) throw new Error('Could not draw a free reservation code');
    const inserted = await insertRows(
      tx,
      'Reservation',
      waiting.map((i) => {
        const { input, createdById, holdUntil } = items[i]!;
        return {
          id: input.clientId, code: codes[i]!, customerId: input.customerId, productId: input.productId, storeId: input.storeId, quantity: input.quantity,
          status: 'requested', holdUntil: sqlInstant(holdUntil), conversationId: input.conversationId ?? null, createdById, createdAt: at, updatedAt: at,
        };
      }),
      'ON CONFLICT (code) DO NOTHING RETURNING id',
    );
    const done = new Set(inserted.map((r) => String(r.id)));
    waiting = waiting.filter((i) => !done.has(items[i]!.input.clientId));
    for (const i of waiting) codes[i] = generateReservationCode();
  }
  return codes;
}
