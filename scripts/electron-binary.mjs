// Finds the Electron binary WITHOUT triggering its lazy download (require('electron') would try to fetch
// it from a host these machines cannot reach). Mirrors node_modules/electron/index.js: the binary is
// <electron>/dist/<contents of path.txt>, or <ELECTRON_OVERRIDE_DIST_PATH>/<path.txt or "electron">.
// Used by scripts/start.mjs, the Electron smoke test and its unit test.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * @typedef {{ available: true, path: string } | { available: false, reason: string }} ElectronBinary
 * @typedef {{ env?: Record<string, string | undefined>, electronDir?: string, cwd?: string }} FindOptions
 */

/**
 * The folder of the installed `electron` package, or null when it is not installed.
 * @param {string} [from] where to resolve from (defaults to this repository)
 * @returns {string | null}
 */
export function electronPackageDir(from = import.meta.url) {
  try {
    return path.dirname(createRequire(from).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** A path as short as it can be said from here. @param {string} file */
const shown = (file) => {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
};

/**
 * @param {FindOptions} [options]
 * @returns {ElectronBinary}
 */
export function findElectronBinary(options = {}) {
  const env = options.env ?? process.env;
  const dir = options.electronDir ?? electronPackageDir();
  if (!dir) return { available: false, reason: 'the electron package is not installed (npm install)' };

  const pathFile = path.join(dir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';

  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = path.resolve(options.cwd ?? process.cwd(), override, executable || 'electron');
    return existsSync(binary)
      ? { available: true, path: binary }
      : { available: false, reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${binary} does not exist` };
  }
  if (!executable) {
    return { available: false, reason: `its binary was never downloaded: ${shown(pathFile)} is missing` };
  }
  const binary = path.join(dir, 'dist', executable);
  return existsSync(binary)
    ? { available: true, path: binary }
    : { available: false, reason: `its binary download did not complete: ${shown(binary)} is missing` };
}
