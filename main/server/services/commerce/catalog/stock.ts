// Stock as the desks see it: one product across the stores (nearest to the customer first), one store's
// shelf page by page, and a staff member's correction of a count.
import type { ProductStock, StoreStock, StoreStockPage, StoreStockRow } from '../../../../../common/api/catalog.ts';
import { cityCentre, distanceKm } from '../../../../../common/domain/geo.ts';
import { openStatus } from '../../../../../common/domain/openingHours.ts';
import { can } from '../../../../../common/domain/policy.ts';
import type { Db } from '../../../db/client.ts';
import { decodeCursor, encodeCursor } from '../../../db/keyset.ts';
import { sqlInstant } from '../../../db/sqlValues.ts';
import { forbidden, notFound, ServiceError } from '../../../errors.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { audit } from '../../audit/audit.ts';
import { presentStore } from '../../stores/stores.ts';
import { availableOf, type CommittedLevel } from './publish.ts';
import { catalogIndex, totalAvailable } from './search.ts';

/** Store staff work with their own store only; everyone else who reads the catalogue sees every store. */
function visibleStoreFilter(viewer: Viewer): { id?: string } {
  if (can(viewer.role, 'stores.read_all')) return {};
  return { id: viewer.storeId ?? '-' };
}

function assertOwnStore(viewer: Viewer, storeId: string): void {
  if (!can(viewer.role, 'stores.read_all') && viewer.storeId !== storeId) throw forbidden('You can only work with your own store');
}

export async function stockForProduct(db: Db, viewer: Viewer, input: { productId: string; customerId?: string | null | undefined }, now: Date): Promise<ProductStock> {
  const product = await db.product.findUnique({ where: { id: input.productId } });
  if (!product) throw notFound('Product');

  let fromCity: string | null = null;
  if (input.customerId) {
    // Only the city: no contact data is read, so there is nothing to audit here.
    const customer = await db.customer.findUnique({ where: { id: input.customerId }, select: { city: true } });
    if (!customer) throw notFound('Customer');
    fromCity = customer.city;
  }
  const origin = cityCentre(fromCity);

  const [stores, levels, totals] = await Promise.all([
    db.store.findMany({ where: visibleStoreFilter(viewer) }),
    db.stockLevel.findMany({ where: { productId: product.id } }),
    totalAvailable(db, [product.id]),
  ]);
  const levelOf = new Map(levels.map((l) => [l.storeId, l]));

  const rows: StoreStock[] = stores.map((store) => {
    const view = presentStore(store);
    const level = levelOf.get(store.id);
    const onHand = level?.onHand ?? 0;
    const reserved = level?.reserved ?? 0;
    return {
      storeId: store.id,
      storeCode: store.code,
      storeName: store.name,
      address: store.address,
      city: store.city,
      timeZone: store.timeZone,
      openingHours: view.openingHours,
      openNow: openStatus(view.openingHours, store.timeZone, now).open,
      distanceKm: origin ? Math.round(distanceKm(origin, store) * 10) / 10 : null,
      onHand,
      reserved,
      available: availableOf({ onHand, reserved }),
    };
  });
  rows.sort(
    (a, b) =>
      (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) ||
      b.available - a.available ||
      a.storeName.localeCompare(b.storeName, 'ru'),
  );

  return {
    product: {
      id: product.id,
      sku: product.sku,
      barcode: product.barcode,
      name: product.name,
      brand: product.brand,
      category: product.category,
      priceKopecks: product.priceKopecks,
      totalAvailable: totals.get(product.id) ?? 0,
    },
    stores: rows,
    // The city as the distances understood it (its canonical spelling), or as the profile has it.
    fromCity: origin?.name ?? fromCity,
  };
}

interface StoreRowSql {
  productId: string;
  sku: string;
  name: string;
  brand: string;
  onHand: number | bigint;
  reserved: number | bigint;
  updatedAt: string;
}

const presentRow = (r: StoreRowSql): StoreStockRow => {
  const onHand = Number(r.onHand);
  const reserved = Number(r.reserved);
  return { productId: r.productId, sku: r.sku, name: r.name, brand: r.brand, onHand, reserved, available: availableOf({ onHand, reserved }), updatedAt: new Date(r.updatedAt).toISOString() };
};

/** One store's stock by product name (keyset on name, id), optionally filtered by a piece of the name or SKU. */
export async function listStoreStock(db: Db, viewer: Viewer, input: { storeId: string; q: string; limit: number; cursor?: string | null | undefined }): Promise<StoreStockPage> {
  assertOwnStore(viewer, input.storeId);
  const store = await db.store.findUnique({ where: { id: input.storeId }, select: { id: true } });
  if (!store) throw notFound('Store');

  const where = ['s.storeId = ?'];
  const args: unknown[] = [input.storeId];
  if (input.q) {
    // The catalogue's own matching (SQLite's lower() and LIKE fold ASCII only, not Cyrillic), typos included.
    const matching = (await catalogIndex(db)).matchingIds(input.q);
    where.push('p.id IN (SELECT value FROM json_each(?))');
    args.push(JSON.stringify(matching));
  }
  if (input.cursor) {
    const [name, id] = decodeCursor(input.cursor, 2);
    where.push('(p.name > ? OR (p.name = ? AND p.id > ?))');
    args.push(name, name, id);
  }
  const rows = await db.$queryRawUnsafe<StoreRowSql[]>(
    `SELECT p.id AS productId, p.sku, p.name, p.brand, s.onHand, s.reserved, s.updatedAt
       FROM StockLevel s JOIN Product p ON p.id = s.productId
      WHERE ${where.join(' AND ')}
      ORDER BY p.name, p.id
      LIMIT ?`,
    ...args,
    input.limit + 1,
  );
  const page = rows.slice(0, input.limit).map(presentRow);
  const last = page.at(-1);
  return { items: page, nextCursor: rows.length > input.limit && last ? encodeCursor([last.name, last.productId]) : null };
}

export interface Correction {
  storeId: string;
  productId: string;
  onHand: number;
  expectedOnHand: number;
  reason: string;
}

/**
 * Sets a store's count to what is on the shelf. The update is conditional on the count the person saw, so
 * a change that landed meanwhile (a sale, an import, a colleague) is refused with CONFLICT, not overwritten.
 */
export async function correctStock(db: Db, viewer: Viewer, input: Correction, now: Date): Promise<{ row: StoreStockRow; level: CommittedLevel }> {
  assertOwnStore(viewer, input.storeId);
  const [store, product] = await Promise.all([
    db.store.findUnique({ where: { id: input.storeId }, select: { id: true, code: true } }),
    db.product.findUnique({ where: { id: input.productId }, select: { id: true, sku: true, name: true, brand: true } }),
  ]);
  if (!store) throw notFound('Store');
  if (!product) throw notFound('Product');

  const level = await db.$transaction(async (tx) => {
    // The write comes first so the transaction holds the write lock before it reads anything.
    const updated = await tx.$queryRawUnsafe<Array<{ onHand: number | bigint; reserved: number | bigint; updatedAt: string }>>(
      `UPDATE StockLevel SET onHand = ?, updatedAt = ? WHERE storeId = ? AND productId = ? AND onHand = ? RETURNING onHand, reserved, updatedAt`,
      input.onHand,
      sqlInstant(now),
      input.storeId,
      input.productId,
      input.expectedOnHand,
    );
    let result = updated[0];
    if (!result) {
      // No row yet counts as zero on hand: the first count of a product new to the store.
      const inserted =
        input.expectedOnHand === 0
          ? await tx.$queryRawUnsafe<Array<{ onHand: number | bigint; reserved: number | bigint; updatedAt: string }>>(
              `INSERT INTO StockLevel (storeId, productId, onHand, reserved, updatedAt) VALUES (?, ?, ?, 0, ?) ON CONFLICT DO NOTHING RETURNING onHand, reserved, updatedAt`,
              input.storeId,
              input.productId,
              input.onHand,
              sqlInstant(now),
            )
          : [];
      result = inserted[0];
    }
    if (!result) {
      const current = await tx.stockLevel.findUnique({ where: { storeId_productId: { storeId: input.storeId, productId: input.productId } }, select: { onHand: true } });
      throw new ServiceError('CONFLICT', `The count changed to ${current?.onHand ?? 0} while you were counting; check the shelf again`, [
        { path: 'expectedOnHand', message: `now ${current?.onHand ?? 0}` },
      ]);
    }
    await tx.stockMovement.create({
      data: { storeId: input.storeId, productId: input.productId, source: 'correction', onHandFrom: input.expectedOnHand, onHandTo: input.onHand, reason: input.reason, byUserId: viewer.userId, at: now },
    });
    await audit(tx, viewer, {
      action: 'stock.correct',
      subjectType: 'store',
      subjectId: input.storeId,
      details: { storeCode: store.code, productId: product.id, sku: product.sku, from: input.expectedOnHand, to: input.onHand, reason: input.reason },
    });
    return { onHand: Number(result.onHand), reserved: Number(result.reserved), updatedAt: result.updatedAt };
  });

  return {
    row: {
      productId: product.id,
      sku: product.sku,
      name: product.name,
      brand: product.brand,
      onHand: level.onHand,
      reserved: level.reserved,
      available: availableOf(level),
      updatedAt: new Date(level.updatedAt).toISOString(),
    },
    level: { storeId: input.storeId, productId: input.productId, onHand: level.onHand, reserved: level.reserved },
  };
}
