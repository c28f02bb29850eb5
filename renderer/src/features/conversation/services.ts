// The app-level services the conversation pane uses, behind one seam: the sequenced desk event stream
// (app/deskEvents.ts), the keyboard shortcut registry (app/shortcuts.ts) and the offline send queue
// (app/outbox.ts).
import type { SequencedEvent } from '../../../../common/realtime/events.ts';
import { useDeskEvents } from '../../app/deskEvents.ts';
import { useShortcut } from '../../app/shortcuts.ts';

export { useOutbox, useOutboxItems, type OutboxItem } from '../../app/outbox.ts';

/**
 * Durable desk events (timeline.added / timeline.updated), once each and in order, replayed after a
 * reconnect. `onReload` runs when the desk missed events it could not replay: the caller refetches.
 */
export function useTimelineEvents(handler: (event: SequencedEvent) => void, onReload: () => void): void {
  useDeskEvents(handler, onReload);
}

/** A single-key shortcut (`r`, `n`); listed in the `?` help; not while typing or with a dialog open. */
export function usePaneShortcut(key: string, handler: () => void, description: string): void {
  useShortcut(key, () => handler(), description);
}
