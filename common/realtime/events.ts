// The typed socket.io event maps (Server<ClientToServerEvents, ServerToClientEvents>).
// Commands from a desk are verbs answered through an ack; pushes from the hub are past tense.
import type { Channel, MessageStatus } from '../domain/enums.ts';
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

export interface SessionEnded {
  reason: 'signed_out' | 'expired' | 'disabled';
}

export interface ServerToClientEvents {
  /** The customer changed; desks that show it fetch it again (reads are per role and audited). */
  'customer.changed': (event: CustomerChanged) => void;
  /** A customer wrote on any channel; committed before this is sent. Pushed to desks that work conversations. */
  'message.received': (event: MessageReceived) => void;
  /** An outbound message moved on (sent, delivered, read, failed). */
  'message.status': (event: MessageStatusChanged) => void;
  /** A web-chat visitor is typing (the inbox shows it beside their conversation). */
  'visitor.typing': (event: VisitorTyping) => void;
  /** This desk's session is over: it returns to the sign-in screen. */
  'session.ended': (event: SessionEnded) => void;
}

export interface SocketAuth {
  token: string;
}
