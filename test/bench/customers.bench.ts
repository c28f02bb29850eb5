// (b) The customer list at 100k customers (BENCH_SCALE scales it): the first page, pages further on by
// cursor, and searches by a Cyrillic surname fragment, a phone as people dictate it, an e-mail and a
// loyalty card — p50/p95 and SQL statements per call, against hand-written raw SQL over @libsql/client:
// a keyset SELECT over Customer (LIMIT 50) and an FTS5 MATCH on CustomerSearch / an identity lookup.
import { createClient, type Client, type InValue } from '@libsql/client';
import { openDatabase, type Db } from '../../main/server/db/client.ts';
import { seedDemo } from '../../main/server/demo/index.ts';
import type { Viewer } from '../../main/server/services/auth/viewer.ts';
import { listCustomers } from '../../main/server/services/customers/customerList.ts';
import { distribution, sample, scaled, tempDatabase, type BenchFigure, type BenchResult } from './harness.ts';

export const name = 'customers';
export const description = 'customer list page and search at 100k customers: p50/p95 and queries per call vs raw keyset / FTS5 SQL';

const PAGE = 50;
const ITERATIONS = 200;
const WARMUP = 5;
const COLUMNS = 'c.id, c.firstName, c.lastName, c.middleName, c.city, c.searchName, c.updatedAt';

interface Case {
  label: string;
  /** One call of the service; `i` is the iteration, for cases that walk pages. */
  service(i: number): Promise<unknown>;
  raw(i: number): Promise<unknown>;
}

/** «8 (912) 345-67-89»: how an agent types a number a caller reads out. */
const dictated = (e164: string) => {
  const d = e164.slice(2);
  return `8 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8, 10)}`;
};

async function pickValue(raw: Client, sql: string, args: InValue[] = []): Promise<string> {
  const row = (await raw.execute({ sql, args })).rows[0];
  if (!row) throw new Error(`No sample data for: ${sql}`);
  return String(row[0]);
}

async function buildCases(db: Db, raw: Client, viewer: Viewer, customers: number): Promise<Case[]> {
  // Search inputs taken from the data, from the middle so they are not the first rows of any index.
  const middle = Math.floor(customers / 2);
  const surname = await pickValue(raw, 'SELECT lastName FROM Customer ORDER BY rowid LIMIT 1 OFFSET ?', [middle]);
  const fragment = surname.slice(0, 5).toLowerCase();
  const identity = (kind: string) => pickValue(raw, 'SELECT normalized FROM ContactIdentity WHERE kind = ? ORDER BY rowid LIMIT 1 OFFSET ?', [kind, Math.floor(middle / 2)]);
  const phone = await identity('phone');
  const email = await identity('email');
  const card = await identity('loyalty_card');

  // Cursors of consecutive pages, collected once so every iteration opens a different, deeper page.
  const cursors: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < ITERATIONS + 10; i++) {
    const page = await listCustomers(db, viewer, { cursor, limit: PAGE });
    if (!page.nextCursor) break;
    cursors.push(page.nextCursor);
    cursor = page.nextCursor;
  }
  const keys = (await raw.execute({ sql: `SELECT searchName, id FROM Customer WHERE mergedIntoId IS NULL ORDER BY searchName, id LIMIT ?`, args: [(cursors.length + 1) * PAGE] })).rows
    .filter((_, index) => index % PAGE === PAGE - 1)
    .map((row) => [String(row.searchName), String(row.id)]);

  const keysetPage = (after: string[] | undefined) =>
    raw.execute({
      sql: `SELECT ${COLUMNS} FROM Customer c WHERE c.mergedIntoId IS NULL ${after ? 'AND (c.searchName, c.id) > (?, ?)' : ''} ORDER BY c.searchName, c.id LIMIT ${PAGE + 1}`,
      args: after ?? [],
    });
  const byIdentity = (kind: string, normalized: string) =>
    raw.execute({
      sql: `SELECT ${COLUMNS} FROM ContactIdentity i JOIN Customer c ON c.id = i.customerId WHERE i.kind = ? AND i.normalized = ? AND c.mergedIntoId IS NULL ORDER BY c.searchName, c.id LIMIT ${PAGE + 1}`,
      args: [kind, normalized],
    });

  return [
    { label: 'first page', service: () => listCustomers(db, viewer, { limit: PAGE }), raw: () => keysetPage(undefined) },
    {
      label: 'next pages by cursor',
      service: (i) => listCustomers(db, viewer, { cursor: cursors[i % cursors.length], limit: PAGE }),
      raw: (i) => keysetPage(keys[i % keys.length]),
    },
    {
      label: `search surname «${fragment}»`,
      service: () => listCustomers(db, viewer, { q: fragment, limit: PAGE }),
      raw: () =>
        raw.execute({
          sql: `SELECT ${COLUMNS} FROM Customer c WHERE c.mergedIntoId IS NULL AND c.rowid IN (SELECT rowid FROM CustomerSearch WHERE CustomerSearch MATCH ?) ORDER BY c.searchName, c.id LIMIT ${PAGE + 1}`,
          args: [`"${fragment}"`],
        }),
    },
    { label: `search phone «${dictated(phone)}»`, service: () => listCustomers(db, viewer, { q: dictated(phone), limit: PAGE }), raw: () => byIdentity('phone', phone) },
    { label: 'search e-mail', service: () => listCustomers(db, viewer, { q: email, limit: PAGE }), raw: () => byIdentity('email', email) },
    { label: 'search loyalty card', service: () => listCustomers(db, viewer, { q: card, limit: PAGE }), raw: () => byIdentity('loyalty_card', card) },
  ];
}

export async function run(): Promise<BenchResult> {
  const customers = scaled(100_000);
  const target = await tempDatabase('customers');
  let statements = 0;
  const seeding = await openDatabase(target.url);
  await seedDemo(seeding, { customers, messages: 0 }).finally(() => seeding.$disconnect());

  const db = await openDatabase(target.url, { onQuery: () => statements++ });
  const raw = createClient({ url: target.url });
  try {
    const agent = await db.user.findUniqueOrThrow({ where: { email: 'agent@demo.local' } });
    const viewer: Viewer = { userId: agent.id, role: 'agent', storeId: agent.storeId, sessionId: 'bench', ip: null };
    const figures: BenchFigure[] = [];
    for (const c of await buildCases(db, raw, viewer, customers)) {
      const rawTimes = distribution(await sample(c.raw, { iterations: ITERATIONS, warmup: WARMUP }));
      const before = statements;
      const serviceTimes = distribution(await sample(c.service, { iterations: ITERATIONS, warmup: WARMUP }));
      figures.push(
        { metric: `${c.label} p50`, value: serviceTimes.p50, unit: 'ms', baseline: rawTimes.p50 },
        { metric: `${c.label} p95`, value: serviceTimes.p95, unit: 'ms', baseline: rawTimes.p95 },
        { metric: `${c.label} SQL statements/call`, value: (statements - before) / (ITERATIONS + WARMUP), unit: 'queries', baseline: 1 },
      );
    }
    return {
      figures,
      notes: [
        `${customers.toLocaleString('en-US')} customers, pages of ${PAGE}, ${ITERATIONS} measured calls per case after ${WARMUP} warm-up calls`,
        'service: listCustomers(db, agent viewer, { q, cursor, limit }) through Prisma; raw: the same page as bare SQL over @libsql/client',
      ],
    };
  } finally {
    raw.close();
    await db.$disconnect();
    target.remove();
  }
}
