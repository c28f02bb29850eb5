// At hundreds of messages a second to hundreds of desks, what a push costs is its socket writes: every
// broadcast is one frame per desk, for the hub to write and for each desk to parse. A batched push
// merges what is announced within an interval into one broadcast: the first after a quiet interval
// leaves on the next turn of the event loop, later ones when the interval since the last has passed.
// A desk at a quiet hub sees no delay; at 500 messages a second it gets a frame every interval, not 500.

export interface BatchedPush<T> {
  add(items: readonly T[]): void;
}

export function batchedPush<T>(intervalMs: number, send: (items: T[]) => void): BatchedPush<T> {
  let pending: T[] = [];
  let scheduled = false;
  let lastSent = Number.NEGATIVE_INFINITY;
  const flush = () => {
    scheduled = false;
    lastSent = performance.now();
    const items = pending;
    pending = [];
    send(items);
  };
  return {
    add(items) {
      if (items.length === 0) return;
      pending.push(...items);
      if (scheduled) return;
      scheduled = true;
      const wait = lastSent + intervalMs - performance.now();
      if (wait <= 0) setImmediate(flush);
      else setTimeout(flush, wait);
    },
  };
}
