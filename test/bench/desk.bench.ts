// The agent's desk at benchmark scale (1M messages, 100k customers, one customer with 100k events, as
// `npm run seed -- --customers 100000 --messages 1000000 --heavy-customer-events 100000` makes):
// - a timeline page of 50 events for the heavy customer, newest and deeper pages, and the SQL statements
//   per page at 50 and at 200 events (constant: one per source, whatever the page size);
// - an inbox page of 50 conversations with customer, assignee, tags and last message, and its statements;
// - message search (FTS5 trigram) for a common and a rare word.
// Each beside hand-written raw SQL over @libsql/client for the same answer, measured in the same run.
// BENCH_DB=<path to a seeded threadline.db> reuses a database (seeding 1M messages takes minutes).
import { createClient, type Client } from '@libsql/client';
import { existsSync } from 'node:fs';
import { openDatabase, type Db } from '../../main/server/db/client.ts';
import { seedDemo } from '../../main/server/demo/index.ts';
import type { Viewer } from '../../main/server/services/auth/viewer.ts';
import { listInbox } from '../../main/server/services/desk/inbox.ts';
import { searchAll } from '../../main/server/services/desk/search.ts';
import { timelinePage } from '../../main/server/services/desk/timeline/timeline.ts';
import { distribution, sample, scaled, tempDatabase, type BenchFigure, type BenchResult } from './harness.ts';

export const name = 'desk';
export const description = 'timeline page (100k-event customer), inbox page and message search at 1M messages: p50/p95 and queries per call vs raw SQL';

const ITERATIONS = 100;
const WARMUP = 5;

interface Case {
  label: string;
  service(i: number): Promise<unknown>;
  raw(i: number): Promise<unknown>;
  /** Statements per call are printed for cases where "no N+1" is the claim. */
  countStatements?: boolean;
}

async function database(): Promise<{ url: string; remove(): void; seeded: string }> {
  const reuse = process.env.BENCH_DB;
  if (reuse) {
    if (!existsSync(reuse)) throw new Error(`BENCH_DB=${reuse} does not exist`);
    return { url: `file:${reuse}`, remove: () => undefined, seeded: `reused ${reuse}` };
  }
  const target = await tempDatabase('desk');
  const options = { customers: scaled(100_000), messages: scaled(1_000_000), heavyCustomerEvents: scaled(100_000) };
  const seeding = await openDatabase(target.url);
  await seedDemo(seeding, options).finally(() => seeding.$disconnect());
  return { ...target, seeded: `seeded ${options.messages.toLocaleString('en-US')} messages, ${options.customers.toLocaleString('en-US')} customers` };
}

async function one(raw: Client, sql: string): Promise<string> {
  const row = (await raw.execute(sql)).rows[0];
  if (!row) throw new Error(`No sample data for: ${sql}`);
  return String(row[0]);
}

/** The raw timeline page: the newest `limit` of each kind by its own index, merged and cut. */
const rawTimeline = (raw: Client, customerId: string, accountId: string | null, limit: number, before: string | null) =>
  raw.execute({
    sql: `SELECT * FROM (
            SELECT * FROM (SELECT 'message' AS kind, id, createdAt AS at, body FROM Message WHERE customerId = ?1 AND (?2 IS NULL OR createdAt < ?2) ORDER BY createdAt DESC, id DESC LIMIT ?3)
            UNION ALL SELECT * FROM (SELECT 'note', id, createdAt, body FROM Note WHERE customerId = ?1 AND (?2 IS NULL OR createdAt < ?2) ORDER BY createdAt DESC, id DESC LIMIT ?3)
            UNION ALL SELECT * FROM (SELECT 'order', id, placedAt, number FROM "Order" WHERE customerId = ?1 AND (?2 IS NULL OR placedAt < ?2) ORDER BY placedAt DESC, id DESC LIMIT ?3)
            UNION ALL SELECT * FROM (SELECT 'loyalty', id, createdAt, kind FROM LoyaltyLedgerEntry WHERE accountId = ?4 AND (?2 IS NULL OR createdAt < ?2) ORDER BY createdAt DESC, id DESC LIMIT ?3))
          ORDER BY at DESC, kind, id DESC LIMIT ?3`,
    args: [customerId, before, limit, accountId],
  });

/** The raw inbox page: conversations with customer, assignee, tag list and last message in one statement. */
const rawInbox = (raw: Client, limit: number, after: [string, string] | null) =>
  raw.execute({
    sql: `SELECT c.id, cu.firstName, cu.lastName, u.displayName, (SELECT group_concat(tag) FROM ConversationTag t WHERE t.conversationId = c.id) AS tags,
                 (SELECT body FROM Message m WHERE m.conversationId = c.id ORDER BY m.createdAt DESC, m.id DESC LIMIT 1) AS last
            FROM Conversation c JOIN Customer cu ON cu.id = c.customerId LEFT JOIN User u ON u.id = c.assigneeId
           WHERE c.status = 'open' ${after ? 'AND (c.lastActivityAt, c.id) < (?, ?)' : ''}
           ORDER BY c.lastActivityAt DESC, c.id DESC LIMIT ${limit + 1}`,
    args: after ?? [],
  });

export async function run(): Promise<BenchResult> {
  const target = await database();
  let statements = 0;
  const db: Db = await openDatabase(target.url, { onQuery: () => statements++ });
  const raw = createClient({ url: target.url });
  try {
    const agent = await db.user.findUniqueOrThrow({ where: { email: 'agent@demo.local' } });
    const viewer: Viewer = { userId: agent.id, role: 'agent', storeId: null, sessionId: 'bench', ip: null };
    const messages = Number(await one(raw, 'SELECT count(*) FROM Message'));
    const heavy = await one(raw, 'SELECT customerId FROM Message GROUP BY customerId ORDER BY count(*) DESC LIMIT 1');
    const heavyEvents = Number(await one(raw, `SELECT count(*) FROM Message WHERE customerId = '${heavy}'`));
    const account = (await raw.execute({ sql: 'SELECT id FROM LoyaltyAccount WHERE customerId = ?', args: [heavy] })).rows[0]?.id;
    const accountId = account === undefined ? null : String(account);

    // Cursors deeper into the heavy timeline, collected once: each iteration opens a different page.
    const cursors: Array<{ at: string; id: string }> = [];
    let page = await timelinePage(db, viewer, { customerId: heavy, limit: 50 });
    for (let i = 0; i < 40 && page.hasOlder; i++) {
      const oldest = page.events[0]!;
      cursors.push({ at: oldest.at, id: oldest.id });
      page = await timelinePage(db, viewer, { customerId: heavy, limit: 50, before: { at: oldest.at, id: oldest.id } });
    }
    const inboxCursors: Array<string | null> = [null];
    for (let i = 0; i < 20; i++) {
      const next = (await listInbox(db, viewer, { view: 'all', status: 'open', sort: 'last_activity', limit: 50, cursor: inboxCursors.at(-1) }, new Date())).nextCursor;
      if (!next) break;
      inboxCursors.push(next);
    }
    const inboxKeys = await Promise.all(
      inboxCursors.map(async (c) => (c ? (JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as [string, string]) : null)),
    );
    const rareWord = 'возврат';
    const commonWord = 'заказ';

    const cases: Case[] = [
      { label: 'timeline newest page (50 of heavy customer)', service: () => timelinePage(db, viewer, { customerId: heavy, limit: 50 }), raw: () => rawTimeline(raw, heavy, accountId, 50, null), countStatements: true },
      {
        label: 'timeline older pages by cursor (50)',
        service: (i) => timelinePage(db, viewer, { customerId: heavy, limit: 50, before: cursors[i % cursors.length]! }),
        raw: (i) => rawTimeline(raw, heavy, accountId, 50, cursors[i % cursors.length]!.at.replace('Z', '+00:00')),
        countStatements: true,
      },
      {
        label: 'timeline older pages by cursor (200)',
        service: (i) => timelinePage(db, viewer, { customerId: heavy, limit: 200, before: cursors[i % cursors.length]! }),
        raw: (i) => rawTimeline(raw, heavy, accountId, 200, cursors[i % cursors.length]!.at.replace('Z', '+00:00')),
        countStatements: true,
      },
      {
        label: 'inbox page (50, all open, by last activity)',
        service: (i) => listInbox(db, viewer, { view: 'all', status: 'open', sort: 'last_activity', limit: 50, cursor: inboxCursors[i % inboxCursors.length] }, new Date()),
        raw: (i) => rawInbox(raw, 50, inboxKeys[i % inboxKeys.length] ?? null),
        countStatements: true,
      },
      {
        label: 'inbox page (200)',
        service: (i) => listInbox(db, viewer, { view: 'all', status: 'open', sort: 'last_activity', limit: 200, cursor: inboxCursors[i % inboxCursors.length] }, new Date()),
        raw: (i) => rawInbox(raw, 200, inboxKeys[i % inboxKeys.length] ?? null),
        countStatements: true,
      },
      {
        label: `message search, common word «${commonWord}»`,
        service: () => searchAll(db, viewer, { q: commonWord, limit: 10 }),
        raw: () => raw.execute({ sql: `SELECT m.id, m.body FROM MessageSearch s JOIN Message m ON m.rowid = s.rowid WHERE MessageSearch MATCH ? ORDER BY s.rowid DESC LIMIT 10`, args: [`"${commonWord}"`] }),
      },
      {
        label: `message search, rarer word «${rareWord}»`,
        service: () => searchAll(db, viewer, { q: rareWord, limit: 10 }),
        raw: () => raw.execute({ sql: `SELECT m.id, m.body FROM MessageSearch s JOIN Message m ON m.rowid = s.rowid WHERE MessageSearch MATCH ? ORDER BY s.rowid DESC LIMIT 10`, args: [`"${rareWord}"`] }),
      },
    ];

    const figures: BenchFigure[] = [];
    for (const c of cases) {
      const rawTimes = distribution(await sample(c.raw, { iterations: ITERATIONS, warmup: WARMUP }));
      const before = statements;
      const serviceTimes = distribution(await sample(c.service, { iterations: ITERATIONS, warmup: WARMUP }));
      figures.push(
        { metric: `${c.label} p50`, value: serviceTimes.p50, unit: 'ms', baseline: rawTimes.p50 },
        { metric: `${c.label} p95`, value: serviceTimes.p95, unit: 'ms', baseline: rawTimes.p95 },
      );
      if (c.countStatements) figures.push({ metric: `${c.label} SQL statements/call`, value: (statements - before) / (ITERATIONS + WARMUP), unit: 'queries', baseline: 1 });
    }
    return {
      figures,
      notes: [
        `${target.seeded}: ${messages.toLocaleString('en-US')} messages; heavy customer ${heavyEvents.toLocaleString('en-US')} messages plus orders and loyalty entries`,
        `${ITERATIONS} measured calls per case after ${WARMUP} warm-up calls; service through Prisma as the hub runs it, raw as one hand-written statement over @libsql/client`,
        'timeline statements include the opening audit entry only for the first page (no cursor); search statements include its audit entry',
        'goals: timeline p95 < 50 ms, inbox p95 < 20 ms, message search p95 < 50 ms, statements independent of page size',
      ],
    };
  } finally {
    raw.close();
    await db.$disconnect();
    target.remove();
  }
}
