// The desk is a web page from the hub, so it is treated like one: it stays on the hub's origin, opens no
// windows, gets no permissions but notifications (and sanitized clipboard writes), embeds no <webview>, and
// any document that is not the hub's gets a locked-down CSP. Install before the first window exists.
import { app, session, shell, type WebContents } from 'electron';
import { ExternalUrl } from '../../common/desktop.ts';
import { allowPermission, decideNavigation, FALLBACK_HUB_CSP, isHubUrl, NON_HUB_CSP } from './policy.ts';

/** Opens an https link in the system browser after validating it again; false when refused. */
export async function openExternalLink(url: string): Promise<boolean> {
  if (!ExternalUrl.safeParse(url).success) return false;
  await shell.openExternal(url, { activate: true });
  return true;
}

function guardContents(contents: WebContents, hubOrigin: string): void {
  const guard = (event: { preventDefault(): void }, url: string) => {
    const decision = decideNavigation(url, hubOrigin);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'external') void openExternalLink(url).catch(() => undefined);
  };
  contents.on('will-navigate', (event) => guard(event, event.url));
  contents.on('will-redirect', (event) => {
    if (event.isMainFrame && !isHubUrl(event.url, hubOrigin)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (decideNavigation(url, hubOrigin) !== 'deny') {
      // Even same-origin pop-ups are refused: the desk is one window. Links to the outside go to the browser.
      if (!isHubUrl(url, hubOrigin)) void openExternalLink(url).catch(() => undefined);
    }
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function installSecurity(hubOrigin: string): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents, hubOrigin));

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(allowPermission(permission, details.requestingUrl, hubOrigin));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    allowPermission(permission, requestingOrigin, hubOrigin),
  );

  ses.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType !== 'mainFrame' && details.resourceType !== 'subFrame') {
      callback({});
      return;
    }
    const headers = { ...(details.responseHeaders ?? {}) };
    const hasCsp = Object.keys(headers).some((name) => name.toLowerCase() === 'content-security-policy');
    if (isHubUrl(details.url, hubOrigin)) {
      // The hub sets its own policy; an older or foreign hub without one still gets a strict default.
      if (!hasCsp) headers['Content-Security-Policy'] = [FALLBACK_HUB_CSP];
    } else {
      for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-security-policy') delete headers[name];
      headers['Content-Security-Policy'] = [NON_HUB_CSP];
    }
    callback({ responseHeaders: headers });
  });
}
