// The desk's sequenced event stream (`desk.event`): every event reaches subscribers once and in order, even
// across a reconnect or a hub restart. The last contiguous seq seen is kept in memory and sessionStorage;
// after every reconnect (or a gap in the stream) the missing events are fetched with `events.since` and
// replayed in order. When the hub cannot replay (it restarted with another bootId, or says `complete:
// false`) subscribers are told to reload what they show instead.
import { useEffect, useEffectEvent } from 'react';
import type { CommandInput, CommandOutput } from '../../../common/realtime/commands.ts';
import type { HubHello, SequencedEvent } from '../../../common/realtime/events.ts';
import type { Result } from '../../../common/result.ts';
import { useHub } from './context.tsx';
import type { HubClient } from './hub.ts';

export const DESK_SEQ_KEY = 'threadline.desk.cursor';
/** Page size of a catch-up; more pages are fetched while a page comes back full. */
export const CATCH_UP_LIMIT = 500;

/** The little of the hub the stream needs; HubClient provides it, tests pass a fake. */
export interface DeskEventSource {
  on(event: 'desk.event', handler: (events: SequencedEvent[]) => void): () => void;
  on(event: 'hub.hello', handler: (hello: HubHello) => void): () => void;
  onReconnect(listener: () => void): () => void;
  call(name: 'events.since', input: CommandInput<'events.since'>): Promise<Result<CommandOutput<'events.since'>>>;
}

export type DeskEventHandler = (event: SequencedEvent) => void;
/** The desk missed events it cannot replay: refetch the list, counts, the open timeline. */
export type ReloadHandler = () => void;

interface Stored {
  bootId: string | null;
  seq: number | null;
}

interface Subscriber {
  onEvent: DeskEventHandler;
  onReload: ReloadHandler;
}

export class DeskEventStream {
  private lastSeq: number | null;
  private bootId: string | null;
  /** Events that arrived ahead of a gap, delivered once the gap is filled. */
  private readonly ahead = new Map<number, SequencedEvent>();
  private readonly subscribers = new Set<Subscriber>();
  private catchingUp: Promise<void> | null = null;
  /** Another catch-up was asked for while one ran. */
  private again = false;
  private readonly detach: Array<() => void>;

  constructor(
    private readonly source: DeskEventSource,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = typeof sessionStorage !== 'undefined' ? sessionStorage : undefined,
  ) {
    const stored = this.load();
    this.lastSeq = stored.seq;
    this.bootId = stored.bootId;
    this.detach = [
      source.on('desk.event', (events) => events.forEach((event) => this.receive(event))),
      source.on('hub.hello', (hello) => this.hello(hello)),
      source.onReconnect(() => void this.catchUp()),
    ];
  }

  /** The last seq delivered without a gap before it (null before the first one). */
  get cursor(): number | null {
    return this.lastSeq;
  }

  subscribe(onEvent: DeskEventHandler, onReload: ReloadHandler = () => {}): () => void {
    const subscriber = { onEvent, onReload };
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  dispose(): void {
    for (const undo of this.detach) undo();
    this.subscribers.clear();
  }

  /** A live event from the hub. */
  receive(event: SequencedEvent): void {
    if (this.lastSeq === null) {
      // The first event this desk sees: the stream starts here.
      this.deliver(event);
      return;
    }
    if (event.seq <= this.lastSeq || this.ahead.has(event.seq)) return;
    if (event.seq === this.lastSeq + 1 && !this.catchingUp) {
      this.deliver(event);
      this.drainAhead();
      return;
    }
    // A gap (or a catch-up is running): hold it, and fetch what is missing.
    this.ahead.set(event.seq, event);
    if (!this.catchingUp) void this.catchUp();
  }

  /** The hub's greeting on every connect. */
  hello(hello: HubHello): void {
    if (this.bootId !== null && this.bootId !== hello.bootId) {
      // The hub restarted: what it sends from now on does not follow what we saw.
      this.bootId = hello.bootId;
      this.reset(hello.latestSeq);
      this.reload();
      return;
    }
    this.bootId = hello.bootId;
    if (this.lastSeq === null) {
      this.lastSeq = hello.latestSeq;
      this.save();
      return;
    }
    this.save();
    if (hello.latestSeq > this.lastSeq) void this.catchUp();
  }

  /** Fetch and replay everything after the cursor; runs one at a time. */
  catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.again = true;
      return this.catchingUp;
    }
    this.catchingUp = this.runCatchUp().finally(() => {
      this.catchingUp = null;
      this.drainAhead();
      if (this.again) {
        this.again = false;
        void this.catchUp();
      }
    });
    return this.catchingUp;
  }

  private async runCatchUp(): Promise<void> {
    if (this.lastSeq === null) {
      // Nothing seen yet, so nothing to replay: learn where the stream is now, and let views refresh.
      const result = await this.source.call('events.since', { afterSeq: 0, limit: 1 });
      if (result.ok && this.lastSeq === null) {
        this.lastSeq = result.data.latestSeq;
        this.save();
      }
      return;
    }
    for (let pages = 0; pages < 100; pages++) {
      const afterSeq: number = this.lastSeq ?? 0;
      const result = await this.source.call('events.since', { afterSeq, limit: CATCH_UP_LIMIT });
      if (!result.ok) return; // tried again on the next reconnect or gap
      if (this.lastSeq !== afterSeq) return; // reset meanwhile (a hub restart)
      const { events, latestSeq, complete } = result.data;
      if (!complete) {
        this.reset(latestSeq);
        this.reload();
        return;
      }
      for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
        if (this.lastSeq !== null && event.seq <= this.lastSeq) continue;
        this.ahead.delete(event.seq);
        this.deliver(event);
      }
      if (events.length < CATCH_UP_LIMIT) {
        // Seqs this desk is not shown (another role's events) leave holes; the hub's word closes them.
        if (latestSeq > (this.lastSeq ?? 0)) {
          this.lastSeq = latestSeq;
          this.save();
        }
        // Anything held that the hub has not returned is older than its latest: already covered.
        return;
      }
    }
  }

  private drainAhead() {
    if (this.lastSeq === null) return;
    for (const seq of [...this.ahead.keys()]) if (seq <= this.lastSeq) this.ahead.delete(seq);
    let next = this.ahead.get(this.lastSeq + 1);
    while (next) {
      this.ahead.delete(next.seq);
      this.deliver(next);
      next = this.ahead.get(this.lastSeq + 1);
    }
    // Held events past a hole the hub did not fill: fetch again.
    if (this.ahead.size > 0 && !this.catchingUp) void this.catchUp();
  }

  private deliver(event: SequencedEvent) {
    this.lastSeq = event.seq;
    this.save();
    for (const subscriber of [...this.subscribers]) {
      try {
        subscriber.onEvent(event);
      } catch (error) {
        console.error('desk.event subscriber failed', error);
      }
    }
  }

  private reset(seq: number) {
    this.lastSeq = seq;
    this.ahead.clear();
    this.save();
  }

  private reload() {
    for (const subscriber of [...this.subscribers]) subscriber.onReload();
  }

  private load(): Stored {
    try {
      const raw = this.storage?.getItem(DESK_SEQ_KEY);
      if (!raw) return { bootId: null, seq: null };
      const parsed = JSON.parse(raw) as Partial<Stored>;
      return {
        bootId: typeof parsed.bootId === 'string' ? parsed.bootId : null,
        seq: typeof parsed.seq === 'number' && Number.isInteger(parsed.seq) && parsed.seq >= 0 ? parsed.seq : null,
      };
    } catch {
      return { bootId: null, seq: null };
    }
  }

  private save() {
    try {
      this.storage?.setItem(DESK_SEQ_KEY, JSON.stringify({ bootId: this.bootId, seq: this.lastSeq }));
    } catch {
      // kept in memory only
    }
  }
}

const streams = new WeakMap<HubClient, DeskEventStream>();

/** The one stream of a hub connection (created on first use, lives as long as the connection). */
export function deskEventsOf(hub: HubClient): DeskEventStream {
  let stream = streams.get(hub);
  if (!stream) {
    // `hub.hello` is pushed by the hub on connect; it is not in the typed event map of every hub version.
    const on = hub.on.bind(hub) as unknown as DeskEventSource['on'];
    stream = new DeskEventStream({ on, onReconnect: (l) => hub.onReconnect(l), call: (name, input) => hub.call(name, input) });
    streams.set(hub, stream);
  }
  return stream;
}

/** Sequenced desk events, once each and in order; `onReload` when some could not be replayed. */
export function useDeskEvents(handler: DeskEventHandler, onReload?: ReloadHandler): void {
  const hub = useHub();
  const onEvent = useEffectEvent(handler);
  const reload = useEffectEvent(() => onReload?.());
  useEffect(() => deskEventsOf(hub).subscribe((event) => onEvent(event), () => reload()), [hub]);
}
