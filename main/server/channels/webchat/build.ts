// The widget's bundle, built from its TypeScript source with esbuild on first request and kept in memory.
// esbuild is imported lazily so a hub that never serves the widget never loads it.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export interface BuiltWidget {
  code: string;
  etag: string;
}

let built: Promise<BuiltWidget> | null = null;

export function buildWidget(): Promise<BuiltWidget> {
  built ??= (async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./widget/main.ts', import.meta.url))],
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'es2020',
      platform: 'browser',
      write: false,
      legalComments: 'none',
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    return { code, etag: `"${createHash('sha256').update(code).digest('base64url').slice(0, 27)}"` };
  })();
  // A failed build is retried on the next request instead of being cached.
  built.catch(() => (built = null));
  return built;
}
