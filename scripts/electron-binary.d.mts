// Types for scripts/electron-binary.mjs (plain JS so `node scripts/start.mjs` runs without tsx).
export type ElectronBinary = { available: true; path: string } | { available: false; reason: string };
export interface FindOptions {
  env?: Record<string, string | undefined>;
  /** The electron package folder; defaults to the one this repository resolves. */
  electronDir?: string;
  /** Base for a relative ELECTRON_OVERRIDE_DIST_PATH; defaults to process.cwd(). */
  cwd?: string;
}
export function electronPackageDir(from?: string): string | null;
export function findElectronBinary(options?: FindOptions): ElectronBinary;
