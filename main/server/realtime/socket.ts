// socket.io edge: the handshake authenticates with the same session token as HTTP; every event is a
// command answered through its ack. A malformed or unknown command gets an error result and the
// connection stays up.
import { commandNames, isCommandName } from '../../../common/realtime/commands.ts';
import { can } from '../../../common/domain/policy.ts';
import { fail } from '../../../common/result.ts';
import { dispatch } from '../commands/dispatch.ts';
import type { HubServices } from '../commands/handlers.ts';
import { resolveSession, resolveToken } from '../services/auth/sessions.ts';
import { rooms, type HubServer } from './broadcast.ts';

export function registerSocketHandlers(io: HubServer, deps: HubServices & { sessionHours: number }): void {
  const { db, log, sessionHours, ...rest } = deps;
  const services: HubServices = { db, log, ...rest };

  io.use(async (socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    const ip = socket.handshake.address || null;
    const viewer = typeof token === 'string' ? await resolveToken(db, token, sessionHours, ip).catch(() => null) : null;
    if (!viewer) return next(new Error('UNAUTHENTICATED'));
    socket.data = { sessionId: viewer.sessionId, userId: viewer.userId, role: viewer.role, ip };
    next();
  });

  io.on('connection', (socket) => {
    const joined = [rooms.session(socket.data.sessionId), rooms.user(socket.data.userId)];
    if (can(socket.data.role, 'conversations.read')) joined.push(rooms.inbox);
    void socket.join(joined);

    const handle = async (name: string, args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') {
        log.warn({ event: name, userId: socket.data.userId }, 'command without an ack ignored');
        return;
      }
      const payload = args.length > 1 ? args[0] : undefined;
      const viewer = await resolveSession(db, socket.data.sessionId, sessionHours, socket.data.ip);
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
