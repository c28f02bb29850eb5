// The stored reports of stock imports: Settings → Stock import lists the latest and opens one.
import { StockRejection, type StockImportReport } from '../../../../../common/api/catalog.ts';
import type { Db } from '../../../db/client.ts';
import { notFound } from '../../../errors.ts';

type ImportRow = NonNullable<Awaited<ReturnType<Db['stockImport']['findUnique']>>>;

/** How many imports the list shows. */
const RECENT = 20;

export function presentImport(row: ImportRow, sameAsImportId: string | null): StockImportReport {
  const rejections = StockRejection.array().safeParse(JSON.parse(row.report || '[]'));
  return {
    id: row.id,
    fileName: row.fileName,
    dryRun: row.dryRun,
    status: row.status === 'done' || row.status === 'failed' ? row.status : 'running',
    encoding: row.encoding,
    totalRows: row.totalRows,
    appliedRows: row.appliedRows,
    unchangedRows: row.unchangedRows,
    rejectedRows: row.rejectedRows,
    rejections: rejections.success ? rejections.data : [],
    sameAsImportId,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** The latest applied import of the same file before this one: a re-import of it changes nothing. */
export async function earlierImportOf(db: Db, row: Pick<ImportRow, 'id' | 'sha256' | 'createdAt'>): Promise<string | null> {
  const earlier = await db.stockImport.findFirst({
    where: { sha256: row.sha256, dryRun: false, status: 'done', id: { not: row.id }, createdAt: { lte: row.createdAt } },
    orderBy: { createdAt: 'desc' },
    select: { id: true },
  });
  return earlier?.id ?? null;
}

export async function listStockImports(db: Db): Promise<StockImportReport[]> {
  const rows = await db.stockImport.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: RECENT });
  // Earlier applied imports of the same files, in one query for the whole list.
  const applied = await db.stockImport.findMany({
    where: { sha256: { in: [...new Set(rows.map((r) => r.sha256))] }, dryRun: false, status: 'done' },
    orderBy: { createdAt: 'desc' },
    select: { id: true, sha256: true, createdAt: true },
  });
  return rows.map((row) =>
    presentImport(row, applied.find((a) => a.sha256 === row.sha256 && a.id !== row.id && a.createdAt <= row.createdAt)?.id ?? null),
  );
}

export async function getStockImport(db: Db, id: string): Promise<StockImportReport> {
  const row = await db.stockImport.findUnique({ where: { id } });
  if (!row) throw notFound('Stock import');
  return presentImport(row, await earlierImportOf(db, row));
}
