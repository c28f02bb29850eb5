// The demo generator's promises: the same seed gives the same rows, and the data keeps the invariants
// the app relies on — balances equal ledgers, identities normalised and unique, stock and order totals
// consistent, conversation counters agreeing with their messages, a sign-in for every role.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpeningHours } from '../../common/api/stores.ts';
import { normalizeIdentity } from '../../common/domain/contacts.ts';
import {
  Channel,
  ConversationStatus,
  IdentityKind,
  LoyaltyEntryKind,
  LoyaltyTier,
  MessageDirection,
  MessageStatus,
  OrderKind,
  ReservationStatus,
  Role,
  SalesChannel,
} from '../../common/domain/enums.ts';
import { customerSearchName } from '../../common/domain/text.ts';
import { isTimeZone } from '../../common/domain/time.ts';
import { openDatabase, type Db } from '../../main/server/db/client.ts';
import { migrate, readMigrations } from '../../main/server/db/migrator.ts';
import { DatabaseNotEmptyError, DEMO_PASSWORD, DEMO_USERS, seedDemo, type DemoSummary, type SeedDemoOptions } from '../../main/server/demo/index.ts';
import { verifyPassword } from '../../main/server/services/auth/passwords.ts';

const REFERENCE_DATE = new Date('2026-11-23T12:00:00.000Z');
const OPTIONS: SeedDemoOptions = { seed: 4242, customers: 420, messages: 1_500, referenceDate: REFERENCE_DATE };
const migrations = readMigrations(fileURLToPath(new URL('../../prisma/migrations', import.meta.url)));

interface Seeded {
  dir: string;
  db: Db;
  sql: Client;
  summary: DemoSummary;
}

async function seeded(options: SeedDemoOptions): Promise<Seeded> {
  const dir = mkdtempSync(join(tmpdir(), 'threadline-demo-'));
  const url = `file:${join(dir, 'demo.db')}`;
  await migrate(url, migrations);
  const db = await openDatabase(url);
  const summary = await seedDemo(db, options);
  return { dir, db, sql: createClient({ url }), summary };
}

const rows = async (s: Seeded, sql: string) => (await s.sql.execute(sql)).rows.map((row) => ({ ...row }));
const values = async (s: Seeded, sql: string) => (await s.sql.execute(sql)).rows.map((row) => row[0]);

let first: Seeded;
let second: Seeded;
beforeAll(async () => {
  [first, second] = await Promise.all([seeded(OPTIONS), seeded(OPTIONS)]);
});
afterAll(async () => {
  for (const s of [first, second]) {
    s.sql.close();
    await s.db.$disconnect();
    rmSync(s.dir, { recursive: true, force: true });
  }
});

describe('demo data', () => {
  it('is deterministic: the same seed and reference date give the same rows, ids included', async () => {
    const { elapsedMs: _a, ...firstSummary } = first.summary;
    const { elapsedMs: _b, ...secondSummary } = second.summary;
    expect(firstSummary).toEqual(secondSummary);
    const tables = ['ChannelAccount', 'Store', 'Product', 'StockLevel', 'Customer', 'ContactIdentity', 'LoyaltyAccount', 'LoyaltyLedgerEntry', 'Order', 'OrderItem', 'Conversation', 'ConversationTag', 'Message', 'Reservation', 'ReservationEvent', 'MessageVoiceCheck', 'ReviewSample', 'ReviewSampleItem', 'Review', 'ReviewComment'];
    for (const table of tables) {
      // The beginning and the end of each table, so a drift anywhere in the run would show.
      const sampleSql = `SELECT * FROM (SELECT * FROM "${table}" ORDER BY rowid LIMIT 100) UNION ALL SELECT * FROM (SELECT * FROM "${table}" ORDER BY rowid DESC LIMIT 100)`;
      expect(await rows(second, sampleSql), table).toEqual(await rows(first, sampleSql));
    }
    // Password hashes are salted at random on purpose; everything else about the users is fixed.
    const users = 'SELECT id, email, displayName, role, teamId, storeId FROM "User" ORDER BY id';
    expect(await rows(second, users)).toEqual(await rows(first, users));
  });

  it('puts seeded SMS and Telegram messages on the demo channel accounts, switched off until demo mode runs', async () => {
    expect(await rows(first, 'SELECT id, kind, enabled FROM "ChannelAccount" ORDER BY id')).toEqual([
      { id: 'demo-sms', kind: 'sms', enabled: 0 },
      { id: 'demo-telegram', kind: 'telegram', enabled: 0 },
    ]);
    const pairs = await rows(first, 'SELECT DISTINCT channel, channelAccountId FROM "Message" ORDER BY channel');
    const accountOf: Record<string, string> = { sms: 'demo-sms', telegram: 'demo-telegram' };
    expect(pairs.map((p) => p.channel)).toEqual(expect.arrayContaining(['sms', 'telegram']));
    for (const { channel, channelAccountId } of pairs) expect(channelAccountId, String(channel)).toBe(accountOf[String(channel)] ?? null);
  });

  it('produces exactly the requested counts, with the promised variety', () => {
    const s = first.summary;
    expect(s).toMatchObject({ customers: 420, messages: 1_500, stores: 20, products: 500, users: DEMO_USERS.length });
    expect(s.likelyDuplicates).toBe(2);
    expect(s.loyaltyAccounts).toBeGreaterThan(100);
    expect(s.orders).toBeGreaterThan(200);
    expect(s.conversations).toBeGreaterThan(100);
  });

  it('keeps every loyalty balance equal to the sum of its ledger, never negative', async () => {
    const mismatched = await rows(
      first,
      `SELECT a.id, a.balance, COALESCE(SUM(e.points), 0) AS ledger FROM LoyaltyAccount a
         LEFT JOIN LoyaltyLedgerEntry e ON e.accountId = a.id GROUP BY a.id HAVING a.balance != ledger OR a.balance < 0`,
    );
    expect(mismatched).toEqual([]);
    expect((await values(first, 'SELECT DISTINCT kind FROM LoyaltyLedgerEntry ORDER BY kind')).sort()).toEqual([...LoyaltyEntryKind.options].sort());
    const soon = new Date(REFERENCE_DATE.getTime() + 30 * 86_400_000).toISOString().replace('Z', '+00:00');
    const expiringSoon = await values(first, `SELECT COUNT(*) FROM LoyaltyLedgerEntry WHERE kind = 'accrual' AND expiresAt > '${REFERENCE_DATE.toISOString().replace('Z', '+00:00')}' AND expiresAt <= '${soon}'`);
    expect(Number(expiringSoon[0])).toBeGreaterThan(0);
    expect(await values(first, `SELECT COUNT(*) FROM LoyaltyLedgerEntry WHERE kind = 'adjustment' AND (reason IS NULL OR createdById IS NULL)`)).toEqual([0]);
  });

  it('stores every identity normalised, unique per kind, and each loyalty card as an identity of its owner', async () => {
    const identities = await rows(first, 'SELECT customerId, kind, rawValue, normalized FROM ContactIdentity');
    for (const identity of identities) {
      const kind = IdentityKind.parse(identity.kind);
      expect(normalizeIdentity(kind, String(identity.rawValue)), String(identity.rawValue)).toBe(identity.normalized);
    }
    expect(new Set(identities.map((i) => `${i.kind}:${i.normalized}`)).size).toBe(identities.length);
    expect(identities.filter((i) => i.kind === 'phone').every((i) => /^\+79\d{9}$/.test(String(i.normalized)))).toBe(true);

    const cardsWithoutIdentity = await rows(
      first,
      `SELECT a.cardNumber FROM LoyaltyAccount a LEFT JOIN ContactIdentity i
         ON i.kind = 'loyalty_card' AND i.normalized = a.cardNumber AND i.customerId = a.customerId WHERE i.id IS NULL`,
    );
    expect(cardsWithoutIdentity).toEqual([]);
    expect(await values(first, `SELECT COUNT(*) FROM Customer c WHERE NOT EXISTS (SELECT 1 FROM ContactIdentity i WHERE i.customerId = c.id AND i.kind IN ('phone', 'email'))`)).toEqual([0]);
    // Some customers are reachable on several channels, and a few look like the same person twice.
    const multiChannel = await values(first, `SELECT COUNT(*) FROM (SELECT customerId FROM ContactIdentity WHERE kind != 'loyalty_card' GROUP BY customerId HAVING COUNT(DISTINCT kind) >= 3)`);
    expect(Number(multiChannel[0])).toBeGreaterThan(10);
    const sameName = await values(first, 'SELECT COUNT(*) FROM (SELECT searchName, city FROM Customer GROUP BY searchName, city HAVING COUNT(*) > 1)');
    expect(Number(sameName[0])).toBeGreaterThanOrEqual(first.summary.likelyDuplicates);
  });

  it('creates every demo user with its role, team and store, signing in with the demo password', async () => {
    for (const demo of DEMO_USERS) {
      const user = await first.db.user.findUniqueOrThrow({ where: { email: demo.email }, include: { store: true, team: true } });
      expect(Role.parse(user.role)).toBe(demo.role);
      expect(user.store?.code ?? null).toBe(demo.storeCode);
      expect(user.team === null).toBe(demo.team === null);
      expect(await verifyPassword(DEMO_PASSWORD, user.passwordHash)).toBe(true);
    }
    const storeStaff = await first.db.user.findUniqueOrThrow({ where: { email: 'store.msk@demo.local' }, include: { store: true } });
    expect(storeStaff).toMatchObject({ role: 'store_staff', store: { city: 'Москва', timeZone: 'Europe/Moscow' } });
  });

  it('keeps stock reserved within what is on hand, and stores with real time zones and hours', async () => {
    expect(await values(first, 'SELECT COUNT(*) FROM StockLevel WHERE reserved < 0 OR onHand < 0 OR reserved > onHand')).toEqual([0]);
    expect(Number((await values(first, 'SELECT COUNT(*) FROM StockLevel WHERE reserved > 0'))[0])).toBeGreaterThan(0);
    const stores = await first.db.store.findMany();
    expect(new Set(stores.map((s) => s.timeZone)).size).toBeGreaterThanOrEqual(5);
    for (const store of stores) {
      expect(isTimeZone(store.timeZone), store.timeZone).toBe(true);
      expect(OpeningHours.safeParse(JSON.parse(store.openingHours)).success, store.code).toBe(true);
    }
    const barcodes = await values(first, 'SELECT barcode FROM Product');
    expect(barcodes.every((b) => /^\d{13}$/.test(String(b)))).toBe(true);
  });

  it('holds exactly the reserved units with active reservations, each with its steps and expiry job', async () => {
    // Both ways: every reserved unit belongs to an active hold, and every active hold is counted as reserved.
    const mismatched = await rows(
      first,
      `SELECT s.storeId, s.productId, s.reserved, COALESCE(r.held, 0) AS held FROM StockLevel s
         LEFT JOIN (SELECT storeId, productId, SUM(quantity) AS held FROM Reservation WHERE status IN ('requested', 'confirmed', 'ready') GROUP BY storeId, productId) r
           ON r.storeId = s.storeId AND r.productId = s.productId
        WHERE s.reserved != COALESCE(r.held, 0)
       UNION ALL
       SELECT r.storeId, r.productId, NULL, r.quantity FROM Reservation r LEFT JOIN StockLevel s ON s.storeId = r.storeId AND s.productId = r.productId
        WHERE r.status IN ('requested', 'confirmed', 'ready') AND s.storeId IS NULL`,
    );
    expect(mismatched).toEqual([]);
    const { active, closed } = first.summary.reservations;
    expect(active).toBeGreaterThan(0);
    expect(closed).toBeGreaterThan(0);
    const steps = await first.db.reservationEvent.findMany({ orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    const stepsOf = new Map<string, typeof steps>();
    for (const step of steps) stepsOf.set(step.reservationId, [...(stepsOf.get(step.reservationId) ?? []), step]);
    const all = (await first.db.reservation.findMany()).map((r) => ({ ...r, events: stepsOf.get(r.id) ?? [] }));
    expect(all).toHaveLength(active + closed);
    expect(new Set(all.map((r) => r.code)).size).toBe(all.length);
    const jobs = await first.db.job.findMany({ where: { kind: 'reservation.expire', status: 'pending' } });
    const jobRunAt = new Map(jobs.map((j) => [JSON.parse(j.payload).reservationId as string, j.runAt.getTime()]));
    for (const r of all) {
      expect(ReservationStatus.safeParse(r.status).success, r.status).toBe(true);
      expect(r.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{6}$/);
      expect(r.events[0]?.status, r.id).toBe('requested');
      expect(r.events.at(-1)?.status, r.id).toBe(r.status);
      if (['requested', 'confirmed', 'ready'].includes(r.status)) {
        expect(r.holdUntil.getTime()).toBeGreaterThan(REFERENCE_DATE.getTime());
        expect(jobRunAt.get(r.id), r.id).toBe(r.holdUntil.getTime());
      } else {
        expect(r.holdUntil.getTime()).toBeLessThan(REFERENCE_DATE.getTime());
      }
      expect(r.cancelReason !== null).toBe(r.status === 'cancelled');
    }
    expect(jobs).toHaveLength(active);
    // The store desk's demo user has a queue to work through.
    const storeUser = await first.db.user.findFirstOrThrow({ where: { role: 'store_staff' } });
    const queue = new Set(all.filter((r) => r.storeId === storeUser.storeId).map((r) => r.status));
    for (const status of ['requested', 'confirmed', 'ready']) expect(queue.has(status), status).toBe(true);
  });

  it('makes order totals the sum of their items, and in-store orders name their store', async () => {
    const wrong = await rows(
      first,
      `SELECT o.id FROM "Order" o JOIN (SELECT orderId, SUM(quantity * unitPriceKopecks) AS total, SUM(quantity) AS units FROM OrderItem GROUP BY orderId) i
         ON i.orderId = o.id WHERE o.totalKopecks != i.total OR o.itemCount != i.units`,
    );
    expect(wrong).toEqual([]);
    expect(await values(first, `SELECT COUNT(*) FROM "Order" o WHERE NOT EXISTS (SELECT 1 FROM OrderItem i WHERE i.orderId = o.id)`)).toEqual([0]);
    expect(await values(first, `SELECT COUNT(*) FROM "Order" WHERE (kind = 'in_store') != (storeId IS NOT NULL)`)).toEqual([0]);
  });

  it('derives conversation counters from the messages', async () => {
    const stale = await rows(
      first,
      `SELECT c.id FROM Conversation c JOIN (SELECT conversationId, MIN(createdAt) AS firstAt, MAX(createdAt) AS lastAt FROM Message GROUP BY conversationId) m
         ON m.conversationId = c.id WHERE c.lastActivityAt != m.lastAt OR c.createdAt != m.firstAt`,
    );
    expect(stale).toEqual([]);
    expect(await values(first, `SELECT COUNT(*) FROM Conversation WHERE (status = 'open') != (unreadCount > 0) OR (status = 'open') != (waitingSince IS NOT NULL)`)).toEqual([0]);
    expect(await values(first, `SELECT COUNT(*) FROM Conversation WHERE (status = 'snoozed') != (snoozedUntil IS NOT NULL)`)).toEqual([0]);
    expect(await values(first, `SELECT COUNT(*) FROM Message WHERE createdAt > '${REFERENCE_DATE.toISOString().replace('Z', '+00:00')}'`)).toEqual([0]);
    const statuses = await values(first, 'SELECT DISTINCT status FROM Conversation');
    expect(statuses).toEqual(expect.arrayContaining(['open', 'pending', 'resolved']));
    expect(Number((await values(first, `SELECT COUNT(*) FROM Conversation WHERE status = 'open' AND assigneeId IS NULL`))[0])).toBeGreaterThan(0);
    expect((await values(first, 'SELECT DISTINCT channel FROM Message')).sort()).toEqual([...Channel.options].sort());
  });

  it('writes only values of the shared enums, names matching their search form, and instants Prisma reads back', async () => {
    const enumColumns: [string, string, { options: readonly string[] }][] = [
      ['ContactIdentity', 'kind', IdentityKind],
      ['Conversation', 'status', ConversationStatus],
      ['Conversation', 'channel', Channel],
      ['Message', 'channel', Channel],
      ['Message', 'direction', MessageDirection],
      ['Message', 'status', MessageStatus],
      ['LoyaltyAccount', 'tier', LoyaltyTier],
      ['Order', 'kind', OrderKind],
      ['Order', 'channel', SalesChannel],
      ['User', 'role', Role],
    ];
    for (const [table, column, zodEnum] of enumColumns) {
      for (const value of await values(first, `SELECT DISTINCT "${column}" FROM "${table}"`)) expect(zodEnum.options, `${table}.${column}`).toContain(value);
    }
    const customers = await first.db.customer.findMany({ take: 50 });
    for (const c of customers) {
      expect(c.searchName).toBe(customerSearchName(c));
      expect(isTimeZone(c.timeZone)).toBe(true);
      expect(c.createdAt).toBeInstanceOf(Date);
    }
    const message = await first.db.message.findFirstOrThrow({ where: { direction: 'outbound' }, orderBy: { createdAt: 'desc' } });
    expect(message.createdAt.getTime()).toBeLessThanOrEqual(REFERENCE_DATE.getTime());
    expect(await values(first, `SELECT COUNT(*) FROM Message WHERE createdAt NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]+00:00'`)).toEqual([0]);
    // The FTS index was filled by the insert trigger.
    const surname = String((await values(first, 'SELECT lastName FROM Customer LIMIT 1'))[0]).toLowerCase();
    expect(Number((await first.sql.execute({ sql: 'SELECT COUNT(*) FROM CustomerSearch WHERE CustomerSearch MATCH ?', args: [`"${surname}"`] })).rows[0]?.[0])).toBeGreaterThan(0);
  });

  it('refuses a database that already holds data', async () => {
    await expect(seedDemo(first.db, OPTIONS)).rejects.toBeInstanceOf(DatabaseNotEmptyError);
  });
});
