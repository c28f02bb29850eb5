import { describe, expect, it } from 'vitest';
import { LoyaltySettings } from '../api/loyalty.ts';
import {
  accrualPoints,
  canCorrectPoints,
  defaultLoyaltySettings,
  expiriesDue,
  goodwillDailyLimit,
  pointsExpiringWithin,
  PointLots,
  replayLots,
  tierFor,
  type LedgerEntryFacts,
} from './loyalty.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');
const at = (days: number) => new Date(T0 + days * DAY);
/** Positive: a credit (an accrual lot when it expires, goodwill when not); negative: any debit. */
const entry = (points: number, day: number, expiresDay: number | null = null): LedgerEntryFacts => ({
  points,
  at: at(day),
  expiresAt: expiresDay === null ? null : at(expiresDay),
});
const sum = (entries: readonly LedgerEntryFacts[]) => entries.reduce((total, e) => total + e.points, 0);

describe('PointLots', () => {
  it('spends the lots that expire first, goodwill (never expiring) last', () => {
    const lots = new PointLots();
    lots.credit(100, null);
    lots.credit(50, T0 + 30 * DAY);
    lots.credit(70, T0 + 10 * DAY);
    expect(lots.debit(100)).toBe(100);
    expect(lots.held()).toEqual([
      { remaining: 20, expiresAt: T0 + 30 * DAY },
      { remaining: 100, expiresAt: Number.POSITIVE_INFINITY },
    ]);
  });

  it('takes no more than it holds and expires only lots that still hold points', () => {
    const lots = new PointLots();
    lots.credit(40, T0 + DAY);
    lots.credit(60, T0 + 2 * DAY);
    expect(lots.debit(500)).toBe(100);
    lots.credit(30, T0 + 3 * DAY);
    expect(lots.expireUntil(T0 + 3 * DAY)).toEqual([{ remaining: 30, expiresAt: T0 + 3 * DAY }]);
    expect(lots.held()).toEqual([]);
  });
});

describe('ledger replay', () => {
  const ledger = [entry(500, 0, 90), entry(300, 10, 375), entry(-200, 20), entry(100, 30)];

  it('keeps what each lot still holds after first-to-expire spending', () => {
    expect(replayLots(ledger)).toEqual([
      { remaining: 300, expiresAt: at(90).getTime() },
      { remaining: 300, expiresAt: at(375).getTime() },
      { remaining: 100, expiresAt: Number.POSITIVE_INFINITY },
    ]);
  });

  it('writes each expired lot’s rest once, dated at its expiry, and nothing on a second run', () => {
    const due = expiriesDue(ledger, at(100));
    expect(due).toEqual([{ at: at(90), points: -300 }]);
    const written = [...ledger, ...due.map((d) => ({ points: d.points, at: d.at, expiresAt: null }))];
    expect(expiriesDue(written, at(100))).toEqual([]);
    expect(expiriesDue(written, at(400))).toEqual([{ at: at(375), points: -300 }]);
    expect(sum(written)).toBe(400);
  });

  it('orders entries by time whatever order they come in, credits first at one instant', () => {
    const shuffled = [entry(-50, 5), entry(50, 5, 100), entry(20, 1, 40)];
    // The lot expiring on day 40 is spent first even though it comes last in the array.
    expect(replayLots(shuffled)).toEqual([{ remaining: 20, expiresAt: at(100).getTime() }]);
  });

  it('lets spending made after an unwritten expiry reduce that expiry rather than go below zero', () => {
    const late = [entry(100, 0, 10), entry(-80, 12)];
    expect(expiriesDue(late, at(20))).toEqual([{ at: at(10), points: -20 }]);
  });

  it('counts points expiring within a window, with the first expiry', () => {
    // The lot held 500, but 200 of it was spent: those cannot expire.
    expect(pointsExpiringWithin(ledger, at(70), 30)).toEqual({ points: 300, nextExpiryAt: at(90) });
    expect(pointsExpiringWithin(ledger, at(30), 30)).toEqual({ points: 0, nextExpiryAt: null });
    // A lot past its expiry that the job has not written off yet is still leaving the balance.
    expect(pointsExpiringWithin(ledger, at(360), 30)).toEqual({ points: 600, nextExpiryAt: at(90) });
    expect(pointsExpiringWithin([], at(0), 30)).toEqual({ points: 0, nextExpiryAt: null });
  });
});

describe('tiers and accrual', () => {
  it('picks the highest tier the spending reaches', () => {
    expect(tierFor(0, defaultLoyaltySettings)).toBe('base');
    expect(tierFor(49_999_99, defaultLoyaltySettings)).toBe('base');
    expect(tierFor(50_000_00, defaultLoyaltySettings)).toBe('silver');
    expect(tierFor(150_000_00, defaultLoyaltySettings)).toBe('gold');
    expect(tierFor(1_000_000_00, defaultLoyaltySettings)).toBe('platinum');
  });

  it('falls back to base when even its threshold is not reached', () => {
    const strict = { ...defaultLoyaltySettings, tiers: defaultLoyaltySettings.tiers.map((t) => ({ ...t, minSpentKopecks: t.minSpentKopecks + 100_00 })) };
    expect(tierFor(50_00, strict)).toBe('base');
  });

  it('accrues whole points on whole roubles without binary rounding losses', () => {
    expect(accrualPoints(1000_00, 'platinum', defaultLoyaltySettings)).toBe(70);
    expect(accrualPoints(100_00, 'platinum', defaultLoyaltySettings)).toBe(7);
    expect(accrualPoints(1999_99, 'base', defaultLoyaltySettings)).toBe(39);
    expect(accrualPoints(49_99, 'base', defaultLoyaltySettings)).toBe(0);
  });

  it('has defaults that pass their own schema, with goodwill for agents and supervisors only', () => {
    expect(LoyaltySettings.parse(defaultLoyaltySettings)).toEqual(defaultLoyaltySettings);
    expect(goodwillDailyLimit(defaultLoyaltySettings, 'agent')).toBe(500);
    expect(goodwillDailyLimit(defaultLoyaltySettings, 'supervisor')).toBe(5000);
    expect(goodwillDailyLimit(defaultLoyaltySettings, 'store_staff')).toBe(0);
    expect(canCorrectPoints('supervisor')).toBe(true);
    expect(canCorrectPoints('agent')).toBe(false);
  });
});
