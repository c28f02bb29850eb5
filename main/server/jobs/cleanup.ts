// Housekeeping: finished jobs and the inbound API's idempotency records grow with every message and are
// needed only for a while. A recurring job trims them in small batches (so ingest is never locked out for
// long); exactly one is pending at a time, and each run schedules the next.
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from './clock.ts';
import { enqueue, type JobSpec, type Scheduler } from './scheduler.ts';

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

/** A week answers "was this reply sent, and when?" while a customer's complaint is still fresh. */
export const DONE_JOB_RETENTION_MS = 7 * DAY_MS;
/** A month: a failed job's last error is what someone investigating a lost message needs. */
export const FAILED_JOB_RETENTION_MS = 30 * DAY_MS;
/** Clients retry a lost answer within minutes; a day (as payment APIs keep keys) covers an outage, and a
 * retry after that is treated as a new request (messages are still deduplicated by their external id). */
export const IDEMPOTENCY_RETENTION_MS = DAY_MS;
/** Often enough that a run deletes a small slice; rarely enough to cost nothing. */
export const CLEANUP_INTERVAL_MS = HOUR_MS;
const BATCH = 1000;
const CLEANUP_KEY = 'maintenance.cleanup';

export const CleanupJob: JobSpec<Record<string, never>> = { kind: 'maintenance.cleanup', payload: z.object({}).strict(), maxAttempts: 3 };

export interface CleanupCounts {
  doneJobs: number;
  failedJobs: number;
  idempotencyRecords: number;
}

/** Deletes by id in batches: one huge DELETE would hold SQLite's write lock while webhooks wait. */
async function deleteInBatches(findIds: () => Promise<Array<{ id: string }>>, remove: (ids: string[]) => Promise<{ count: number }>): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = (await findIds()).map((row) => row.id);
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
      () => db.job.findMany({ where, select: { id: true }, take: BATCH }),
      (ids) => db.job.deleteMany({ where: { ...where, id: { in: ids } } }),
    );
  };
  const idempotencyWhere = { createdAt: { lt: before(IDEMPOTENCY_RETENTION_MS) } };
  return {
    doneJobs: await finishedJobs('done', DONE_JOB_RETENTION_MS),
    failedJobs: await finishedJobs('failed', FAILED_JOB_RETENTION_MS),
    idempotencyRecords: await deleteInBatches(
      () => db.idempotencyRecord.findMany({ where: idempotencyWhere, select: { id: true }, take: BATCH }),
      (ids) => db.idempotencyRecord.deleteMany({ where: { ...idempotencyWhere, id: { in: ids } } }),
    ),
  };
}

/**
 * Makes sure the next run is pending. A dedupeKey stays unique on finished rows too, so the key is first
 * taken from finished runs (and from `finishing`, the run now ending) or no run would ever be queued again.
 */
async function armCleanup(db: Db, clock: Clock, runAt: Date, finishing?: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.job.updateMany({
      where: { dedupeKey: CLEANUP_KEY, OR: [{ status: { in: ['done', 'failed'] } }, ...(finishing ? [{ id: finishing }] : [])] },
      data: { dedupeKey: null },
    });
    await enqueue(tx, CleanupJob, {}, clock, { dedupeKey: CLEANUP_KEY, runAt });
  });
}

/** Registers the cleanup job and queues its first run (now, unless one is already pending). */
export async function startCleanup(scheduler: Scheduler, deps: { db: Db; clock: Clock; log: Logger }): Promise<void> {
  const { db, clock, log } = deps;
  const later = () => new Date(clock.now().getTime() + CLEANUP_INTERVAL_MS);
  scheduler.register({
    ...CleanupJob,
    async run(_payload, job) {
      const counts = await cleanupOldRows(db, clock.now());
      if (counts.doneJobs + counts.failedJobs + counts.idempotencyRecords > 0) log.info(counts, 'old jobs and idempotency records deleted');
      await armCleanup(db, clock, later(), job.id);
    },
    // A run that keeps failing must not end housekeeping for good.
    onFailed: () => armCleanup(db, clock, later()),
  });
  await armCleanup(db, clock, clock.now());
}
