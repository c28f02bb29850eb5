// The one allow-listed bridge between the desk and the Electron main process (runs sandboxed, bundled to
// CommonJS). It exposes `window.threadline` — a few named functions typed by common/desktop.ts — and never
// ipcRenderer itself. Payloads are validated where it matters, in the main process (main/app/ipc.ts).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AppInfo, DesktopChannel as DesktopChannels, ThreadlineDesktop } from '../../common/desktop.ts';
import type { Result } from '../../common/result.ts';

// Type-only imports keep zod (≈400 kB) out of the sandboxed preload; the compiler still checks that these
// names are exactly the ones common/desktop.ts declares.
const DesktopChannel: typeof DesktopChannels = {
  appInfo: 'threadline:app-info',
  notify: 'threadline:notify',
  openExternal: 'threadline:open-external',
  setBadgeCount: 'threadline:set-badge-count',
  notificationClicked: 'threadline:notification-clicked',
};

const invoke = <T>(channel: DesktopChannels, payload?: unknown) => ipcRenderer.invoke(channel, payload) as Promise<Result<T>>;

const bridge: ThreadlineDesktop = {
  async appInfo() {
    const result = await invoke<AppInfo>(DesktopChannel.appInfo);
    if (!result.ok) throw new Error(result.error.message);
    return result.data;
  },
  notify: (input) => invoke(DesktopChannel.notify, input),
  openExternal: (url) => invoke(DesktopChannel.openExternal, { url }),
  setBadgeCount: (count) => invoke(DesktopChannel.setBadgeCount, { count }),
  onNotificationClick(listener) {
    if (typeof listener !== 'function') throw new TypeError('onNotificationClick expects a function');
    const relay = (_event: IpcRendererEvent, payload: unknown) => {
      const tag = (payload as { tag?: unknown } | null)?.tag;
      listener(typeof tag === 'string' ? tag : null);
    };
    ipcRenderer.on(DesktopChannel.notificationClicked, relay);
    return () => {
      ipcRenderer.removeListener(DesktopChannel.notificationClicked, relay);
    };
  },
};

contextBridge.exposeInMainWorld('threadline', Object.freeze(bridge));
