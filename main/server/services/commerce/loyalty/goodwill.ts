// How many goodwill points someone may still grant today: their role's daily limit from the loyalty
// settings, less what they granted since midnight on the hub's wall clock.
import { goodwillDailyLimit } from '../../../../../common/domain/loyalty.ts';
import { zonedParts } from '../../../../../common/domain/time.ts';
import type { Db } from '../../../db/client.ts';
import type { Viewer } from '../../auth/viewer.ts';
import type { PrismaTx } from './ledger.ts';
import { readLoyaltySettings } from './settings.ts';

/** The hub's own time zone: a day of goodwill ends at its midnight, where the team works. */
const hubTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

function startOfHubDay(now: Date): Date {
  const { minutes } = zonedParts(now, hubTimeZone);
  return new Date(now.getTime() - minutes * 60_000 - (now.getTime() % 60_000));
}

export interface GoodwillAllowance {
  limit: number;
  remaining: number;
}

export async function goodwillAllowance(db: Db | PrismaTx, viewer: Pick<Viewer, 'userId' | 'role'>, now: Date): Promise<GoodwillAllowance> {
  const limit = goodwillDailyLimit(await readLoyaltySettings(db), viewer.role);
  if (limit === 0) return { limit, remaining: 0 };
  const granted = await db.loyaltyLedgerEntry.aggregate({
    where: { kind: 'adjustment', createdById: viewer.userId, points: { gt: 0 }, createdAt: { gte: startOfHubDay(now), lte: now } },
    _sum: { points: true },
  });
  return { limit, remaining: Math.max(0, limit - (granted._sum.points ?? 0)) };
}
