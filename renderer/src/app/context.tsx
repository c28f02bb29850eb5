// React access to the session store and the hub: the current user, `call`, pushes, reconnects, queries.
import { createContext, useCallback, useContext, useEffect, useEffectEvent, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Me } from '../../../common/api/auth.ts';
import type { Permission } from '../../../common/domain/policy.ts';
import { can } from '../../../common/domain/policy.ts';
import type { CommandInput, CommandName, CommandOutput } from '../../../common/realtime/commands.ts';
import type { ServerToClientEvents } from '../../../common/realtime/events.ts';
import type { AppError, Result } from '../../../common/result.ts';
import type { ConnectionState, HubClient } from './hub.ts';
import type { SessionSnapshot, SessionStore } from './sessionStore.ts';

const SessionContext = createContext<SessionStore | null>(null);

export function SessionProvider({ store, children }: { store: SessionStore; children: ReactNode }) {
  return <SessionContext.Provider value={store}>{children}</SessionContext.Provider>;
}

export function useSessionStore(): SessionStore {
  const store = useContext(SessionContext);
  if (!store) throw new Error('useSessionStore outside SessionProvider');
  return store;
}

export function useSession(): SessionSnapshot {
  const store = useSessionStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** The signed-in user; only used below the signed-in part of the tree. */
export function useMe(): Me {
  const { session } = useSession();
  if (!session) throw new Error('useMe without a session');
  return session.user;
}

export function useCan(permission: Permission): boolean {
  const me = useMe();
  return can(me.role, permission);
}

export function useHub(): HubClient {
  const { hub } = useSession();
  if (!hub) throw new Error('useHub without a session');
  return hub;
}

const offlineSubscribe = () => () => {};
const offlineState = (): ConnectionState => 'offline';

export function useConnectionState(): ConnectionState {
  const { hub } = useSession();
  return useSyncExternalStore(hub?.subscribe ?? offlineSubscribe, hub?.getState ?? offlineState);
}

/** Run `handler` after every reconnect of the hub (refetch, re-watch). */
export function useOnReconnect(handler: () => void): void {
  const hub = useHub();
  const onReconnect = useEffectEvent(handler);
  useEffect(() => hub.onReconnect(() => onReconnect()), [hub]);
}

export function useHubEvent<E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]): void {
  const hub = useHub();
  const onEvent = useEffectEvent((...args: Parameters<ServerToClientEvents[E]>) =>
    (handler as (...a: Parameters<ServerToClientEvents[E]>) => void)(...args),
  );
  useEffect(
    () => hub.on(event, ((...args: Parameters<ServerToClientEvents[E]>) => onEvent(...args)) as ServerToClientEvents[E]),
    [hub, event],
  );
}

export type QueryState<T> =
  | { status: 'loading'; data: undefined; error: undefined }
  | { status: 'ok'; data: T; error: undefined }
  | { status: 'error'; data: undefined; error: AppError };

export interface Query<T> {
  state: QueryState<T>;
  /** Fetch again showing the loading state (the Retry button). */
  reload: () => void;
  /** Fetch again in the background, keeping what is shown (pushes, reconnects). */
  refresh: () => void;
  /** Replace the data with a fresher copy (the answer to an update). */
  setData: (data: T) => void;
}

/**
 * A command whose answer is shown on screen: fetched when its input changes, refreshed after a reconnect.
 * A background refresh that fails keeps the data already shown.
 */
export function useHubQuery<K extends CommandName>(name: K, input: CommandInput<K>): Query<CommandOutput<K>> {
  const hub = useHub();
  const inputKey = JSON.stringify([name, input]);
  const [visible, setVisible] = useState(0);
  const [silent, setSilent] = useState(0);
  const key = `${inputKey}#${visible}`;
  const [held, setHeld] = useState<{ key: string; result: Result<CommandOutput<K>> } | null>(null);

  useEffect(() => {
    let cancelled = false;
    const [command, payload] = JSON.parse(inputKey) as [K, CommandInput<K>];
    void hub.call(command, payload).then((result) => {
      if (cancelled) return;
      setHeld((previous) =>
        !result.ok && previous?.key === key && previous.result.ok ? previous : { key, result },
      );
    });
    return () => {
      cancelled = true;
    };
  }, [hub, inputKey, key, silent]);

  const refresh = useCallback(() => setSilent((n) => n + 1), []);
  const reload = useCallback(() => setVisible((n) => n + 1), []);
  const setData = useCallback((data: CommandOutput<K>) => setHeld({ key, result: { ok: true, data } }), [key]);
  useOnReconnect(refresh);

  const result = held?.key === key ? held.result : null;
  const state: QueryState<CommandOutput<K>> = !result
    ? { status: 'loading', data: undefined, error: undefined }
    : result.ok
      ? { status: 'ok', data: result.data, error: undefined }
      : { status: 'error', data: undefined, error: result.error };
  return { state, reload, refresh, setData };
}
