import { describe, expect, it } from 'vitest';
import type { Result } from '../../../common/result.ts';
import { HUB_UNREACHABLE } from './hub.ts';
import { Outbox, type OutboxSource } from './outbox.ts';

class MemoryStorage {
  data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

const unreachable: Result<never> = { ok: false, error: { code: 'INTERNAL', message: HUB_UNREACHABLE } };
const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

function fakeHub() {
  let online = false;
  let reconnect: () => void = () => {};
  const received: Array<{ name: string; input: { clientId: string; body: string } }> = [];
  const stored = new Set<string>();
  const source: OutboxSource = {
    call: (async (name: string, input: { clientId: string; body: string }) => {
      received.push({ name, input });
      if (!online) return unreachable;
      const duplicate = stored.has(input.clientId);
      stored.add(input.clientId);
      return { ok: true, data: { duplicate, clientId: input.clientId } };
    }) as unknown as OutboxSource['call'],
    onReconnect: (listener) => {
      reconnect = listener;
      return () => {};
    },
  };
  return {
    source,
    received,
    stored,
    goOnline: () => {
      online = true;
      reconnect();
    },
    setOnline: (v: boolean) => (online = v),
  };
}

describe('Outbox', () => {
  it('sends at once when the hub answers, with a uuid clientId, and forgets the item', async () => {
    const hub = fakeHub();
    hub.setOnline(true);
    const storage = new MemoryStorage();
    const outbox = new Outbox(hub.source, 'k', storage);
    const { clientId, result } = outbox.send('conversation.addNote', { conversationId: 'c1', body: 'hello' });
    expect(clientId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await result).ok).toBe(true);
    expect(outbox.getItems()).toEqual([]);
    expect(storage.getItem('k')).toBeNull();
  });

  it('keeps sends while the hub is unreachable (in storage, shown as waiting) and delivers them in order after the reconnect', async () => {
    const hub = fakeHub();
    const storage = new MemoryStorage();
    const outbox = new Outbox(hub.source, 'k', storage);
    const first = outbox.send('conversation.reply', { conversationId: 'c1', channel: 'sms', body: 'one' });
    const second = outbox.send('conversation.addNote', { conversationId: 'c1', body: 'two' });
    const third = outbox.send('conversation.reply', { conversationId: 'c2', channel: 'email', body: 'three' });
    await flush();
    expect(outbox.getItems().map((i) => [i.input.body, i.state])).toEqual([
      ['one', 'waiting'],
      ['two', 'waiting'],
      ['three', 'waiting'],
    ]);
    expect(JSON.parse(storage.getItem('k')!)).toHaveLength(3);
    // Only the head was tried: order is kept.
    expect(hub.received.map((r) => r.input.body)).toEqual(['one']);

    hub.goOnline();
    const results = await Promise.all([first.result, second.result, third.result]);
    expect(results.every((r) => r.ok)).toBe(true);
    const delivered = hub.received.slice(1).map((r) => [r.name, r.input.body]);
    expect(delivered).toEqual([
      ['conversation.reply', 'one'],
      ['conversation.addNote', 'two'],
      ['conversation.reply', 'three'],
    ]);
    expect(hub.stored.size).toBe(3);
    expect(outbox.getItems()).toEqual([]);
  });

  it('survives a restart of the desk: queued items are loaded and sent again with the same clientId', async () => {
    const hub = fakeHub();
    const storage = new MemoryStorage();
    const before = new Outbox(hub.source, 'k', storage);
    const { clientId } = before.send('conversation.addNote', { conversationId: 'c1', body: 'kept' });
    await flush();
    before.dispose();

    hub.setOnline(true);
    const settled: string[] = [];
    const after = new Outbox(hub.source, 'k', storage);
    after.onSettled((s) => settled.push(s.clientId));
    expect(after.getItems().map((i) => i.clientId)).toEqual([clientId]);
    await flush();
    expect(settled).toEqual([clientId]);
    expect(hub.received.at(-1)?.input.clientId).toBe(clientId);
    expect(after.getItems()).toEqual([]);
  });

  it('a refusal (not a transport failure) leaves the queue with the error, and the rest goes on', async () => {
    const hub = fakeHub();
    hub.setOnline(true);
    const source: OutboxSource = {
      ...hub.source,
      call: (async (name: never, input: { body: string }) =>
        input.body === 'bad' ? { ok: false, error: { code: 'FORBIDDEN', message: 'no' } } : hub.source.call(name, input as never)) as unknown as OutboxSource['call'],
    };
    const outbox = new Outbox(source, 'k', new MemoryStorage());
    const bad = outbox.send('conversation.addNote', { conversationId: 'c1', body: 'bad' });
    const good = outbox.send('conversation.addNote', { conversationId: 'c1', body: 'good' });
    const [b, g] = await Promise.all([bad.result, good.result]);
    expect(b.ok).toBe(false);
    expect(g.ok).toBe(true);
    expect(outbox.getItems()).toEqual([]);
  });

  it('a queued item can be discarded before it is sent', async () => {
    const hub = fakeHub();
    const outbox = new Outbox(hub.source, 'k', new MemoryStorage());
    outbox.send('conversation.addNote', { conversationId: 'c1', body: 'a' });
    const b = outbox.send('conversation.addNote', { conversationId: 'c1', body: 'b' });
    await flush();
    expect(outbox.discard(b.clientId)).toBe(true);
    expect((await b.result).ok).toBe(false);
    hub.goOnline();
    await flush();
    expect(hub.received.map((r) => r.input.body)).not.toContain('b');
  });
});
