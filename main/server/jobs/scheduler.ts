// The one durable job scheduler. Jobs are rows: enqueued in the same transaction as the change that
// needs them, claimed with a lease so a hub that dies mid-run leaves them to be picked up again, retried
// with exponential backoff, and marked failed (with the last error) after their last attempt.
import type { z } from 'zod';
import type { Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { RetryLaterError } from '../channels/contract.ts';
import type { Clock } from './clock.ts';
import { sqlInstant } from '../db/sqlValues.ts';

type Tx = Pick<Db, 'job'>;

/** What is needed to enqueue a job: its name and the schema its payload must pass. */
export interface JobSpec<P> {
  kind: string;
  payload: z.ZodType<P>;
  maxAttempts?: number;
}

export interface JobKind<P> extends JobSpec<P> {
  run(payload: P, job: { id: string; attempt: number }): Promise<void>;
  /** Called once when the last attempt failed, to record the failure where people see it. */
  onFailed?(payload: P, error: Error): Promise<void>;
}

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one live job per key: a second enqueue with the key is a no-op. */
  dedupeKey?: string;
  maxAttempts?: number;
}

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_MAX_MS = 15 * 60_000;
const LEASE_MS = 60_000;

/** 1 s, 2 s, 4 s … capped at 15 min, with ±20 % jitter so retries of many jobs spread out. */
export function backoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export async function enqueue<P>(db: Tx, kind: JobSpec<P>, payload: P, clock: Clock, options: EnqueueOptions = {}): Promise<void> {
  const data = {
    kind: kind.kind,
    payload: JSON.stringify(kind.payload.parse(payload)),
    runAt: options.runAt ?? clock.now(),
    maxAttempts: options.maxAttempts ?? kind.maxAttempts ?? 8,
    dedupeKey: options.dedupeKey ?? null,
  };
  if (options.dedupeKey) {
    await db.job.upsert({ where: { dedupeKey: options.dedupeKey }, create: data, update: {} });
  } else {
    await db.job.create({ data });
  }
}

interface ClaimedJob {
  id: string;
  kind: string;
  payload: string;
  attempts: number | bigint;
  maxAttempts: number | bigint;
}

export interface Scheduler {
  register<P>(kind: JobKind<P>): void;
  /** Runs every due job once (tests drive the scheduler with this and a controllable clock). */
  runDue(): Promise<number>;
  /** Ask for a run soon, e.g. right after enqueueing. */
  wake(): void;
  start(): void;
  stop(): Promise<void>;
}

export function createScheduler(db: Db, log: Logger, clock: Clock, options: { pollMs?: number; batch?: number } = {}): Scheduler {
  const kinds = new Map<string, JobKind<unknown>>();
  const pollMs = options.pollMs ?? 500;
  const batch = options.batch ?? 20;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopped = true;
  let wakeRequested = false;

  async function claim(): Promise<ClaimedJob[]> {
    const now = clock.now();
    return db.$queryRawUnsafe<ClaimedJob[]>(
      `UPDATE Job SET status = 'running', attempts = attempts + 1, lockedUntil = ?, updatedAt = ?
        WHERE id IN (SELECT id FROM Job
                      WHERE runAt <= ? AND (status = 'pending' OR (status = 'running' AND lockedUntil < ?))
                      ORDER BY runAt LIMIT ?)
        RETURNING id, kind, payload, attempts, maxAttempts`,
      sqlInstant(new Date(now.getTime() + LEASE_MS)),
      sqlInstant(now),
      sqlInstant(now),
      sqlInstant(now),
      batch,
    );
  }

  async function execute(job: ClaimedJob): Promise<void> {
    const kind = kinds.get(job.kind);
    const attempt = Number(job.attempts);
    const finish = (data: { status: string; runAt?: Date; lastError?: string | null; attempts?: number }) =>
      db.job.update({ where: { id: job.id }, data: { ...data, lockedUntil: null } });
    if (!kind) {
      log.error({ jobId: job.id, kind: job.kind }, 'no handler for job kind');
      await finish({ status: 'failed', lastError: `no handler for ${job.kind}` });
      return;
    }
    let payload: unknown;
    try {
      payload = kind.payload.parse(JSON.parse(job.payload));
      await kind.run(payload, { id: job.id, attempt });
      await finish({ status: 'done', lastError: null });
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      if (err instanceof RetryLaterError) {
        // The provider asked us to wait: not the job's fault, so the attempt is given back.
        await finish({ status: 'pending', runAt: new Date(clock.now().getTime() + err.retryAfterMs), lastError: err.message, attempts: attempt - 1 });
      } else if (attempt < Number(job.maxAttempts) && payload !== undefined) {
        await finish({ status: 'pending', runAt: new Date(clock.now().getTime() + backoffMs(attempt)), lastError: err.message });
      } else {
        log.warn({ jobId: job.id, kind: job.kind, err }, 'job failed for good');
        await finish({ status: 'failed', lastError: err.message });
        if (payload !== undefined) await kind.onFailed?.(payload, err).catch((e: unknown) => log.error({ err: e }, 'onFailed threw'));
      }
    }
  }

  async function runDueOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const jobs = await claim();
      for (const job of jobs) await execute(job);
      total += jobs.length;
      if (jobs.length < batch) return total;
    }
  }

  function schedule(delay: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, delay);
  }

  async function tick() {
    timer = null;
    if (running) {
      wakeRequested = true;
      return;
    }
    wakeRequested = false;
    running = runDueOnce().catch((err: unknown) => {
      log.error({ err }, 'job scheduler run failed');
      return 0;
    });
    await running;
    running = null;
    schedule(wakeRequested ? 0 : pollMs);
  }

  return {
    register(kind) {
      kinds.set(kind.kind, kind as JobKind<unknown>);
    },
    runDue() {
      return runDueOnce();
    },
    wake() {
      schedule(0);
    },
    start() {
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
