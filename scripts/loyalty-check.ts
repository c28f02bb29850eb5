// Checks that every loyalty balance equals the sum of its ledger:
//   npm run loyalty:check -- [--data-dir DIR | --database-url URL]
// Exit code 0 when every account agrees, 1 with the accounts that do not, 2 for bad flags.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { databaseUrlFor, openDatabase } from '../main/server/db/client.ts';
import { checkLoyaltyBalances } from '../main/server/services/commerce/loyalty/check.ts';

const USAGE = `Usage: npm run loyalty:check -- [--data-dir DIR | --database-url URL]
Defaults: the hub's ./data/threadline.db (THREADLINE_DATA_DIR / THREADLINE_DATABASE_URL are read too).`;

const CheckFlags = z
  .object({
    'data-dir': z.string().min(1, 'must not be empty').optional(),
    'database-url': z
      .string()
      .regex(/^(file:|libsql:|https?:)/, 'must start with file:, libsql: or http(s):')
      .optional(),
    help: z.boolean().optional(),
  })
  .refine((flags) => !(flags['data-dir'] && flags['database-url']), { message: 'give either --data-dir or --database-url, not both' });

const fail = (line: string, code: number): never => {
  console.error(`loyalty:check: ${line}`);
  process.exit(code);
};

function readFlags() {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ options: { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    return fail(`${(error as Error).message.split('. ')[0]} (see --help)`, 2);
  }
  // Like the hub: flags win over the environment.
  const fromFlags = values['data-dir'] !== undefined || values['database-url'] !== undefined;
  const env = { 'data-dir': process.env.THREADLINE_DATA_DIR || undefined, 'database-url': process.env.THREADLINE_DATABASE_URL || undefined };
  const parsed = CheckFlags.safeParse(fromFlags ? values : { ...env, ...values });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path[0];
    return fail(`${key === undefined ? '' : `--${String(key)} `}${issue?.message ?? 'is invalid'}`, 2);
  }
  return parsed.data;
}

const flags = readFlags();
if (flags.help) {
  console.log(USAGE);
  process.exit(0);
}
const url = flags['database-url'] ?? databaseUrlFor(flags['data-dir'] ?? './data');
// Opening a missing file would create an empty database and report it consistent.
if (url.startsWith('file:') && !existsSync(url.slice('file:'.length))) fail(`no database at ${url.slice('file:'.length)}`, 2);

const db = await openDatabase(url);
try {
  const result = await checkLoyaltyBalances(db);
  if (result.mismatches.length === 0) {
    console.log(`${result.accounts} loyalty accounts: every balance equals the sum of its ledger.`);
  } else {
    console.error(`${result.mismatches.length} of ${result.accounts} loyalty accounts disagree with their ledger:`);
    for (const m of result.mismatches) console.error(`  ${m.accountId}: balance ${m.balance}, ledger sum ${m.ledgerSum} (${m.balance - m.ledgerSum > 0 ? '+' : ''}${m.balance - m.ledgerSum})`);
    process.exitCode = 1;
  }
} finally {
  await db.$disconnect();
}
