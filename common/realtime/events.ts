// The typed socket.io event maps (Server<ClientToServerEvents, ServerToClientEvents>).
// Commands from a desk are verbs answered through an ack; pushes from the hub are past tense.
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

export interface SessionEnded {
  reason: 'signed_out' | 'expired' | 'disabled';
}

export interface ServerToClientEvents {
  /** The customer changed; desks that show it fetch it again (reads are per role and audited). */
  'customer.changed': (event: CustomerChanged) => void;
  /** This desk's session is over: it returns to the sign-in screen. */
  'session.ended': (event: SessionEnded) => void;
}

export interface SocketAuth {
  token: string;
}
