// Every step of the customer's reservations (made, confirmed, ready, picked up, cancelled, expired).
import { ReservationStatus } from '../../../../../common/domain/enums.ts';
import type { TimelineEventOf } from '../../../../../common/domain/timeline.ts';
import type { Db } from '../../../db/client.ts';
import { beyondCursor, eventId, orderFor, type TimelineSource } from './source.ts';

export interface ReservationStepRow {
  id: string;
  reservationId: string;
  customerId: string;
  status: string;
  note: string | null;
  at: Date;
}

export interface ReservationFacts {
  code: string;
  quantity: number;
  holdUntil: Date;
  productName: string;
  storeName: string;
}

export function reservationEvent(step: ReservationStepRow, facts: ReservationFacts, byName: string | null): TimelineEventOf<'reservation'> {
  const status = ReservationStatus.parse(step.status);
  return {
    kind: 'reservation',
    id: eventId('reservation', step.id),
    at: step.at.toISOString(),
    customerId: step.customerId,
    payload: {
      reservationId: step.reservationId,
      code: facts.code,
      status,
      productName: facts.productName,
      storeName: facts.storeName,
      quantity: facts.quantity,
      holdUntil: facts.holdUntil.toISOString(),
      byName,
      // The requested step's note is the hub's record of why the customer was not told (see notice.ts), not a person's words.
      note: status === 'requested' ? null : step.note,
    },
  };
}

export async function userNames(db: Db, ids: ReadonlyArray<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, displayName: true } });
  return new Map(users.map((u) => [u.id, u.displayName]));
}

export const reservationSource: TimelineSource<'reservation'> = {
  kind: 'reservation',
  async page(db, customerId, direction, cursor, limit) {
    const rows = await db.reservationEvent.findMany({
      where: { customerId, ...beyondCursor('reservation', 'at', cursor, direction) },
      orderBy: orderFor('at', direction),
      take: limit,
      include: { reservation: { select: { code: true, quantity: true, holdUntil: true, product: { select: { name: true } }, store: { select: { name: true } } } } },
    });
    const names = await userNames(db, rows.map((r) => r.byUserId));
    return rows.map((row) =>
      reservationEvent(
        row,
        { code: row.reservation.code, quantity: row.reservation.quantity, holdUntil: row.reservation.holdUntil, productName: row.reservation.product.name, storeName: row.reservation.store.name },
        row.byUserId ? (names.get(row.byUserId) ?? null) : null,
      ),
    );
  },
};
