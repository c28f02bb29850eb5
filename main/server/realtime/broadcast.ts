// What services announce to connected desks. Rooms: `customer:<id>` (desks showing that customer),
// `session:<id>` (one sign-in's sockets), `user:<id>`.
import type { Server } from 'socket.io';
import type { ConversationSummary } from '../../../common/api/desk.ts';
import type { Role } from '../../../common/domain/enums.ts';
import type {
  ClientToServerEvents,
  CustomerChanged,
  MessageReceived,
  MessageStatusChanged,
  SequencedEvent,
  ServerToClientEvents,
  SessionEnded,
  VisitorTyping,
} from '../../../common/realtime/events.ts';
import { createActivity, type ActivityTracker } from '../services/desk/activity.ts';
import { createPresence, type PresenceTracker } from '../services/desk/presence.ts';

export type HubServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface SocketData {
  sessionId: string;
  userId: string;
  role: Role;
  /** Shown to other agents in presence and in who views a conversation. */
  displayName: string;
  ip: string | null;
}

export interface Realtime {
  customerChanged(event: CustomerChanged): void;
  /** The messages one commit stored, in one frame. */
  messageReceived(events: MessageReceived[]): void;
  messageStatus(event: MessageStatusChanged): void;
  /** Pushes durable events (already committed with their sequence numbers) to the desks that may see them. */
  deskEvents(events: SequencedEvent[]): void;
  conversationChanged(summaries: ConversationSummary[]): void;
  visitorTyping(event: VisitorTyping): void;
  /** Whether any desk that works conversations is connected (web chat says so to visitors). */
  agentsOnline(): boolean;
  /** Calls `listener` whenever agentsOnline() flips; returns how to stop. */
  watchAgentsOnline(listener: (online: boolean) => void): () => void;
  endSessions(sessionIds: string[], reason: SessionEnded['reason']): void;
  /** Desks that work conversations and whether someone is at them; changes go to the inbox room. */
  presence: PresenceTracker;
  /** Which conversation each desk has open and whether its agent is typing; changes go to the inbox room. */
  activity: ActivityTracker;
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
    messageReceived(events) {
      if (events.length > 0) io.to(rooms.inbox).emit('message.received', events);
    },
    messageStatus(event) {
      io.to(rooms.inbox).emit('message.status', event);
    },
    // One frame per batch, not per event: at hundreds of messages a second to hundreds of desks, the
    // number of socket writes is what costs.
    deskEvents(events) {
      // Every sequenced event today is a timeline change, which desks that work conversations see.
      if (events.length > 0) io.to(rooms.inbox).emit('desk.event', events);
    },
    conversationChanged(summaries) {
      if (summaries.length > 0) io.to(rooms.inbox).emit('conversation.changed', summaries);
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
    presence: createPresence((event) => io.to(rooms.inbox).emit('presence.changed', event)),
    activity: createActivity((event) => io.to(rooms.inbox).emit('conversation.activity', event)),
  };
}
