// The catalogue and the stock of every store, as the agent's reserve panel and the store desk see them.
import { z } from 'zod';
import { StockMovementSource } from '../domain/enums.ts';
import { OpeningHours } from './stores.ts';

const Id = z.string().min(1).max(100);

export const CatalogSearchInput = z.object({
  /** Name, brand, SKU or barcode; typos and the wrong keyboard layout are forgiven. */
  q: z.string().trim().min(1).max(100),
  limit: z.number().int().min(1).max(50).default(20),
});
export type CatalogSearchInput = z.input<typeof CatalogSearchInput>;

export const ProductHit = z.object({
  id: z.string(),
  sku: z.string(),
  barcode: z.string().nullable(),
  name: z.string(),
  brand: z.string(),
  category: z.string(),
  priceKopecks: z.number().int(),
  /** On hand minus reserved, summed over every store. */
  totalAvailable: z.number().int(),
  /** How the query matched: as typed, after switching the keyboard layout, or forgiving typos. */
  match: z.enum(['exact', 'layout', 'fuzzy']),
});
export type ProductHit = z.infer<typeof ProductHit>;

export const CatalogSearchResult = z.object({
  items: z.array(ProductHit),
  /** The query as it was understood when the keyboard layout was switched («rfhnf» → «карта»); null otherwise. */
  understoodAs: z.string().nullable(),
});
export type CatalogSearchResult = z.infer<typeof CatalogSearchResult>;

export const StockForProductInput = z.object({
  productId: Id,
  /** Stores are ordered nearest first to this customer's city, when given and known. */
  customerId: Id.nullish(),
});
export type StockForProductInput = z.input<typeof StockForProductInput>;

export const StoreStock = z.object({
  storeId: z.string(),
  storeCode: z.string(),
  storeName: z.string(),
  address: z.string(),
  city: z.string(),
  timeZone: z.string(),
  openingHours: OpeningHours,
  /** Whether the store is open at this moment in its own time zone. */
  openNow: z.boolean(),
  /** Kilometres from the customer's city; null when the customer's city is unknown. */
  distanceKm: z.number().nullable(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
});
export type StoreStock = z.infer<typeof StoreStock>;

export const ProductStock = z.object({
  product: ProductHit.omit({ match: true }),
  /** Nearest first (when the customer's city is known), then most available. */
  stores: z.array(StoreStock),
  /** The customer's city the distances are measured from; null when unknown. */
  fromCity: z.string().nullable(),
});
export type ProductStock = z.infer<typeof ProductStock>;

export const StoreStockListInput = z.object({
  storeId: Id,
  q: z.string().trim().max(100).default(''),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).nullish(),
});
export type StoreStockListInput = z.input<typeof StoreStockListInput>;

export const StoreStockRow = z.object({
  productId: z.string(),
  sku: z.string(),
  name: z.string(),
  brand: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  updatedAt: z.iso.datetime(),
});
export type StoreStockRow = z.infer<typeof StoreStockRow>;

export const StoreStockPage = z.object({ items: z.array(StoreStockRow), nextCursor: z.string().nullable() });
export type StoreStockPage = z.infer<typeof StoreStockPage>;

export const StockCorrectInput = z.object({
  storeId: Id,
  productId: Id,
  /** The count on the shelf after the correction. */
  onHand: z.number().int().min(0).max(1_000_000),
  /** What the count was when the person looked: a concurrent change is refused with CONFLICT. */
  expectedOnHand: z.number().int().min(0),
  reason: z.string().trim().min(3).max(300),
});
export type StockCorrectInput = z.input<typeof StockCorrectInput>;

/** Pushed after every committed change of a stock level, to every desk that can see that store. */
export const StockChanged = z.object({
  storeId: z.string(),
  productId: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  source: z.union([StockMovementSource, z.literal('reservation')]),
});
export type StockChanged = z.infer<typeof StockChanged>;

// ── Import from the ERP/POS ───────────────────────────────────────────────────────────────────────────

/** One row of a stock file: store code, SKU and the count on hand (absolute, so a re-import changes nothing). */
export const StockCsvRow = z.object({
  store: z.string().trim().min(1, 'required').max(50),
  sku: z.string().trim().min(1, 'required').max(100),
  on_hand: z
    .string()
    .trim()
    .regex(/^\d+$/, 'not a whole non-negative number')
    .transform(Number)
    .pipe(z.number().int().max(1_000_000)),
});
export type StockCsvRow = z.infer<typeof StockCsvRow>;

export const StockRejection = z.object({
  /** 1-based line in the file (the header is line 1). */
  line: z.number().int(),
  reason: z.enum(['wrong_columns', 'invalid_value', 'unknown_store', 'unknown_sku', 'duplicate_row', 'too_many_columns']),
  message: z.string(),
  /** The offending column, when one is to blame. */
  column: z.string().nullable(),
});
export type StockRejection = z.infer<typeof StockRejection>;

export const StockImportReport = z.object({
  id: z.string(),
  fileName: z.string(),
  dryRun: z.boolean(),
  status: z.enum(['running', 'done', 'failed']),
  encoding: z.string().nullable(),
  totalRows: z.number().int(),
  appliedRows: z.number().int(),
  unchangedRows: z.number().int(),
  rejectedRows: z.number().int(),
  /** The first rejections (the report keeps up to 1,000). */
  rejections: z.array(StockRejection),
  /** A file with the same content was imported before (nothing changes on a re-import). */
  sameAsImportId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type StockImportReport = z.infer<typeof StockImportReport>;

/** Pushed to the desk that runs an import while it runs. */
export const StockImportProgress = z.object({ importId: z.string(), processedRows: z.number().int(), totalRows: z.number().int() });
export type StockImportProgress = z.infer<typeof StockImportProgress>;

/** `POST /api/v1/stock`: incremental updates from the ERP/POS, absolute counts or deltas. */
export const StockUpdateInput = z.object({
  updates: z
    .array(
      z.union([
        z.object({ store: z.string().trim().min(1).max(50), sku: z.string().trim().min(1).max(100), onHand: z.number().int().min(0).max(1_000_000) }).strict(),
        z.object({ store: z.string().trim().min(1).max(50), sku: z.string().trim().min(1).max(100), delta: z.number().int().min(-1_000_000).max(1_000_000) }).strict(),
      ]),
    )
    .min(1)
    .max(5000),
}).meta({ description: 'Counts per store (by store code) and product (by SKU): an absolute onHand, or a delta such as -1 for a sale' });
export type StockUpdateInput = z.infer<typeof StockUpdateInput>;

/** What happened to each update of a `POST /api/v1/stock`, in the order sent. */
export const StockUpdateOutcome = z.object({
  store: z.string(),
  sku: z.string(),
  status: z
    .enum(['applied', 'unchanged', 'unknown_store', 'unknown_sku', 'negative'])
    .meta({ description: 'applied: the count changed; unchanged: it already was that; negative: the delta would take it below zero, nothing changed' }),
  /** The count on hand after the update (before it, for a refused delta); null for an unknown store or SKU. */
  onHand: z.number().int().nullable(),
});
export type StockUpdateOutcome = z.infer<typeof StockUpdateOutcome>;

export const StockUpdateResult = z
  .object({ applied: z.number().int(), results: z.array(StockUpdateOutcome) })
  .meta({ description: 'Every update is applied or refused on its own; applied counts those that changed a count' });
export type StockUpdateResult = z.infer<typeof StockUpdateResult>;

/** `POST /api/stock/import?fileName=…&dryRun=…`: the desk uploads a stock file as the raw request body. */
export const StockImportQuery = z.object({
  fileName: z.string().trim().min(1, 'required').max(255),
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export type StockImportQuery = z.input<typeof StockImportQuery>;
