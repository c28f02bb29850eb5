// Points expire by a durable recurring job: each run finds the accounts with accrual lots that expired
// since the account's mark, writes what the ledger replay says is due, and moves the mark — one short
// transaction per account, so spending and accruals elsewhere never wait long. Exactly one run is pending
// at a time and each run schedules the next (jobs/recurring.ts); a hub that was down catches up on its first run.
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { sqlInstant } from '../../../db/sqlValues.ts';
import type { Clock } from '../../../jobs/clock.ts';
import { startRecurring } from '../../../jobs/recurring.ts';
import type { JobSpec, Scheduler } from '../../../jobs/scheduler.ts';
import type { Logger } from '../../../logger.ts';
import type { Realtime } from '../../../realtime/broadcast.ts';
import { appendEvents } from '../../../realtime/eventLog.ts';
import type { SequencedEvent } from '../../../../../common/realtime/events.ts';
import { ledgerTimelineEvents, writeDueExpiries } from './ledger.ts';

/** Entries are dated at each lot's own expiry and spending writes off expired lots first, so the hour only delays when a shown balance drops. */
export const LOYALTY_EXPIRY_INTERVAL_MS = 60 * 60_000;
const BATCH = 200;
const EXPIRY_KEY = 'loyalty.expiry';

export const LoyaltyExpiryJob: JobSpec<Record<string, never>> = { kind: 'loyalty.expiry', payload: z.object({}).strict(), maxAttempts: 3 };

export interface ExpiryRun {
  accounts: number;
  entries: number;
  points: number;
  /** The timeline events stored with the entries, for the caller to push. */
  events: SequencedEvent[];
  /** Whose balances moved, so desks showing them refresh. */
  customerIds: string[];
}

/** How far every account has been swept: lots that expired before it have their entries already. */
const WATERMARK_KEY = 'loyalty.expiry.sweptThrough';

/**
 * Where this run starts looking: the last run's end; on the first run, the earliest account mark (the demo
 * and imports set marks as they write history), or the beginning when some account was never swept.
 */
async function sweepFrom(db: Db): Promise<string> {
  const stored = await db.setting.findUnique({ where: { key: WATERMARK_KEY } });
  if (stored) return stored.value;
  const [marks] = await db.$queryRawUnsafe<{ unswept: number | bigint; earliest: string | null }[]>(
    `SELECT COUNT(*) - COUNT(expiredThrough) AS unswept, MIN(expiredThrough) AS earliest FROM LoyaltyAccount`,
  );
  return Number(marks?.unswept ?? 0) > 0 || !marks?.earliest ? '' : marks.earliest;
}

/**
 * Writes every expiry due at `now`. Candidates come from the accrual lots that expired since the last run,
 * read by the expiresAt index, so an hourly run touches the few accounts with something due, not every
 * account; the account's own mark then keeps a second visit from writing anything twice.
 */
export async function expireDuePoints(db: Db, now: Date): Promise<ExpiryRun> {
  const run: ExpiryRun = { accounts: 0, entries: 0, points: 0, events: [], customerIds: [] };
  const from = await sweepFrom(db);
  const until = sqlInstant(now);
  // Keyset over account ids, in batches, each account in its own short transaction.
  let after = '';
  for (;;) {
    const accounts = await db.$queryRawUnsafe<{ id: string; customerId: string }[]>(
      `SELECT DISTINCT a.id, a.customerId FROM LoyaltyLedgerEntry e JOIN LoyaltyAccount a ON a.id = e.accountId
        WHERE e.expiresAt > ? AND e.expiresAt <= ? AND e.kind = 'accrual' AND a.id > ?
          AND (a.expiredThrough IS NULL OR e.expiresAt > a.expiredThrough)
        ORDER BY a.id LIMIT ?`,
      from,
      until,
      after,
      BATCH,
    );
    for (const account of accounts) {
      // A local libsql call never yields on its own: without a turn of the event loop per account, a first
      // sweep over a big ledger (every account unswept) would hold webhooks and desks until it ends.
      await nextMacrotask();
      const events = await db.$transaction(async (tx) => {
        const written = await writeDueExpiries(tx, account.id, now);
        run.entries += written.length;
        run.points -= written.reduce((sum, entry) => sum + entry.points, 0);
        return written.length > 0 ? appendEvents(tx, 'inbox', ledgerTimelineEvents(account.customerId, written), now) : [];
      });
      run.accounts += 1;
      run.events.push(...events);
      if (events.length > 0) run.customerIds.push(account.customerId);
    }
    if (accounts.length < BATCH) break;
    after = accounts.at(-1)!.id;
  }
  await db.setting.upsert({ where: { key: WATERMARK_KEY }, create: { key: WATERMARK_KEY, value: until }, update: { value: until } });
  return run;
}

/** Registers the expiry job and queues its first run (now, unless one is already pending). */
export async function startLoyaltyExpiry(scheduler: Scheduler, deps: { db: Db; clock: Clock; log: Logger; realtime: Realtime }): Promise<void> {
  const { db, clock, log, realtime } = deps;
  await startRecurring(scheduler, deps, {
    spec: LoyaltyExpiryJob,
    key: EXPIRY_KEY,
    intervalMs: LOYALTY_EXPIRY_INTERVAL_MS,
    async run() {
      const now = clock.now();
      const result = await expireDuePoints(db, now);
      realtime.deskEvents(result.events);
      for (const id of result.customerIds) realtime.customerChanged({ id, updatedAt: now.toISOString(), byUserId: null });
      if (result.entries > 0) log.info({ accounts: result.accounts, entries: result.entries, points: result.points }, 'loyalty points expired');
    },
  });
}
