// The desktop bridge: what the Electron preload exposes to the desk as `window.threadline`, and the
// schemas every IPC payload must pass in the main process before anything acts on it. Environment-neutral:
// the renderer types `window.threadline?` from here (it is absent in a plain browser), main/app validates
// with these schemas, main/preload forwards calls over the channels named here.
import { z } from 'zod';
import type { Result } from './result.ts';

/** IPC channel names (ipcRenderer.invoke → ipcMain.handle), plus one push channel (main → desk). */
export const DesktopChannel = {
  appInfo: 'threadline:app-info',
  notify: 'threadline:notify',
  openExternal: 'threadline:open-external',
  setBadgeCount: 'threadline:set-badge-count',
  /** Push: a notification shown by `notify` was clicked; the payload is its `tag` (or null). */
  notificationClicked: 'threadline:notification-clicked',
} as const;
export type DesktopChannel = (typeof DesktopChannel)[keyof typeof DesktopChannel];

export const MAX_EXTERNAL_URL_LENGTH = 2048;

/** Why a string is not a link we hand to the system browser, or null when it is one. */
export function externalUrlProblem(value: string): string | null {
  if (value.length > MAX_EXTERNAL_URL_LENGTH) return `must be at most ${MAX_EXTERNAL_URL_LENGTH} characters`;
  if ([...value].some((c) => c.trim() === '' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
    return 'must not contain spaces or control characters';
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:') return 'only https links are opened';
  if (url.username !== '' || url.password !== '') return 'must not carry credentials';
  if (url.hostname === '') return 'must name a host';
  return null;
}

/** An https link the desk may open in the system browser: absolute, no credentials, no whitespace. */
export const ExternalUrl = z.string().superRefine((value, ctx) => {
  const problem = externalUrlProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
export type ExternalUrl = z.infer<typeof ExternalUrl>;

export const OpenExternalInput = z.strictObject({ url: ExternalUrl });
export type OpenExternalInput = z.infer<typeof OpenExternalInput>;

export const NotifyInput = z.strictObject({
  title: z.string().trim().min(1).max(200),
  body: z.string().max(1000).default(''),
  /** Play no sound. */
  silent: z.boolean().default(false),
  /** Identifies what the notification is about (e.g. a conversation id); a newer one with the same tag
   *  replaces the older, and a click reports it back through `onNotificationClick`. */
  tag: z.string().min(1).max(200).optional(),
});
export type NotifyInput = z.input<typeof NotifyInput>;
export type NotifyPayload = z.infer<typeof NotifyInput>;

export const SetBadgeCountInput = z.strictObject({ count: z.number().int().min(0).max(99_999) });
export type SetBadgeCountInput = z.infer<typeof SetBadgeCountInput>;

/** The push payload of `DesktopChannel.notificationClicked`. */
export const NotificationClicked = z.strictObject({ tag: z.string().nullable() });
export type NotificationClicked = z.infer<typeof NotificationClicked>;

export const AppInfo = z.strictObject({
  /** The app's version (package.json). */
  version: z.string(),
  /** Node's platform name: 'linux', 'darwin', 'win32', … */
  platform: z.string(),
  arch: z.string(),
  electron: z.literal(true),
  electronVersion: z.string(),
  /** True when this app started the hub itself (single-agent mode); false with `--hub URL`. */
  embeddedHub: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export interface NotifyResult {
  /** False where the OS offers no notifications. */
  shown: boolean;
}
export interface OpenExternalResult {
  opened: true;
}
export interface SetBadgeCountResult {
  /** False where the platform has no badge (e.g. Windows, most Linux desktops). */
  applied: boolean;
}

/**
 * `window.threadline`, present only inside the Electron app. Every call goes to the main process, which
 * checks that it comes from the hub's origin and parses its payload with the schemas above; failures come
 * back as `{ ok: false, error }` (`BAD_REQUEST` with field errors, `FORBIDDEN`, `INTERNAL`).
 */
export interface ThreadlineDesktop {
  appInfo(): Promise<AppInfo>;
  notify(input: NotifyInput): Promise<Result<NotifyResult>>;
  /** Opens an https link in the system browser. */
  openExternal(url: string): Promise<Result<OpenExternalResult>>;
  /** The unread count on the dock/launcher icon; 0 clears it. */
  setBadgeCount(count: number): Promise<Result<SetBadgeCountResult>>;
  /** Called with the tag of a clicked notification (the window is already focused). Returns an unsubscribe. */
  onNotificationClick(listener: (tag: string | null) => void): () => void;
}

declare global {
  interface Window {
    /** The Electron bridge; undefined when the desk runs in a browser. */
    threadline?: ThreadlineDesktop;
  }
}
