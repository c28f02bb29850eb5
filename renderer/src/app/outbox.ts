// The offline send queue: replies and notes carry a clientId (the hub stores a clientId once), are kept in
// localStorage until the hub answers, and are sent one at a time in the order they were written. While the
// hub is unreachable they wait ("waiting for connection") and go out after the reconnect; a resend of one
// the hub already stored is harmless.
import { useSyncExternalStore } from 'react';
import type { AddNoteInput, SendReplyInput } from '../../../common/api/desk.ts';
import type { CommandInput, CommandOutput } from '../../../common/realtime/commands.ts';
import type { AppError, Result } from '../../../common/result.ts';
import { useHub, useMe } from './context.tsx';
import { HUB_TIMEOUT, HUB_UNREACHABLE, type HubClient } from './hub.ts';

export type OutboxCommand = 'conversation.reply' | 'conversation.addNote';
export const OUTBOX_KEY_PREFIX = 'threadline.outbox.';

export type OutboxItem = {
  [K in OutboxCommand]: {
    clientId: string;
    command: K;
    input: CommandInput<K> & { clientId: string };
    conversationId: string;
    createdAt: string;
    /** waiting: not sent yet (or the hub was unreachable); sending: on the wire. */
    state: 'waiting' | 'sending';
    attempts: number;
  };
}[OutboxCommand];

export interface OutboxSource {
  call<K extends OutboxCommand>(name: K, input: CommandInput<K>): Promise<Result<CommandOutput<K>>>;
  /** Called on every (re)connect of the hub. */
  onReconnect(listener: () => void): () => void;
}

/** The hub did not answer (down, restarting, the network): the item stays queued. */
export function isTransportError(error: AppError): boolean {
  return error.code === 'INTERNAL' && (error.message === HUB_UNREACHABLE || error.message === HUB_TIMEOUT);
}

type Settled = { clientId: string; command: OutboxCommand; conversationId: string; result: Result<CommandOutput<OutboxCommand>> };

const newClientId = (): string =>
  typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : // jsdom and old engines: a v4 uuid from getRandomValues
      '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
        (Number(c) ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (Number(c) / 4)))).toString(16),
      );

export class Outbox {
  private items: OutboxItem[];
  private readonly listeners = new Set<() => void>();
  private readonly settledListeners = new Set<(settled: Settled) => void>();
  private readonly waiters = new Map<string, (result: Result<CommandOutput<OutboxCommand>>) => void>();
  private flushing = false;
  private readonly detach: () => void;

  constructor(
    private readonly source: OutboxSource,
    private readonly storageKey: string,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined = typeof localStorage !== 'undefined' ? localStorage : undefined,
  ) {
    // Anything "sending" when the desk closed may or may not have arrived: send again (the hub dedupes).
    this.items = this.load().map((item) => ({ ...item, state: 'waiting' }));
    this.detach = source.onReconnect(() => void this.flush());
    if (this.items.length > 0) void this.flush();
  }

  /** Queued items, oldest first (a stable array between changes, for useSyncExternalStore). */
  getItems = (): readonly OutboxItem[] => this.items;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Every answer, including those for items queued before a restart of the desk (no promise waits for them). */
  onSettled(listener: (settled: Settled) => void): () => void {
    this.settledListeners.add(listener);
    return () => this.settledListeners.delete(listener);
  }

  /**
   * Queue a reply or note and send it as soon as the items before it have gone. The promise settles with the
   * hub's answer, which may be after a reconnect; until then the item is in `getItems()`.
   */
  send<K extends OutboxCommand>(command: K, input: Omit<CommandInput<K>, 'clientId'> & { clientId?: string }): { clientId: string; result: Promise<Result<CommandOutput<K>>> } {
    const clientId = input.clientId ?? newClientId();
    const full = { ...input, clientId } as CommandInput<K> & { clientId: string };
    const item = {
      clientId,
      command,
      input: full,
      conversationId: (full as SendReplyInput | AddNoteInput).conversationId,
      createdAt: new Date().toISOString(),
      state: 'waiting',
      attempts: 0,
    } as OutboxItem;
    const result = new Promise<Result<CommandOutput<K>>>((resolve) => {
      this.waiters.set(clientId, resolve as (r: Result<CommandOutput<OutboxCommand>>) => void);
    });
    this.setItems([...this.items, item]);
    void this.flush();
    return { clientId, result };
  }

  /** Drop a queued item the agent no longer wants sent (not one already on the wire). */
  discard(clientId: string): boolean {
    const item = this.items.find((i) => i.clientId === clientId);
    if (!item || item.state === 'sending') return false;
    this.setItems(this.items.filter((i) => i.clientId !== clientId));
    this.waiters.get(clientId)?.({ ok: false, error: { code: 'CONFLICT', message: 'DISCARDED' } });
    this.waiters.delete(clientId);
    return true;
  }

  /** Send queued items in order; stops at the first the hub did not answer, until the next reconnect. */
  async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (;;) {
        const head = this.items[0];
        if (!head) return;
        this.update(head.clientId, { state: 'sending', attempts: head.attempts + 1 });
        const result = (await this.source.call(head.command, head.input as never)) as Result<CommandOutput<OutboxCommand>>;
        if (!result.ok && isTransportError(result.error)) {
          this.update(head.clientId, { state: 'waiting' });
          return;
        }
        // Answered (stored, or refused for good): it leaves the queue either way.
        this.setItems(this.items.filter((i) => i.clientId !== head.clientId));
        const waiter = this.waiters.get(head.clientId);
        this.waiters.delete(head.clientId);
        waiter?.(result);
        for (const listener of [...this.settledListeners]) listener({ clientId: head.clientId, command: head.command, conversationId: head.conversationId, result });
      }
    } finally {
      this.flushing = false;
    }
  }

  dispose(): void {
    this.detach();
    this.listeners.clear();
    this.settledListeners.clear();
  }

  private update(clientId: string, patch: Partial<Pick<OutboxItem, 'state' | 'attempts'>>) {
    this.setItems(this.items.map((i) => (i.clientId === clientId ? ({ ...i, ...patch } as OutboxItem) : i)));
  }

  private setItems(items: OutboxItem[]) {
    this.items = items;
    this.save();
    for (const listener of [...this.listeners]) listener();
  }

  private load(): OutboxItem[] {
    try {
      const raw = this.storage?.getItem(this.storageKey);
      const parsed = raw ? (JSON.parse(raw) as unknown) : [];
      if (!Array.isArray(parsed)) return [];
      return parsed.filter(
        (i): i is OutboxItem =>
          typeof i === 'object' &&
          i !== null &&
          typeof (i as OutboxItem).clientId === 'string' &&
          ((i as OutboxItem).command === 'conversation.reply' || (i as OutboxItem).command === 'conversation.addNote') &&
          typeof (i as OutboxItem).input === 'object',
      );
    } catch {
      return [];
    }
  }

  private save() {
    try {
      if (this.items.length === 0) this.storage?.removeItem(this.storageKey);
      else this.storage?.setItem(this.storageKey, JSON.stringify(this.items));
    } catch {
      // kept in memory only
    }
  }
}

const outboxes = new WeakMap<HubClient, Outbox>();

/** The outbox of this connection; queued items are per user, so another user never sends them. */
export function outboxOf(hub: HubClient, userId: string): Outbox {
  let outbox = outboxes.get(hub);
  if (!outbox) {
    outbox = new Outbox(
      {
        call: (name, input) => hub.call(name, input),
        // Every connect, the first one included: a desk started offline sends its queue when the hub appears.
        onReconnect: (listener) => {
          hub.socket.on('connect', listener);
          return () => void hub.socket.off('connect', listener);
        },
      },
      `${OUTBOX_KEY_PREFIX}${userId}`,
    );
    outboxes.set(hub, outbox);
  }
  return outbox;
}

export function useOutbox(): Outbox {
  const hub = useHub();
  const me = useMe();
  return outboxOf(hub, me.id);
}

/** Queued (not yet answered) sends, optionally of one conversation: the composer shows them as waiting. */
export function useOutboxItems(conversationId?: string): readonly OutboxItem[] {
  const outbox = useOutbox();
  const all = useSyncExternalStore(outbox.subscribe, outbox.getItems);
  return conversationId ? all.filter((i) => i.conversationId === conversationId) : all;
}
