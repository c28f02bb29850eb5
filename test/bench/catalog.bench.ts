// Catalogue search over 50,000 products (the demo's real model lines in variants: brands, models, memory,
// colours, Cyrillic and Latin names, article numbers and EAN-13 barcodes) with stock in 20 stores: p50/p95
// of catalog.search (index lookup + one SQL sum of stock per page) for a mix of queries as agents type them
// — names, brands, SKUs, barcodes, pieces of words, typos, the wrong keyboard layout, both at once.
// Baseline in the same run: the plain indexed SQL an exact SKU lookup costs (`WHERE sku = ?`).
import { createClient } from '@libsql/client';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { switchLayout } from '../../common/domain/keyboardLayout.ts';
import { openDatabase } from '../../main/server/db/client.ts';
import { newRowId, sqlInstant } from '../../main/server/db/sqlValues.ts';
import { buildCatalog } from '../../main/server/demo/catalog.ts';
import { STORES } from '../../main/server/demo/geography.ts';
import { Random } from '../../main/server/demo/random.ts';
import { catalogIndex, searchCatalog } from '../../main/server/services/commerce/catalog/search.ts';
import { distribution, sample, scaled, tempDatabase, timed, type BenchResult } from './harness.ts';

export const name = 'catalog';
export const description = 'catalogue search over 50k products (names, SKUs, barcodes, typos, wrong layout): p50/p95 vs an indexed SQL SKU lookup';

const ITERATIONS = 600;
const COLOURS = ['черный', 'белый', 'серый', 'синий', 'зеленый', 'серебристый', 'графитовый', 'розовый'];

export async function run(): Promise<BenchResult> {
  const target = await tempDatabase('catalog');
  const raw = createClient({ url: target.url });
  const db = await openDatabase(target.url);
  try {
    const count = scaled(50_000);
    const random = new Random(2026);
    const lines = buildCatalog(random, 5_000);
    const now = sqlInstant(new Date());
    // Variants of the real lines: a model year or revision code and a colour, as retail catalogues list them.
    const products = Array.from({ length: count }, (_, i) => {
      const base = lines[i % lines.length]!;
      const revision = `${String.fromCharCode(65 + (i % 26))}${(i * 7919) % 1000}`;
      const colour = COLOURS[(i * 31) % COLOURS.length]!;
      return {
        id: newRowId(),
        sku: String(6_000_000 + i),
        barcode: `46${String(1_000_000_000 + i * 37).padStart(10, '0')}${i % 10}`,
        name: `${base.name} ${revision} ${colour}`,
        brand: base.brand,
        category: base.category,
        priceKopecks: base.priceKopecks,
      };
    });
    const storeIds = STORES.map(() => newRowId());
    await raw.batch(
      [
        ...STORES.map((s, i) => ({
          sql: 'INSERT INTO Store (id, code, name, address, city, latitude, longitude, timeZone, openingHours, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          args: [storeIds[i]!, s.code, s.name, s.address, s.city, s.latitude, s.longitude, 'Europe/Moscow', JSON.stringify(s.openingHours), now],
        })),
        ...products.map((p) => ({
          sql: 'INSERT INTO Product (id, sku, barcode, name, brand, category, priceKopecks, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          args: [p.id, p.sku, p.barcode, p.name, p.brand, p.category, p.priceKopecks, now, now],
        })),
        // Each product stocked in 4 of the 20 stores: 200,000 levels to sum.
        ...products.flatMap((p, i) =>
          [0, 5, 10, 15].map((k) => ({
            sql: 'INSERT INTO StockLevel (storeId, productId, onHand, reserved, updatedAt) VALUES (?, ?, ?, ?, ?)',
            args: [storeIds[(i + k) % STORES.length]!, p.id, (i + k) % 13, (i + k) % 3, now],
          })),
        ),
      ],
      'write',
    );

    // How long the build holds the hub's thread at a stretch: the event loop's worst delay meanwhile.
    const stall = monitorEventLoopDelay({ resolution: 1 });
    stall.enable();
    const build = await timed(() => catalogIndex(db));
    stall.disable();
    const mid = products[Math.floor(count / 2)]!;
    const queries: Array<{ kind: string; q: string }> = [
      { kind: 'words', q: 'rtx 4070 super' },
      { kind: 'words', q: 'видеокарта palit 4060' },
      { kind: 'words', q: 'iphone 15 черный' },
      { kind: 'brand', q: 'samsung' },
      { kind: 'sku', q: mid.sku },
      { kind: 'barcode', q: mid.barcode },
      { kind: 'piece', q: 'карта' },
      { kind: 'piece', q: 'ноутб' },
      { kind: 'typo', q: 'видиокарта' },
      { kind: 'typo', q: 'samsnug galaxy' },
      { kind: 'layout', q: switchLayout('карта памяти') },
      { kind: 'layout', q: switchLayout('asus') },
      { kind: 'layout+typo', q: 'мшвуф' },
      { kind: 'layout+typo', q: switchLayout('ноутбк lenovo') },
    ];
    const empty = [];
    for (const { q } of queries) if ((await searchCatalog(db, { q, limit: 20 })).items.length === 0) empty.push(q);
    if (empty.length > 0) throw new Error(`no hits for ${empty.join(', ')}`);

    const service = await sample((i) => searchCatalog(db, { q: queries[i % queries.length]!.q, limit: 20 }), { iterations: ITERATIONS, warmup: queries.length });
    const skus = products.map((p) => p.sku);
    const baseline = await sample((i) => raw.execute({ sql: 'SELECT id, sku, name, priceKopecks FROM Product WHERE sku = ?', args: [skus[(i * 7919) % skus.length]!] }), {
      iterations: ITERATIONS,
      warmup: 20,
    });
    const perKind = new Map<string, number[]>();
    for (const { kind, q } of queries) {
      const times = await sample(() => searchCatalog(db, { q, limit: 20 }), { iterations: 20, warmup: 2 });
      perKind.set(kind, [...(perKind.get(kind) ?? []), ...times]);
    }

    const s = distribution(service);
    const b = distribution(baseline);
    return {
      figures: [
        { metric: 'search, query mix p50', value: s.p50, unit: 'ms', baseline: b.p50 },
        { metric: 'search, query mix p95', value: s.p95, unit: 'ms', baseline: b.p95 },
        ...[...perKind].map(([kind, times]) => ({ metric: `p95 ${kind}`, value: distribution(times).p95, unit: 'ms' })),
        { metric: 'index build (at start, or first search)', value: build.ms, unit: 'ms' },
        { metric: 'longest event-loop stall during the build', value: stall.max / 1e6, unit: 'ms' },
      ],
      notes: [
        `${count.toLocaleString('en-US')} products, ${STORES.length} stores, ${(count * 4).toLocaleString('en-US')} stock levels; ${ITERATIONS} searches cycling ${queries.length} queries, limit 20`,
        'raw: SELECT … FROM Product WHERE sku = ? over @libsql/client (unique index), the cheapest lookup a search could be',
      ],
    };
  } finally {
    raw.close();
    await db.$disconnect();
    target.remove();
  }
}
