// The customer's ledger as the profile's history shows it: newest first, paged by keyset, with the names
// of the people who made manual entries, the balance, and what the viewer may still grant today.
import type { z } from 'zod';
import type { LoyaltyEntryView, LoyaltyLedgerInput, LoyaltyLedgerPage } from '../../../../../common/api/loyalty.ts';
import { LoyaltyEntryKind } from '../../../../../common/domain/enums.ts';
import type { Db } from '../../../db/client.ts';
import type { LoyaltyLedgerEntry } from '../../../db/generated/client.ts';
import { decodeCursor, encodeCursor } from '../../../db/keyset.ts';
import { notFound, ServiceError } from '../../../errors.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { goodwillAllowance } from './goodwill.ts';
import type { PrismaTx } from './ledger.ts';

export function entryView(row: LoyaltyLedgerEntry, createdByName: string | null): LoyaltyEntryView {
  return {
    id: row.id,
    kind: LoyaltyEntryKind.parse(row.kind),
    points: row.points,
    reason: row.reason,
    orderId: row.orderId,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    createdByName,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The views of entries with their authors' names, read in one query. */
export async function entryViews(db: Db | PrismaTx, rows: readonly LoyaltyLedgerEntry[]): Promise<LoyaltyEntryView[]> {
  const authorIds = [...new Set(rows.flatMap((row) => (row.createdById ? [row.createdById] : [])))];
  const authors = authorIds.length > 0 ? await db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, displayName: true } }) : [];
  const names = new Map(authors.map((user) => [user.id, user.displayName]));
  return rows.map((row) => entryView(row, row.createdById ? (names.get(row.createdById) ?? null) : null));
}

async function remainingOrNull(db: Db, viewer: Viewer, now: Date): Promise<number | null> {
  const { limit, remaining } = await goodwillAllowance(db, viewer, now);
  return limit === 0 ? null : remaining;
}

export async function ledgerPage(db: Db, viewer: Viewer, input: z.output<typeof LoyaltyLedgerInput>, now: Date): Promise<LoyaltyLedgerPage> {
  const account = await db.loyaltyAccount.findFirst({ where: { customerId: input.customerId, customer: { mergedIntoId: null } }, select: { id: true, balance: true } });
  if (!account) throw notFound('Loyalty account');
  let after = {};
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, 2);
    const instant = new Date(String(at));
    if (Number.isNaN(instant.getTime())) throw new ServiceError('BAD_REQUEST', 'Invalid page cursor', [{ path: 'cursor', message: 'invalid cursor' }]);
    after = { OR: [{ createdAt: { lt: instant } }, { createdAt: instant, id: { lt: String(id) } }] };
  }
  const rows = await db.loyaltyLedgerEntry.findMany({
    where: { accountId: account.id, ...after },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: await entryViews(db, page),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    balance: account.balance,
    goodwillRemainingToday: await remainingOrNull(db, viewer, now),
  };
}
