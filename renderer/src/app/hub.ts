// The desk's one connection to the hub: a socket.io client, a typed `call()` that always settles with a
// Result (a dead hub gives an error result, never a hang), the connection state for the status indicator,
// and hooks for reconnects and pushes.
import { io, type Socket } from 'socket.io-client';
import type { CommandInput, CommandName, CommandOutput } from '../../../common/realtime/commands.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../common/realtime/events.ts';
import type { AppError, Result } from '../../../common/result.ts';

export type HubSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/**
 * The contract's ErrorCode has no "the hub did not answer" code, so the desk reports it as INTERNAL with
 * these messages, which `errorText()` recognises and translates.
 */
export const HUB_TIMEOUT = 'HUB_TIMEOUT';
export const HUB_UNREACHABLE = 'HUB_UNREACHABLE';
export const HUB_BAD_ANSWER = 'HUB_BAD_ANSWER';

export const DEFAULT_CALL_TIMEOUT_MS = 10_000;
/** After this long without a connection the indicator says "offline" (it keeps retrying). */
export const OFFLINE_AFTER_MS = 15_000;

export type CallFn = <K extends CommandName>(name: K, input: CommandInput<K>) => Promise<Result<CommandOutput<K>>>;

/** The little of a socket.io client socket that `call()` needs; tests pass a fake. */
export interface CallableSocket {
  readonly connected: boolean;
  timeout(ms: number): {
    emit(event: string, payload: unknown, ack: (err: Error | null, result: unknown) => void): unknown;
  };
  once(event: 'connect', listener: () => void): unknown;
  off(event: 'connect', listener: () => void): unknown;
}

const failure = (message: string): { ok: false; error: AppError } => ({ ok: false, error: { code: 'INTERNAL', message } });

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const candidate = value as { ok: unknown; error?: unknown };
  if (candidate.ok === true) return 'data' in candidate;
  return candidate.ok === false && typeof candidate.error === 'object' && candidate.error !== null;
}

/**
 * A typed command call over socket.io with an ack. When the socket is not connected yet (start-up, a hub
 * restart) it waits for the connection within the same time budget instead of buffering the command, so
 * a command is never delivered long after the user was told it failed.
 */
export function makeCall(socket: CallableSocket, timeoutMs = DEFAULT_CALL_TIMEOUT_MS): CallFn {
  return <K extends CommandName>(name: K, input: CommandInput<K>) =>
    new Promise<Result<CommandOutput<K>>>((resolve) => {
      const deadline = Date.now() + timeoutMs;
      const send = () => {
        socket.timeout(Math.max(1, deadline - Date.now())).emit(name, input, (err, result) => {
          if (err) resolve(failure(HUB_TIMEOUT));
          else if (isResult(result)) resolve(result as Result<CommandOutput<K>>);
          else resolve(failure(HUB_BAD_ANSWER));
        });
      };
      if (socket.connected) {
        send();
        return;
      }
      const onConnect = () => {
        clearTimeout(timer);
        send();
      };
      const timer = setTimeout(() => {
        socket.off('connect', onConnect);
        resolve(failure(HUB_UNREACHABLE));
      }, timeoutMs);
      socket.once('connect', onConnect);
    });
}

export interface HubClientOptions {
  token: string;
  /** The hub refused the token (expired, revoked): the desk goes back to sign-in. */
  onUnauthenticated: () => void;
  /** Same origin by default; tests and the Electron shell may point elsewhere. */
  url?: string;
  socketFactory?: (url: string | undefined, token: string) => HubSocket;
  callTimeoutMs?: number;
}

const defaultSocketFactory = (url: string | undefined, token: string): HubSocket => {
  const options = {
    auth: { token },
    transports: ['websocket'],
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
    autoConnect: false,
  };
  return url ? io(url, options) : io(options);
};

export class HubClient {
  readonly socket: HubSocket;
  readonly call: CallFn;
  private state: ConnectionState = 'connecting';
  private readonly stateListeners = new Set<() => void>();
  private readonly reconnectListeners = new Set<() => void>();
  private hasConnected = false;
  private offlineTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(private readonly options: HubClientOptions) {
    this.socket = (options.socketFactory ?? defaultSocketFactory)(options.url, options.token);
    this.call = makeCall(this.socket as unknown as CallableSocket, options.callTimeoutMs);

    this.socket.on('connect', () => {
      clearTimeout(this.offlineTimer);
      this.setState('connected');
      if (this.hasConnected) for (const listener of [...this.reconnectListeners]) listener();
      this.hasConnected = true;
    });
    this.socket.on('disconnect', (reason) => {
      if (this.closed) return;
      this.setState(this.isBrowserOffline() ? 'offline' : 'reconnecting');
      this.armOfflineTimer();
      // The hub dropped us on purpose (e.g. a restart that closed sockets): try again; a refused token
      // then arrives as connect_error UNAUTHENTICATED.
      if (reason === 'io server disconnect') this.socket.connect();
    });
    this.socket.on('connect_error', (error) => {
      if (error.message === 'UNAUTHENTICATED') {
        this.close();
        this.options.onUnauthenticated();
        return;
      }
      if (this.state === 'connected') this.setState('reconnecting');
      this.armOfflineTimer();
      // A handshake refused by middleware is not retried by socket.io itself.
      if (!this.socket.active && !this.closed) setTimeout(() => !this.closed && this.socket.connect(), 2_000);
    });
    if (typeof window !== 'undefined') {
      window.addEventListener('offline', this.onBrowserOffline);
      window.addEventListener('online', this.onBrowserOnline);
    }
    this.socket.connect();
  }

  getState = (): ConnectionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  /** Called after every reconnect (not the first connect): refetch what is on screen, re-watch. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  on<E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]): () => void {
    // socket.io's typed `on` needs the concrete event; the map keeps handler and event in step.
    const socket = this.socket as unknown as { on(e: string, h: unknown): void; off(e: string, h: unknown): void };
    socket.on(event, handler);
    return () => socket.off(event, handler);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.offlineTimer);
    if (typeof window !== 'undefined') {
      window.removeEventListener('offline', this.onBrowserOffline);
      window.removeEventListener('online', this.onBrowserOnline);
    }
    this.socket.disconnect();
  }

  private setState(next: ConnectionState) {
    if (next === this.state) return;
    this.state = next;
    for (const listener of [...this.stateListeners]) listener();
  }

  private armOfflineTimer() {
    clearTimeout(this.offlineTimer);
    this.offlineTimer = setTimeout(() => {
      if (!this.socket.connected && !this.closed) this.setState('offline');
    }, OFFLINE_AFTER_MS);
  }

  private isBrowserOffline() {
    return typeof navigator !== 'undefined' && navigator.onLine === false;
  }

  private onBrowserOffline = () => {
    if (!this.socket.connected) this.setState('offline');
  };

  private onBrowserOnline = () => {
    if (!this.socket.connected && !this.closed) {
      this.setState('reconnecting');
      if (!this.socket.active) this.socket.connect();
    }
  };
}
