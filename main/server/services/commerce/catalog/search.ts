// `catalog.search`: the agent types a name, brand, article number or barcode, with typos or in the wrong
// layout, and sees price and what is available across all stores. Two steps per query: the in-memory
// index (searchIndex.ts) picks and ranks the page of products, then one SQL statement sums their stock.
import type { CatalogSearchResult, ProductHit } from '../../../../../common/api/catalog.ts';
import type { Db } from '../../../db/client.ts';
import { CatalogIndex } from './searchIndex.ts';

interface ParsedSearch {
  q: string;
  limit: number;
}

/** One index per database (tests run several hubs in one process); built at start or on the first search. */
const indexes = new WeakMap<Db, Promise<CatalogIndex>>();

async function buildIndex(db: Db): Promise<CatalogIndex> {
  const products = await db.product.findMany({ select: { id: true, sku: true, barcode: true, name: true, brand: true, category: true, priceKopecks: true } });
  return CatalogIndex.build(products);
}

export function catalogIndex(db: Db): Promise<CatalogIndex> {
  let index = indexes.get(db);
  if (!index) {
    index = buildIndex(db);
    // A failed build is not cached: the next search tries again.
    index.catch(() => indexes.delete(db));
    indexes.set(db, index);
  }
  return index;
}

/** Products were added, renamed or removed: the next search rebuilds the index from the Product table. */
export function invalidateCatalog(db: Db): void {
  indexes.delete(db);
}

/** On hand minus reserved (never below zero per store), summed over every store, for the given products. */
export async function totalAvailable(db: Db, productIds: readonly string[]): Promise<Map<string, number>> {
  if (productIds.length === 0) return new Map();
  const rows = await db.$queryRawUnsafe<Array<{ productId: string; available: number | bigint }>>(
    `SELECT productId, SUM(MAX(0, onHand - reserved)) AS available FROM StockLevel WHERE productId IN (${productIds.map(() => '?').join(',')}) GROUP BY productId`,
    ...productIds,
  );
  return new Map(rows.map((r) => [r.productId, Number(r.available)]));
}

export async function searchCatalog(db: Db, input: ParsedSearch): Promise<CatalogSearchResult> {
  const index = await catalogIndex(db);
  const { hits, understoodAs } = index.search(input.q, input.limit);
  const totals = await totalAvailable(
    db,
    hits.map((h) => h.product.id),
  );
  const items: ProductHit[] = hits.map(({ product, match }) => ({ ...product, totalAvailable: totals.get(product.id) ?? 0, match }));
  return { items, understoodAs };
}
