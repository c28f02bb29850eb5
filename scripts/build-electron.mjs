// Bundles the Electron shell with esbuild (works without the Electron binary):
//   main/electron.ts     → dist/electron/main.cjs     (main process: the shell + the in-process hub)
//   main/server/services/inbox/ingestWorker.ts → dist/electron/ingest-worker.cjs (the hub's ingest thread)
//   main/preload/index.ts → dist/electron/preload.cjs  (sandboxed preload: self-contained, only `electron` external)
// The main bundle inlines our own TypeScript — including Prisma's generated client (TS ESM in
// main/server/db/generated) — and leaves every npm package external: they ship in the app's node_modules
// (electron-builder packs the production dependencies), native libsql binaries included.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'electron');
const logLevel = process.argv.includes('--quiet') ? 'warning' : 'info';

/** Leaves npm packages to node_modules; Prisma's query compiler is imported as .mjs by the generated
 *  client, so point it at the CommonJS twin the package ships beside it. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (path.isAbsolute(args.path)) return undefined;
      const prismaRuntime = /^(@prisma\/client\/runtime\/.+)\.mjs$/.exec(args.path);
      if (prismaRuntime) return { path: `${prismaRuntime[1]}.js`, external: true };
      return { path: args.path, external: true };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  logLevel,
  absWorkingDir: root,
  legalComments: 'none',
};

rmSync(outdir, { recursive: true, force: true });

const bundles = Promise.all([
  build({
    ...common,
    // The hub's worker threads are bundled beside it (main/server/workerThread.ts finds them there).
    entryPoints: { main: 'main/electron.ts', 'ingest-worker': 'main/server/services/inbox/ingestWorker.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    plugins: [externalPackages],
    // ESM-only globals, mapped to their CommonJS equivalents.
    define: {
      'import.meta.url': '__threadlineImportMetaUrl',
      'import.meta.dirname': '__dirname',
      'import.meta.filename': '__filename',
    },
    banner: { js: "const __threadlineImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  build({
    ...common,
    entryPoints: { preload: 'main/preload/index.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    // A sandboxed preload can require only `electron` (and a few polyfilled modules): bundle the rest.
    external: ['electron'],
    minify: true,
  }),
]);

try {
  await bundles;
} catch {
  // esbuild has already printed the errors; leave no half-built shell behind.
  rmSync(outdir, { recursive: true, force: true });
  console.error('build-electron: bundling failed');
  process.exit(1);
}
