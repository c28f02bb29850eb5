// `npm start [-- flags]`: the Electron app when its binary is on this machine; otherwise one line saying why
// and the headless hub in demo mode serving the desk in a browser. Extra flags pass through to either.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findElectronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const extraArgs = process.argv.slice(2);

/** Runs a build step in the foreground; stops `npm start` if it fails. */
function run(label, args) {
  console.log(`threadline: ${label}…`);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`threadline: ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

/** Runs `child` to its end with our stdio, passing Ctrl+C / termination on, and exits with its status. */
function supervise(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('error', (error) => {
    console.error(`threadline: could not start ${child.spawnfile}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1)));
}

/** The command that opens a URL in the user's browser, or null (no desktop session, none installed, opted out). */
function browserOpener(url) {
  const env = process.env;
  if (env.BROWSER === 'none' || env.THREADLINE_NO_BROWSER || env.CI) return null;
  const onPath = (name) =>
    (env.PATH ?? '').split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, name)));
  if (process.platform === 'darwin') return onPath('open') ? ['open', [url]] : null;
  // `start` is a cmd built-in; the URL is ours (http://host:port/), so verbatim quoting is safe.
  if (process.platform === 'win32') return ['cmd', ['/d', '/s', '/c', `start "" "${url}"`], { windowsVerbatimArguments: true }];
  // Without a graphical session xdg-open would fall back to a terminal browser and take over this console.
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return onPath('xdg-open') ? ['xdg-open', [url]] : null;
}

function openBrowser(url) {
  const opener = browserOpener(url);
  if (!opener) return;
  try {
    const [command, args, options] = opener;
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true, ...options });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser is fine: the hub has printed its URL.
  }
}

/** Waits until the hub answers over HTTP (any status), up to `timeoutMs`. */
async function waitForHub(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const up = await new Promise((resolve) => {
      const request = http.get(url, (response) => {
        response.resume();
        resolve(true);
      });
      request.on('error', () => resolve(false));
      request.setTimeout(1000, () => request.destroy());
    });
    if (up) return true;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return false;
}

/** Where the headless hub will listen, from the same flags / THREADLINE_* variables it reads. */
function hubAddress() {
  const { values } = parseArgs({
    args: extraArgs,
    options: { port: { type: 'string' }, host: { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const port = Number(values.port ?? process.env.THREADLINE_PORT ?? 4870);
  let host = String(values.host ?? process.env.THREADLINE_HOST ?? '127.0.0.1');
  if (host === '0.0.0.0' || host === '::') host = '127.0.0.1';
  if (host.includes(':')) host = `[${host}]`;
  return Number.isInteger(port) && port > 0 ? `http://${host}:${port}/` : null;
}

if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
  run('building the desk (vite build)', [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build']);
}

const electron = findElectronBinary();
if (electron.available) {
  // Cheap (esbuild, about a second) and never stale.
  run('bundling the Electron shell', [path.join(root, 'scripts', 'build-electron.mjs'), '--quiet']);
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  // Chromium will not start as root with its OS sandbox (containers); the page itself stays sandboxed.
  const rootOnly = process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  supervise(spawn(electron.path, [...rootOnly, '.', ...extraArgs], { cwd: root, stdio: 'inherit', env }));
} else {
  console.log(
    `Electron is not available on this machine (${electron.reason}); serving the desk in your browser instead.`,
  );
  const hub = spawn(
    process.execPath,
    // Absolute: the hub's static file server refuses a relative root.
    ['--import', 'tsx', path.join('main', 'headless.ts'), '--demo', '--renderer-dir', path.join(root, 'dist', 'renderer'), ...extraArgs],
    { cwd: root, stdio: 'inherit' },
  );
  supervise(hub);
  const url = hubAddress();
  if (url && browserOpener(url)) {
    void waitForHub(url, 120_000).then((up) => {
      if (up && hub.exitCode === null) openBrowser(url);
    });
  }
}
