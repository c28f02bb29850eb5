// The ledger's invariant, checked: every account's cached balance equals the sum of its entries. One
// aggregate over the whole table, so it runs in seconds on a benchmark-scale database.
import type { LoyaltyCheckResult } from '../../../../../common/api/loyalty.ts';
import type { Db } from '../../../db/client.ts';

export async function checkLoyaltyBalances(db: Db): Promise<LoyaltyCheckResult> {
  const [counted] = await db.$queryRawUnsafe<{ accounts: number | bigint }[]>(`SELECT COUNT(*) AS accounts FROM LoyaltyAccount`);
  const mismatches = await db.$queryRawUnsafe<{ accountId: string; balance: number | bigint; ledgerSum: number | bigint }[]>(
    `SELECT a.id AS accountId, a.balance AS balance, COALESCE(s.total, 0) AS ledgerSum
       FROM LoyaltyAccount a
       LEFT JOIN (SELECT accountId, SUM(points) AS total FROM LoyaltyLedgerEntry GROUP BY accountId) s ON s.accountId = a.id
      WHERE a.balance != COALESCE(s.total, 0)
      ORDER BY a.id`,
  );
  return {
    accounts: Number(counted?.accounts ?? 0),
    mismatches: mismatches.map((row) => ({ accountId: row.accountId, balance: Number(row.balance), ledgerSum: Number(row.ledgerSum) })),
  };
}
