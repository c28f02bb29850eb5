// The hub pushes `customer.changed` only to desks watching that customer, so the list watches the rows
// on screen (the virtual window, settled for a moment while scrolling) and lets go of the rest.
import { useEffect, useRef } from 'react';
import { useHub, useOnReconnect } from '../../app/context.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';

export function useWatchCustomers(ids: readonly string[]): void {
  const hub = useHub();
  const settled = useDebounced(ids.join(','), 400);
  const watched = useRef(new Set<string>());

  useEffect(() => {
    const current = watched.current;
    const next = new Set(settled ? settled.split(',') : []);
    for (const id of next) if (!current.has(id)) void hub.call('customer.watch', { id });
    for (const id of current) if (!next.has(id)) void hub.call('customer.unwatch', { id });
    current.clear();
    for (const id of next) current.add(id);
  }, [hub, settled]);

  useEffect(() => {
    const current = watched.current;
    return () => {
      for (const id of current) void hub.call('customer.unwatch', { id });
      current.clear();
    };
  }, [hub]);

  // Rooms do not survive a reconnect.
  useOnReconnect(() => {
    for (const id of watched.current) void hub.call('customer.watch', { id });
  });
}
