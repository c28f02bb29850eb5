// A durable recurring job: exactly one run is pending at a time, each run queues the next, and a run
// that fails for good still queues the next, so one bad hour never ends the work.
import type { Db } from '../db/client.ts';
import type { Clock } from './clock.ts';
import { enqueue, type JobSpec, type Scheduler } from './scheduler.ts';

export interface Recurring {
  spec: JobSpec<Record<string, never>>;
  /** The dedupe key that keeps one run pending. */
  key: string;
  intervalMs: number;
  run(): Promise<void>;
}

/**
 * Makes sure the next run is pending. A dedupeKey stays unique on finished rows too, so the key is first
 * taken from finished runs (and from `finishing`, the run now ending) or no run would ever be queued again.
 */
async function arm(db: Db, clock: Clock, job: Recurring, runAt: Date, finishing?: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.job.updateMany({
      where: { dedupeKey: job.key, OR: [{ status: { in: ['done', 'failed'] } }, ...(finishing ? [{ id: finishing }] : [])] },
      data: { dedupeKey: null },
    });
    await enqueue(tx, job.spec, {}, clock, { dedupeKey: job.key, runAt });
  });
}

/** Registers the job and queues its first run (now, unless one is already pending). */
export async function startRecurring(scheduler: Scheduler, deps: { db: Db; clock: Clock }, job: Recurring): Promise<void> {
  const { db, clock } = deps;
  const later = () => new Date(clock.now().getTime() + job.intervalMs);
  scheduler.register({
    ...job.spec,
    async run(_payload, claimed) {
      await job.run();
      await arm(db, clock, job, later(), claimed.id);
    },
    onFailed: () => arm(db, clock, job, later()),
  });
  await arm(db, clock, job, clock.now());
}
