// Fills an empty database with the demo retailer, at demo or benchmark scale:
//   npm run seed -- --customers 100000 --messages 1000000 --data-dir /tmp/bench-seed
// Migrates the database first; refuses one that already holds data.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { databaseUrlFor, openDatabase } from '../main/server/db/client.ts';
import { migrate, readMigrations } from '../main/server/db/migrator.ts';
import { DatabaseNotEmptyError, DEMO_PASSWORD, seedDemo, type SeedDemoOptions } from '../main/server/demo/index.ts';
import { SeedDemoSettings } from '../main/server/demo/seedDemo.ts';

const USAGE = `Usage: npm run seed -- [--customers N] [--messages M] [--data-dir DIR | --database-url URL]
                       [--seed S] [--heavy-customer-events H] [--reference-date ISO-DATE]
Defaults: the demo scale (2,000 customers, 6,000 messages) into ./data/threadline.db.`;

const wholeNumber = z
  .string()
  .regex(/^\d[\d_]*$/, 'must be a whole number')
  .transform((value) => Number(value.replaceAll('_', '')));

/** The flags as typed; names as on the command line, so an error can name the flag. */
const SeedFlags = z
  .object({
    customers: wholeNumber.optional(),
    messages: wholeNumber.optional(),
    seed: wholeNumber.optional(),
    'heavy-customer-events': wholeNumber.optional(),
    'data-dir': z.string().min(1, 'must not be empty').optional(),
    'database-url': z
      .string()
      .regex(/^(file:|libsql:|https?:)/, 'must start with file:, libsql: or http(s):')
      .optional(),
    'reference-date': z.union([z.iso.datetime({ offset: true }), z.iso.date()], 'must be an ISO date, e.g. 2026-11-23').optional(),
    help: z.boolean().optional(),
  })
  .refine((flags) => !(flags['data-dir'] && flags['database-url']), { message: 'give either --data-dir or --database-url, not both' });

const fail = (line: string, code: number): never => {
  console.error(`seed: ${line}`);
  process.exit(code);
};

/** «--heavy-customer-events must be …» from a zod issue on a flag or on a seedDemo option. */
const describeIssue = (issue: z.core.$ZodIssue | undefined) => {
  const key = issue?.path[0];
  const flag = key === undefined ? '' : `--${String(key).replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`)} `;
  return `${flag}${issue?.message ?? 'is invalid'}`;
};

function readFlags() {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      options: {
        customers: { type: 'string' },
        messages: { type: 'string' },
        seed: { type: 'string' },
        'heavy-customer-events': { type: 'string' },
        'data-dir': { type: 'string' },
        'database-url': { type: 'string' },
        'reference-date': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // Node's message names the flag («Unknown option '--custmers'»); keep its first sentence.
    return fail(`${(error as Error).message.split('. ')[0]} (see --help)`, 2);
  }
  const parsed = SeedFlags.safeParse(values);
  if (!parsed.success) {
    return fail(describeIssue(parsed.error.issues[0]), 2);
  }
  return parsed.data;
}

const flags = readFlags();
if (flags.help) {
  console.log(USAGE);
  process.exit(0);
}

const options: SeedDemoOptions = {
  customers: flags.customers,
  messages: flags.messages,
  seed: flags.seed,
  heavyCustomerEvents: flags['heavy-customer-events'],
  referenceDate: flags['reference-date'] ? new Date(flags['reference-date']) : undefined,
};
// Ranges (and heavy ≤ messages) are the generator's own rules: check them before touching any file.
const settings = SeedDemoSettings.safeParse(options);
if (!settings.success) {
  fail(describeIssue(settings.error.issues[0]), 2);
}

const dataDir = flags['data-dir'] ?? './data';
const url = flags['database-url'] ?? databaseUrlFor(dataDir);
if (!flags['database-url']) mkdirSync(dataDir, { recursive: true });

const fmt = (n: number) => n.toLocaleString('en-US');
const started = performance.now();
const seconds = () => (performance.now() - started) / 1000;

try {
  const migrated = await migrate(url, readMigrations(fileURLToPath(new URL('../prisma/migrations', import.meta.url))));
  if (migrated.applied.length > 0) console.log(`Migrated ${url} (${migrated.applied.length} migrations)`);
  const db = await openDatabase(url);
  try {
    let lastReport = 0;
    const summary = await seedDemo(db, {
      ...options,
      onProgress(done, total, phase) {
        // A line every ~5% (and at the end) keeps logs short at any scale.
        if (done < total && done - lastReport < total / 20) return;
        lastReport = done;
        console.log(`  ${phase} ${fmt(done)} / ${fmt(total)} (${Math.round((done / total) * 100)}%) · ${seconds().toFixed(1)} s`);
      },
    });
    const elapsed = seconds();
    const rows = Object.entries(summary)
      .filter(([key]) => !['seed', 'referenceDate', 'elapsedMs', 'likelyDuplicates'].includes(key))
      .reduce((sum, [, value]) => sum + Number(value), 0);
    console.log(
      `Seeded ${fmt(summary.customers)} customers (${fmt(summary.likelyDuplicates)} likely duplicates), ${fmt(summary.identities)} identities, ` +
        `${fmt(summary.orders)} orders, ${fmt(summary.loyaltyLedgerEntries)} ledger entries, ${fmt(summary.conversations)} conversations, ` +
        `${fmt(summary.messages)} messages (${fmt(rows)} rows) in ${elapsed.toFixed(1)} s — ${fmt(Math.round(summary.messages / elapsed))} messages/s, ` +
        `${fmt(Math.round(rows / elapsed))} rows/s · seed ${summary.seed} · ${url} · sign in as agent@demo.local / ${DEMO_PASSWORD}`,
    );
  } finally {
    await db.$disconnect();
  }
} catch (error) {
  if (error instanceof DatabaseNotEmptyError) fail(`${error.message} Choose another --data-dir or remove ${url.replace(/^file:/, '')}.`, 1);
  throw error;
}
