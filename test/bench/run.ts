// `npm run bench` runs every test/bench/*.bench.ts in turn; `npm run bench -- <name>` only the one whose
// name (or file name) matches. Each prints a table of its figures beside a raw baseline from the same run.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BenchModule, benchScale, formatTable } from './harness.ts';

const benchDir = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .sort();

const benches: (BenchModule & { file: string })[] = [];
for (const file of files) {
  const parsed = BenchModule.safeParse(await import(pathToFileURL(join(benchDir, file)).href));
  if (!parsed.success) {
    console.error(`bench: ${file} does not export { name, description, run }: ${parsed.error.issues[0]?.message}`);
    process.exit(2);
  }
  benches.push({ ...parsed.data, file: file.replace(/\.bench\.ts$/, '') });
}

const wanted = process.argv.slice(2).filter((arg) => arg !== '--');
const selected =
  wanted.length === 0
    ? benches
    : benches.filter((b) => wanted.some((w) => b.name === w || b.file === w || b.name.includes(w)));
if (selected.length === 0) {
  console.error(`bench: nothing matches ${wanted.join(', ')}; available: ${benches.map((b) => b.name).join(', ')}`);
  process.exit(2);
}

console.log(`BENCH_SCALE=${benchScale()} · node ${process.version} · ${selected.length} bench(es)\n`);
for (const bench of selected) {
  console.log(`▶ ${bench.name} — ${bench.description}`);
  const start = performance.now();
  try {
    const result = await bench.run();
    console.log(formatTable(result));
    console.log(`  (${((performance.now() - start) / 1000).toFixed(1)} s)\n`);
  } catch (error) {
    console.error(`✗ ${bench.name} failed: ${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  }
}
