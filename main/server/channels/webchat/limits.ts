// Fixed-window counters for the visitor limits. In memory: a hub restart forgives everyone, which is
// acceptable for abuse limits on one process.
export interface WindowLimiter {
  /** Counts one hit for `key`; false when that exceeds `limit` in the current window. */
  take(key: string, limit: number): boolean;
}

export function windowLimiter(windowMs: number, now: () => number = Date.now): WindowLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key, limit) {
      const at = now();
      // Bounded by the keys seen in one window: stale entries are swept before the map grows large.
      if (windows.size > 10_000) {
        for (const [k, w] of windows) if (at - w.start >= windowMs) windows.delete(k);
      }
      let window = windows.get(key);
      if (!window || at - window.start >= windowMs) {
        window = { start: at, count: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      return window.count <= limit;
    },
  };
}
