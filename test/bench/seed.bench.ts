// (a) The demo generator at benchmark scale (1M messages, 100k customers; BENCH_SCALE shrinks both),
// against the floor: raw @libsql/client batched inserts of as many message rows of the same width into
// the same schema (indexes and foreign keys included), on another temp database in the same run.
import { createClient, type InStatement } from '@libsql/client';
import { openDatabase } from '../../main/server/db/client.ts';
import { seedDemo, type DemoSummary } from '../../main/server/demo/index.ts';
import { scaled, tempDatabase, timed, type BenchResult } from './harness.ts';

export const name = 'seed';
export const description = 'demo generator at 1M messages: messages/s and rows/s vs raw libsql batched inserts';

const MESSAGE_COLUMNS = ['id', 'conversationId', 'customerId', 'channel', 'direction', 'body', 'authorId', 'providerMessageId', 'status', 'sentAt', 'deliveredAt', 'readAt', 'createdAt'];
const ROWS_PER_STATEMENT = 500;
const STATEMENTS_PER_BATCH = 20;
const MESSAGES_PER_CONVERSATION = 5;

const instant = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
const padded = (n: number) => n.toString(36).padStart(8, '0');

/** Inserts `count` message rows shaped like the generator's, the plain way: bound parameters, batched. */
async function rawMessageInserts(url: string, count: number): Promise<number> {
  const client = createClient({ url });
  try {
    // Parents exist before the clock starts, so the timed part is the message rows alone.
    await client.execute(`INSERT INTO Customer (id, firstName, lastName, searchName, updatedAt) VALUES ('raw-customer', 'Анна', 'Иванова', 'иванова анна', '${instant(0)}')`);
    const conversations = Math.ceil(count / MESSAGES_PER_CONVERSATION);
    for (let start = 0; start < conversations; start += 10_000) {
      const statements: InStatement[] = [];
      for (let i = start; i < Math.min(conversations, start + 10_000); i++) {
        statements.push({ sql: `INSERT INTO Conversation (id, customerId, channel, updatedAt) VALUES (?, 'raw-customer', 'telegram', ?)`, args: [`conv-${padded(i)}`, instant(0)] });
      }
      await client.batch(statements, 'write');
    }

    const tuple = `(${MESSAGE_COLUMNS.map(() => '?').join(',')})`;
    const sqlFor = (rows: number) => `INSERT INTO Message (${MESSAGE_COLUMNS.map((c) => `"${c}"`).join(',')}) VALUES ${Array(rows).fill(tuple).join(',')}`;
    const body = 'Здравствуйте! Подскажите, когда привезут заказ № 251104-000493? Курьер так и не позвонил, а доставку обещали до пятницы.';
    const { ms } = await timed(async () => {
      for (let batchStart = 0; batchStart < count; batchStart += ROWS_PER_STATEMENT * STATEMENTS_PER_BATCH) {
        const statements: InStatement[] = [];
        for (let start = batchStart; start < Math.min(count, batchStart + ROWS_PER_STATEMENT * STATEMENTS_PER_BATCH); start += ROWS_PER_STATEMENT) {
          const rows = Math.min(ROWS_PER_STATEMENT, count - start);
          const args: (string | null)[] = [];
          for (let i = start; i < start + rows; i++) {
            const at = instant(1_700_000_000_000 + i * 60_000);
            args.push(`msg-${padded(i)}`, `conv-${padded(Math.floor(i / MESSAGES_PER_CONVERSATION))}`, 'raw-customer', 'telegram', i % 2 ? 'outbound' : 'inbound', body, null, `raw-${padded(i)}`, i % 2 ? 'read' : 'received', at, at, at, at);
          }
          statements.push({ sql: sqlFor(rows), args });
        }
        await client.batch(statements, 'write');
      }
    });
    return ms;
  } finally {
    client.close();
  }
}

const rowsIn = (s: DemoSummary) =>
  s.users + s.teams + s.stores + s.products + s.stockLevels + s.customers + s.identities + s.loyaltyAccounts + s.loyaltyLedgerEntries + s.orders + s.orderItems + s.conversations + s.conversationTags + s.messages;

export async function run(): Promise<BenchResult> {
  const messages = scaled(1_000_000);
  const customers = scaled(100_000);

  const seeded = await tempDatabase('seed');
  const raw = await tempDatabase('raw');
  try {
    const db = await openDatabase(seeded.url);
    const { ms: seedMs, value: summary } = await timed(() => seedDemo(db, { customers, messages })).finally(() => db.$disconnect());
    const rawMs = await rawMessageInserts(raw.url, messages);

    const rawRowsPerSecond = messages / (rawMs / 1000);
    return {
      figures: [
        { metric: 'seed: total time', value: seedMs / 1000, unit: 's', baseline: rawMs / 1000 },
        { metric: 'seed: messages/s (whole seed)', value: summary.messages / (seedMs / 1000), unit: 'msg/s', baseline: rawRowsPerSecond },
        { metric: 'seed: rows/s, all tables', value: rowsIn(summary) / (seedMs / 1000), unit: 'rows/s', baseline: rawRowsPerSecond },
      ],
      notes: [
        `${customers.toLocaleString('en-US')} customers, ${summary.messages.toLocaleString('en-US')} messages, ${rowsIn(summary).toLocaleString('en-US')} rows in all`,
        `raw: ${messages.toLocaleString('en-US')} message rows alone, ${ROWS_PER_STATEMENT}-row INSERTs with bound parameters, ${STATEMENTS_PER_BATCH} per client.batch`,
      ],
    };
  } finally {
    seeded.remove();
    raw.remove();
  }
}
