// Match rate = profiles with identities in more than one channel / all profiles (PRODUCT.md).
// Channels here are the ways a customer writes: e-mail, phone (SMS), Telegram, web chat; a loyalty
// card identifies but is not a channel.
import type { MatchRate } from '../../../../common/api/identity.ts';
import type { Db } from '../../db/client.ts';

export async function matchRate(db: Db): Promise<MatchRate> {
  const [row] = await db.$queryRawUnsafe<{ profiles: number | bigint; matched: number | bigint }[]>(
    `SELECT (SELECT COUNT(*) FROM Customer WHERE mergedIntoId IS NULL) AS profiles,
            (SELECT COUNT(*) FROM (
               SELECT i.customerId FROM ContactIdentity i JOIN Customer c ON c.id = i.customerId AND c.mergedIntoId IS NULL
                WHERE i.kind IN ('email', 'phone', 'telegram', 'webchat')
                GROUP BY i.customerId HAVING COUNT(DISTINCT i.kind) > 1)) AS matched`,
  );
  const profiles = Number(row?.profiles ?? 0);
  const matched = Number(row?.matched ?? 0);
  return { profiles, matched, rate: profiles === 0 ? 0 : matched / profiles };
}
