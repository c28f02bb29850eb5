// The tier rules, the points' lifetime and the goodwill limits, stored under one key of the Setting table
// and validated by their schema on the way in and out: a hand-edited or older value that no longer passes
// falls back to the defaults rather than accruing points at a rate nobody chose.
import { LoyaltySettings } from '../../../../../common/api/loyalty.ts';
import { defaultLoyaltySettings } from '../../../../../common/domain/loyalty.ts';
import type { Db } from '../../../db/client.ts';
import { audit } from '../../audit/audit.ts';
import type { Viewer } from '../../auth/viewer.ts';
import type { PrismaTx } from './ledger.ts';

const LOYALTY_KEY = 'loyalty';

/** Works inside a transaction too, so an accrual reads the rate it commits with. */
export async function readLoyaltySettings(db: Db | PrismaTx): Promise<LoyaltySettings> {
  const row = await db.setting.findUnique({ where: { key: LOYALTY_KEY } });
  if (!row) return defaultLoyaltySettings;
  let stored: unknown;
  try {
    stored = JSON.parse(row.value);
  } catch {
    return defaultLoyaltySettings;
  }
  const parsed = LoyaltySettings.safeParse(stored);
  return parsed.success ? parsed.data : defaultLoyaltySettings;
}

export async function saveLoyaltySettings(db: Db, viewer: Viewer, input: LoyaltySettings): Promise<LoyaltySettings> {
  const settings = LoyaltySettings.parse(input);
  const value = JSON.stringify(settings);
  await db.$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key: LOYALTY_KEY }, create: { key: LOYALTY_KEY, value, updatedById: viewer.userId }, update: { value, updatedById: viewer.userId } });
    await audit(tx, viewer, { action: 'settings.loyalty.save', subjectType: 'setting', subjectId: LOYALTY_KEY, details: settings });
  });
  return settings;
}
