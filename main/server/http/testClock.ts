// The --test-clock hub (end-to-end tests only): a clock that runs with real time plus an offset, and
// POST /api/test/clock {advanceMs} for an admin to move it forward, so a test sees a hold expire or a
// snooze wake without waiting. The flag is refused on anything but a loopback address (common/config.ts).
import type { FastifyInstance } from 'fastify';
import { TestClockAdvance } from '../../../common/config.ts';
import { fail, fieldErrors, ok } from '../../../common/result.ts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../jobs/clock.ts';
import type { Scheduler } from '../jobs/scheduler.ts';
import { audit } from '../services/audit/audit.ts';
import { resolveToken } from '../services/auth/sessions.ts';
import { HTTP_STATUS } from './status.ts';

export interface OffsetClock extends Clock {
  advance(ms: number): void;
}

export function offsetClock(): OffsetClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
}

export function registerTestClockRoute(app: FastifyInstance, deps: { db: Db; clock: OffsetClock; scheduler: Scheduler; sessionHours: number }): void {
  app.post('/api/test/clock', async (request, reply) => {
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const viewer = await resolveToken(deps.db, token, deps.sessionHours, request.ip);
    if (!viewer) return reply.status(HTTP_STATUS.UNAUTHENTICATED).send(fail('UNAUTHENTICATED', 'Sign in first'));
    if (viewer.role !== 'admin') return reply.status(HTTP_STATUS.FORBIDDEN).send(fail('FORBIDDEN', 'Only an admin may move the test clock'));
    const parsed = TestClockAdvance.safeParse(request.body);
    if (!parsed.success) return reply.status(HTTP_STATUS.BAD_REQUEST).send(fail('BAD_REQUEST', 'Give advanceMs: whole milliseconds, 1 ms to 30 days', fieldErrors(parsed.error)));
    deps.clock.advance(parsed.data.advanceMs);
    await audit(deps.db, viewer, { action: 'test.clock_advance', details: { advanceMs: parsed.data.advanceMs } });
    // Whatever became due (expiries, snoozes, retries) runs now, not at the next poll.
    deps.scheduler.wake();
    return reply.send(ok({ now: deps.clock.now().toISOString() }));
  });
}
