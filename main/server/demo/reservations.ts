// Reservations for the demo: the units the catalogue shows as reserved are held by real reservations
// (requested, confirmed by the store, ready for pickup), each with its steps and its expiry job, so
// StockLevel.reserved is exactly the sum of the active holds; and some closed ones (cancelled, expired)
// in customers' histories. Drawn from a random stream of their own, so adding them shifts nothing the
// generator wrote before.
import { OpeningHours } from '../../../common/api/stores.ts';
import { defaultHoldUntil, generateReservationCode } from '../../../common/domain/reservations.ts';
import type { Db } from '../db/client.ts';
import { ReservationExpire, expiryDedupeKey } from '../services/commerce/reservations/expiry.ts';
import type { IdFactory } from './ids.ts';
import { hash32, Random } from './random.ts';
import { DAY, HOUR, MINUTE } from './time.ts';

export interface DemoReservationSummary {
  active: number;
  closed: number;
}

const CANCEL_REASONS = ['Клиент передумал', 'Купил в другом магазине', 'Не успевает забрать', 'Выбрал другую модель', 'Клиент не отвечает на звонки'];

interface Staff {
  agents: string[];
  supervisorId: string;
  /** The store-staff sign-in of each store that has one. */
  byStore: Map<string, string>;
}

async function readStaff(db: Db): Promise<Staff> {
  const users = await db.user.findMany({ select: { id: true, role: true, storeId: true }, orderBy: { email: 'asc' } });
  const supervisor = users.find((u) => u.role === 'supervisor');
  const agents = users.filter((u) => u.role === 'agent').map((u) => u.id);
  if (!supervisor || agents.length === 0) throw new Error('The demo reservations need the demo agents and supervisor');
  return {
    agents,
    supervisorId: supervisor.id,
    byStore: new Map(users.flatMap((u) => (u.role === 'store_staff' && u.storeId ? [[u.storeId, u.id] as const] : []))),
  };
}

export async function writeDemoReservations(db: Db, ids: IdFactory, seed: number, now: Date): Promise<DemoReservationSummary> {
  const random = new Random(hash32(seed, 0x7e5e));
  const staff = await readStaff(db);
  const stores = new Map(
    (await db.store.findMany({ select: { id: true, timeZone: true, openingHours: true } })).map((s) => [s.id, { timeZone: s.timeZone, hours: OpeningHours.catch({}).parse(JSON.parse(s.openingHours)) }]),
  );
  const customers = (await db.customer.findMany({ where: { mergedIntoId: null }, select: { id: true }, orderBy: { id: 'asc' } })).map((c) => c.id);
  const held = await db.stockLevel.findMany({ where: { reserved: { gt: 0 } }, select: { storeId: true, productId: true, reserved: true }, orderBy: [{ storeId: 'asc' }, { productId: 'asc' }] });
  const stocked = await db.stockLevel.findMany({ where: { onHand: { gt: 0 } }, select: { storeId: true, productId: true }, orderBy: [{ storeId: 'asc' }, { productId: 'asc' }] });
  if (customers.length === 0) return { active: 0, closed: 0 };

  const codes = new Set<string>();
  const randomBytes = (n: number) => Uint8Array.from({ length: n }, () => random.int(0, 255));
  const freshCode = () => {
    let code = generateReservationCode(randomBytes);
    while (codes.has(code)) code = generateReservationCode(randomBytes);
    codes.add(code);
    return code;
  };
  const storeHand = (storeId: string) => staff.byStore.get(storeId) ?? staff.supervisorId;

  const rows: Array<{ id: string; code: string; customerId: string; productId: string; storeId: string; quantity: number; status: string; holdUntil: Date; createdById: string; cancelReason: string | null; createdAt: Date; updatedAt: Date }> = [];
  const steps: Array<{ id: string; reservationId: string; customerId: string; status: string; byUserId: string | null; note: string | null; at: Date }> = [];
  const jobs: Array<{ id: string; kind: string; payload: string; runAt: Date; status: string; maxAttempts: number; dedupeKey: string; createdAt: Date; updatedAt: Date }> = [];

  // Active holds: the reserved units of every stock level, one or two units per reservation.
  for (const level of held) {
    const store = stores.get(level.storeId)!;
    for (let left = level.reserved; left > 0; ) {
      const quantity = Math.min(left, random.chance(0.25) ? 2 : 1);
      left -= quantity;
      const id = ids.next('reservation');
      const customerId = random.pick(customers);
      const createdAt = new Date(now.getTime() - random.int(10, 20 * 60) * MINUTE);
      let holdUntil = defaultHoldUntil(store.hours, store.timeZone, createdAt);
      if (holdUntil.getTime() < now.getTime() + HOUR) holdUntil = defaultHoldUntil(store.hours, store.timeZone, now);
      const agent = random.pick(staff.agents);
      const roll = random.next();
      const status = roll < 0.4 ? 'requested' : roll < 0.75 ? 'confirmed' : 'ready';
      steps.push({ id: ids.next('reservationStep'), reservationId: id, customerId, status: 'requested', byUserId: agent, note: null, at: createdAt });
      let at = createdAt;
      for (const next of status === 'requested' ? [] : status === 'confirmed' ? ['confirmed'] : ['confirmed', 'ready']) {
        at = new Date(Math.min(now.getTime() - MINUTE, at.getTime() + random.int(5, 90) * MINUTE));
        steps.push({ id: ids.next('reservationStep'), reservationId: id, customerId, status: next, byUserId: storeHand(level.storeId), note: null, at });
      }
      rows.push({ id, code: freshCode(), customerId, productId: level.productId, storeId: level.storeId, quantity, status, holdUntil, createdById: agent, cancelReason: null, createdAt, updatedAt: at });
      jobs.push({
        id: ids.next('job'),
        kind: ReservationExpire.kind,
        payload: JSON.stringify({ reservationId: id }),
        runAt: holdUntil,
        status: 'pending',
        maxAttempts: ReservationExpire.maxAttempts ?? 8,
        dedupeKey: expiryDedupeKey(id),
        createdAt,
        updatedAt: createdAt,
      });
    }
  }
  const active = rows.length;

  // Closed ones in customers' histories: cancelled on request, or expired when nobody came.
  const closedCount = stocked.length === 0 ? 0 : Math.max(1, Math.round(customers.length / 15));
  for (let i = 0; i < closedCount; i++) {
    const level = random.pick(stocked);
    const store = stores.get(level.storeId)!;
    const id = ids.next('reservation');
    const customerId = random.pick(customers);
    const createdAt = new Date(now.getTime() - random.int(10, 300) * DAY - random.int(0, 12 * 60) * MINUTE);
    const holdUntil = defaultHoldUntil(store.hours, store.timeZone, createdAt);
    const agent = random.pick(staff.agents);
    const cancelled = random.chance(0.5);
    steps.push({ id: ids.next('reservationStep'), reservationId: id, customerId, status: 'requested', byUserId: agent, note: null, at: createdAt });
    if (random.chance(0.6)) steps.push({ id: ids.next('reservationStep'), reservationId: id, customerId, status: 'confirmed', byUserId: storeHand(level.storeId), note: null, at: new Date(createdAt.getTime() + random.int(5, 90) * MINUTE) });
    const reason = cancelled ? random.pick(CANCEL_REASONS) : null;
    const endedAt = cancelled ? new Date(createdAt.getTime() + random.int(2, 20) * HOUR) : holdUntil;
    steps.push({ id: ids.next('reservationStep'), reservationId: id, customerId, status: cancelled ? 'cancelled' : 'expired', byUserId: cancelled ? agent : null, note: reason, at: endedAt });
    rows.push({ id, code: freshCode(), customerId, productId: level.productId, storeId: level.storeId, quantity: 1, status: cancelled ? 'cancelled' : 'expired', holdUntil, createdById: agent, cancelReason: reason, createdAt, updatedAt: endedAt });
  }

  await db.$transaction([db.reservation.createMany({ data: rows }), db.reservationEvent.createMany({ data: steps }), db.job.createMany({ data: jobs })]);
  return { active, closed: rows.length - active };
}
