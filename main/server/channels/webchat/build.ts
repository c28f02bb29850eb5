// The widget's bundle. `npm run build` prebuilds it (scripts/build-widget.ts) into dist/webchat, which the
// packaged app ships and the hub serves; a packaged app could not run esbuild. Only a hub run from source
// without that build (the integration tests, a fresh checkout) builds it on first request instead.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BuiltWidget {
  code: string;
  etag: string;
}

/** Where the prebuilt bundle lives, relative to the app's root (the folder holding package.json). */
export const WIDGET_BUNDLE = join('dist', 'webchat', 'widget.js');

const WIDGET_ENTRY = fileURLToPath(new URL('./widget/main.ts', import.meta.url));

/** The app's root: found upwards, because this module runs from source and from the Electron bundle alike. */
function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

/** Bundles the widget from its TypeScript source; esbuild is loaded only here, so serving a prebuilt file never needs it. */
export async function bundleWidget(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [WIDGET_ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

let built: Promise<BuiltWidget> | null = null;

export function loadWidget(): Promise<BuiltWidget> {
  built ??= (async () => {
    const prebuilt = join(appRoot(), WIDGET_BUNDLE);
    const code = existsSync(prebuilt)
      ? readFileSync(prebuilt, 'utf8')
      : await bundleWidget().catch((error: Error) => {
          throw new Error(`The web chat widget is not built (${prebuilt} is missing; run npm run build:renderer): ${error.message}`, { cause: error });
        });
    return { code, etag: `"${createHash('sha256').update(code).digest('base64url').slice(0, 27)}"` };
  })();
  // A failed build is retried on the next request instead of being cached.
  built.catch(() => (built = null));
  return built;
}
