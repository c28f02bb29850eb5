// What every benchmark shares: the module contract, timing and percentiles, scaling by BENCH_SCALE,
// temp databases, and the table that prints each figure next to the raw baseline measured in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { migrate, readMigrations } from '../../main/server/db/migrator.ts';

export interface BenchFigure {
  metric: string;
  value: number;
  unit: string;
  /** The same figure for the raw baseline (bare SQL over @libsql/client), measured in the same run. */
  baseline?: number;
}

export interface BenchResult {
  figures: BenchFigure[];
  /** Context worth printing under the table: scale, data sizes, what the baseline is. */
  notes?: string[];
}

/** What a test/bench/*.bench.ts module exports. */
export const BenchModule = z.object({
  name: z.string().min(1),
  description: z.string().min(1),
  run: z.custom<() => Promise<BenchResult>>((value) => typeof value === 'function', 'must be a function'),
});
export type BenchModule = z.infer<typeof BenchModule>;

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export interface Distribution {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  n: number;
}

export function distribution(samples: readonly number[]): Distribution {
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    mean: samples.reduce((sum, s) => sum + s, 0) / samples.length,
    n: samples.length,
  };
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** Milliseconds of each of `iterations` calls, after `warmup` unmeasured ones (JIT, page cache). */
export async function sample(fn: (iteration: number) => Promise<unknown>, options: { iterations: number; warmup?: number }): Promise<number[]> {
  for (let i = 0; i < (options.warmup ?? 5); i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < options.iterations; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return samples;
}

const BenchScale = z.coerce.number().positive('must be a positive number').max(10, 'must be at most 10');

/** BENCH_SCALE (default 1) shrinks or grows the data sizes, e.g. 0.1 for a quick run. */
export function benchScale(): number {
  const parsed = BenchScale.safeParse(process.env.BENCH_SCALE ?? 1);
  if (!parsed.success) throw new Error(`BENCH_SCALE ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export const scaled = (full: number): number => Math.max(1, Math.round(full * benchScale()));

export interface TempDatabase {
  url: string;
  dir: string;
  remove(): void;
}

/** A migrated SQLite file in a fresh temp folder. */
export async function tempDatabase(label: string): Promise<TempDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `threadline-bench-${label}-`));
  const url = `file:${join(dir, 'bench.db')}`;
  await migrate(url, readMigrations(fileURLToPath(new URL('../../prisma/migrations', import.meta.url))));
  return { url, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function formatNumber(value: number): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** An aligned table: metric, value, unit, raw baseline and value ÷ baseline. */
export function formatTable(result: BenchResult): string {
  const header = ['metric', 'value', 'unit', 'raw', '÷ raw'];
  const rows = result.figures.map((f) => [
    f.metric,
    formatNumber(f.value),
    f.unit,
    f.baseline === undefined ? '' : formatNumber(f.baseline),
    f.baseline === undefined || f.baseline === 0 ? '' : `${(f.value / f.baseline).toFixed(2)}×`,
  ]);
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => (r[col] as string).length)));
  const leftAligned = new Set([0, 2]);
  const line = (cells: string[]) =>
    cells.map((cell, col) => (leftAligned.has(col) ? cell.padEnd(widths[col] as number) : cell.padStart(widths[col] as number))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line), ...(result.notes ?? []).map((n) => `  · ${n}`)].join('\n');
}

/** Runs `fn(0 … count-1)` with at most `concurrency` calls in flight; rejects on the first failure. */
export async function runPool(count: number, concurrency: number, fn: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await fn(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}

export interface LoopbackPost {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** POSTs every request with `concurrency` in flight from a worker thread; resolves with the wall time, throws on any non-200. */
export function postAllFromWorker(requests: readonly LoopbackPost[], concurrency: number): Promise<number> {
  return new Promise((resolve, reject) => {
    // Workers do not inherit tsx's loader hooks: the bootstrap registers them before loading TypeScript.
    const entry = new URL('./postWorker.ts', import.meta.url).href;
    const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
    const worker = new Worker(bootstrap, { eval: true, workerData: { requests, concurrency } });
    worker.once('message', (answer: { ms?: number; error?: string }) => (answer.error ? reject(new Error(answer.error)) : resolve(answer.ms!)));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`load worker exited with ${code}`)));
  });
}

/** One POST over node:http (keep-alive through `agent`), resolving with the status once the body is read. */
export function postLoopback(agent: Agent, url: string, headers: Record<string, string>, body: string): Promise<number> {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') return Promise.reject(new Error(`benchmarks only send to 127.0.0.1, not ${target.hostname}`));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { agent, host: target.hostname, port: target.port, path: target.pathname + target.search, method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`POST ${target.pathname} timed out`)));
    req.end(body);
  });
}
