// Electron entry (bundled by scripts/build-electron.mjs to dist/electron/main.cjs). Without --hub it starts
// the hub in this process on a free loopback port, with its data under the app's userData folder and demo
// data on a new database; with --hub URL it is a desk for a remote hub. Either way the window loads the
// desk from the hub's URL, so the page is same-origin with its API.
import path from 'node:path';
import { app, BrowserWindow, dialog, type Tray } from 'electron';
import packageJson from '../package.json' with { type: 'json' };
import { DesktopChannel, type AppInfo, type NotificationClicked } from '../common/desktop.ts';
import { DesktopFlagError, embeddedHubInvocation, parseDesktopFlags, userArgs, type DesktopFlags } from './app/flags.ts';
import { registerDesktopIpc } from './app/ipc.ts';
import { installMenu } from './app/menu.ts';
import { closeAllNotifications } from './app/notifications.ts';
import { originOf } from './app/policy.ts';
import { safeStorageSealer } from './app/secretSealer.ts';
import { installSecurity } from './app/security.ts';
import { createTray } from './app/tray.ts';
import { createDeskWindow, focusWindow } from './app/window.ts';
import { ConfigError, parseHubConfig } from './server/config.ts';
import { DEMO_PASSWORD } from './server/demo/index.ts';
import { startHub, type RunningHub } from './server/hub.ts';

// The bundle sits at <app>/dist/electron/main.cjs, in the repo and inside the packaged app.asar alike.
const appRoot = path.resolve(import.meta.dirname, '..', '..');
const paths = {
  preload: path.join(import.meta.dirname, 'preload.cjs'),
  renderer: path.join(appRoot, 'dist', 'renderer'),
  migrations: path.join(appRoot, 'prisma', 'migrations'),
  icon: path.join(appRoot, 'assets', 'icon.png'),
  trayIcon: path.join(appRoot, 'assets', 'tray.png'),
};

let hub: RunningHub | null = null;
let hubClosing = false;
let hubClosed = false;
let deskUrl = '';
let mainWindow: BrowserWindow | null = null;
let tray: Tray | null = null;
let quitting = false;

function fatal(title: string, message: string): never {
  console.error(`threadline: ${message}`);
  // Safe before `ready`; on Linux it then only writes to stderr.
  dialog.showErrorBox(title, message);
  app.exit(1);
  process.exit(1);
}

function openWindow(): void {
  if (mainWindow && !mainWindow.isDestroyed()) {
    focusWindow(mainWindow);
    return;
  }
  mainWindow = createDeskWindow({ url: deskUrl, preloadPath: paths.preload, iconPath: paths.icon });
  mainWindow.on('close', (event) => {
    // With a tray the desk keeps running (and receiving) in the background until Quit.
    if (tray && !quitting) {
      event.preventDefault();
      mainWindow?.hide();
    }
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

async function start(flags: DesktopFlags): Promise<void> {
  if (flags.hub !== undefined) {
    deskUrl = flags.hub;
  } else {
    const { argv, env } = embeddedHubInvocation(flags, {
      defaultDataDir: path.join(app.getPath('userData'), 'data'),
      rendererDir: paths.renderer,
      env: process.env,
    });
    let config;
    try {
      config = parseHubConfig(argv, env);
    } catch (error) {
      if (error instanceof ConfigError) fatal('Threadline', error.message);
      throw error;
    }
    hub = await startHub(config, { migrationsDir: paths.migrations, secretSealer: safeStorageSealer() });
    deskUrl = hub.url;
    console.log(`Threadline desk: ${hub.url}`);
    if (hub.demoSignIns) {
      console.log(`Demo sign-ins (password "${DEMO_PASSWORD}"):`);
      for (const u of hub.demoSignIns) console.log(`  ${u.email.padEnd(26)} ${u.role}`);
    }
  }

  const hubOrigin = originOf(deskUrl);
  if (!hubOrigin) throw new Error(`Not a usable hub URL: ${deskUrl}`);

  const appInfo: AppInfo = {
    version: packageJson.version,
    platform: process.platform,
    arch: process.arch,
    electron: true,
    electronVersion: process.versions.electron ?? '',
    embeddedHub: hub !== null,
  };
  installSecurity(hubOrigin);
  registerDesktopIpc({
    hubOrigin,
    appInfo,
    onNotificationClick(payload: NotificationClicked) {
      focusWindow(mainWindow);
      mainWindow?.webContents.send(DesktopChannel.notificationClicked, payload);
    },
  });
  installMenu();
  if (flags.tray) tray = createTray(paths.trayIcon, () => openWindow());
  openWindow();
}

function main(): void {
  let flags: DesktopFlags;
  try {
    flags = parseDesktopFlags(userArgs(process.argv, Boolean(process.defaultApp)));
  } catch (error) {
    if (error instanceof DesktopFlagError) fatal('Threadline', error.message);
    throw error;
  }
  // Before anything reads userData: it holds the profile, the default data folder and the instance lock.
  if (flags.userDataDir) app.setPath('userData', path.resolve(flags.userDataDir));

  if (!app.requestSingleInstanceLock()) {
    // Another Threadline already owns this profile (and its database); it focuses its window.
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (deskUrl) openWindow();
  });

  app.enableSandbox();
  if (process.platform === 'win32') app.setAppUserModelId('ru.threadline.desk');

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (deskUrl && BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  // Graceful quit: hold the exit until the embedded hub has drained its sockets and closed the database.
  app.on('before-quit', (event) => {
    quitting = true;
    if (!hub || hubClosed) return;
    event.preventDefault();
    if (hubClosing) return;
    hubClosing = true;
    closeAllNotifications();
    const force = setTimeout(() => app.exit(0), 10_000);
    hub
      .close()
      .catch((error: unknown) => console.error('threadline: closing the hub failed:', error))
      .finally(() => {
        clearTimeout(force);
        hubClosed = true;
        app.quit();
      });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());

  app
    .whenReady()
    .then(() => start(flags))
    .catch((error: unknown) => fatal('Threadline', error instanceof Error ? error.message : String(error)));
}

main();
