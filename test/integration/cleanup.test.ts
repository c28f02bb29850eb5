// The recurring cleanup job: old finished jobs, idempotency records and hub events go, recent ones and
// live jobs stay, one run is pending at a time, and each run queues the next an hour on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEANUP_INTERVAL_MS, CleanupJob, HUB_EVENT_RETENTION_MS, cleanupOldRows, startCleanup } from '../../main/server/jobs/cleanup.ts';
import { createScheduler, type Scheduler } from '../../main/server/jobs/scheduler.ts';
import type { Db } from '../../main/server/db/client.ts';
import { createLogger } from '../../main/server/logger.ts';
import { manualClock, tempDb } from './fixtures/db.ts';

const DAY = 24 * 60 * 60_000;
const clock = manualClock();
let db: Db;
let cleanup: () => Promise<void>;
let scheduler: Scheduler;

const ago = (ms: number) => new Date(clock.now().getTime() - ms);
const pendingCleanups = () => db.job.findMany({ where: { kind: CleanupJob.kind, status: 'pending' } });

beforeAll(async () => {
  ({ db, cleanup } = await tempDb());
  scheduler = createScheduler(db, createLogger('silent'), clock);
});
afterAll(() => cleanup());

async function job(label: string, status: string, lastChangedAgo: number) {
  const at = ago(lastChangedAgo);
  // A pending one waits for tomorrow (a snooze), so the scheduler leaves it alone too.
  const runAt = status === 'pending' ? ago(-DAY) : at;
  await db.job.create({ data: { kind: 'test.kind', payload: JSON.stringify({ label }), status, runAt, createdAt: at, updatedAt: at, dedupeKey: `test:${label}` } });
}

describe('cleanup job', () => {
  it('deletes old done and failed jobs and day-old idempotency records, keeping the rest', async () => {
    await job('done-old', 'done', 8 * DAY);
    await job('done-recent', 'done', 6 * DAY);
    await job('failed-old', 'failed', 31 * DAY);
    await job('failed-recent', 'failed', 20 * DAY);
    // Not finished: never touched, however old.
    await job('pending-old', 'pending', 60 * DAY);
    const admin = await db.user.create({ data: { email: 'admin@test.local', displayName: 'Admin', role: 'admin', passwordHash: 'x' } });
    const apiKey = await db.apiKey.create({ data: { name: 'shop', prefix: 'tl_test', keyHash: 'x'.repeat(64), scopes: 'messages:write', createdById: admin.id } });
    for (const [key, age] of [['old', DAY + 60_000], ['recent', DAY - 60_000]] as const) {
      await db.idempotencyRecord.create({ data: { apiKeyId: apiKey.id, key, requestHash: 'h', statusCode: 201, responseBody: '{}', createdAt: ago(age) } });
    }

    await startCleanup(scheduler, { db, clock, log: createLogger('silent') });
    expect(await pendingCleanups()).toHaveLength(1);
    expect(await scheduler.runDue()).toBe(1);

    const labels = (await db.job.findMany({ where: { kind: 'test.kind' } })).map((j) => (JSON.parse(j.payload) as { label: string }).label).sort();
    expect(labels).toEqual(['done-recent', 'failed-recent', 'pending-old']);
    expect((await db.idempotencyRecord.findMany()).map((r) => r.key)).toEqual(['recent']);
  });

  it('keeps exactly one run pending, an hour on, across runs and hub restarts', async () => {
    const [next] = await pendingCleanups();
    expect(next?.runAt).toEqual(new Date(clock.now().getTime() + CLEANUP_INTERVAL_MS));
    expect(await scheduler.runDue()).toBe(0);

    // A restarted hub asks again: the pending run stands.
    await startCleanup(scheduler, { db, clock, log: createLogger('silent') });
    expect((await pendingCleanups()).map((j) => j.id)).toEqual([next!.id]);

    clock.advance(CLEANUP_INTERVAL_MS);
    expect(await scheduler.runDue()).toBe(1);
    const after = await pendingCleanups();
    expect(after).toHaveLength(1);
    expect(after[0]!.id).not.toBe(next!.id);
    expect(after[0]!.runAt).toEqual(new Date(clock.now().getTime() + CLEANUP_INTERVAL_MS));
    expect(await db.job.count({ where: { kind: CleanupJob.kind, status: 'done' } })).toBe(2);
  });

  it('deletes hub events older than 48 hours as an unbroken prefix of the log', async () => {
    const event = (at: Date) => db.hubEvent.create({ data: { at, type: 'timeline.added', audience: 'inbox', payload: '{}' } });
    const old = await event(ago(HUB_EVENT_RETENTION_MS + 60_000));
    // Written out of time order: an old event after a recent one goes with everything before it, so the
    // kept log never has a hole that events.since could not see.
    const recent = await event(ago(HUB_EVENT_RETENTION_MS - 60_000));
    const lateOld = await event(ago(HUB_EVENT_RETENTION_MS + 30_000));
    const kept = await event(ago(60_000));

    const counts = await cleanupOldRows(db, clock.now());
    expect(counts.hubEvents).toBe(3);
    expect((await db.hubEvent.findMany({ orderBy: { seq: 'asc' } })).map((e) => e.seq)).toEqual([kept.seq]);
    expect([old.seq, recent.seq, lateOld.seq].every((seq) => seq < kept.seq)).toBe(true);
    expect((await cleanupOldRows(db, clock.now())).hubEvents).toBe(0);
  });
});
