// Test helpers (imported only by *.test.tsx): a fake socket.io socket that answers commands from a table,
// and a render() that wires the desk's providers around a component with that fake hub.
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import type { Me } from '../../../common/api/auth.ts';
import { permissionsOf } from '../../../common/domain/policy.ts';
import type { Role } from '../../../common/domain/enums.ts';
import type { Result } from '../../../common/result.ts';
import { SessionProvider } from '../app/context.tsx';
import type { HubSocket } from '../app/hub.ts';
import { createI18n } from '../app/i18n.ts';
import { SessionStore } from '../app/sessionStore.ts';

type Listener = (...args: unknown[]) => void;
/** Answer for a command; `'hang'` never acks (a dead hub). */
export type Handler = (payload: unknown) => Result<unknown> | Promise<Result<unknown>> | 'hang';

export class FakeSocket {
  connected = false;
  active = true;
  readonly calls: Array<{ name: string; payload: unknown }> = [];
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(public handlers: Record<string, Handler> = {}) {}

  on(event: string, listener: Listener) {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return this;
  }

  once(event: string, listener: Listener) {
    const wrapped: Listener & { original?: Listener } = (...args) => {
      this.off(event, wrapped);
      listener(...args);
    };
    wrapped.original = listener;
    return this.on(event, wrapped);
  }

  /** Like socket.io's emitter, `off` also removes a listener added with `once`. */
  off(event: string, listener: Listener) {
    const set = this.listeners.get(event);
    for (const candidate of [...(set ?? [])]) {
      if (candidate === listener || (candidate as { original?: Listener }).original === listener) set?.delete(candidate);
    }
    return this;
  }

  /** Fire a socket event (connect, disconnect, connect_error) or a hub push (customer.changed). */
  fire(event: string, ...args: unknown[]) {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }

  connect() {
    queueMicrotask(() => {
      if (this.connected) return;
      this.connected = true;
      this.fire('connect');
    });
    return this;
  }

  disconnect() {
    this.connected = false;
    this.active = false;
    return this;
  }

  timeout(ms: number) {
    return {
      emit: (name: string, payload: unknown, ack: (err: Error | null, result?: unknown) => void) => {
        this.calls.push({ name, payload });
        const handler = this.handlers[name];
        const answer = handler ? handler(payload) : { ok: false, error: { code: 'UNKNOWN_COMMAND', message: name } };
        if (answer === 'hang') {
          setTimeout(() => ack(new Error('operation has timed out')), ms);
          return;
        }
        void Promise.resolve(answer).then((result) => ack(null, result));
      },
    };
  }

  asHubSocket(): HubSocket {
    return this as unknown as HubSocket;
  }
}

export function makeMe(role: Role = 'agent', overrides: Partial<Me> = {}): Me {
  return {
    id: 'u-1',
    email: 'agent@demo.local',
    displayName: 'Анна Оператор',
    role,
    locale: 'en',
    teamId: null,
    storeId: null,
    storeName: null,
    permissions: permissionsOf(role),
    ...overrides,
  };
}

export function renderWithHub(
  ui: ReactNode,
  { socket = new FakeSocket(), role = 'agent' as Role, locale = 'en' as 'en' | 'ru', path = '/' } = {},
): RenderResult & { socket: FakeSocket; store: SessionStore } {
  const i18n = createI18n(locale);
  const store = new SessionStore({
    i18n,
    storage: undefined,
    initialSession: { token: 't', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: makeMe(role, { locale }) },
    socketFactory: () => socket.asHubSocket(),
  });
  socket.handlers['session.me'] ??= () => ({ ok: true, data: makeMe(role, { locale }) });
  socket.handlers['customer.watch'] ??= () => ({ ok: true, data: { watching: 'x' } });
  socket.handlers['customer.unwatch'] ??= () => ({ ok: true, data: { watching: null } });
  const result = render(
    <I18nextProvider i18n={i18n}>
      <SessionProvider store={store}>
        <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
      </SessionProvider>
    </I18nextProvider>,
  );
  return Object.assign(result, { socket, store });
}
