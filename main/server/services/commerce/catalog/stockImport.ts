// A stock file from the ERP/POS (store code, SKU, count on hand per line) applied to the stores' stock.
// Every line is judged on its own: a bad line is reported with its number, column and reason and skipped,
// the good ones are applied in batches, and a line is never half-applied (one line is one level). A file
// whose header is wrong is refused whole: its columns cannot be trusted for any line.
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { parse, type CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import { StockCsvRow, type StockImportReport, type StockRejection } from '../../../../../common/api/catalog.ts';
import type { Db } from '../../../db/client.ts';
import type { Clock } from '../../../jobs/clock.ts';
import type { Realtime } from '../../../realtime/broadcast.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { audit } from '../../audit/audit.ts';
import { earlierImportOf, presentImport } from './importReports.ts';
import { publishStockChanges, type CommittedLevel } from './publish.ts';
import type { LevelUpdate, StockWriter } from './stockWriter.ts';

/** The largest file the desk may upload (the HTTP body limit of the import route). */
export const STOCK_FILE_MAX_BYTES = 64 * 1024 * 1024;
/** Lines per transaction: big enough to amortise the commit, small enough to keep desks' writes waiting briefly. */
const BATCH_ROWS = 2000;
/** Rejections kept in the stored report; the count covers all of them. */
const MAX_REPORTED = 1000;
const PROGRESS_EVERY_ROWS = 5000;
const PROGRESS_EVERY_MS = 250;
/** Parsing and local SQLite calls never wait on I/O: every so many lines the import lets the hub serve others. */
const YIELD_EVERY_ROWS = 1000;

const COLUMNS = ['store', 'sku', 'on_hand'] as const;
type Column = (typeof COLUMNS)[number];

export interface StockImportDeps {
  db: Db;
  writer: StockWriter;
  realtime: Pick<Realtime, 'stockChanged' | 'stockImportProgress'>;
  clock: Clock;
}

export interface StockFile {
  fileName: string;
  bytes: Buffer;
  dryRun: boolean;
}

export type FileEncoding = 'utf-8' | 'windows-1251';

/** UTF-8 (with or without a BOM) when the bytes are valid UTF-8; otherwise the Windows Cyrillic code page Russian ERPs export. */
export function detectEncoding(bytes: Buffer): FileEncoding {
  return isUtf8(bytes) ? 'utf-8' : 'windows-1251';
}

/** Excel in a Russian locale writes `;`, most exports `,`: whichever the header line has more of. */
export function detectDelimiter(headerLine: string): ';' | ',' {
  const count = (ch: string) => headerLine.split(ch).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** The header line, for delimiter detection (column names are ASCII, so any single-byte reading will do). */
function firstLine(bytes: Buffer): string {
  const end = bytes.indexOf(0x0a);
  return bytes.subarray(0, end < 0 ? Math.min(bytes.length, 4096) : Math.min(end, 4096)).toString('latin1');
}

/** Lines after the header, counted before parsing so progress has a total from the start. */
function estimateRows(bytes: Buffer): number {
  let lines = 0;
  for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, at + 1)) lines++;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) lines++;
  return Math.max(0, lines - 1);
}

type HeaderCheck = { ok: true; positions: Record<Column, number> } | { ok: false; message: string };

export function checkHeader(fields: string[]): HeaderCheck {
  const names = fields.map((f) => f.trim().toLowerCase());
  const positions = {} as Record<Column, number>;
  for (const column of COLUMNS) positions[column] = names.indexOf(column);
  const missing = COLUMNS.filter((c) => positions[c] < 0);
  const extra = names.filter((n) => !(COLUMNS as readonly string[]).includes(n));
  const repeated = COLUMNS.filter((c) => names.filter((n) => n === c).length > 1);
  if (missing.length === 0 && extra.length === 0 && repeated.length === 0) return { ok: true, positions };
  const found = fields.length > 0 ? fields.map((f) => f.trim()).join(', ') : 'nothing';
  const problems = [
    missing.length > 0 ? `missing ${missing.join(', ')}` : null,
    extra.length > 0 ? `unexpected ${extra.join(', ')}` : null,
    repeated.length > 0 ? `repeated ${repeated.join(', ')}` : null,
  ].filter(Boolean);
  return { ok: false, message: `The header must have exactly the columns store, sku, on_hand (in any order); found ${found} (${problems.join('; ')})` };
}

interface Tally {
  totalRows: number;
  appliedRows: number;
  unchangedRows: number;
  rejectedRows: number;
  rejections: StockRejection[];
  failedHeader: boolean;
}

const shown = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

export async function importStockFile(deps: StockImportDeps, viewer: Viewer, file: StockFile): Promise<StockImportReport> {
  const { db, clock } = deps;
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const encoding = detectEncoding(file.bytes);
  const row = await db.stockImport.create({
    data: { fileName: file.fileName, sha256, dryRun: file.dryRun, encoding, byUserId: viewer.userId, createdAt: clock.now() },
  });

  let tally: Tally;
  let failure: unknown = null;
  try {
    tally = await applyFile(deps, viewer, row.id, file, encoding);
  } catch (error) {
    failure = error;
    tally = { totalRows: 0, appliedRows: 0, unchangedRows: 0, rejectedRows: 0, rejections: [], failedHeader: false };
  }
  const status = failure || tally.failedHeader ? 'failed' : 'done';
  const saved = await db.stockImport.update({
    where: { id: row.id },
    data: {
      status,
      totalRows: tally.totalRows,
      appliedRows: tally.appliedRows,
      unchangedRows: tally.unchangedRows,
      rejectedRows: tally.rejectedRows,
      report: JSON.stringify(tally.rejections),
      finishedAt: clock.now(),
    },
  });
  await audit(db, viewer, {
    action: file.dryRun ? 'stock.import_dry_run' : 'stock.import',
    subjectType: 'stock_import',
    subjectId: row.id,
    details: {
      fileName: file.fileName,
      sha256,
      bytes: file.bytes.length,
      encoding,
      status,
      totalRows: tally.totalRows,
      appliedRows: tally.appliedRows,
      unchangedRows: tally.unchangedRows,
      rejectedRows: tally.rejectedRows,
      ...(failure ? { error: String((failure as Error).message ?? failure).slice(0, 300) } : {}),
    },
  });
  // Lines applied before a failure stay applied (each is whole); the caller still learns that it failed.
  if (failure) throw failure;
  return presentImport(saved, await earlierImportOf(db, saved));
}

async function applyFile(deps: StockImportDeps, viewer: Viewer, importId: string, file: StockFile, encoding: FileEncoding): Promise<Tally> {
  const { db, writer, realtime, clock } = deps;
  const tally: Tally = { totalRows: 0, appliedRows: 0, unchangedRows: 0, rejectedRows: 0, rejections: [], failedHeader: false };
  const reject = (line: number, reason: StockRejection['reason'], column: string | null, message: string) => {
    tally.rejectedRows++;
    if (tally.rejections.length < MAX_REPORTED) tally.rejections.push({ line, reason, column, message });
  };

  // Every store code and SKU once, not a query per line.
  const [stores, products] = await Promise.all([db.store.findMany({ select: { id: true, code: true } }), db.product.findMany({ select: { id: true, sku: true } })]);
  const storeByCode = new Map(stores.map((s) => [s.code.toUpperCase(), s.id]));
  const productBySku = new Map(products.map((p) => [p.sku, p.id]));

  const estimated = estimateRows(file.bytes);
  let processed = 0;
  let lastPush = { rows: 0, at: 0 };
  const progress = (force = false) => {
    const now = Date.now();
    if (!force && processed - lastPush.rows < PROGRESS_EVERY_ROWS && now - lastPush.at < PROGRESS_EVERY_MS) return;
    lastPush = { rows: processed, at: now };
    realtime.stockImportProgress(viewer.userId, { importId, processedRows: processed, totalRows: Math.max(estimated, processed) });
  };

  let batch: Array<LevelUpdate & { onHand: number }> = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const outcomes = await writer.apply(batch, { source: 'import', importId, byUserId: viewer.userId }, clock.now(), { dryRun: file.dryRun });
    const changed: CommittedLevel[] = [];
    for (const outcome of outcomes) {
      if (outcome.kind === 'changed') {
        tally.appliedRows++;
        changed.push(outcome.level);
      } else tally.unchangedRows++;
    }
    if (!file.dryRun) publishStockChanges(realtime, changed, 'import');
    batch = [];
  };

  const source = Readable.from(chunksOf(file.bytes));
  const text = encoding === 'windows-1251' ? source.pipe(iconv.decodeStream('win1251')) : source;
  const parser = text.pipe(
    parse({
      delimiter: detectDelimiter(firstLine(file.bytes)),
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      info: true,
      on_skip: (error: CsvError | undefined) => {
        // A line the CSV grammar cannot read (an unclosed quote): reported, and the rest goes on.
        if (!error) return undefined;
        tally.totalRows++;
        reject(Number((error as { lines?: number }).lines ?? 0), 'invalid_value', null, `Not readable as CSV: ${error.message}`);
        return undefined;
      },
    }),
  );

  let positions: Record<Column, number> | null = null;
  const seen = new Map<string, number>();
  for await (const { record: fields, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const line = info.lines;
    if (!positions) {
      const header = checkHeader(fields);
      if (!header.ok) {
        refuseFile(tally, line, header.message, estimated);
        return tally;
      }
      positions = header.positions;
      continue;
    }
    tally.totalRows++;
    processed++;
    if (processed % YIELD_EVERY_ROWS === 0) {
      progress();
      // Desks' commands, socket.io heartbeats and webhooks wait for this turn of the event loop.
      await nextMacrotask();
    }

    if (fields.length > COLUMNS.length) {
      reject(line, 'too_many_columns', null, `Expected ${COLUMNS.length} values, found ${fields.length}`);
      continue;
    }
    if (fields.length < COLUMNS.length) {
      reject(line, 'wrong_columns', null, `Expected ${COLUMNS.length} values, found ${fields.length}`);
      continue;
    }
    const raw = { store: fields[positions.store]!, sku: fields[positions.sku]!, on_hand: fields[positions.on_hand]! };
    const parsed = StockCsvRow.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const column = String(issue.path[0] ?? '') as Column;
      reject(line, 'invalid_value', column || null, `${column} «${shown(raw[column] ?? '')}»: ${issue.message}`);
      continue;
    }
    const storeId = storeByCode.get(parsed.data.store.toUpperCase());
    if (!storeId) {
      reject(line, 'unknown_store', 'store', `No store with the code «${shown(parsed.data.store)}»`);
      continue;
    }
    const productId = productBySku.get(parsed.data.sku);
    if (!productId) {
      reject(line, 'unknown_sku', 'sku', `No product with the SKU «${shown(parsed.data.sku)}»`);
      continue;
    }
    const key = `${storeId}\u0000${productId}`;
    const first = seen.get(key);
    if (first !== undefined) {
      reject(line, 'duplicate_row', null, `The same store and SKU as line ${first}; only line ${first} is applied`);
      continue;
    }
    seen.set(key, line);
    batch.push({ storeId, productId, onHand: parsed.data.on_hand });
    if (batch.length >= BATCH_ROWS) await flush();
  }
  if (!positions) {
    refuseFile(tally, 1, 'The file is empty: expected a header with the columns store, sku, on_hand', 0);
    return tally;
  }
  await flush();
  progress(true);
  return tally;
}

/** A wrong header: every line is refused, with one explanation for all of them. */
function refuseFile(tally: Tally, line: number, message: string, rows: number): void {
  tally.failedHeader = true;
  tally.totalRows = rows;
  tally.rejectedRows = rows;
  tally.rejections = [{ line, reason: 'wrong_columns', column: null, message }];
}

/** The file as a stream of 1 MB pieces, so parsing starts at once and never copies the whole of it. */
function* chunksOf(bytes: Buffer): Generator<Buffer> {
  const size = 1024 * 1024;
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}
