// Prebuilds the web chat widget into dist/webchat/widget.js (part of `npm run build:renderer`), so the hub
// serves a file and the packaged app never needs esbuild.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWidget, WIDGET_BUNDLE } from '../main/server/channels/webchat/build.ts';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', WIDGET_BUNDLE);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, await bundleWidget());
console.log(`build-widget: ${WIDGET_BUNDLE}`);
