// What services announce to connected desks. Rooms: `customer:<id>` (desks showing that customer),
// `session:<id>` (one sign-in's sockets), `user:<id>`.
import type { Server } from 'socket.io';
import type { Role } from '../../../common/domain/enums.ts';
import type {
  ClientToServerEvents,
  CustomerChanged,
  MessageReceived,
  MessageStatusChanged,
  ServerToClientEvents,
  SessionEnded,
  VisitorTyping,
} from '../../../common/realtime/events.ts';

export type HubServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface SocketData {
  sessionId: string;
  userId: string;
  role: Role;
  ip: string | null;
}

export interface Realtime {
  customerChanged(event: CustomerChanged): void;
  messageReceived(event: MessageReceived): void;
  messageStatus(event: MessageStatusChanged): void;
  visitorTyping(event: VisitorTyping): void;
  /** Whether any desk that works conversations is connected (web chat says so to visitors). */
  agentsOnline(): boolean;
  /** Calls `listener` whenever agentsOnline() flips; returns how to stop. */
  watchAgentsOnline(listener: (online: boolean) => void): () => void;
  endSessions(sessionIds: string[], reason: SessionEnded['reason']): void;
}

export const rooms = {
  customer: (id: string) => `customer:${id}`,
  session: (id: string) => `session:${id}`,
  user: (id: string) => `user:${id}`,
  /** Every desk whose role works conversations. */
  inbox: 'inbox',
};

export function createRealtime(io: HubServer): Realtime {
  const agentsOnline = () => (io.of('/').adapter.rooms.get(rooms.inbox)?.size ?? 0) > 0;
  return {
    customerChanged(event) {
      io.to(rooms.customer(event.id)).emit('customer.changed', event);
    },
    messageReceived(event) {
      io.to(rooms.inbox).emit('message.received', event);
    },
    messageStatus(event) {
      io.to(rooms.inbox).emit('message.status', event);
    },
    visitorTyping(event) {
      io.to(rooms.inbox).emit('visitor.typing', event);
    },
    agentsOnline,
    watchAgentsOnline(listener) {
      // The adapter reports every join and leave (including on disconnect) after updating its rooms.
      const adapter = io.of('/').adapter;
      let online = agentsOnline();
      const check = (room: string) => {
        if (room !== rooms.inbox || agentsOnline() === online) return;
        online = !online;
        listener(online);
      };
      adapter.on('join-room', check);
      adapter.on('leave-room', check);
      return () => {
        adapter.off('join-room', check);
        adapter.off('leave-room', check);
      };
    },
    endSessions(sessionIds, reason) {
      for (const id of sessionIds) {
        io.to(rooms.session(id)).emit('session.ended', { reason });
        io.in(rooms.session(id)).disconnectSockets(true);
      }
    },
  };
}
