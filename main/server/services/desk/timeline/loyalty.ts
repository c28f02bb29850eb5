// Loyalty accruals, redemptions, expiries and adjustments of the customer's account.
import { LoyaltyEntryKind } from '../../../../../common/domain/enums.ts';
import type { TimelineEventOf } from '../../../../../common/domain/timeline.ts';
import type { LoyaltyLedgerEntry } from '../../../db/generated/client.ts';
import { beyondCursor, eventId, orderFor, type TimelineSource } from './source.ts';

/** The timeline event of one ledger entry: what this source pages and what the ledger's writers push live. */
export function loyaltyEvent(customerId: string, row: LoyaltyLedgerEntry): TimelineEventOf<'loyalty'> {
  return {
    kind: 'loyalty',
    id: eventId('loyalty', row.id),
    at: row.createdAt.toISOString(),
    customerId,
    payload: { entryId: row.id, entryKind: LoyaltyEntryKind.parse(row.kind), points: row.points, reason: row.reason, orderId: row.orderId },
  };
}

export const loyaltySource: TimelineSource<'loyalty'> = {
  kind: 'loyalty',
  async page(db, customerId, direction, cursor, limit) {
    const account = await db.loyaltyAccount.findUnique({ where: { customerId }, select: { id: true } });
    if (!account) return [];
    const rows = await db.loyaltyLedgerEntry.findMany({
      where: { accountId: account.id, ...beyondCursor('loyalty', 'createdAt', cursor, direction) },
      orderBy: orderFor('createdAt', direction),
      take: limit,
    });
    return rows.map((row) => loyaltyEvent(customerId, row));
  },
};
