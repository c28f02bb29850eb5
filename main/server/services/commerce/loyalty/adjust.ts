// Manual entries: goodwill points an agent grants within their role's daily limit, and corrections that
// take points away (supervisors and admins only, never below zero). Each is audited with its points and
// reason, lands in the timeline of every desk showing the customer, and is stored once per desk request.
import type { z } from 'zod';
import { LoyaltyAdjustInput, type LoyaltyEntryView } from '../../../../../common/api/loyalty.ts';
import { canCorrectPoints } from '../../../../../common/domain/loyalty.ts';
import type { Db } from '../../../db/client.ts';
import { forbidden, notFound, ServiceError } from '../../../errors.ts';
import type { Clock } from '../../../jobs/clock.ts';
import type { Realtime } from '../../../realtime/broadcast.ts';
import { appendEvents } from '../../../realtime/eventLog.ts';
import { audit } from '../../audit/audit.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { goodwillAllowance } from './goodwill.ts';
import { appendLedgerEntry, ledgerTimelineEvents } from './ledger.ts';
import { entryViews } from './ledgerPage.ts';

export interface AdjustDeps {
  db: Db;
  clock: Clock;
  realtime: Realtime;
}

export async function adjustPoints(deps: AdjustDeps, viewer: Viewer, raw: z.input<typeof LoyaltyAdjustInput>): Promise<{ entry: LoyaltyEntryView; balance: number }> {
  const input = LoyaltyAdjustInput.parse(raw);
  const { db, clock, realtime } = deps;
  const now = clock.now();

  const account = await db.loyaltyAccount.findFirst({ where: { customerId: input.customerId, customer: { mergedIntoId: null } }, select: { id: true } });
  if (!account) throw notFound('Loyalty account');
  if (input.points < 0 && !canCorrectPoints(viewer.role)) throw forbidden('Only a supervisor or an admin can take points away');

  // Transactions on the hub's connection run one at a time, so the resend check, the allowance and the
  // write below see no other grant in between.
  const outcome = await db.$transaction(async (tx) => {
    // The desk's request id is the entry's id: a resend after a lost answer finds the entry it made.
    const repeated = await tx.loyaltyLedgerEntry.findUnique({ where: { id: input.clientId }, include: { account: { select: { balance: true } } } });
    if (repeated) {
      if (repeated.accountId !== account.id || repeated.createdById !== viewer.userId || repeated.points !== input.points) {
        throw new ServiceError('CONFLICT', 'This request id was already used for another adjustment', [{ path: 'clientId', message: 'already used' }]);
      }
      return { entry: repeated, balance: repeated.account.balance, events: [] };
    }
    if (input.points > 0) {
      const { limit, remaining } = await goodwillAllowance(tx, viewer, now);
      if (limit === 0) throw forbidden('Your role cannot grant goodwill points');
      if (input.points > remaining) {
        throw new ServiceError('FORBIDDEN', `Over your daily goodwill limit of ${limit} points: ${remaining} remain today`, [
          { path: 'points', message: `at most ${remaining} today` },
        ]);
      }
    }
    const appended = await appendLedgerEntry(tx, {
      id: input.clientId,
      accountId: account.id,
      kind: 'adjustment',
      points: input.points,
      at: now,
      reason: input.reason,
      createdById: viewer.userId,
    });
    await audit(tx, viewer, {
      action: input.points > 0 ? 'loyalty.goodwill' : 'loyalty.correction',
      subjectType: 'customer',
      subjectId: input.customerId,
      details: { entryId: appended.entry.id, points: input.points, reason: input.reason, balance: appended.balance },
    });
    const events = await appendEvents(tx, 'inbox', ledgerTimelineEvents(input.customerId, appended.written), now);
    return { entry: appended.entry, balance: appended.balance, events };
  });

  const [view] = await entryViews(db, [outcome.entry]);
  if (outcome.events.length === 0) return { entry: view!, balance: outcome.balance };
  realtime.deskEvents(outcome.events);
  realtime.customerChanged({ id: input.customerId, updatedAt: now.toISOString(), byUserId: viewer.userId });
  return { entry: view!, balance: outcome.balance };
}
