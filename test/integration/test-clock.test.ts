// The --test-clock flag of the end-to-end hub: refused off loopback, absent without the flag, admin-only,
// and moving the clock makes due holds expire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseHubConfig } from '../../main/server/config.ts';
import { startTestHub, type TestHub } from './fixtures/hub.ts';
import { buildWorld, USERS } from './fixtures/world.ts';

const HOUR = 3_600_000;

describe('the flag', () => {
  it('is accepted on a loopback host only', () => {
    expect(parseHubConfig(['--test-clock']).testClock).toBe(true);
    expect(parseHubConfig(['--test-clock', '--host', '::1']).testClock).toBe(true);
    expect(parseHubConfig([]).testClock).toBe(false);
    expect(() => parseHubConfig(['--test-clock', '--host', '0.0.0.0'])).toThrow(ConfigError);
    expect(() => parseHubConfig(['--host', '192.168.1.10'], { THREADLINE_TEST_CLOCK: '1' })).toThrow('--test-clock true: only with a loopback --host');
  });
});

describe('without the flag', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
    await buildWorld(t.hub.db);
  });
  afterAll(() => t.stop());

  it('has no clock route, even for an admin', async () => {
    const res = await t.post('/api/test/clock', { advanceMs: HOUR }, (await t.signIn(USERS.admin)).token);
    expect(res.status).toBe(404);
  });
});

describe('with the flag', () => {
  let t: TestHub;
  let world: Awaited<ReturnType<typeof buildWorld>>;
  beforeAll(async () => {
    t = await startTestHub({ testClock: true });
    world = await buildWorld(t.hub.db);
  });
  afterAll(() => t.stop());

  it('lets only a signed-in admin move the clock, by a valid amount', async () => {
    expect((await t.post('/api/test/clock', { advanceMs: HOUR })).status).toBe(401);
    expect((await t.post('/api/test/clock', { advanceMs: HOUR }, (await t.signIn(USERS.agent)).token)).status).toBe(403);
    const admin = (await t.signIn(USERS.admin)).token;
    expect((await t.post('/api/test/clock', { advanceMs: -5 }, admin)).body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', fields: [{ path: 'advanceMs' }] } });
    const res = await t.post<{ now: string }>('/api/test/clock', { advanceMs: 2 * HOUR }, admin);
    expect(res.status).toBe(200);
    const now = res.body.ok ? new Date(res.body.data.now).getTime() : 0;
    expect(Math.abs(now - (Date.now() + 2 * HOUR))).toBeLessThan(5000);
    expect(await t.hub.db.auditEntry.count({ where: { action: 'test.clock_advance', actorId: world.users.admin } })).toBe(1);
  });

  it('expires a hold whose time has come once the clock moves past it', async () => {
    // The clock is already 2 hours ahead (the test above): this hold ends 2 hours after the hub's now.
    const product = await t.hub.db.product.create({ data: { sku: 'CLOCK-1', name: 'Наушники', brand: 'Sony', category: 'accessory', priceKopecks: 9_990_00 } });
    await t.hub.db.stockLevel.create({ data: { storeId: world.stores.msk.id, productId: product.id, onHand: 2 } });
    const agent = (await t.signIn(USERS.agent)).token;
    const made = await t.post<{ id: string }>(
      '/api/commands/reservation.create',
      { customerId: world.customers.ivanov.id, productId: product.id, storeId: world.stores.msk.id, quantity: 2, holdUntil: new Date(Date.now() + 4 * HOUR).toISOString(), notify: false, clientId: crypto.randomUUID() },
      agent,
    );
    expect(made.body.ok).toBe(true);
    const id = made.body.ok ? made.body.data.id : '';
    await t.post('/api/test/clock', { advanceMs: 3 * HOUR }, (await t.signIn(USERS.admin)).token);
    const deadline = Date.now() + 5000;
    let status = '';
    while (Date.now() < deadline && status !== 'expired') {
      status = (await t.hub.db.reservation.findUniqueOrThrow({ where: { id } })).status;
      if (status !== 'expired') await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe('expired');
    expect(await t.hub.db.stockLevel.findUniqueOrThrow({ where: { storeId_productId: { storeId: world.stores.msk.id, productId: product.id } } })).toMatchObject({ onHand: 2, reserved: 0 });
  });
});
