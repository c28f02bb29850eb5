// One step of a reservation after it was made (confirmed, ready, picked up, cancelled, expired), written
// in one transaction with everything it moves: the status (only from the status the caller saw), the
// stock, the step's row for the timeline, the in-store order and its loyalty accrual on pickup, the audit
// row and the desks' event log. Pushed only after the commit.
import type { ReservationStatus } from '../../../../../common/domain/enums.ts';
import type { SequencedEvent } from '../../../../../common/realtime/events.ts';
import type { Db } from '../../../db/client.ts';
import type { Prisma } from '../../../db/generated/client.ts';
import { sqlInstant } from '../../../db/sqlValues.ts';
import type { Clock } from '../../../jobs/clock.ts';
import type { Logger } from '../../../logger.ts';
import type { Realtime } from '../../../realtime/broadcast.ts';
import { appendEvents, type UnsequencedEvent } from '../../../realtime/eventLog.ts';
import { audit } from '../../audit/audit.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { orderEvent } from '../../desk/timeline/orders.ts';
import { reservationEvent } from '../../desk/timeline/reservations.ts';
import { accrueForOrder, ledgerTimelineEvents } from '../loyalty/ledger.ts';

export interface ReservationDeps {
  db: Db;
  clock: Clock;
  realtime: Realtime;
  log: Logger;
}

/** A reservation with what its steps show and move. */
export interface StepSubject {
  id: string;
  code: string;
  status: string;
  customerId: string;
  storeId: string;
  productId: string;
  quantity: number;
  holdUntil: Date;
  conversationId: string | null;
  product: { name: string; priceKopecks: number };
  store: { name: string };
}

export const stepSubjectInclude = { product: { select: { name: true, priceKopecks: true } }, store: { select: { name: true } } } satisfies Prisma.ReservationInclude;

export interface StepRequest {
  from: ReservationStatus;
  to: Exclude<ReservationStatus, 'requested'>;
  /** The person who moved it on; null for the hub itself (expiry). */
  viewer: Viewer | null;
  note: string | null;
}

/** Releases the held units; a pickup also takes them off the shelf. */
const STOCK_SQL: Partial<Record<ReservationStatus, string>> = {
  cancelled: 'reserved = reserved - ?',
  expired: 'reserved = reserved - ?',
  picked_up: 'reserved = reserved - ?, onHand = onHand - ?',
};

const twoDigits = (n: number) => String(n).padStart(2, '0');

/**
 * Applies the step if the reservation is still in `from`; returns false when someone else moved it first
 * (nothing is written then).
 */
export async function applyStep(deps: ReservationDeps, subject: StepSubject, step: StepRequest): Promise<boolean> {
  const now = deps.clock.now();
  const written = await deps.db.$transaction(async (tx) => {
    // The status update comes first: it takes the write lock, and a concurrent step finds the status moved.
    const moved = await tx.reservation.updateMany({
      where: { id: subject.id, status: step.from },
      data: { status: step.to, updatedAt: now, ...(step.to === 'cancelled' ? { cancelReason: step.note } : {}) },
    });
    if (moved.count === 0) return null;

    const stockSql = STOCK_SQL[step.to];
    const level = stockSql
      ? (
          await tx.$queryRawUnsafe<Array<{ onHand: number | bigint; reserved: number | bigint }>>(
            `UPDATE StockLevel SET ${stockSql}, updatedAt = ? WHERE storeId = ? AND productId = ? RETURNING onHand, reserved`,
            ...stockSql.split('?').slice(1).map(() => subject.quantity),
            sqlInstant(now),
            subject.storeId,
            subject.productId,
          )
        )[0]
      : undefined;

    const row = await tx.reservationEvent.create({
      data: { reservationId: subject.id, customerId: subject.customerId, status: step.to, byUserId: step.viewer?.userId ?? null, note: step.note, at: now },
    });
    const byName = step.viewer ? ((await tx.user.findUnique({ where: { id: step.viewer.userId }, select: { displayName: true } }))?.displayName ?? null) : null;
    const facts = { code: subject.code, quantity: subject.quantity, holdUntil: subject.holdUntil, productName: subject.product.name, storeName: subject.store.name };
    const events: UnsequencedEvent[] = [{ type: 'timeline.added', payload: { conversationId: subject.conversationId, event: reservationEvent(row, facts, byName) } }];

    let orderId: string | null = null;
    if (step.to === 'picked_up') {
      const order = await createPickupOrder(tx, subject, now);
      orderId = order.id;
      events.push({ type: 'timeline.added', payload: { conversationId: subject.conversationId, event: orderEvent(order) } });
      const accrual = await accrueForOrder(tx, { customerId: subject.customerId, orderId: order.id, totalKopecks: order.totalKopecks, at: now, reason: `Начисление за заказ № ${order.number}` });
      if (accrual) events.push(...ledgerTimelineEvents(subject.customerId, [accrual]).map((e) => ({ ...e, payload: { ...e.payload, conversationId: subject.conversationId } })));
    }
    await audit(tx, step.viewer, {
      action: `reservation.${step.to}`,
      subjectType: 'reservation',
      subjectId: subject.id,
      details: { from: step.from, code: subject.code, ...(step.note ? { note: step.note } : {}), ...(orderId ? { orderId } : {}) },
    });
    const stored = await appendEvents(tx, 'inbox', events, now);
    return { stored, level };
  });
  if (!written) return false;
  publish(deps, subject, step.to, written.stored, written.level);
  return true;
}

function publish(deps: ReservationDeps, subject: StepSubject, status: ReservationStatus, stored: SequencedEvent[], level: { onHand: number | bigint; reserved: number | bigint } | undefined): void {
  deps.realtime.deskEvents(stored);
  deps.realtime.reservationChanged([{ id: subject.id, code: subject.code, storeId: subject.storeId, customerId: subject.customerId, status }]);
  if (level) {
    const onHand = Number(level.onHand);
    const reserved = Number(level.reserved);
    deps.realtime.stockChanged([{ storeId: subject.storeId, productId: subject.productId, onHand, reserved, available: onHand - reserved, source: 'reservation' }]);
  }
}

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/**
 * The in-store order a pickup becomes, numbered like every order ("YYMMDD-NNNNNN"): the next number of
 * the day, read under the write lock this transaction already holds, so two pickups cannot share one.
 */
async function createPickupOrder(tx: Tx, subject: StepSubject, now: Date) {
  const prefix = `${twoDigits(now.getUTCFullYear() % 100)}${twoDigits(now.getUTCMonth() + 1)}${twoDigits(now.getUTCDate())}-`;
  // The unique index on number serves this range; "." sorts right after "-".
  const last = await tx.order.findFirst({ where: { number: { gte: prefix, lt: `${prefix.slice(0, -1)}.` } }, orderBy: { number: 'desc' }, select: { number: true } });
  const sequence = (last ? Number(last.number.slice(prefix.length)) || 0 : 0) + 1;
  const order = await tx.order.create({
    data: {
      number: `${prefix}${String(sequence).padStart(6, '0')}`,
      customerId: subject.customerId,
      kind: 'in_store',
      storeId: subject.storeId,
      channel: 'store',
      status: 'completed',
      totalKopecks: subject.product.priceKopecks * subject.quantity,
      itemCount: subject.quantity,
      placedAt: now,
      createdAt: now,
      items: { create: { productId: subject.productId, quantity: subject.quantity, unitPriceKopecks: subject.product.priceKopecks } },
    },
    include: { store: { select: { name: true } } },
  });
  await tx.reservation.update({ where: { id: subject.id }, data: { orderId: order.id } });
  return order;
}
