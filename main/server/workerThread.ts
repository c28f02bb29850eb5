// Starts one of the hub's worker threads from its TypeScript source (tsx: `npm run serve`, tests, benches)
// or from its bundle beside the Electron main bundle (scripts/build-electron.mjs writes `<name>.cjs`).
// Workers do not inherit tsx's loader hooks, so from source a bootstrap registers them first.
import { Worker } from 'node:worker_threads';

/** Every worker the hub runs: its bundle name and its source, relative to this file. */
const sources = {
  'ingest-worker': './services/inbox/ingestWorker.ts',
} as const;

export type WorkerName = keyof typeof sources;

export function startWorkerThread(name: WorkerName, workerData: unknown): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const entry = new URL(sources[name], here).href;
    const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
    return new Worker(bootstrap, { eval: true, workerData });
  }
  return new Worker(new URL(`./${name}.cjs`, here), { workerData });
}
