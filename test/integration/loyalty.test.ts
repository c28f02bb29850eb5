// Loyalty on a real hub: the ledger is the one truth behind every balance (accruals, spending, expiry,
// manual entries), expiry runs as a durable job and shows in the timeline, goodwill stays within each
// role's daily limit, the rules are validated, and the card number finds its customer.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoyaltySettings } from '../../common/api/loyalty.ts';
import type { LoyaltyEntryKind, Role } from '../../common/domain/enums.ts';
import { defaultLoyaltySettings } from '../../common/domain/loyalty.ts';
import { customerSearchName } from '../../common/domain/text.ts';
import type { CustomerChanged, SequencedEvent } from '../../common/realtime/events.ts';
import { openDatabase, type Db } from '../../main/server/db/client.ts';
import { migrate, readMigrations } from '../../main/server/db/migrator.ts';
import { seedDemo } from '../../main/server/demo/index.ts';
import { checkLoyaltyBalances } from '../../main/server/services/commerce/loyalty/check.ts';
import { expireDuePoints } from '../../main/server/services/commerce/loyalty/expiry.ts';
import { accrueForOrder, appendLedgerEntry } from '../../main/server/services/commerce/loyalty/ledger.ts';
import { manualClock } from './fixtures/db.ts';
import { call, data, startTestHub, type DeskSocket, type TestHub } from './fixtures/hub.ts';
import { buildWorld, USERS } from './fixtures/world.ts';

const DAY = 86_400_000;
const clock = manualClock(new Date('2026-11-23T10:00:00Z'));
let t: TestHub;
let db: Db;
let world: Awaited<ReturnType<typeof buildWorld>>;
const tokens = {} as Record<Role, string>;
let agent: DeskSocket;
let supervisor: DeskSocket;
const pushed: SequencedEvent[] = [];
const changed: CustomerChanged[] = [];
const uuid = () => crypto.randomUUID();
const days = (n: number) => new Date(clock.now().getTime() + n * DAY);
const until = async (check: () => boolean | Promise<boolean>, ms = 5000) => {
  for (const start = Date.now(); !(await check()); ) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

let cards = 0;
/** A customer with a loyalty account whose ledger is `entries` and whose balance is their sum. */
async function member(lastName: string, entries: { kind: LoyaltyEntryKind; points: number; at: Date; expiresAt?: Date }[] = []) {
  const card = `77000000${String(++cards).padStart(4, '0')}`;
  const customer = await db.customer.create({ data: { firstName: 'Тест', lastName, searchName: customerSearchName({ firstName: 'Тест', lastName }), timeZone: 'Europe/Moscow' } });
  await db.contactIdentity.create({ data: { customerId: customer.id, kind: 'loyalty_card', rawValue: card, normalized: card } });
  const account = await db.loyaltyAccount.create({ data: { customerId: customer.id, cardNumber: card, balance: entries.reduce((sum, e) => sum + e.points, 0), expiredThrough: clock.now() } });
  for (const e of entries) await db.loyaltyLedgerEntry.create({ data: { accountId: account.id, kind: e.kind, points: e.points, createdAt: e.at, expiresAt: e.expiresAt ?? null } });
  return { customer, account, card };
}

const balanceOf = async (accountId: string) => (await db.loyaltyAccount.findUniqueOrThrow({ where: { id: accountId } })).balance;
const ledgerSum = async (accountId: string) => (await db.loyaltyLedgerEntry.aggregate({ where: { accountId }, _sum: { points: true } }))._sum.points ?? 0;
const expectConsistent = async () => expect((await checkLoyaltyBalances(db)).mismatches).toEqual([]);

beforeAll(async () => {
  t = await startTestHub({}, { clock });
  db = t.hub.db;
  world = await buildWorld(db);
  for (const [role, email] of Object.entries(USERS)) tokens[role as Role] = (await t.signIn(email)).token;
  agent = await t.connect(tokens.agent);
  supervisor = await t.connect(tokens.supervisor);
  agent.on('desk.event', (events) => pushed.push(...events));
  agent.on('customer.changed', (event) => changed.push(event));
});
afterAll(() => t.stop());

describe('the ledger writer', () => {
  it('accrues for an order at the tier its last year of spending reaches, once per order', async () => {
    const { customer, account } = await member('Покупатель');
    await db.order.create({ data: { number: 'L-1', customerId: customer.id, kind: 'online', channel: 'web', totalKopecks: 40_000_00, itemCount: 1, placedAt: days(-100) } });
    // Older than a year: does not count towards the tier.
    await db.order.create({ data: { number: 'L-0', customerId: customer.id, kind: 'online', channel: 'web', totalKopecks: 500_000_00, itemCount: 1, placedAt: days(-400) } });
    const order = await db.order.create({ data: { number: 'L-2', customerId: customer.id, kind: 'in_store', storeId: world.stores.msk.id, channel: 'store', totalKopecks: 12_345_67, itemCount: 1, placedAt: clock.now() } });
    const accrue = () => db.$transaction((tx) => accrueForOrder(tx, { customerId: customer.id, orderId: order.id, totalKopecks: order.totalKopecks, at: clock.now(), reason: 'Начисление за заказ № L-2' }));

    const entry = await accrue();
    // 52,345.67 ₽ in the last year: silver, 3 % of 12,345 whole roubles.
    expect(entry).toMatchObject({ kind: 'accrual', points: 370, orderId: order.id, reason: 'Начисление за заказ № L-2' });
    expect(entry!.expiresAt).toEqual(days(365));
    expect((await accrue())!.id).toBe(entry!.id);
    expect(await db.loyaltyAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({ tier: 'silver', balance: 370 });

    const stranger = await db.$transaction((tx) => accrueForOrder(tx, { customerId: world.customers.ivanov.id, orderId: order.id, totalKopecks: 100_00, at: clock.now(), reason: 'x' }));
    expect(stranger).toBeNull();
  });

  it('refuses spending beyond the balance and writes off expired lots before any spending', async () => {
    const { account } = await member('Тратящий', [
      { kind: 'accrual', points: 300, at: days(-200), expiresAt: days(-1) },
      { kind: 'accrual', points: 100, at: days(-10), expiresAt: days(355) },
    ]);
    const spend = (points: number) =>
      db.$transaction((tx) => appendLedgerEntry(tx, { accountId: account.id, kind: 'redemption', points: -points, at: clock.now(), reason: 'Оплата баллами' }));

    // The balance says 400, but 300 of it expired yesterday.
    await expect(spend(150)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'Not enough points: the balance is 100, 150 were to be taken' });
    expect(await db.loyaltyLedgerEntry.count({ where: { accountId: account.id } })).toBe(2);
    expect(await balanceOf(account.id)).toBe(400);

    const spent = await spend(60);
    expect(spent.written.map((e) => [e.kind, e.points, e.createdAt.toISOString()])).toEqual([
      ['expiry', -300, days(-1).toISOString()],
      ['redemption', -60, clock.now().toISOString()],
    ]);
    expect(spent.balance).toBe(40);
    expect(await ledgerSum(account.id)).toBe(40);
    await expectConsistent();
  });
});

describe('expiry job', () => {
  it('writes each expired lot once, in its own transaction, and shows it in the timeline', async () => {
    const { customer, account } = await member('Истекающий', [
      { kind: 'accrual', points: 500, at: days(-300), expiresAt: days(2) },
      { kind: 'redemption', points: -120, at: days(-30) },
      { kind: 'accrual', points: 80, at: days(-20), expiresAt: days(345) },
    ]);
    expect(await expireDuePoints(db, clock.now())).toMatchObject({ entries: 0 });
    data(await call(agent, 'customer.watch', { id: customer.id }));

    const seen = pushed.length;
    clock.advance(3 * DAY);
    // The pending run is due now; the hub's own poll may take it first, so wait for its effect.
    await t.hub.scheduler.runDue();
    await until(async () => (await db.loyaltyLedgerEntry.count({ where: { accountId: account.id, kind: 'expiry' } })) === 1);
    const expiry = await db.loyaltyLedgerEntry.findFirstOrThrow({ where: { accountId: account.id, kind: 'expiry' } });
    expect(expiry).toMatchObject({ points: -380, createdAt: days(-1) });
    await until(async () => (await db.loyaltyAccount.findUniqueOrThrow({ where: { id: account.id } })).expiredThrough?.getTime() === clock.now().getTime());
    expect(await balanceOf(account.id)).toBe(80);
    await until(() => pushed.slice(seen).some((e) => e.type === 'timeline.added' && e.payload.event.id === `loyalty:${expiry.id}`));
    // The profile's balance refreshes too.
    await until(() => changed.some((c) => c.id === customer.id && c.byUserId === null));

    const page = data(await call(agent, 'timeline.page', { customerId: customer.id }));
    expect(page.events.find((e) => e.id === `loyalty:${expiry.id}`)).toMatchObject({ kind: 'loyalty', payload: { entryKind: 'expiry', points: -380 } });

    // Again, and through a second run of the job: nothing new.
    expect(await expireDuePoints(db, clock.now())).toMatchObject({ entries: 0, points: 0 });
    clock.advance(2 * 60 * 60_000);
    await t.hub.scheduler.runDue();
    expect(await db.loyaltyLedgerEntry.count({ where: { accountId: account.id, kind: 'expiry' } })).toBe(1);
    await until(async () => (await db.job.count({ where: { kind: 'loyalty.expiry', status: 'pending', runAt: { gt: clock.now() } } })) === 1);
    await expectConsistent();
  });

  it('shows only the points still held that expire within 30 days in the profile', async () => {
    const { customer } = await member('Профиль', [
      { kind: 'accrual', points: 1000, at: days(-340), expiresAt: days(25) },
      { kind: 'redemption', points: -700, at: days(-100) },
      { kind: 'accrual', points: 200, at: days(-5), expiresAt: days(360) },
    ]);
    const detail = data(await call(agent, 'customer.get', { id: customer.id }));
    expect(detail.loyalty).toMatchObject({ balance: 500, expiringSoon: 300, nextExpiryAt: days(25).toISOString() });
  });
});

describe('goodwill and corrections', () => {
  let target: Awaited<ReturnType<typeof member>>;
  beforeAll(async () => {
    target = await member('Лояльный', [{ kind: 'accrual', points: 1000, at: days(-10), expiresAt: days(355) }]);
    data(await call(agent, 'customer.watch', { id: target.customer.id }));
  });
  // A minute apart, so the history's order is the order they were made in.
  const adjust = (socket: DeskSocket, points: number, reason = 'Компенсация за задержку', clientId = uuid()) => {
    clock.advance(60_000);
    return call(socket, 'loyalty.adjust', { customerId: target.customer.id, points, reason, clientId });
  };
  const snapshot = async () => ({
    balance: await balanceOf(target.account.id),
    entries: await db.loyaltyLedgerEntry.count({ where: { accountId: target.account.id } }),
    audits: await db.auditEntry.count({ where: { action: { startsWith: 'loyalty.' } } }),
  });

  it('grants an agent’s goodwill, audits it and pushes it to the desks', async () => {
    const seen = pushed.length;
    const granted = data(await adjust(agent, 300));
    expect(granted).toMatchObject({ balance: 1300, entry: { kind: 'adjustment', points: 300, reason: 'Компенсация за задержку', createdByName: 'Test agent', expiresAt: null } });
    const audit = await db.auditEntry.findFirstOrThrow({ where: { action: 'loyalty.goodwill', subjectId: target.customer.id } });
    expect(JSON.parse(audit.details!)).toMatchObject({ points: 300, reason: 'Компенсация за задержку', entryId: granted.entry.id });
    expect(audit).toMatchObject({ actorId: world.users.agent, actorRole: 'agent' });
    await until(() => pushed.slice(seen).some((e) => e.type === 'timeline.added' && e.payload.event.id === `loyalty:${granted.entry.id}`));
    await until(() => changed.some((c) => c.id === target.customer.id));
  });

  it('refuses an agent over the daily limit with what remains, changing nothing', async () => {
    const before = await snapshot();
    const refused = await adjust(agent, 250);
    expect(refused).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Over your daily goodwill limit of 500 points: 200 remain today', fields: [{ path: 'points', message: 'at most 200 today' }] },
    });
    expect(await snapshot()).toEqual(before);
    expect(data(await call(agent, 'loyalty.ledger', { customerId: target.customer.id })).goodwillRemainingToday).toBe(200);
  });

  it('gives supervisors a larger limit and refuses roles without loyalty.adjust at the hub', async () => {
    expect(data(await adjust(supervisor, 2000)).balance).toBe(3300);
    const before = await snapshot();
    for (const role of ['store_staff', 'marketer'] as const) {
      const res = await t.post('/api/commands/loyalty.adjust', { customerId: target.customer.id, points: 10, reason: 'Подарок', clientId: uuid() }, tokens[role]);
      expect(res.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lets only supervisors and admins take points away, never below zero, always with a reason', async () => {
    const before = await snapshot();
    expect(await adjust(agent, -10)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Only a supervisor or an admin can take points away' } });
    expect(await adjust(supervisor, -5000)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', fields: [{ path: 'points', message: 'at most 3300' }] } });
    expect(await adjust(supervisor, -10, '  ')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', fields: [expect.objectContaining({ path: 'reason' })] } });
    expect(await adjust(supervisor, 0)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', fields: [expect.objectContaining({ path: 'points' })] } });
    expect(await snapshot()).toEqual(before);

    const corrected = data(await adjust(supervisor, -300, 'Возврат товара по заказу'));
    expect(corrected).toMatchObject({ balance: 3000, entry: { points: -300, createdByName: 'Test supervisor' } });
    expect(await db.auditEntry.count({ where: { action: 'loyalty.correction', subjectId: target.customer.id } })).toBe(1);
    await expectConsistent();
  });

  it('stores a resent request once and refuses its id for another adjustment', async () => {
    const clientId = uuid();
    const first = data(await adjust(agent, 50, 'Извинение за ожидание', clientId));
    const again = data(await adjust(agent, 50, 'Извинение за ожидание', clientId));
    expect(again).toEqual(first);
    expect(await balanceOf(target.account.id)).toBe(3050);
    expect(await adjust(agent, 60, 'Извинение за ожидание', clientId)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await db.loyaltyLedgerEntry.count({ where: { id: clientId } })).toBe(1);
  });

  it('pages the history newest first with the authors’ names', async () => {
    const first = data(await call(agent, 'loyalty.ledger', { customerId: target.customer.id, limit: 2 }));
    expect(first.balance).toBe(3050);
    expect(first.items.map((e) => [e.points, e.createdByName])).toEqual([
      [50, 'Test agent'],
      [-300, 'Test supervisor'],
    ]);
    const second = data(await call(agent, 'loyalty.ledger', { customerId: target.customer.id, limit: 2, cursor: first.nextCursor }));
    expect(second.items.map((e) => e.points)).toEqual([2000, 300]);
    const last = data(await call(agent, 'loyalty.ledger', { customerId: target.customer.id, limit: 2, cursor: second.nextCursor }));
    expect(last).toMatchObject({ items: [{ kind: 'accrual', points: 1000, createdByName: null }], nextCursor: null });
    expect(await call(agent, 'loyalty.ledger', { customerId: target.customer.id, cursor: 'nonsense' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call(agent, 'loyalty.ledger', { customerId: world.customers.ivanov.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('starts a new allowance the next day', async () => {
    clock.advance(DAY);
    expect(data(await call(agent, 'loyalty.ledger', { customerId: target.customer.id })).goodwillRemainingToday).toBe(500);
    expect(data(await adjust(agent, 500)).balance).toBe(3550);
  });
});

describe('loyalty settings', () => {
  const valid: LoyaltySettings = {
    ...defaultLoyaltySettings,
    tiers: defaultLoyaltySettings.tiers.map((tier) => (tier.tier === 'gold' ? { ...tier, accrualRate: 0.06 } : tier)),
    goodwillDailyLimit: { agent: 100, supervisor: 1000, admin: 5000 },
  };

  it('returns the defaults until saved, and rejects bad rules with field paths, storing nothing', async () => {
    expect(data(await call(supervisor, 'settings.loyalty.get', {}))).toEqual(defaultLoyaltySettings);
    const shrinking = { ...valid, tiers: valid.tiers.map((tier) => (tier.tier === 'gold' ? { ...tier, minSpentKopecks: 10_00 } : tier)) };
    const refused = await call(supervisor, 'settings.loyalty.save', shrinking);
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', fields: [{ path: 'tiers.2.minSpentKopecks', message: 'must grow with the tier' }] } });
    const negative = await call(supervisor, 'settings.loyalty.save', { ...valid, pointsLifetimeDays: 0, goodwillDailyLimit: { agent: -1 } });
    expect(negative).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(!negative.ok && negative.error.fields!.map((f) => f.path).sort()).toEqual(['goodwillDailyLimit.agent', 'pointsLifetimeDays']);
    expect(await db.setting.count({ where: { key: 'loyalty' } })).toBe(0);
    expect(await call(agent, 'settings.loyalty.get', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('saves valid rules with an audit entry, and the goodwill limit applies at once', async () => {
    expect(data(await call(supervisor, 'settings.loyalty.save', valid))).toEqual(valid);
    expect(data(await call(supervisor, 'settings.loyalty.get', {}))).toEqual(valid);
    expect(await db.auditEntry.count({ where: { action: 'settings.loyalty.save', actorId: world.users.supervisor } })).toBe(1);
    const { customer } = await member('Новые правила');
    clock.advance(DAY);
    const refused = await call(agent, 'loyalty.adjust', { customerId: customer.id, points: 101, reason: 'Компенсация', clientId: uuid() });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Over your daily goodwill limit of 100 points: 100 remain today' } });
  });
});

describe('the card number as an identity', () => {
  it('finds the customer by card number in search and the customer list, spaces and all', async () => {
    const { customer, card } = await member('Картов');
    const spaced = card.replace(/(\d{4})(?=\d)/g, '$1 ');
    const search = data(await call(agent, 'search.all', { q: spaced }));
    expect(search.customers.map((c) => c.id)).toEqual([customer.id]);
    const list = data(await call(agent, 'customer.list', { q: card }));
    expect(list.items.map((c) => c.id)).toEqual([customer.id]);
  });
});

describe('consistency check', () => {
  it('reports every account whose balance differs from its ledger', async () => {
    const { account } = await member('Сломанный', [{ kind: 'accrual', points: 100, at: days(-1), expiresAt: days(300) }]);
    await expectConsistent();
    await db.loyaltyAccount.update({ where: { id: account.id }, data: { balance: 150 } });
    const result = await checkLoyaltyBalances(db);
    expect(result.mismatches).toEqual([{ accountId: account.id, balance: 150, ledgerSum: 100 }]);
    expect(result.accounts).toBe(await db.loyaltyAccount.count());
    await db.loyaltyAccount.update({ where: { id: account.id }, data: { balance: 100 } });
  });
});

describe('the demo retailer', () => {
  let dir: string;
  let demo: Db;
  let url: string;
  const referenceDate = new Date('2026-11-23T12:00:00.000Z');
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'threadline-loyalty-'));
    url = `file:${join(dir, 'demo.db')}`;
    await migrate(url, readMigrations(fileURLToPath(new URL('../../prisma/migrations', import.meta.url))));
    demo = await openDatabase(url);
    await seedDemo(demo, { seed: 7, customers: 150, messages: 150, referenceDate });
  });
  afterAll(async () => {
    await demo.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes the check, and stays consistent as its points expire, idempotently', async () => {
    expect(await checkLoyaltyBalances(demo)).toMatchObject({ mismatches: [] });
    // The generator wrote every expiry up to its reference date.
    expect(await expireDuePoints(demo, referenceDate)).toMatchObject({ entries: 0 });
    const later = new Date(referenceDate.getTime() + 120 * DAY);
    const run = await expireDuePoints(demo, later);
    expect(run.entries).toBeGreaterThan(0);
    expect(run.events).toHaveLength(run.entries);
    expect(await checkLoyaltyBalances(demo)).toMatchObject({ mismatches: [] });
    expect(await expireDuePoints(demo, later)).toMatchObject({ entries: 0 });
    expect(await demo.loyaltyAccount.count({ where: { balance: { lt: 0 } } })).toBe(0);
  });

  it('npm run loyalty:check exits 1 listing the mismatches', async () => {
    const run = promisify(execFile);
    const script = fileURLToPath(new URL('../../scripts/loyalty-check.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
    const account = await demo.loyaltyAccount.findFirstOrThrow({ orderBy: { id: 'asc' } });
    await demo.loyaltyAccount.update({ where: { id: account.id }, data: { balance: { increment: 7 } } });
    const failed = await run(tsx, [script, '--database-url', url]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(`${account.id}: balance ${account.balance + 7}, ledger sum ${account.balance} (+7)`);
    // A cold tsx start compiles the script and the Prisma client: seconds alone, more beside a full run.
  }, 60_000);
});
