// `POST /api/v1/stock`: the ERP/POS reports counts as they change (a sale, a delivery, a recount). Each
// update stands alone: an unknown store or SKU, or a delta that would go below zero, is refused in the
// answer while the others apply. The changes, their movements and the idempotent answer commit together.
import type { StockUpdateInput, StockUpdateOutcome, StockUpdateResult } from '../../../../../common/api/catalog.ts';
import type { Db } from '../../../db/client.ts';
import { ServiceError } from '../../../errors.ts';
import type { Clock } from '../../../jobs/clock.ts';
import type { Realtime } from '../../../realtime/broadcast.ts';
import type { ApiPrincipal } from '../../apiKeys/apiKeys.ts';
import { audit } from '../../audit/audit.ts';
import { storeAnswerRaw, type IdempotentRequest } from '../../inboundApi/idempotency.ts';
import { publishStockChanges, type CommittedLevel } from './publish.ts';
import type { LevelUpdate, StockWriter } from './stockWriter.ts';

export interface StockApiDeps {
  db: Db;
  writer: StockWriter;
  realtime: Pick<Realtime, 'stockChanged'>;
  clock: Clock;
}

export async function applyStockUpdates(
  deps: StockApiDeps,
  principal: ApiPrincipal,
  input: StockUpdateInput,
  call: { ip: string | null; idempotency: IdempotentRequest | null },
): Promise<StockUpdateResult> {
  const { db, writer, realtime, clock } = deps;
  const codes = [...new Set(input.updates.map((u) => u.store.toUpperCase()))];
  const skus = [...new Set(input.updates.map((u) => u.sku))];
  const [stores, products] = await Promise.all([
    db.store.findMany({ select: { id: true, code: true } }),
    db.product.findMany({ where: { sku: { in: skus } }, select: { id: true, sku: true } }),
  ]);
  const storeByCode = new Map(stores.filter((s) => codes.includes(s.code.toUpperCase())).map((s) => [s.code.toUpperCase(), s.id]));
  const productBySku = new Map(products.map((p) => [p.sku, p.id]));

  // Two updates of one count in one request would race each other's reading of it: the sender merges them.
  const firstAt = new Map<string, number>();
  input.updates.forEach((u, i) => {
    const key = `${u.store.toUpperCase()}\u0000${u.sku}`;
    const first = firstAt.get(key);
    if (first !== undefined) {
      throw new ServiceError('BAD_REQUEST', 'Each store and SKU may appear once per request', [{ path: `updates.${i}`, message: `same store and sku as updates.${first}` }]);
    }
    firstAt.set(key, i);
  });

  const results: StockUpdateOutcome[] = input.updates.map((u) => ({
    store: u.store,
    sku: u.sku,
    status: !storeByCode.has(u.store.toUpperCase()) ? 'unknown_store' : !productBySku.has(u.sku) ? 'unknown_sku' : 'applied',
    onHand: null,
  }));
  const known: Array<{ at: number; update: LevelUpdate }> = [];
  input.updates.forEach((u, at) => {
    const storeId = storeByCode.get(u.store.toUpperCase());
    const productId = productBySku.get(u.sku);
    if (!storeId || !productId) return;
    known.push({ at, update: 'onHand' in u ? { storeId, productId, onHand: u.onHand } : { storeId, productId, delta: u.delta } });
  });

  const now = clock.now();
  const changed: CommittedLevel[] = [];
  const answer = (): StockUpdateResult => ({ applied: changed.length, results });
  await writer.apply(
    known.map((k) => k.update),
    { source: 'api', apiKeyId: principal.keyId },
    now,
    {
      async within(tx, outcomes) {
        outcomes.forEach((outcome, i) => {
          const result = results[known[i]!.at]!;
          if (outcome.kind === 'negative') {
            result.status = 'negative';
            result.onHand = outcome.onHand;
            return;
          }
          result.status = outcome.kind === 'changed' ? 'applied' : 'unchanged';
          result.onHand = outcome.level.onHand;
          if (outcome.kind === 'changed') changed.push(outcome.level);
        });
        if (call.idempotency) await storeAnswerRaw(tx, call.idempotency, { statusCode: 200, body: answer() }, now);
      },
    },
  );
  publishStockChanges(realtime, changed, 'api');
  await audit(
    db,
    null,
    {
      action: 'stock.api_update',
      subjectType: 'api_key',
      subjectId: principal.keyId,
      details: {
        updates: input.updates.length,
        applied: changed.length,
        refused: results.filter((r) => r.status !== 'applied' && r.status !== 'unchanged').map((r) => ({ store: r.store, sku: r.sku, status: r.status })).slice(0, 100),
      },
    },
    call.ip,
  );
  return answer();
}
