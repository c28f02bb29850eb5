// The one writer of the loyalty ledger. Every entry moves the account's cached balance in the same
// transaction, so the balance is always the sum of the ledger; a debit that would take it below zero is
// refused, and before any spending the lots that have already expired are written off, so nobody spends
// points that are no longer valid just because the hourly expiry job has not run yet.
import type { LoyaltyEntryKind } from '../../../../../common/domain/enums.ts';
import { accrualPoints, expiriesDue, TIER_WINDOW_DAYS, tierFor } from '../../../../../common/domain/loyalty.ts';
import type { Db } from '../../../db/client.ts';
import type { LoyaltyLedgerEntry } from '../../../db/generated/client.ts';
import { ServiceError } from '../../../errors.ts';
import type { UnsequencedEvent } from '../../../realtime/eventLog.ts';
import { loyaltyEvent } from '../../desk/timeline/loyalty.ts';
import { readLoyaltySettings } from './settings.ts';

/** A Prisma interactive transaction (`db.$transaction(async (tx) => …)`). */
export type PrismaTx = Parameters<Parameters<Db['$transaction']>[0]>[0];

const DAY_MS = 24 * 60 * 60_000;

export interface LedgerEntryInput {
  accountId: string;
  kind: LoyaltyEntryKind;
  /** Signed: credits positive, debits negative; never zero. */
  points: number;
  /** When it happened (the hub's clock): the entry's place in the ledger and the timeline. */
  at: Date;
  reason: string | null;
  orderId?: string | null;
  /** Accrual lots only: when the points stop being valid. */
  expiresAt?: Date | null;
  createdById?: string | null;
  /** A caller-chosen id makes a retried request find its first entry instead of writing another. */
  id?: string;
}

export interface AppendedEntries {
  entry: LoyaltyLedgerEntry;
  /** Everything written, in ledger order: the expiries due before a debit, then the entry. */
  written: LoyaltyLedgerEntry[];
  balance: number;
}

async function insert(tx: PrismaTx, input: LedgerEntryInput): Promise<{ entry: LoyaltyLedgerEntry; balance: number }> {
  if (!Number.isInteger(input.points) || input.points === 0) throw new ServiceError('BAD_REQUEST', 'A ledger entry moves a whole, non-zero number of points', [{ path: 'points', message: 'must be a non-zero integer' }]);
  // Conditional, so two debits racing for the same points cannot both pass a check made before either wrote.
  const moved = await tx.loyaltyAccount.updateMany({
    where: { id: input.accountId, ...(input.points < 0 ? { balance: { gte: -input.points } } : {}) },
    data: { balance: { increment: input.points } },
  });
  if (moved.count === 0) {
    const account = await tx.loyaltyAccount.findUnique({ where: { id: input.accountId }, select: { balance: true } });
    if (!account) throw new ServiceError('NOT_FOUND', 'Loyalty account not found');
    throw new ServiceError('BAD_REQUEST', `Not enough points: the balance is ${account.balance}, ${-input.points} were to be taken`, [
      { path: 'points', message: `at most ${account.balance}` },
    ]);
  }
  const entry = await tx.loyaltyLedgerEntry.create({
    data: {
      ...(input.id ? { id: input.id } : {}),
      accountId: input.accountId,
      kind: input.kind,
      points: input.points,
      reason: input.reason,
      orderId: input.orderId ?? null,
      expiresAt: input.expiresAt ?? null,
      createdById: input.createdById ?? null,
      createdAt: input.at,
    },
  });
  const account = await tx.loyaltyAccount.findUniqueOrThrow({ where: { id: input.accountId }, select: { balance: true } });
  return { entry, balance: account.balance };
}

/**
 * Writes the expiry entries due at `now` for one account (each dated at its lot's expiry instant) and
 * moves the account's expiry mark to `now`. Returns what it wrote; nothing when everything is written.
 */
export async function writeDueExpiries(tx: PrismaTx, accountId: string, now: Date): Promise<LoyaltyLedgerEntry[]> {
  const entries = await tx.loyaltyLedgerEntry.findMany({
    where: { accountId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { createdAt: true, points: true, expiresAt: true },
  });
  const due = expiriesDue(entries.map((row) => ({ at: row.createdAt, points: row.points, expiresAt: row.expiresAt })), now);
  const written: LoyaltyLedgerEntry[] = [];
  for (const expiry of due) written.push((await insert(tx, { accountId, kind: 'expiry', points: expiry.points, at: expiry.at, reason: null })).entry);
  await tx.loyaltyAccount.updateMany({ where: { id: accountId, OR: [{ expiredThrough: null }, { expiredThrough: { lt: now } }] }, data: { expiredThrough: now } });
  return written;
}

/**
 * Appends one entry and moves the balance with it. A debit (other than an expiry) first writes off the
 * lots expired by its time, then is refused with BAD_REQUEST if the balance cannot cover it.
 * Run it inside the caller's transaction, with whatever else the change writes.
 */
export async function appendLedgerEntry(tx: PrismaTx, input: LedgerEntryInput): Promise<AppendedEntries> {
  const expired = input.points < 0 && input.kind !== 'expiry' ? await writeDueExpiries(tx, input.accountId, input.at) : [];
  const { entry, balance } = await insert(tx, input);
  return { entry, written: [...expired, entry], balance };
}

/** The timeline events for entries just written, for `appendEvents(…, 'inbox', …)` after the same transaction's writes. */
export function ledgerTimelineEvents(customerId: string, entries: readonly LoyaltyLedgerEntry[]): UnsequencedEvent[] {
  return entries.map((entry) => ({ type: 'timeline.added' as const, payload: { conversationId: null, event: loyaltyEvent(customerId, entry) } }));
}

export interface OrderAccrual {
  customerId: string;
  orderId: string;
  totalKopecks: number;
  /** When the order was paid (the hub's clock); the points live from then. */
  at: Date;
  /** Shown in the ledger and the timeline, e.g. "Начисление за заказ № 261123-000042". */
  reason: string;
}

/**
 * Accrues points for a paid order, inside the caller's transaction: first recomputes the customer's tier
 * from what they spent in the last 365 days (this order included, whether or not its row is written yet),
 * then credits the new tier's share of the order, living for the configured lifetime.
 * Returns the accrual entry; null when the customer has no loyalty account or the order earns no whole
 * point. Calling it again for the same order returns the first accrual instead of crediting twice.
 */
export async function accrueForOrder(tx: PrismaTx, order: OrderAccrual): Promise<LoyaltyLedgerEntry | null> {
  const account = await tx.loyaltyAccount.findUnique({ where: { customerId: order.customerId }, select: { id: true, tier: true } });
  if (!account) return null;
  const previous = await tx.loyaltyLedgerEntry.findFirst({ where: { accountId: account.id, kind: 'accrual', orderId: order.orderId } });
  if (previous) return previous;

  const settings = await readLoyaltySettings(tx);
  const since = new Date(order.at.getTime() - TIER_WINDOW_DAYS * DAY_MS);
  const earlier = await tx.order.aggregate({
    where: { customerId: order.customerId, id: { not: order.orderId }, placedAt: { gt: since, lte: order.at } },
    _sum: { totalKopecks: true },
  });
  const tier = tierFor((earlier._sum.totalKopecks ?? 0) + order.totalKopecks, settings);
  if (tier !== account.tier) await tx.loyaltyAccount.update({ where: { id: account.id }, data: { tier } });

  const points = accrualPoints(order.totalKopecks, tier, settings);
  if (points <= 0) return null;
  const { entry } = await appendLedgerEntry(tx, {
    accountId: account.id,
    kind: 'accrual',
    points,
    at: order.at,
    reason: order.reason,
    orderId: order.orderId,
    expiresAt: new Date(order.at.getTime() + settings.pointsLifetimeDays * DAY_MS),
  });
  return entry;
}
