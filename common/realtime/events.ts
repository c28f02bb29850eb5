// The typed socket.io event maps (Server<ClientToServerEvents, ServerToClientEvents>).
// Commands from a desk are verbs answered through an ack; pushes from the hub are past tense.
import type { ConversationSummary, AgentPresence } from '../api/desk.ts';
import type { StockChanged, StockImportProgress } from '../api/catalog.ts';
import type { ReviewChanged } from '../api/review.ts';
import type { TemplatesChanged } from '../api/templates.ts';
import type { VoiceRulesChanged } from '../api/voiceRules.ts';
import type { ReservationStatus } from '../domain/enums.ts';
import type { Channel, MessageStatus } from '../domain/enums.ts';
import type { TimelineEvent } from '../domain/timeline.ts';
import type { Result } from '../result.ts';
import type { CommandInput, CommandName, CommandOutput } from './commands.ts';

export type ClientToServerEvents = {
  [K in CommandName]: (payload: CommandInput<K>, ack: (result: Result<CommandOutput<K>>) => void) => void;
};

export interface CustomerChanged {
  id: string;
  updatedAt: string;
  /** Who changed it, so a desk can say "edited by …" without another request. */
  byUserId: string | null;
}

export interface MessageReceived {
  messageId: string;
  conversationId: string;
  customerId: string;
  channel: Channel;
  /** The sender matched no profile, so one was created. */
  newCustomer: boolean;
}

export interface MessageStatusChanged {
  messageId: string;
  conversationId: string;
  status: MessageStatus;
  failureReason: string | null;
  /** The reply reached the customer through another channel than its own (a web chat reply e-mailed to a visitor who left). */
  deliveredVia?: Channel;
}

export interface VisitorTyping {
  accountId: string;
  visitorId: string;
  typing: boolean;
}

/**
 * A change that must reach every desk exactly once, even across a reconnect: stored with an increasing
 * sequence number before it is pushed, and replayed by `events.since` to a desk that was away.
 */
export type SequencedEvent =
  /** A message or note joined a customer's timeline. */
  | { seq: number; type: 'timeline.added'; payload: { conversationId: string | null; event: TimelineEvent } }
  /** A timeline event changed (a message's delivery status). */
  | { seq: number; type: 'timeline.updated'; payload: { conversationId: string | null; event: TimelineEvent } };

/** Who has a conversation open, and who is typing in it. */
export interface ConversationActivity {
  conversationId: string;
  viewers: Array<{ userId: string; displayName: string; typing: boolean }>;
}

/** A reservation was made or moved on. Carries no customer data: desks that show it fetch it (reads are audited). */
export interface ReservationChanged {
  id: string;
  code: string;
  storeId: string;
  customerId: string;
  status: ReservationStatus;
}

export interface SessionEnded {
  reason: 'signed_out' | 'expired' | 'disabled';
}

export interface ServerToClientEvents {
  /** The customer changed; desks that show it fetch it again (reads are per role and audited). */
  'customer.changed': (event: CustomerChanged) => void;
  /** A customer wrote on any channel; committed before this is sent. Pushed to desks that work conversations. */
  'message.received': (events: MessageReceived[]) => void;
  /** An outbound message moved on (sent, delivered, read, failed). */
  'message.status': (event: MessageStatusChanged) => void;
  /** A web-chat visitor is typing (the inbox shows it beside their conversation). */
  'visitor.typing': (event: VisitorTyping) => void;
  /** Durable changes in sequence order, as many as one commit made (an ingest batch); see SequencedEvent. */
  'desk.event': (events: SequencedEvent[]) => void;
  /** A conversation's summary changed (new message, assignment, status, tags): the inbox moves it. Not
   *  sequenced: after a reconnect the desk reloads its list and counts instead. */
  'conversation.changed': (summaries: ConversationSummary[]) => void;
  /** An agent came online, went away or left. */
  'presence.changed': (event: AgentPresence) => void;
  /** Who views and types in a conversation changed. */
  'conversation.activity': (event: ConversationActivity) => void;
  /** This desk's session is over: it returns to the sign-in screen. */
  'session.ended': (event: SessionEnded) => void;
  /** Stock levels one commit changed (a reservation, a correction, an import batch), to desks that see those stores. */
  'stock.changed': (changes: StockChanged[]) => void;
  /** Reservations one commit made or moved on, in one frame: to the stores' desks and the agents' desks. */
  'reservation.changed': (events: ReservationChanged[]) => void;
  /** To the desk running a stock import, while it runs. */
  'stock.importProgress': (progress: StockImportProgress) => void;
  /** A review was submitted, acknowledged or disputed: to the reviewed agent and to the supervisors. */
  'review.changed': (event: ReviewChanged) => void;
  /** A template was saved, reviewed or archived: desks showing the library or the "/" picker fetch it again. */
  'templates.changed': (event: TemplatesChanged) => void;
  /** A new brand-voice rule set is in force: open composers fetch it and lint with it. To desks that work conversations. */
  'voice.rulesChanged': (event: VoiceRulesChanged) => void;
  /** Sent on every connect: the desk resyncs from its last seq, and reloads its views after a restart. */
  'hub.hello': (hello: HubHello) => void;
}

export interface SocketAuth {
  token: string;
}

/** Sent by the hub on connect: a different bootId means the hub restarted and the desk reloads its views. */
export interface HubHello {
  bootId: string;
  latestSeq: number;
}
