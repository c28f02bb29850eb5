// socket.io edge: the handshake authenticates with the same session token as HTTP; every event is a
// command answered through its ack. A malformed or unknown command gets an error result and the
// connection stays up.
import { randomUUID } from 'node:crypto';
import { commandNames, isCommandName } from '../../../common/realtime/commands.ts';
import { can } from '../../../common/domain/policy.ts';
import { fail } from '../../../common/result.ts';
import { dispatch } from '../commands/dispatch.ts';
import type { HubServices } from '../commands/handlers.ts';
import { resolveSession, resolveToken } from '../services/auth/sessions.ts';
import type { Viewer } from '../services/auth/viewer.ts';
import { latestSeq } from '../services/desk/resync.ts';
import { rooms, type HubServer } from './broadcast.ts';

/** How long a socket trusts the session it last read (see currentViewer below). */
const REVALIDATE_MS = 30_000;

export function registerSocketHandlers(io: HubServer, deps: HubServices & { sessionHours: number }): void {
  const { db, log, sessionHours, ...rest } = deps;
  const services: HubServices = { db, log, ...rest };
  const { realtime } = services;
  // New on every start: a desk that sees another bootId knows its pushed-only state (lists, counts,
  // presence) may be stale and reloads it.
  const bootId = randomUUID();

  io.use(async (socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    const ip = socket.handshake.address || null;
    const viewer = typeof token === 'string' ? await resolveToken(db, token, sessionHours, ip).catch(() => null) : null;
    const user = viewer && (await db.user.findUnique({ where: { id: viewer.userId }, select: { displayName: true } }).catch(() => null));
    if (!viewer || !user) return next(new Error('UNAUTHENTICATED'));
    socket.data = { sessionId: viewer.sessionId, userId: viewer.userId, role: viewer.role, storeId: viewer.storeId, displayName: user.displayName, ip };
    next();
  });

  io.on('connection', (socket) => {
    const joined = [rooms.session(socket.data.sessionId), rooms.user(socket.data.userId)];
    if (can(socket.data.role, 'conversations.read')) {
      joined.push(rooms.inbox);
      const user = { userId: socket.data.userId, displayName: socket.data.displayName };
      realtime.presence.connected(socket.id, user);
      realtime.activity.connected(socket.id, user);
      socket.on('disconnect', () => {
        realtime.presence.disconnected(socket.id);
        realtime.activity.disconnected(socket.id);
      });
    }
    if (can(socket.data.role, 'conversations.read') || can(socket.data.role, 'templates.author')) joined.push(rooms.templates);
    // Stock and reservation pushes: every store for roles that see them all, otherwise one's own store.
    if (can(socket.data.role, 'catalog.read')) {
      if (can(socket.data.role, 'stores.read_all')) joined.push(rooms.allStores);
      else if (socket.data.storeId) joined.push(rooms.store(socket.data.storeId));
    }
    if (can(socket.data.role, 'reviews.manage')) joined.push(rooms.reviews);
    void socket.join(joined);
    void latestSeq(db).then(
      (seq) => socket.emit('hub.hello', { bootId, latestSeq: seq }),
      (error: unknown) => log.error({ err: error }, 'hub.hello not sent'),
    );

    // Sign-out, disabling and narrowing a role close the user's sockets at once (realtime.endSessions), so
    // a live socket's session needs no database read per command: a burst of commands from hundreds of
    // desks would otherwise queue behind as many reads. It is still re-read every REVALIDATE_MS, which
    // bounds how late an expiry (or a widened role) is seen.
    let checked: { viewer: Viewer; at: number } | null = null;
    const currentViewer = async (): Promise<Viewer | null> => {
      if (checked && Date.now() - checked.at < REVALIDATE_MS) return checked.viewer;
      const viewer = await resolveSession(db, socket.data.sessionId, sessionHours, socket.data.ip);
      checked = viewer ? { viewer, at: Date.now() } : null;
      return viewer;
    };

    const handle = async (name: string, args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') {
        log.warn({ event: name, userId: socket.data.userId }, 'command without an ack ignored');
        return;
      }
      const payload = args.length > 1 ? args[0] : undefined;
      const viewer = await currentViewer();
      if (!viewer) {
        ack(fail('UNAUTHENTICATED', 'Your session has ended; sign in again'));
        socket.emit('session.ended', { reason: 'expired' });
        socket.disconnect(true);
        return;
      }
      const result = await dispatch(name, payload, {
        ...services,
        viewer,
        rooms: { join: (room) => void socket.join(room), leave: (room) => void socket.leave(room) },
        socketId: socket.id,
      });
      ack(result);
    };

    for (const name of commandNames) {
      socket.on(name, (...args: unknown[]) => void handle(name, args));
    }
    socket.onAny((event: string, ...args: unknown[]) => {
      if (!isCommandName(event)) void handle(event, args);
    });
  });
}
