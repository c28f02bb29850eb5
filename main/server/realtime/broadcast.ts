// What services announce to connected desks. Rooms: `customer:<id>` (desks showing that customer),
// `session:<id>` (one sign-in's sockets), `user:<id>`.
import type { Server } from 'socket.io';
import type { ConversationSummary } from '../../../common/api/desk.ts';
import type { StockChanged, StockImportProgress } from '../../../common/api/catalog.ts';
import type { ReviewChanged } from '../../../common/api/review.ts';
import type { TemplatesChanged } from '../../../common/api/templates.ts';
import type { VoiceRulesChanged } from '../../../common/api/voiceRules.ts';
import type { Role } from '../../../common/domain/enums.ts';
import type {
  ClientToServerEvents,
  CustomerChanged,
  MessageReceived,
  MessageStatusChanged,
  ReservationChanged,
  SequencedEvent,
  ServerToClientEvents,
  SessionEnded,
  VisitorTyping,
} from '../../../common/realtime/events.ts';
import { createActivity, type ActivityTracker } from '../services/desk/activity.ts';
import { createPresence, type PresenceTracker } from '../services/desk/presence.ts';
import { batchedPush } from './batchedPush.ts';

export type HubServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface SocketData {
  sessionId: string;
  userId: string;
  role: Role;
  /** The store a store-staff member works in (their stock and reservation pushes). */
  storeId: string | null;
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
  /** Committed stock changes, to desks that see every store and to each store's own desks. */
  stockChanged(changes: StockChanged[]): void;
  reservationChanged(events: ReservationChanged[]): void;
  stockImportProgress(userId: string, progress: StockImportProgress): void;
  reviewChanged(event: ReviewChanged): void;
  /** To desks that insert or edit templates. */
  templatesChanged(event: TemplatesChanged): void;
  /** To desks that work conversations: their composers lint with the new rules. */
  voiceRulesChanged(event: VoiceRulesChanged): void;
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
  /** Desks that see the stock and reservations of every store. */
  allStores: 'stores',
  /** The desks of one store's staff. */
  store: (id: string) => `store:${id}`,
  /** Desks of those who review agents' conversations. */
  reviews: 'reviews',
  /** Desks that insert templates (agents) or write and review them. */
  templates: 'templates',
};

/** How often, at most, a room gets a frame of each kind of batched push. */
const PUSH_MS = 20;

function byStore<T extends { storeId: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.storeId);
    if (group) group.push(item);
    else groups.set(item.storeId, [item]);
  }
  return groups;
}

export function createRealtime(io: HubServer): Realtime {
  // Every sequenced event today is a timeline change, which desks that work conversations see.
  const deskEvents = batchedPush<SequencedEvent>(PUSH_MS, (events) => io.to(rooms.inbox).emit('desk.event', events));
  const received = batchedPush<MessageReceived>(PUSH_MS, (events) => io.to(rooms.inbox).emit('message.received', events));
  // To desks that see every store, and to each store's own desks its part. A count that changed twice
  // within the interval goes once, as it stands now.
  const stock = batchedPush<StockChanged>(PUSH_MS, (changes) => {
    const latest = [...new Map(changes.map((c) => [`${c.storeId}\u0000${c.productId}`, c])).values()];
    io.to(rooms.allStores).emit('stock.changed', latest);
    for (const [storeId, own] of byStore(latest)) io.to(rooms.store(storeId)).emit('stock.changed', own);
  });
  const reservationsChanged = batchedPush<ReservationChanged>(PUSH_MS, (events) => {
    io.to(rooms.allStores).emit('reservation.changed', events);
    for (const [storeId, own] of byStore(events)) io.to(rooms.store(storeId)).emit('reservation.changed', own);
  });
  const agentsOnline = () => (io.of('/').adapter.rooms.get(rooms.inbox)?.size ?? 0) > 0;
  return {
    customerChanged(event) {
      io.to(rooms.customer(event.id)).emit('customer.changed', event);
    },
    messageReceived: (events) => received.add(events),
    messageStatus(event) {
      io.to(rooms.inbox).emit('message.status', event);
    },
    deskEvents: (events) => deskEvents.add(events),
    conversationChanged(summaries) {
      if (summaries.length > 0) io.to(rooms.inbox).emit('conversation.changed', summaries);
    },
    visitorTyping(event) {
      io.to(rooms.inbox).emit('visitor.typing', event);
    },
    stockChanged: (changes) => stock.add(changes),
    reservationChanged: (events) => reservationsChanged.add(events),
    stockImportProgress(userId, progress) {
      io.to(rooms.user(userId)).emit('stock.importProgress', progress);
    },
    reviewChanged(event) {
      io.to([rooms.user(event.agentId), rooms.reviews]).emit('review.changed', event);
    },
    templatesChanged(event) {
      io.to(rooms.templates).emit('templates.changed', event);
    },
    voiceRulesChanged(event) {
      // Supervisors and admins, who edit the rules, work conversations too: the inbox room reaches them all.
      io.to(rooms.inbox).emit('voice.rulesChanged', event);
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
