// Loyalty: the ledger behind every balance, goodwill points and the tier rules.
import { z } from 'zod';
import { LoyaltyEntryKind, LoyaltyTier, Role } from '../domain/enums.ts';

const Id = z.string().min(1).max(100);

export const LoyaltyEntryView = z.object({
  id: z.string(),
  kind: LoyaltyEntryKind,
  points: z.number().int(),
  reason: z.string().nullable(),
  orderId: z.string().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type LoyaltyEntryView = z.infer<typeof LoyaltyEntryView>;

export const LoyaltyLedgerInput = z.object({ customerId: Id, limit: z.number().int().min(1).max(200).default(50), cursor: z.string().max(200).nullish() });
export type LoyaltyLedgerInput = z.input<typeof LoyaltyLedgerInput>;

export const LoyaltyLedgerPage = z.object({
  items: z.array(LoyaltyEntryView),
  nextCursor: z.string().nullable(),
  balance: z.number().int(),
  /** Goodwill points the viewer may still grant today (the grant dialog shows it); null when their role grants none. */
  goodwillRemainingToday: z.number().int().nullable(),
});
export type LoyaltyLedgerPage = z.infer<typeof LoyaltyLedgerPage>;

/** Goodwill points (positive) or a correction (negative, supervisors and admins), always with a reason. */
export const LoyaltyAdjustInput = z.object({
  customerId: Id,
  points: z.number().int().min(-1_000_000).max(1_000_000).refine((n) => n !== 0, 'must not be zero'),
  reason: z.string().trim().min(3).max(300),
  clientId: z.string().uuid(),
});
export type LoyaltyAdjustInput = z.input<typeof LoyaltyAdjustInput>;

const TierRule = z.object({
  tier: LoyaltyTier,
  /** Spent in the last 365 days (kopecks) to reach the tier. */
  minSpentKopecks: z.number().int().min(0),
  /** Points accrued per rouble spent, as a share (0.05 = 5 %). */
  accrualRate: z.number().min(0).max(0.5),
});

export const LoyaltySettings = z
  .object({
    tiers: z.array(TierRule).length(LoyaltyTier.options.length),
    /** How long accrued points live. */
    pointsLifetimeDays: z.number().int().min(1).max(3650),
    /** The most goodwill points one person of the role may grant in one day; 0: none. */
    goodwillDailyLimit: z.partialRecord(Role, z.number().int().min(0).max(1_000_000)),
  })
  .superRefine((value, ctx) => {
    const tiers = value.tiers.map((t) => t.tier);
    if (new Set(tiers).size !== tiers.length) ctx.addIssue({ code: 'custom', path: ['tiers'], message: 'each tier once' });
    const sorted = [...value.tiers].sort((a, b) => LoyaltyTier.options.indexOf(a.tier) - LoyaltyTier.options.indexOf(b.tier));
    sorted.forEach((rule, i) => {
      if (i > 0 && rule.minSpentKopecks <= sorted[i - 1]!.minSpentKopecks) ctx.addIssue({ code: 'custom', path: ['tiers', i, 'minSpentKopecks'], message: 'must grow with the tier' });
    });
  });
export type LoyaltySettings = z.infer<typeof LoyaltySettings>;

/** What the consistency check found: accounts whose cached balance differs from the sum of their ledger. */
export const LoyaltyCheckResult = z.object({
  accounts: z.number().int(),
  mismatches: z.array(z.object({ accountId: z.string(), balance: z.number().int(), ledgerSum: z.number().int() })),
});
export type LoyaltyCheckResult = z.infer<typeof LoyaltyCheckResult>;
