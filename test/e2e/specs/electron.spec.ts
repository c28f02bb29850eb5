// Electron smoke test: the packaged shell starts its own hub, loads the desk from it, and keeps the page
// sandboxed. Runs only where Electron's binary exists; elsewhere it is skipped with the reason printed.
// Needs a display on Linux (run under xvfb-run in CI).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from '../../../scripts/electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const binary = findElectronBinary();
const skipReason = binary.available ? '' : `Electron binary not available: ${binary.reason}`;
if (!binary.available) console.log(`[electron.spec] skipped — ${skipReason}`);

test.describe('Electron shell', () => {
  test.skip(!binary.available, skipReason);
  test.describe.configure({ mode: 'serial' });

  let electronApp: ElectronApplication;
  let page: Page;
  let userData: string;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    if (!binary.available) return;
    if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
      execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
    }
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs'), '--quiet'], { cwd: root, stdio: 'inherit' });

    userData = mkdtempSync(path.join(tmpdir(), 'threadline-electron-'));
    electronApp = await _electron.launch({
      // Explicit path: Playwright's default would require('electron'), which tries to download the binary.
      executablePath: binary.path,
      // Chromium refuses to start as root with its OS sandbox (CI containers); the renderer stays sandboxed.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), root, '--user-data-dir', userData, '--log-level', 'warn'],
      cwd: root,
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
      timeout: 120_000,
    });
    page = await electronApp.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await electronApp?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('opens the desk from its in-process hub', async () => {
    await expect(page).toHaveTitle(/Threadline/);
    expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    // The sign-in screen (Russian by default, English where the system asks for it).
    await expect(page.getByLabel(/пароль|password/i).first()).toBeVisible({ timeout: 60_000 });
  });

  test('exposes only the allow-listed bridge', async () => {
    const info = await page.evaluate(() => window.threadline?.appInfo());
    expect(info).toMatchObject({ electron: true, embeddedHub: true, platform: process.platform });
    const pageGlobals = await page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      ipcRenderer: typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
      bridge: Object.keys(window.threadline ?? {}).sort(),
    }));
    expect(pageGlobals).toEqual({
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: 'undefined',
      bridge: ['appInfo', 'notify', 'onNotificationClick', 'openExternal', 'setBadgeCount'],
    });
    // Payloads are validated in the main process and refused as data.
    const refused = await page.evaluate(() => window.threadline?.openExternal('file:///etc/passwd'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  test('stays on the hub: navigation away and pop-ups are refused', async () => {
    const hubUrl = page.url();
    // A non-https target is neither loaded nor handed to the system browser.
    await page.evaluate(() => {
      window.location.href = 'http://example.invalid/';
    });
    await page.waitForTimeout(1000);
    expect(new URL(page.url()).origin).toBe(new URL(hubUrl).origin);
    expect(await page.evaluate(() => window.open('file:///etc/passwd') === null)).toBe(true);
    expect(electronApp.windows()).toHaveLength(1);
  });
});
