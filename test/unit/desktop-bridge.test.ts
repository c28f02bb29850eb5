// The Electron bridge's contracts without Electron: the IPC payload schemas (common/desktop.ts), the
// navigation/permission policy and flag parsing of main/app, and the binary detection used by `npm start`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppInfo, ExternalUrl, NotifyInput, OpenExternalInput, SetBadgeCountInput } from '../../common/desktop.ts';
import { DesktopFlagError, embeddedHubInvocation, parseDesktopFlags, userArgs } from '../../main/app/flags.ts';
import { allowPermission, decideNavigation } from '../../main/app/policy.ts';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';

describe('IPC payload schemas', () => {
  it('accepts https links and refuses everything else', () => {
    expect(ExternalUrl.safeParse('https://example.com/orders?id=1#x').success).toBe(true);
    for (const bad of [
      'http://example.com',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,<b>x</b>',
      'https://user:secret@example.com/',
      'https://exa mple.com/',
      ' https://example.com/',
      'https://example.com/\n',
      '//example.com',
      'example.com',
      `https://example.com/${'a'.repeat(2100)}`,
      '',
    ]) {
      expect(ExternalUrl.safeParse(bad).success, bad).toBe(false);
    }
    expect(OpenExternalInput.safeParse({ url: 'https://example.com' }).success).toBe(true);
    expect(OpenExternalInput.safeParse({ url: 'https://example.com', extra: 1 }).success).toBe(false);
    expect(OpenExternalInput.safeParse('https://example.com').success).toBe(false);
  });

  it('parses notifications with defaults and limits', () => {
    expect(NotifyInput.parse({ title: '  Новое сообщение  ' })).toEqual({ title: 'Новое сообщение', body: '', silent: false });
    expect(NotifyInput.parse({ title: 'x', body: 'y', silent: true, tag: 'conv-1' })).toMatchObject({ tag: 'conv-1', silent: true });
    expect(NotifyInput.safeParse({ title: '   ' }).success).toBe(false);
    expect(NotifyInput.safeParse({ title: 'x'.repeat(201) }).success).toBe(false);
    expect(NotifyInput.safeParse({ title: 'x', body: 'y'.repeat(1001) }).success).toBe(false);
    expect(NotifyInput.safeParse({ title: 'x', icon: '/etc/passwd' }).success).toBe(false);
    expect(NotifyInput.safeParse(undefined).success).toBe(false);
  });

  it('takes a whole, non-negative badge count', () => {
    expect(SetBadgeCountInput.parse({ count: 0 })).toEqual({ count: 0 });
    expect(SetBadgeCountInput.parse({ count: 42 })).toEqual({ count: 42 });
    for (const count of [-1, 1.5, Number.NaN, Infinity, '3', 100_000]) {
      expect(SetBadgeCountInput.safeParse({ count }).success, String(count)).toBe(false);
    }
  });

  it('describes the app', () => {
    const info = { version: '0.1.0', platform: 'linux', arch: 'x64', electron: true, electronVersion: '45.4.1', embeddedHub: true };
    expect(AppInfo.parse(info)).toEqual(info);
    expect(AppInfo.safeParse({ ...info, electron: false }).success).toBe(false);
  });
});

describe('navigation and permission policy', () => {
  const hub = 'http://127.0.0.1:43123';
  it('keeps the desk on the hub and sends only https links outside', () => {
    expect(decideNavigation('http://127.0.0.1:43123/customers/1', hub)).toBe('allow');
    expect(decideNavigation('https://example.com/track', hub)).toBe('external');
    expect(decideNavigation('http://127.0.0.1:9999/', hub)).toBe('deny');
    expect(decideNavigation('http://localhost:43123/', hub)).toBe('deny');
    expect(decideNavigation('file:///etc/passwd', hub)).toBe('deny');
    expect(decideNavigation('javascript:alert(1)', hub)).toBe('deny');
    expect(decideNavigation('not a url', hub)).toBe('deny');
  });
  it('grants notifications to the hub only', () => {
    expect(allowPermission('notifications', `${hub}/inbox`, hub)).toBe(true);
    expect(allowPermission('notifications', 'https://example.com/', hub)).toBe(false);
    expect(allowPermission('media', `${hub}/`, hub)).toBe(false);
    expect(allowPermission('geolocation', `${hub}/`, hub)).toBe(false);
    expect(allowPermission('notifications', undefined, hub)).toBe(false);
  });
});

describe('desktop flags', () => {
  it('skips the executable and the app path', () => {
    expect(userArgs(['/x/electron', '.', '--hub', 'http://h:1'], true)).toEqual(['--hub', 'http://h:1']);
    expect(userArgs(['/opt/Threadline/threadline', '--tray'], false)).toEqual(['--tray']);
  });

  it('validates --hub and ignores Chromium switches', () => {
    expect(parseDesktopFlags(['--remote-debugging-port=0', '--hub', 'https://hub.shop.ru:4870/']).hub).toBe('https://hub.shop.ru:4870/');
    expect(parseDesktopFlags(['--no-sandbox'])).toEqual({ tray: false });
    expect(() => parseDesktopFlags(['--hub', 'ftp://x'])).toThrow(DesktopFlagError);
    expect(() => parseDesktopFlags(['--hub'])).toThrow(/--hub: expects a value/);
    expect(() => parseDesktopFlags(['--hub', 'http://h:1', '--data-dir', '/tmp/x'])).toThrow(/--data-dir.*--hub/);
    expect(() => parseDesktopFlags(['--demo', '--no-demo'])).toThrow(DesktopFlagError);
  });

  it('runs the built-in hub on loopback with the app’s data folder and demo data by default', () => {
    const ctx = { defaultDataDir: '/home/a/.config/Threadline/data', rendererDir: '/app/dist/renderer', env: { THREADLINE_PORT: '80' } };
    const { argv, env } = embeddedHubInvocation(parseDesktopFlags([]), ctx);
    expect(argv).toEqual(['--port', '0', '--host', '127.0.0.1', '--renderer-dir', '/app/dist/renderer', '--data-dir', ctx.defaultDataDir, '--demo']);
    expect(env.THREADLINE_PORT).toBeUndefined();

    const custom = embeddedHubInvocation(parseDesktopFlags(['--data-dir', '/srv/t', '--no-demo', '--log-level', 'warn']), ctx);
    expect(custom.argv).toContain('/srv/t');
    expect(custom.argv).not.toContain('--demo');
    expect(custom.argv.join(' ')).toContain('--log-level warn');

    const fromEnv = embeddedHubInvocation(parseDesktopFlags([]), { ...ctx, env: { THREADLINE_DATA_DIR: '/d', THREADLINE_DEMO: '0' } });
    expect(fromEnv.argv).not.toContain('--data-dir');
    expect(fromEnv.argv).not.toContain('--demo');
    expect(fromEnv.env.THREADLINE_DEMO).toBe('0');
  });
});

describe('Electron binary detection', () => {
  const dirs: string[] = [];
  const fakeElectron = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'electron-pkg-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'package.json'), '{"name":"electron"}');
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('reports a missing path.txt without downloading anything', () => {
    const result = findElectronBinary({ electronDir: fakeElectron(), env: {} });
    expect(result.available).toBe(false);
    if (!result.available) expect(result.reason).toMatch(/path\.txt is missing/);
  });

  it('needs dist/<path.txt> to exist', () => {
    const dir = fakeElectron();
    writeFileSync(path.join(dir, 'path.txt'), 'electron');
    expect(findElectronBinary({ electronDir: dir, env: {} })).toMatchObject({ available: false });
    mkdirSync(path.join(dir, 'dist'));
    writeFileSync(path.join(dir, 'dist', 'electron'), '');
    expect(findElectronBinary({ electronDir: dir, env: {} })).toEqual({ available: true, path: path.join(dir, 'dist', 'electron') });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const dir = fakeElectron();
    const elsewhere = fakeElectron();
    expect(findElectronBinary({ electronDir: dir, env: { ELECTRON_OVERRIDE_DIST_PATH: elsewhere } })).toMatchObject({ available: false });
    writeFileSync(path.join(elsewhere, 'electron'), '');
    expect(findElectronBinary({ electronDir: dir, env: { ELECTRON_OVERRIDE_DIST_PATH: elsewhere } })).toEqual({
      available: true,
      path: path.join(elsewhere, 'electron'),
    });
  });

  it('answers for this machine without throwing', () => {
    const result = findElectronBinary();
    expect(typeof result.available).toBe('boolean');
  });
});
