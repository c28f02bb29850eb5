// The loyalty rules as a person edits them — roubles and percent, text while typing — and back to the
// kopecks and shares the hub stores. Tiers always go out in tier order, so the hub's field paths
// (`tiers.2.minSpentKopecks`) point at the same row the form shows.
import type { LoyaltySettings } from '../../../../common/api/loyalty.ts';
import { LoyaltyTier, Role } from '../../../../common/domain/enums.ts';

export interface TierDraft {
  minRoubles: string;
  ratePercent: string;
}

export interface LoyaltySettingsDraft {
  tiers: Record<LoyaltyTier, TierDraft>;
  lifetimeDays: string;
  goodwill: Record<Role, string>;
}

/** Decimal text without binary noise: 0.07 × 100 is 7.000000000000001. */
const clean = (value: number) => String(Number(value.toFixed(6)));

/** Blank is NaN, not 0, so an emptied field is refused instead of silently saved as zero. */
const parseNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.replace(',', '.')));

export function draftFromSettings(settings: LoyaltySettings): LoyaltySettingsDraft {
  const rule = (tier: LoyaltyTier) => settings.tiers.find((t) => t.tier === tier);
  return {
    tiers: Object.fromEntries(
      LoyaltyTier.options.map((tier) => {
        const found = rule(tier);
        return [tier, { minRoubles: found ? clean(found.minSpentKopecks / 100) : '', ratePercent: found ? clean(found.accrualRate * 100) : '' }];
      }),
    ) as Record<LoyaltyTier, TierDraft>,
    lifetimeDays: String(settings.pointsLifetimeDays),
    goodwill: Object.fromEntries(Role.options.map((role) => [role, String(settings.goodwillDailyLimit[role] ?? 0)])) as Record<Role, string>,
  };
}

/** What to send; the schema (here and on the hub) judges the numbers. A blank goodwill limit means none. */
export function settingsFromDraft(draft: LoyaltySettingsDraft): LoyaltySettings {
  return {
    tiers: LoyaltyTier.options.map((tier) => ({
      tier,
      minSpentKopecks: Math.round(parseNumber(draft.tiers[tier].minRoubles) * 100),
      accrualRate: Number((parseNumber(draft.tiers[tier].ratePercent) / 100).toFixed(6)),
    })),
    pointsLifetimeDays: parseNumber(draft.lifetimeDays),
    goodwillDailyLimit: Object.fromEntries(Role.options.map((role) => [role, draft.goodwill[role].trim() === '' ? 0 : parseNumber(draft.goodwill[role])])),
  };
}
