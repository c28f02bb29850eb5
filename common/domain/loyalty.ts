// Loyalty points live in lots: each credit is a lot with its own expiry (goodwill never expires), and
// every debit — a redemption, a correction or an expiry — takes from the lots that expire first. The
// ledger alone decides what a customer holds, so replaying it answers what expires when, and the expiry
// job writes exactly what the replay says is due.
import type { LoyaltySettings } from '../api/loyalty.ts';
import type { LoyaltyTier, Role } from './enums.ts';

const DAY_MS = 24 * 60 * 60_000;

/**
 * A ledger entry as the replay needs it: credits (positive) open lots, every debit (negative, whatever
 * its kind) takes from them. `expiresAt` is set on accrual lots only.
 */
export interface LedgerEntryFacts {
  at: Date;
  points: number;
  expiresAt: Date | null;
}

export interface Lot {
  /** Points still held. */
  remaining: number;
  /** Epoch ms; Infinity for points that never expire. */
  expiresAt: number;
}

/** Points held in lots, first to expire first spent. The demo generator drives it directly. */
export class PointLots {
  readonly #lots: Lot[] = [];

  /** Adds a lot after every lot expiring no later, so lots with the same expiry are spent in the order they came. */
  credit(points: number, expiresAt: number | null): void {
    const lot = { remaining: points, expiresAt: expiresAt ?? Number.POSITIVE_INFINITY };
    const after = this.#lots.findIndex((held) => held.expiresAt > lot.expiresAt);
    this.#lots.splice(after === -1 ? this.#lots.length : after, 0, lot);
  }

  /** Takes up to `points` from the lots that expire first; returns what it could take. */
  debit(points: number): number {
    let left = points;
    for (const lot of this.#lots) {
      if (left === 0) break;
      const taken = Math.min(lot.remaining, left);
      lot.remaining -= taken;
      left -= taken;
    }
    return points - left;
  }

  /** Drops the lots expired by `time` and returns those that still held points, first to expire first. */
  expireUntil(time: number): Lot[] {
    const expired: Lot[] = [];
    while (this.#lots[0] && this.#lots[0].expiresAt <= time) {
      const lot = this.#lots.shift() as Lot;
      if (lot.remaining > 0) expired.push(lot);
    }
    return expired;
  }

  /** The lots still holding points, first to expire first. */
  held(): Lot[] {
    return this.#lots.filter((lot) => lot.remaining > 0).map((lot) => ({ ...lot }));
  }
}

/**
 * Replays a ledger. Entries are taken in time order; at one instant credits come first, so a debit
 * written in the same millisecond as the accrual it spends still finds it. Expiry entries are debits
 * like any other: written at their lot's expiry instant, they take exactly that lot's rest.
 */
export function replayLots(entries: readonly LedgerEntryFacts[]): Lot[] {
  const ordered = entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.at.getTime() - b.entry.at.getTime() || Number(a.entry.points < 0) - Number(b.entry.points < 0) || a.index - b.index);
  const lots = new PointLots();
  for (const { entry } of ordered) {
    if (entry.points > 0) lots.credit(entry.points, entry.expiresAt?.getTime() ?? null);
    else lots.debit(-entry.points);
  }
  return lots.held();
}

export interface DueExpiry {
  /** The lot's expiry instant: the entry is dated when the points stopped being valid. */
  at: Date;
  /** Negative: what the lot still held. */
  points: number;
}

/** The expiry entries still to write at `now`: one per expired lot that holds points. Empty once they are written. */
export function expiriesDue(entries: readonly LedgerEntryFacts[], now: Date): DueExpiry[] {
  return replayLots(entries)
    .filter((lot) => lot.expiresAt <= now.getTime())
    .map((lot) => ({ at: new Date(lot.expiresAt), points: -lot.remaining }));
}

/**
 * Points that expire within `days` of `now` and the first instant one does. Lots already past their
 * expiry but not yet written off by the job count too: they are still in the balance and will leave it.
 */
export function pointsExpiringWithin(entries: readonly LedgerEntryFacts[], now: Date, days: number): { points: number; nextExpiryAt: Date | null } {
  const horizon = now.getTime() + days * DAY_MS;
  const expiring = replayLots(entries).filter((lot) => lot.expiresAt <= horizon);
  return {
    points: expiring.reduce((sum, lot) => sum + lot.remaining, 0),
    nextExpiryAt: expiring[0] ? new Date(expiring[0].expiresAt) : null,
  };
}

/** The highest tier whose threshold the spending reaches (the lowest tier when none does). */
export function tierFor(spentKopecks: number, settings: LoyaltySettings): LoyaltyTier {
  let best: LoyaltySettings['tiers'][number] | null = null;
  for (const rule of settings.tiers) {
    if (spentKopecks >= rule.minSpentKopecks && (!best || rule.minSpentKopecks > best.minSpentKopecks)) best = rule;
  }
  return best?.tier ?? 'base';
}

/** Whole points for an order: the tier's share of the whole roubles paid. */
export function accrualPoints(totalKopecks: number, tier: LoyaltyTier, settings: LoyaltySettings): number {
  const rate = settings.tiers.find((rule) => rule.tier === tier)?.accrualRate ?? 0;
  // Rates such as 0.07 are not exact in binary; rounding first keeps 1000 ₽ × 7 % at 70, not 69.
  return Math.floor(Number((Math.floor(totalKopecks / 100) * rate).toFixed(6)));
}

export function goodwillDailyLimit(settings: LoyaltySettings, role: Role): number {
  return settings.goodwillDailyLimit[role] ?? 0;
}

/** Taking points away (a return, a mistake) is for those who answer for the balance, never for goodwill alone. */
export function canCorrectPoints(role: Role): boolean {
  return role === 'supervisor' || role === 'admin';
}

/** How long spending counts towards a tier. */
export const TIER_WINDOW_DAYS = 365;

/** The workspace's rules until someone edits them in Settings → Loyalty. */
export const defaultLoyaltySettings: LoyaltySettings = {
  tiers: [
    { tier: 'base', minSpentKopecks: 0, accrualRate: 0.02 },
    { tier: 'silver', minSpentKopecks: 50_000_00, accrualRate: 0.03 },
    { tier: 'gold', minSpentKopecks: 150_000_00, accrualRate: 0.05 },
    { tier: 'platinum', minSpentKopecks: 300_000_00, accrualRate: 0.07 },
  ],
  pointsLifetimeDays: 365,
  goodwillDailyLimit: { agent: 500, supervisor: 5000, admin: 5000 },
};
