// Stock import from the ERP/POS: a 100,000-line CSV (20 demo stores × 5,000 of 50,000 products) through
// the real import service — parse, validate, resolve, compare, write levels and movements, push — then the
// same file again (every line unchanged), then a 50 MB file (the valid lines plus unknown SKUs up to 50 MB,
// every line parsed and judged). Baseline: the same 100,000 StockLevel rows inserted over @libsql/client
// one statement per row in one transaction, measured in the same run.
import { createClient } from '@libsql/client';
import type { StockChanged, StockImportProgress } from '../../common/api/catalog.ts';
import { openDatabase } from '../../main/server/db/client.ts';
import { newRowId, sqlInstant } from '../../main/server/db/sqlValues.ts';
import { STORES } from '../../main/server/demo/geography.ts';
import { systemClock } from '../../main/server/jobs/clock.ts';
import type { Viewer } from '../../main/server/services/auth/viewer.ts';
import { importStockFile } from '../../main/server/services/commerce/catalog/stockImport.ts';
import { openStockWriter } from '../../main/server/services/commerce/catalog/stockWriter.ts';
import { scaled, tempDatabase, timed, type BenchResult } from './harness.ts';

export const name = 'stockImport';
export const description = 'stock CSV import (100k lines, 20 stores × 5k of 50k products; re-import; 50 MB file): lines/s vs raw libsql inserts';

const PRODUCTS = 50_000;
const BIG_FILE_BYTES = 50 * 1024 * 1024;

export async function run(): Promise<BenchResult> {
  const target = await tempDatabase('stock-import');
  const raw = createClient({ url: target.url });
  const db = await openDatabase(target.url);
  const writer = openStockWriter(target.url);
  try {
    const perStore = scaled(5_000);
    const lines = STORES.length * perStore;
    const now = sqlInstant(new Date());
    const storeIds = STORES.map(() => newRowId());
    const skus = Array.from({ length: PRODUCTS }, (_, i) => String(5_000_000 + i));
    const productIds = skus.map(() => newRowId());
    await raw.batch(
      [
        ...STORES.map((s, i) => ({
          sql: 'INSERT INTO Store (id, code, name, address, city, latitude, longitude, timeZone, openingHours, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          args: [storeIds[i]!, s.code, s.name, s.address, s.city, s.latitude, s.longitude, 'Europe/Moscow', JSON.stringify(s.openingHours), now],
        })),
        ...skus.map((sku, i) => ({
          sql: 'INSERT INTO Product (id, sku, barcode, name, brand, category, priceKopecks, createdAt, updatedAt) VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?)',
          args: [productIds[i]!, sku, `Товар ${sku}`, 'Bench', 'accessory', 99_900, now, now],
        })),
      ],
      'write',
    );
    const user = await db.user.create({ data: { email: 'bench@local', displayName: 'Bench', role: 'admin', passwordHash: 'x' } });
    const viewer: Viewer = { userId: user.id, role: 'admin', storeId: null, sessionId: 'bench', ip: null };

    // Every store gets a different slice of the catalogue, so lines are distinct store × product pairs.
    const rows: string[] = ['store;sku;on_hand'];
    STORES.forEach((store, s) => {
      for (let i = 0; i < perStore; i++) rows.push(`${store.code};${skus[(s * 2_371 + i) % PRODUCTS]};${(i * 7 + s) % 50}`);
    });
    const file = Buffer.from(`${rows.join('\n')}\n`);

    let pushes = 0;
    let progress = 0;
    const realtime = {
      stockChanged: (changes: StockChanged[]) => void (pushes += changes.length),
      stockImportProgress: (_user: string, _p: StockImportProgress) => void progress++,
    };
    const deps = { db, writer, realtime, clock: systemClock };

    const first = await timed(() => importStockFile(deps, viewer, { fileName: 'bench.csv', bytes: file, dryRun: false }));
    if (first.value.appliedRows + first.value.unchangedRows !== lines) throw new Error(`import applied ${first.value.appliedRows} + ${first.value.unchangedRows} of ${lines}`);
    const again = await timed(() => importStockFile(deps, viewer, { fileName: 'bench.csv', bytes: file, dryRun: false }));
    if (again.value.unchangedRows !== lines || !again.value.sameAsImportId) throw new Error('re-import changed something');

    // The 50 MB file: the same lines, then lines naming unknown SKUs until the file is 50 MB.
    const padding: string[] = [];
    let size = file.length;
    for (let i = 0; size < BIG_FILE_BYTES * Math.min(1, scaled(100) / 100); i++) {
      const line = `${STORES[i % STORES.length]!.code};UNKNOWN-${String(i).padStart(12, '0')}-${'X'.repeat(40)};${i % 90}\n`;
      padding.push(line);
      size += Buffer.byteLength(line);
    }
    const big = Buffer.concat([file, Buffer.from(padding.join(''))]);
    const heapBefore = process.memoryUsage().rss;
    const bigRun = await timed(() => importStockFile(deps, viewer, { fileName: 'big.csv', bytes: big, dryRun: false }));
    const rssGrowthMb = (process.memoryUsage().rss - heapBefore) / (1024 * 1024);
    const bigLines = rows.length - 1 + padding.length;
    if (bigRun.value.totalRows !== bigLines) throw new Error(`50 MB file: ${bigRun.value.totalRows} of ${bigLines} lines`);

    // Raw baseline: the same rows as bare INSERTs, one statement per row, one transaction.
    await raw.execute('DELETE FROM StockLevel');
    const levels = rows.slice(1).map((line) => line.split(';'));
    const storeByCode = new Map(STORES.map((s, i) => [s.code, storeIds[i]!]));
    const productBySku = new Map(skus.map((sku, i) => [sku, productIds[i]!]));
    const baseline = await timed(async () => {
      const tx = await raw.transaction('write');
      for (const [code, sku, onHand] of levels) {
        await tx.execute({
          sql: 'INSERT INTO StockLevel (storeId, productId, onHand, reserved, updatedAt) VALUES (?, ?, ?, 0, ?)',
          args: [storeByCode.get(code!)!, productBySku.get(sku!)!, Number(onHand), now],
        });
      }
      await tx.commit();
    });

    const perSecond = (count: number, ms: number) => (count / ms) * 1000;
    return {
      figures: [
        { metric: 'import, 100k new lines', value: perSecond(lines, first.ms), unit: 'lines/s', baseline: perSecond(lines, baseline.ms) },
        { metric: 'import, 100k new lines', value: first.ms, unit: 'ms', baseline: baseline.ms },
        { metric: 're-import, all unchanged', value: perSecond(lines, again.ms), unit: 'lines/s', baseline: perSecond(lines, baseline.ms) },
        { metric: `${(big.length / (1024 * 1024)).toFixed(0)} MB file, ${bigLines.toLocaleString('en-US')} lines`, value: perSecond(bigLines, bigRun.ms), unit: 'lines/s' },
        { metric: `${(big.length / (1024 * 1024)).toFixed(0)} MB file`, value: bigRun.ms, unit: 'ms' },
        { metric: `${(big.length / (1024 * 1024)).toFixed(0)} MB file, RSS growth`, value: rssGrowthMb, unit: 'MB' },
      ],
      notes: [
        `${lines.toLocaleString('en-US')} lines, ${(file.length / 1024 / 1024).toFixed(1)} MB; ${first.value.appliedRows.toLocaleString('en-US')} levels and movements written; ${pushes.toLocaleString('en-US')} stock.changed entries and ${progress} progress pushes over the three imports`,
        `50 MB file: ${bigRun.value.rejectedRows.toLocaleString('en-US')} unknown-SKU lines rejected (report keeps ${bigRun.value.rejections.length})`,
        'raw: the same StockLevel rows as one INSERT per row in one @libsql/client transaction (no parsing, no comparison, no movements)',
      ],
    };
  } finally {
    await writer.close();
    raw.close();
    await db.$disconnect();
    target.remove();
  }
}
