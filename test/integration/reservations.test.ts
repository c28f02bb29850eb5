// Reservations on a real hub: atomic holds under contention, the steps and who may take them, expiry by a
// durable job, pickup into an in-store order with loyalty points, the customer's notice, and the store
// desk's lookups with masked, audited customer data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReservationView } from '../../common/api/reservations.ts';
import type { ReservationChanged, SequencedEvent } from '../../common/realtime/events.ts';
import type { StockChanged } from '../../common/api/catalog.ts';
import { hashPassword } from '../../main/server/services/auth/passwords.ts';
import { manualClock } from './fixtures/db.ts';
import { call, data, startTestHub, TEST_PASSWORD, type DeskSocket, type TestHub } from './fixtures/hub.ts';
import { buildWorld, USERS } from './fixtures/world.ts';

// Monday 13:00 in Moscow. The test stores open on Mondays and Saturdays only.
const clock = manualClock(new Date('2026-11-23T10:00:00Z'));
const HOUR = 3_600_000;
let t: TestHub;
let world: Awaited<ReturnType<typeof buildWorld>>;
let agent: DeskSocket;
let supervisor: DeskSocket;
let admin: DeskSocket;
let staff: DeskSocket;
let marketer: DeskSocket;
let product: { id: string; name: string; priceKopecks: number };
const pushedEvents: SequencedEvent[] = [];
const reservationPushes: ReservationChanged[] = [];
const staffStock: StockChanged[] = [];

const uuid = () => crypto.randomUUID();
const until = async (check: () => boolean, ms = 3000) => {
  for (const start = Date.now(); !check(); ) {
    if (Date.now() - start > ms) throw new Error('timed out waiting for a push');
    await new Promise((r) => setTimeout(r, 10));
  }
};
const level = (storeId: string, productId = product.id) => t.hub.db.stockLevel.findUniqueOrThrow({ where: { storeId_productId: { storeId, productId } } });
let skus = 0;
/** A new product with this stock in the store, so each test counts its own units. */
async function setStock(storeId: string, onHand: number, reserved = 0) {
  product = await t.hub.db.product.create({ data: { sku: `GPU-4070-${++skus}`, name: 'Видеокарта RTX 4070', brand: 'MSI', category: 'graphics_card', priceKopecks: 64_990_00 } });
  await t.hub.db.stockLevel.create({ data: { storeId, productId: product.id, onHand, reserved } });
}

async function reserve(socket: DeskSocket, fields: { customerId?: string; quantity?: number; storeId?: string; holdUntil?: string; notify?: boolean; conversationId?: string; clientId?: string } = {}) {
  return call(socket, 'reservation.create', {
    customerId: fields.customerId ?? world.customers.fyodorova.id,
    productId: product.id,
    storeId: fields.storeId ?? world.stores.msk.id,
    quantity: fields.quantity ?? 1,
    notify: fields.notify ?? false,
    clientId: fields.clientId ?? uuid(),
    ...(fields.holdUntil ? { holdUntil: fields.holdUntil } : {}),
    ...(fields.conversationId ? { conversationId: fields.conversationId } : {}),
  });
}

const step = (socket: DeskSocket, r: Pick<ReservationView, 'id' | 'status'>, to: 'confirmed' | 'ready' | 'picked_up' | 'cancelled', reason?: string) =>
  call(socket, 'reservation.transition', { id: r.id, to, expectedStatus: r.status, ...(reason ? { reason } : {}) });

beforeAll(async () => {
  t = await startTestHub({}, { clock });
  // The tests run due jobs themselves, at the moments they choose.
  await t.hub.scheduler.stop();
  world = await buildWorld(t.hub.db);
  agent = await t.connect((await t.signIn(USERS.agent)).token);
  supervisor = await t.connect((await t.signIn(USERS.supervisor)).token);
  admin = await t.connect((await t.signIn(USERS.admin)).token);
  staff = await t.connect((await t.signIn(USERS.store_staff)).token);
  marketer = await t.connect((await t.signIn(USERS.marketer)).token);
  agent.on('desk.event', (events) => pushedEvents.push(...events));
  agent.on('reservation.changed', (events) => reservationPushes.push(...events));
  staff.on('stock.changed', (changes) => staffStock.push(...changes));
});
afterAll(() => t.stop());

describe('atomic holds', () => {
  it('lets exactly N of 120 concurrent requests take the last N units, never more', async () => {
    await setStock(world.stores.vvo.id, 30);
    const sockets = [agent, supervisor, admin];
    const results = await Promise.all(Array.from({ length: 120 }, (_, i) => reserve(sockets[i % sockets.length]!, { storeId: world.stores.vvo.id })));
    const won = results.filter((r) => r.ok);
    const lost = results.filter((r) => !r.ok);
    expect(won).toHaveLength(30);
    expect(lost.every((r) => !r.ok && r.error.code === 'CONFLICT' && r.error.message === 'Only 0 available in this store')).toBe(true);
    expect(await level(world.stores.vvo.id)).toMatchObject({ onHand: 30, reserved: 30 });
    expect(await t.hub.db.reservation.count({ where: { storeId: world.stores.vvo.id } })).toBe(30);
    const codes = new Set(won.map((r) => r.ok && r.data.code));
    expect(codes.size).toBe(30);
    // Group commit: far fewer transactions than reservations.
    expect(t.hub.reservations.stats().commits).toBeLessThan(60);
  });

  it('refuses more than is available with the count, and changes nothing', async () => {
    await setStock(world.stores.msk.id, 3);
    const before = await t.hub.db.reservation.count();
    const result = await reserve(agent, { quantity: 4 });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'Only 3 available in this store', fields: [{ path: 'quantity', message: 'only 3 available' }] } });
    expect(await level(world.stores.msk.id)).toMatchObject({ onHand: 3, reserved: 0 });
    expect(await t.hub.db.reservation.count()).toBe(before);
  });

  it('answers a retry with the same reservation (clientId) and holds once', async () => {
    await setStock(world.stores.msk.id, 5);
    const clientId = uuid();
    const first = data(await reserve(agent, { clientId, quantity: 2 }));
    const again = data(await reserve(agent, { clientId, quantity: 2 }));
    expect(again.id).toBe(first.id);
    expect(again.code).toBe(first.code);
    expect((await level(world.stores.msk.id)).reserved).toBe(2);
    const misuse = await reserve(agent, { clientId, quantity: 1 });
    expect(misuse).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: [{ path: 'clientId' }] } });
  });

  it('checks the customer, product, store, conversation and hold time', async () => {
    await setStock(world.stores.msk.id, 5);
    expect(await reserve(agent, { customerId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', fields: [{ path: 'customerId' }] } });
    expect(await reserve(agent, { conversationId: 'none' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', fields: [{ path: 'conversationId' }] } });
    expect(await reserve(agent, { holdUntil: new Date(clock.now().getTime() - 1000).toISOString() })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', fields: [{ path: 'holdUntil', message: 'must be in the future' }] },
    });
    expect(await reserve(agent, { holdUntil: new Date(clock.now().getTime() + 15 * 24 * HOUR).toISOString() })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', fields: [{ path: 'holdUntil', message: 'at most 14 days ahead' }] },
    });
    expect(await call(staff, 'reservation.create', { customerId: world.customers.ivanov.id, productId: product.id, storeId: world.stores.msk.id, quantity: 1, clientId: uuid() })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('holds until the store closes on its next working day by default, with a short code, and tells the desks', async () => {
    await setStock(world.stores.msk.id, 5);
    const made = data(await reserve(agent));
    // Tuesday to Friday are days off in the test store: Saturday 20:00 Moscow.
    expect(made.holdUntil).toBe('2026-11-28T17:00:00.000Z');
    expect(made.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{6}$/);
    expect(made).toMatchObject({ status: 'requested', customerName: 'Фёдорова Алёна', customerPhone: '+79123456789', storeAddress: 'ул. Тверская, 1', quantity: 1 });
    await until(() => reservationPushes.some((p) => p.id === made.id) && pushedEvents.some((e) => e.payload.event.kind === 'reservation' && e.payload.event.payload.reservationId === made.id));
    expect(reservationPushes.find((p) => p.id === made.id)).toEqual({ id: made.id, code: made.code, storeId: world.stores.msk.id, customerId: world.customers.fyodorova.id, status: 'requested' });
    await until(() => staffStock.some((s) => s.storeId === world.stores.msk.id && s.reserved === 1));
    expect(await t.hub.db.job.count({ where: { kind: 'reservation.expire', dedupeKey: `reservation.expire:${made.id}`, runAt: new Date(made.holdUntil) } })).toBe(1);
  });
});

describe('steps and who may take them', () => {
  it('goes requested → confirmed → ready, and a double confirm is a conflict that changes nothing', async () => {
    await setStock(world.stores.msk.id, 5);
    const made = data(await reserve(agent));
    const confirmed = data(await step(staff, made, 'confirmed'));
    expect(confirmed.status).toBe('confirmed');
    const twice = await step(staff, made, 'confirmed');
    expect(twice).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: `Reservation ${made.code} is already confirmed` } });
    const skip = await call(staff, 'reservation.transition', { id: made.id, to: 'picked_up', expectedStatus: 'confirmed' });
    expect(skip).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'A confirmed reservation cannot become picked_up' } });
    expect(data(await step(staff, confirmed, 'ready')).status).toBe('ready');
    expect(await t.hub.db.reservationEvent.count({ where: { reservationId: made.id } })).toBe(3);
  });

  it('keeps store staff to their own store, and agents to cancelling', async () => {
    await setStock(world.stores.vvo.id, 1);
    const elsewhere = data(await reserve(agent, { storeId: world.stores.vvo.id }));
    expect(await step(staff, elsewhere, 'confirmed')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'You can act only on reservations of your own store' } });
    expect(await step(staff, elsewhere, 'cancelled', 'не придёт')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await step(agent, elsewhere, 'confirmed')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await step(marketer, elsewhere, 'cancelled', 'x')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await t.hub.db.reservation.findUniqueOrThrow({ where: { id: elsewhere.id } })).status).toBe('requested');
    expect(await call(staff, 'reservation.list', { storeId: world.stores.vvo.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(staff, 'reservation.find', { storeId: world.stores.vvo.id, query: elsewhere.code })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(staff, 'reservation.forCustomer', { customerId: world.customers.fyodorova.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(staff, 'timeline.page', { customerId: world.customers.fyodorova.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('cancels with a reason only, releasing the units', async () => {
    await setStock(world.stores.msk.id, 2);
    const made = data(await reserve(agent, { quantity: 2 }));
    expect((await level(world.stores.msk.id)).reserved).toBe(2);
    expect(await step(agent, made, 'cancelled')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', fields: [{ path: 'reason', message: 'required' }] } });
    expect(await step(agent, made, 'cancelled', '   ')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const cancelled = data(await step(agent, made, 'cancelled', 'Клиент передумал'));
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Клиент передумал' });
    expect(await level(world.stores.msk.id)).toMatchObject({ onHand: 2, reserved: 0 });
    expect(await t.hub.db.auditEntry.count({ where: { action: 'reservation.cancelled', subjectId: made.id, actorId: world.users.agent } })).toBe(1);
  });

  it('refuses to hand over a hold that has ended: it expires on the spot and the units return', async () => {
    await setStock(world.stores.msk.id, 1);
    const made = data(await reserve(agent, { holdUntil: new Date(clock.now().getTime() + HOUR).toISOString() }));
    clock.advance(2 * HOUR);
    const late = await step(staff, made, 'confirmed');
    expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: [{ path: 'id', message: 'expired' }] } });
    expect(!late.ok && late.error.message).toContain('has expired and its units are back in stock');
    expect((await t.hub.db.reservation.findUniqueOrThrow({ where: { id: made.id } })).status).toBe('expired');
    expect(await level(world.stores.msk.id)).toMatchObject({ onHand: 1, reserved: 0 });
  });
});

describe('expiry job', () => {
  it('expires a due hold once, returns the stock and shows the step in the timeline', async () => {
    await setStock(world.stores.msk.id, 4);
    const made = data(await reserve(agent, { quantity: 3, holdUntil: new Date(clock.now().getTime() + HOUR).toISOString() }));
    await t.hub.scheduler.runDue();
    expect((await t.hub.db.reservation.findUniqueOrThrow({ where: { id: made.id } })).status).toBe('requested');
    expect((await level(world.stores.msk.id)).reserved).toBe(3);
    clock.advance(HOUR + 1000);
    expect(await t.hub.scheduler.runDue()).toBeGreaterThanOrEqual(1);
    expect((await t.hub.db.reservation.findUniqueOrThrow({ where: { id: made.id } })).status).toBe('expired');
    expect(await level(world.stores.msk.id)).toMatchObject({ onHand: 4, reserved: 0 });
    expect(await t.hub.db.job.findFirstOrThrow({ where: { dedupeKey: `reservation.expire:${made.id}` } })).toMatchObject({ status: 'done' });
    const page = data(await call(agent, 'timeline.page', { customerId: world.customers.fyodorova.id, limit: 200 }));
    const steps = page.events.filter((e) => e.kind === 'reservation' && e.payload.reservationId === made.id).map((e) => e.kind === 'reservation' && [e.payload.status, e.payload.byName]);
    expect(steps).toEqual([
      ['requested', 'Test agent'],
      ['expired', null],
    ]);
  });

  it('leaves a reservation that was picked up or cancelled before its hold ended alone', async () => {
    await setStock(world.stores.msk.id, 1);
    const made = data(await reserve(agent, { holdUntil: new Date(clock.now().getTime() + HOUR).toISOString() }));
    data(await step(agent, made, 'cancelled', 'Клиент передумал'));
    clock.advance(2 * HOUR);
    await t.hub.scheduler.runDue();
    expect((await t.hub.db.reservation.findUniqueOrThrow({ where: { id: made.id } })).status).toBe('cancelled');
    expect(await level(world.stores.msk.id)).toMatchObject({ onHand: 1, reserved: 0 });
  });
});

describe('pickup', () => {
  it('turns into an in-store order with loyalty points, in the timeline, and the balance is the ledger sum', async () => {
    await setStock(world.stores.msk.id, 3);
    let r = data(await reserve(agent, { quantity: 2 }));
    r = data(await step(staff, r, 'confirmed'));
    r = data(await step(staff, r, 'ready'));
    const picked = data(await step(staff, r, 'picked_up'));
    expect(picked.status).toBe('picked_up');
    expect(await level(world.stores.msk.id)).toMatchObject({ onHand: 1, reserved: 0 });
    const order = await t.hub.db.order.findUniqueOrThrow({ where: { id: picked.orderId! }, include: { items: true } });
    expect(order).toMatchObject({ kind: 'in_store', channel: 'store', storeId: world.stores.msk.id, status: 'completed', totalKopecks: 2 * 64_990_00, itemCount: 2, customerId: world.customers.fyodorova.id });
    expect(order.number).toMatch(/^261123-\d{6}$/);
    expect(order.items).toEqual([expect.objectContaining({ productId: product.id, quantity: 2, unitPriceKopecks: 64_990_00 })]);
    const account = await t.hub.db.loyaltyAccount.findUniqueOrThrow({ where: { customerId: world.customers.fyodorova.id }, include: { entries: true } });
    const accrual = account.entries.find((e) => e.orderId === order.id);
    expect(accrual).toMatchObject({ kind: 'accrual' });
    expect(accrual!.points).toBeGreaterThan(0);
    expect(account.balance).toBe(account.entries.reduce((sum, e) => sum + e.points, 0));
    await until(() => pushedEvents.some((e) => e.payload.event.kind === 'order' && e.payload.event.payload.orderId === order.id) && pushedEvents.some((e) => e.payload.event.kind === 'loyalty' && e.payload.event.payload.orderId === order.id));
    // A second pickup of the same order is impossible: the step is gone.
    expect(await step(staff, r, 'picked_up')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('numbers two pickups of one day differently', async () => {
    await setStock(world.stores.msk.id, 2);
    const numbers: string[] = [];
    for (let i = 0; i < 2; i++) {
      let r = data(await reserve(agent));
      r = data(await step(staff, r, 'confirmed'));
      r = data(await step(staff, r, 'ready'));
      const picked = data(await step(staff, r, 'picked_up'));
      numbers.push((await t.hub.db.order.findUniqueOrThrow({ where: { id: picked.orderId! } })).number);
    }
    expect(new Set(numbers).size).toBe(2);
    expect(Number(numbers[1]!.slice(7))).toBe(Number(numbers[0]!.slice(7)) + 1);
  });
});

describe('notice to the customer', () => {
  it('goes out in the preferred allowed channel with code, address, hours and hold-until', async () => {
    await setStock(world.stores.msk.id, 2);
    const made = data(await reserve(agent, { notify: true }));
    expect(made.notice).toMatchObject({ channel: 'sms', skippedReason: null });
    const message = await t.hub.db.message.findUniqueOrThrow({ where: { id: made.notice!.messageId! } });
    expect(message).toMatchObject({ channel: 'sms', direction: 'outbound', status: 'queued', authorId: world.users.agent, customerId: world.customers.fyodorova.id });
    expect(message.body).toContain(made.code);
    expect(message.body).toContain('ул. Тверская, 1');
    expect(message.body).toContain('10:00–20:00');
    expect(message.body).toContain('28 ноября');
    expect(message.body).toContain('20:00');
    expect(await t.hub.db.job.count({ where: { kind: 'outbox.send', dedupeKey: `send:${message.id}` } })).toBe(1);
    await until(() => pushedEvents.some((e) => e.payload.event.kind === 'message' && e.payload.event.payload.messageId === message.id));
  });

  it('goes to the conversation the agent reserved from when its channel is allowed', async () => {
    await setStock(world.stores.msk.id, 2);
    const inbound = await t.hub.inbound.ingest({ channel: 'email', providerMessageId: 'res-mail-1', from: { kind: 'email', value: 'alena.f@example.ru' }, body: 'Можно отложить видеокарту?' });
    const made = data(await reserve(agent, { notify: true, conversationId: inbound.conversationId }));
    expect(made.notice).toMatchObject({ channel: 'email' });
    const message = await t.hub.db.message.findUniqueOrThrow({ where: { id: made.notice!.messageId! } });
    expect(message.conversationId).toBe(inbound.conversationId);
    expect(message.subject).toContain(made.code);
  });

  it('is skipped, with the reason, without service consent or an allowed channel — and the hold stands', async () => {
    await setStock(world.stores.msk.id, 2);
    await t.hub.db.customer.update({ where: { id: world.customers.ivanov.id }, data: { consentService: false } });
    const noConsent = data(await reserve(agent, { customerId: world.customers.ivanov.id, notify: true }));
    expect(noConsent.notice).toEqual({ channel: null, messageId: null, skippedReason: 'no_service_consent' });
    await t.hub.db.contactIdentity.updateMany({ where: { customerId: world.customers.smith.id }, data: { blocked: true } });
    const blocked = data(await reserve(agent, { customerId: world.customers.smith.id, notify: true }));
    expect(blocked.notice).toEqual({ channel: null, messageId: null, skippedReason: 'no_allowed_channel' });
    expect(blocked.status).toBe('requested');
    expect(await t.hub.db.message.count({ where: { customerId: { in: [world.customers.ivanov.id, world.customers.smith.id] } } })).toBe(0);
    // The reason is the hub's record, not a note for the timeline.
    const page = data(await call(agent, 'timeline.page', { customerId: world.customers.smith.id }));
    expect(page.events.find((e) => e.kind === 'reservation')).toMatchObject({ payload: { status: 'requested', note: null } });
  });
});

describe('the store desk', () => {
  let mine: ReservationView;

  beforeAll(async () => {
    await setStock(world.stores.msk.id, 5);
    mine = data(await reserve(agent, { holdUntil: new Date(clock.now().getTime() + 2 * HOUR).toISOString() }));
  });

  it('lists its queue soonest-ending first with masked phones, page by page, and audits each customer shown', async () => {
    const auditBefore = await t.hub.db.auditEntry.count({ where: { action: 'reservation.customer_view', actorId: world.users.store_staff } });
    const first = data(await call(staff, 'reservation.list', { limit: 2 }));
    expect(first.items).toHaveLength(2);
    expect(first.items[0]!.id).toBe(mine.id);
    expect(first.items.every((r) => r.storeId === world.stores.msk.id && ['requested', 'confirmed', 'ready'].includes(r.status))).toBe(true);
    expect(first.items[0]!.customerPhone).toBe('+7 *** ***-67-89');
    const all: ReservationView[] = [...first.items];
    for (let cursor = first.nextCursor; cursor; ) {
      const page = data(await call(staff, 'reservation.list', { limit: 2, cursor }));
      all.push(...page.items);
      cursor = page.nextCursor;
    }
    const active = await t.hub.db.reservation.count({ where: { storeId: world.stores.msk.id, status: { in: ['requested', 'confirmed', 'ready'] } } });
    expect(all).toHaveLength(active);
    expect(new Set(all.map((r) => r.id)).size).toBe(active);
    const holds = all.map((r) => r.holdUntil);
    expect([...holds].sort()).toEqual(holds);
    const audits = await t.hub.db.auditEntry.findMany({ where: { action: 'reservation.customer_view', actorId: world.users.store_staff }, orderBy: { at: 'asc' } });
    expect(audits.length).toBeGreaterThan(auditBefore);
    expect(audits.every((a) => a.subjectType === 'customer')).toBe(true);
    expect(JSON.parse(audits.find((a) => a.subjectId === world.customers.fyodorova.id)!.details!)).toMatchObject({ via: 'reservation.list', contactsInFull: false });
    expect(await call(staff, 'reservation.list', { cursor: 'not-a-cursor' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', fields: [{ path: 'cursor' }] } });
  });

  it('finds a reservation by its code in any case, or by the last four phone digits', async () => {
    const byCode = data(await call(staff, 'reservation.find', { query: mine.code.toLowerCase() }));
    expect(byCode.map((r) => r.id)).toEqual([mine.id]);
    const byPhone = data(await call(staff, 'reservation.find', { query: '6789' }));
    expect(byPhone.map((r) => r.id)).toContain(mine.id);
    expect(byPhone.every((r) => r.customerPhone === '+7 *** ***-67-89' && r.storeId === world.stores.msk.id)).toBe(true);
    expect(data(await call(staff, 'reservation.find', { query: '0000' }))).toEqual([]);
    expect(await call(staff, 'reservation.find', { query: 'hello!' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', fields: [{ path: 'query' }] } });
    expect(await t.hub.db.auditEntry.count({ where: { action: 'reservation.customer_view', actorId: world.users.store_staff, details: { contains: '"via":"reservation.find"' } } })).toBeGreaterThanOrEqual(2);
  });

  it('shows agents a customer’s open reservations first, then the closed ones, with the phone in full', async () => {
    const list = data(await call(agent, 'reservation.forCustomer', { customerId: world.customers.fyodorova.id }));
    const firstClosed = list.findIndex((r) => !['requested', 'confirmed', 'ready'].includes(r.status));
    expect(firstClosed).toBeGreaterThan(0);
    expect(list.slice(firstClosed).every((r) => !['requested', 'confirmed', 'ready'].includes(r.status))).toBe(true);
    expect(list[0]!.customerPhone).toBe('+79123456789');
  });

  it('lets a second store’s staff see only their own store', async () => {
    await t.hub.db.user.create({
      data: { email: 'store.vvo@test.local', displayName: 'VVO staff', role: 'store_staff', passwordHash: await hashPassword(TEST_PASSWORD), storeId: world.stores.vvo.id },
    });
    const vvo = await t.connect((await t.signIn('store.vvo@test.local')).token);
    const page = data(await call(vvo, 'reservation.list', {}));
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((r) => r.storeId === world.stores.vvo.id)).toBe(true);
    expect(await step(vvo, mine, 'confirmed')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(data(await call(vvo, 'reservation.find', { query: mine.code }))).toEqual([]);
  });
});
