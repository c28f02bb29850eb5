import { describe, expect, it, vi } from 'vitest';
import type { CommandInput, CommandOutput } from '../../../common/realtime/commands.ts';
import type { HubHello, SequencedEvent } from '../../../common/realtime/events.ts';
import type { Result } from '../../../common/result.ts';
import { CATCH_UP_LIMIT, DESK_SEQ_KEY, DeskEventStream, type DeskEventSource } from './deskEvents.ts';

const ev = (seq: number): SequencedEvent => ({
  seq,
  type: 'timeline.added',
  payload: {
    conversationId: 'c1',
    event: { kind: 'note', id: `note:${seq}`, at: '2026-11-23T10:00:00.000Z', customerId: 'cu1', payload: { noteId: `${seq}`, conversationId: 'c1', authorId: 'u1', authorName: 'A', body: `n${seq}` } },
  },
});

class MemoryStorage {
  data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
}

type SinceAnswer = Result<CommandOutput<'events.since'>>;

function fakeSource(answer: (input: CommandInput<'events.since'>) => SinceAnswer | Promise<SinceAnswer>) {
  const handlers: { event?: (e: SequencedEvent[]) => void; hello?: (h: HubHello) => void; reconnect?: () => void } = {};
  const calls: Array<CommandInput<'events.since'>> = [];
  const source: DeskEventSource = {
    on: ((name: string, handler: never) => {
      if (name === 'desk.event') handlers.event = handler;
      else handlers.hello = handler;
      return () => {};
    }) as DeskEventSource['on'],
    onReconnect: (listener) => {
      handlers.reconnect = listener;
      return () => {};
    },
    call: async (_name, input) => {
      calls.push(input);
      return answer(input);
    },
  };
  return {
    source,
    calls,
    push: (e: SequencedEvent) => handlers.event!([e]),
    hello: (h: HubHello) => handlers.hello!(h),
    reconnect: () => handlers.reconnect!(),
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

/** A hub log of events 1..latest; `since` answers like the hub. */
const hubLog = (latest: number, opts: { complete?: boolean; hidden?: number[] } = {}) => (input: CommandInput<'events.since'>): SinceAnswer => {
  const limit = input.limit ?? CATCH_UP_LIMIT;
  const events: SequencedEvent[] = [];
  for (let s = input.afterSeq + 1; s <= latest && events.length < limit; s++) if (!opts.hidden?.includes(s)) events.push(ev(s));
  return { ok: true, data: { events, latestSeq: latest, complete: opts.complete ?? true } };
};

describe('DeskEventStream', () => {
  it('delivers in order, drops duplicates and remembers the cursor in storage', () => {
    const storage = new MemoryStorage();
    const hub = fakeSource(hubLog(0));
    const stream = new DeskEventStream(hub.source, storage);
    const seen: number[] = [];
    stream.subscribe((e) => seen.push(e.seq));
    hub.hello({ bootId: 'b1', latestSeq: 4 });
    hub.push(ev(5));
    hub.push(ev(5));
    hub.push(ev(6));
    hub.push(ev(4));
    expect(seen).toEqual([5, 6]);
    expect(stream.cursor).toBe(6);
    expect(JSON.parse(storage.getItem(DESK_SEQ_KEY)!)).toEqual({ bootId: 'b1', seq: 6 });
  });

  it('after a reconnect replays the missed events in order, once, then the live ones held meanwhile', async () => {
    let release: (v: SinceAnswer) => void = () => {};
    const hub = fakeSource((input) => new Promise<SinceAnswer>((r) => (release = () => r(hubLog(8)(input)))));
    const stream = new DeskEventStream(hub.source, new MemoryStorage());
    const seen: number[] = [];
    stream.subscribe((e) => seen.push(e.seq));
    hub.hello({ bootId: 'b1', latestSeq: 2 });
    hub.push(ev(3));
    // Offline: 4..8 happen on the hub. After the reconnect 9 arrives live before the catch-up answers.
    hub.reconnect();
    hub.push(ev(9));
    hub.push(ev(5)); // a late duplicate of one being replayed
    expect(seen).toEqual([3]);
    release(hubLog(8)({ afterSeq: 3 }));
    await flush();
    await flush();
    expect(hub.calls[0]).toEqual({ afterSeq: 3, limit: CATCH_UP_LIMIT });
    expect(seen).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(stream.cursor).toBe(9);
  });

  it('a gap in the live stream fetches what is missing', async () => {
    const hub = fakeSource(hubLog(12));
    const stream = new DeskEventStream(hub.source, new MemoryStorage());
    const seen: number[] = [];
    stream.subscribe((e) => seen.push(e.seq));
    hub.hello({ bootId: 'b1', latestSeq: 9 });
    hub.push(ev(12));
    await flush();
    await flush();
    expect(hub.calls).toEqual([{ afterSeq: 9, limit: CATCH_UP_LIMIT }]);
    expect(seen).toEqual([10, 11, 12]);
  });

  it('pages through a long catch-up', async () => {
    const total = CATCH_UP_LIMIT + 20;
    const hub = fakeSource(hubLog(total));
    const stream = new DeskEventStream(hub.source, new MemoryStorage());
    const seen: number[] = [];
    stream.subscribe((e) => seen.push(e.seq));
    hub.hello({ bootId: 'b1', latestSeq: 0 });
    await stream.catchUp();
    expect(hub.calls.map((c) => c.afterSeq)).toEqual([0, CATCH_UP_LIMIT]);
    expect(seen).toHaveLength(total);
    expect(seen.at(-1)).toBe(total);
  });

  it('holes the hub does not show this desk are closed by latestSeq', async () => {
    const hub = fakeSource(hubLog(6, { hidden: [5] }));
    const stream = new DeskEventStream(hub.source, new MemoryStorage());
    const seen: number[] = [];
    stream.subscribe((e) => seen.push(e.seq));
    hub.hello({ bootId: 'b1', latestSeq: 3 });
    hub.push(ev(4));
    hub.push(ev(6));
    await flush();
    await flush();
    expect(seen).toEqual([4, 6]);
    expect(stream.cursor).toBe(6);
    hub.push(ev(7));
    expect(seen).toEqual([4, 6, 7]);
  });

  it('tells subscribers to reload when the hub restarted (another bootId) or cannot replay (complete: false)', async () => {
    const hub = fakeSource(hubLog(50, { complete: false }));
    const storage = new MemoryStorage();
    storage.setItem(DESK_SEQ_KEY, JSON.stringify({ bootId: 'b1', seq: 10 }));
    const stream = new DeskEventStream(hub.source, storage);
    const reload = vi.fn();
    const seen: number[] = [];
    stream.subscribe((e) => seen.push(e.seq), reload);
    expect(stream.cursor).toBe(10);

    hub.hello({ bootId: 'b2', latestSeq: 3 });
    expect(reload).toHaveBeenCalledTimes(1);
    expect(stream.cursor).toBe(3);
    hub.push(ev(4));
    expect(seen).toEqual([4]);

    hub.reconnect();
    await flush();
    await flush();
    expect(reload).toHaveBeenCalledTimes(2);
    expect(stream.cursor).toBe(50);
    expect(seen).toEqual([4]);
  });

  it('a failed catch-up keeps the cursor for the next try', async () => {
    let fail = true;
    const hub = fakeSource((input) => (fail ? { ok: false, error: { code: 'INTERNAL', message: 'HUB_UNREACHABLE' } } : hubLog(5)(input)));
    const stream = new DeskEventStream(hub.source, new MemoryStorage());
    const seen: number[] = [];
    stream.subscribe((e) => seen.push(e.seq));
    hub.hello({ bootId: 'b1', latestSeq: 2 });
    hub.reconnect();
    await flush();
    expect(stream.cursor).toBe(2);
    fail = false;
    hub.reconnect();
    await flush();
    await flush();
    expect(seen).toEqual([3, 4, 5]);
  });
});
