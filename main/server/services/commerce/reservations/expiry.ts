// Holds end by themselves: every reservation is made together with a durable job due at its hold-until
// time (a row, so it survives restarts). The job expires the reservation only if it is still active and
// due, so a run after a pickup, a cancel or a second run changes nothing.
import { z } from 'zod';
import { ReservationStatus } from '../../../../../common/domain/enums.ts';
import { isActiveReservation } from '../../../../../common/domain/reservations.ts';
import type { JobKind, JobSpec } from '../../../jobs/scheduler.ts';
import { applyStep, stepSubjectInclude, type ReservationDeps, type StepSubject } from './steps.ts';

export const ReservationExpire: JobSpec<{ reservationId: string }> = {
  kind: 'reservation.expire',
  payload: z.object({ reservationId: z.string().min(1) }),
  maxAttempts: 8,
};

export const expiryDedupeKey = (reservationId: string) => `reservation.expire:${reservationId}`;

/** Expires the reservation when its hold has ended and it still holds stock; true when it did. */
export async function expireIfDue(deps: ReservationDeps, subject: StepSubject): Promise<boolean> {
  const status = ReservationStatus.parse(subject.status);
  if (!isActiveReservation(status) || subject.holdUntil.getTime() > deps.clock.now().getTime()) return false;
  return applyStep(deps, subject, { from: status, to: 'expired', viewer: null, note: null });
}

export function reservationExpiryJob(deps: ReservationDeps): JobKind<{ reservationId: string }> {
  return {
    ...ReservationExpire,
    async run({ reservationId }) {
      const subject = await deps.db.reservation.findUnique({ where: { id: reservationId }, include: stepSubjectInclude });
      if (subject) await expireIfDue(deps, subject);
    },
  };
}
