// Housekeeping: finished jobs, the inbound API's idempotency records and the desks' event log grow with
// every message and are needed only for a while. A recurring job trims them in small batches (so ingest is never locked out for
// long); exactly one is pending at a time, and each run schedules the next.
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from './clock.ts';
import { startRecurring } from './recurring.ts';
import type { JobSpec, Scheduler } from './scheduler.ts';

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

/** A week answers "was this reply sent, and when?" while a customer's complaint is still fresh. */
export const DONE_JOB_RETENTION_MS = 7 * DAY_MS;
/** A month: a failed job's last error is what someone investigating a lost message needs. */
export const FAILED_JOB_RETENTION_MS = 30 * DAY_MS;
/** Clients retry a lost answer within minutes; a day (as payment APIs keep keys) covers an outage, and a
 * retry after that is treated as a new request (messages are still deduplicated by their external id). */
export const IDEMPOTENCY_RETENTION_MS = DAY_MS;
/** A desk offline over a weekend night still catches up event by event; one away longer reloads instead
 * (events.since answers complete: false), which costs a moment, while every event kept costs disk. */
export const HUB_EVENT_RETENTION_MS = 2 * DAY_MS;
/** Often enough that a run deletes a small slice; rarely enough to cost nothing. */
export const CLEANUP_INTERVAL_MS = HOUR_MS;
const BATCH = 1000;
const CLEANUP_KEY = 'maintenance.cleanup';

export const CleanupJob: JobSpec<Record<string, never>> = { kind: 'maintenance.cleanup', payload: z.object({}).strict(), maxAttempts: 3 };

export interface CleanupCounts {
  doneJobs: number;
  failedJobs: number;
  idempotencyRecords: number;
  hubEvents: number;
}

/** Deletes by key in batches: one huge DELETE would hold SQLite's write lock while webhooks wait. */
async function deleteInBatches<K>(findIds: () => Promise<K[]>, remove: (ids: K[]) => Promise<{ count: number }>): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = await findIds();
    if (ids.length === 0) return total;
    total += (await remove(ids)).count;
    if (ids.length < BATCH) return total;
  }
}

export async function cleanupOldRows(db: Db, now: Date): Promise<CleanupCounts> {
  const before = (ms: number) => new Date(now.getTime() - ms);
  const finishedJobs = (status: 'done' | 'failed', retention: number) => {
    const where = { status, updatedAt: { lt: before(retention) } };
    return deleteInBatches(
      async () => (await db.job.findMany({ where, select: { id: true }, take: BATCH })).map((row) => row.id),
      (ids) => db.job.deleteMany({ where: { ...where, id: { in: ids } } }),
    );
  };
  const idempotencyWhere = { createdAt: { lt: before(IDEMPOTENCY_RETENTION_MS) } };
  // Up to the newest old event, so the log kept is always an unbroken run of numbers: events.since
  // judges what a desk missed from the oldest number kept.
  const lastOldEvent = await db.hubEvent.findFirst({ where: { at: { lt: before(HUB_EVENT_RETENTION_MS) } }, orderBy: { seq: 'desc' }, select: { seq: true } });
  const hubEventWhere = { seq: { lte: lastOldEvent?.seq ?? 0 } };
  return {
    doneJobs: await finishedJobs('done', DONE_JOB_RETENTION_MS),
    failedJobs: await finishedJobs('failed', FAILED_JOB_RETENTION_MS),
    idempotencyRecords: await deleteInBatches(
      async () => (await db.idempotencyRecord.findMany({ where: idempotencyWhere, select: { id: true }, take: BATCH })).map((row) => row.id),
      (ids) => db.idempotencyRecord.deleteMany({ where: { ...idempotencyWhere, id: { in: ids } } }),
    ),
    hubEvents: await deleteInBatches(
      async () => (await db.hubEvent.findMany({ where: hubEventWhere, select: { seq: true }, orderBy: { seq: 'asc' }, take: BATCH })).map((row) => row.seq),
      (seqs) => db.hubEvent.deleteMany({ where: { seq: { in: seqs } } }),
    ),
  };
}

/** Registers the cleanup job and queues its first run (now, unless one is already pending). */
export async function startCleanup(scheduler: Scheduler, deps: { db: Db; clock: Clock; log: Logger }): Promise<void> {
  const { db, clock, log } = deps;
  await startRecurring(scheduler, deps, {
    spec: CleanupJob,
    key: CLEANUP_KEY,
    intervalMs: CLEANUP_INTERVAL_MS,
    async run() {
      const counts = await cleanupOldRows(db, clock.now());
      if (Object.values(counts).some((n) => n > 0)) log.info(counts, 'old jobs, idempotency records and hub events deleted');
    },
  });
}
