// Native notifications for the desk. References are held until a notification closes (otherwise it can be
// garbage-collected and its click lost); a newer notification with the same tag replaces the older.
import { Notification } from 'electron';
import type { NotifyPayload } from '../../common/desktop.ts';

const shown = new Set<Notification>();
const byTag = new Map<string, Notification>();

/** Shows a notification; `onClick` gets its tag. Returns false where the OS offers none. */
export function showNotification(payload: NotifyPayload, onClick: (tag: string | null) => void): boolean {
  if (!Notification.isSupported()) return false;
  const notification = new Notification({ title: payload.title, body: payload.body, silent: payload.silent });
  const tag = payload.tag ?? null;
  if (tag !== null) {
    byTag.get(tag)?.close();
    byTag.set(tag, notification);
  }
  const forget = () => {
    shown.delete(notification);
    if (tag !== null && byTag.get(tag) === notification) byTag.delete(tag);
  };
  notification.on('click', () => {
    onClick(tag);
    forget();
  });
  notification.on('close', forget);
  notification.on('failed', forget);
  shown.add(notification);
  notification.show();
  return true;
}

export function closeAllNotifications(): void {
  for (const notification of shown) notification.close();
  shown.clear();
  byTag.clear();
}
