// The main-process side of the bridge: one handler per channel in common/desktop.ts. Each checks that the
// call comes from a frame on the hub's origin, parses its payload with the schema from common/, acts, and
// answers with a Result — errors are data, never a thrown IPC rejection or a silent drop.
import { app, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import {
  DesktopChannel,
  NotifyInput,
  OpenExternalInput,
  SetBadgeCountInput,
  type AppInfo,
  type NotificationClicked,
} from '../../common/desktop.ts';
import { fail, fieldErrors, ok, type Result } from '../../common/result.ts';
import { showNotification } from './notifications.ts';
import { isHubUrl } from './policy.ts';
import { openExternalLink } from './security.ts';

export interface DesktopIpcContext {
  hubOrigin: string;
  appInfo: AppInfo;
  /** The desk window to focus and notify when a notification is clicked. */
  onNotificationClick(payload: NotificationClicked): void;
}

type Handler<S extends z.ZodType, T> = (input: z.infer<S>) => Promise<Result<T>> | Result<T>;

function handle<S extends z.ZodType, T>(channel: string, hubOrigin: string, schema: S, handler: Handler<S, T>): void {
  ipcMain.removeHandler(channel);
  ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown): Promise<Result<T>> => {
    const frameUrl = event.senderFrame?.url;
    if (!frameUrl || !isHubUrl(frameUrl, hubOrigin)) return fail('FORBIDDEN', 'The desktop bridge answers only the hub’s pages.');
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return fail('BAD_REQUEST', `Invalid ${channel} payload`, fieldErrors(parsed.error));
    try {
      return await handler(parsed.data);
    } catch (error) {
      return fail('INTERNAL', error instanceof Error ? error.message : String(error));
    }
  });
}

export function registerDesktopIpc(ctx: DesktopIpcContext): void {
  handle(DesktopChannel.appInfo, ctx.hubOrigin, z.undefined(), () => ok(ctx.appInfo));
  handle(DesktopChannel.notify, ctx.hubOrigin, NotifyInput, (input) =>
    ok({ shown: showNotification(input, (tag) => ctx.onNotificationClick({ tag })) }),
  );
  handle(DesktopChannel.openExternal, ctx.hubOrigin, OpenExternalInput, async ({ url }) => {
    if (!(await openExternalLink(url))) return fail('BAD_REQUEST', 'Only https links are opened.');
    return ok({ opened: true as const });
  });
  handle(DesktopChannel.setBadgeCount, ctx.hubOrigin, SetBadgeCountInput, ({ count }) =>
    ok({ applied: app.setBadgeCount(count) }),
  );
}
