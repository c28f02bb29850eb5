// The one desk window: sandboxed, context-isolated, no Node in the page, the allow-listed preload only.
import { app, BrowserWindow } from 'electron';
import { NON_HUB_CSP } from './policy.ts';

export interface DeskWindowOptions {
  url: string;
  preloadPath: string;
  iconPath?: string;
}

export function createDeskWindow(options: DeskWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Threadline',
    backgroundColor: '#f7f7f8',
    autoHideMenuBar: process.platform !== 'darwin',
    ...(options.iconPath && process.platform === 'linux' ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());

  // A hub that cannot be reached gets a plain page saying so, with a link that retries (same origin: allowed).
  window.webContents.on('did-fail-load', (_event, errorCode, errorDescription, validatedUrl, isMainFrame) => {
    if (!isMainFrame || errorCode === -3 /* ERR_ABORTED: a navigation replaced this one */) return;
    void window.loadURL(unreachablePage(options.url, `${errorDescription} (${errorCode})`, validatedUrl));
    if (!window.isVisible()) window.show();
  });

  void window.loadURL(options.url);
  return window;
}

export function focusWindow(window: BrowserWindow | null | undefined): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Bilingual on purpose: the desk's i18n lives on the hub, which is exactly what could not be reached. */
function unreachablePage(hubUrl: string, reason: string, failedUrl: string): string {
  const html = `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${NON_HUB_CSP}">
<title>Threadline</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:15vh auto;max-width:36rem;padding:0 1.5rem;color:#1d2230}
h1{font-size:1.3rem}code{background:#eef;padding:.1em .3em;border-radius:4px}a{color:#3a46d6}</style></head>
<body><h1>Не удаётся подключиться к хабу · Cannot reach the hub</h1>
<p><code>${escapeHtml(failedUrl || hubUrl)}</code></p><p>${escapeHtml(reason)}</p>
<p><a href="${escapeHtml(hubUrl)}">Повторить · Retry</a></p></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
