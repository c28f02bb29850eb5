import { describe, expect, it } from 'vitest';
import { emptyTimeline, firstIndexAtOrAfter, isBeyondNewerEnd, timelineReducer, unreadDividerId, type TimelineState } from './timelineModel.ts';
import { at, loyalty, message, note, order, page } from './testData.ts';

const ids = (state: TimelineState) => state.events.map((e) => e.id);
const opened = (events = [message(10), message(11), message(12)], hasOlder = true, hasNewer = false) =>
  timelineReducer(emptyTimeline, { type: 'reset', page: page(events, hasOlder, hasNewer) });

describe('timelineReducer', () => {
  it('opens a window sorted oldest first and bumps the generation', () => {
    const state = opened([message(12), order(10), note(11)]);
    expect(ids(state)).toEqual(['order:o10', 'note:n11', 'message:m12']);
    expect(state.generation).toBe(1);
    expect(state.hasOlder).toBe(true);
  });

  it('prepends an older page without duplicates and takes its hasOlder', () => {
    const state = opened();
    const next = timelineReducer(state, { type: 'older', page: page([message(8), message(9), message(10)], false), generation: state.generation });
    expect(ids(next)).toEqual(['message:m8', 'message:m9', 'message:m10', 'message:m11', 'message:m12']);
    expect(next.hasOlder).toBe(false);
    expect(next.hasNewer).toBe(false);
  });

  it('appends a newer page', () => {
    const state = opened([message(10)], true, true);
    const next = timelineReducer(state, { type: 'newer', page: page([message(11), loyalty(12, 50)], false, false), generation: state.generation });
    expect(ids(next)).toEqual(['message:m10', 'message:m11', 'loyalty:l12']);
    expect(next.hasNewer).toBe(false);
  });

  it('drops a page that belongs to a window replaced meanwhile', () => {
    const state = opened();
    const stale = timelineReducer(state, { type: 'older', page: page([message(1)]), generation: state.generation - 1 });
    expect(stale).toBe(state);
  });

  it('keeps a bounded window: older pages trim the newest end, newer pages the oldest', () => {
    const state = opened([message(10), message(11), message(12), message(13)], true, false);
    const older = timelineReducer(state, { type: 'older', page: page([message(8), message(9)], true), generation: state.generation }, 4);
    expect(ids(older)).toEqual(['message:m8', 'message:m9', 'message:m10', 'message:m11']);
    expect(older.hasNewer).toBe(true);
    const newer = timelineReducer(older, { type: 'newer', page: page([message(12), message(13)], false, false), generation: older.generation }, 4);
    expect(ids(newer)).toEqual(['message:m10', 'message:m11', 'message:m12', 'message:m13']);
    expect(newer.hasOlder).toBe(true);
    expect(newer.hasNewer).toBe(false);
  });

  it('adds a live event at the live end, and ignores one beyond a window that is not at the live end', () => {
    const live = timelineReducer(opened(), { type: 'added', event: message(13) });
    expect(ids(live).at(-1)).toBe('message:m13');
    const away = opened([message(10)], true, true);
    expect(isBeyondNewerEnd(away, message(13))).toBe(true);
    expect(timelineReducer(away, { type: 'added', event: message(13) })).toBe(away);
  });

  it('replaces an event in place on update (delivery status) and ignores unknown ones', () => {
    const state = opened([message(10, { direction: 'outbound', status: 'queued' }), message(11)]);
    const next = timelineReducer(state, { type: 'updated', event: message(10, { direction: 'outbound', status: 'delivered' }) });
    expect(next.events[0]).toMatchObject({ payload: { status: 'delivered' } });
    expect(timelineReducer(state, { type: 'updated', event: message(99) })).toBe(state);
    // A live "added" for an event already shown (our own send) replaces it, no duplicate.
    const again = timelineReducer(state, { type: 'added', event: message(10, { direction: 'outbound', status: 'sent' }) });
    expect(again.events).toHaveLength(2);
  });
});

describe('unreadDividerId', () => {
  const events = [message(1), message(2, { direction: 'outbound' }), note(3), message(4), message(5, { conversationId: 'other' }), message(6)];
  it('sits before the oldest of the last N inbound messages of the conversation', () => {
    expect(unreadDividerId(events, 'conv-1', 2)).toBe('message:m4');
    expect(unreadDividerId(events, 'conv-1', 1)).toBe('message:m6');
    expect(unreadDividerId(events, 'conv-1', 0)).toBeNull();
  });
  it('falls back to the first loaded event when more are unread than loaded', () => {
    expect(unreadDividerId(events, 'conv-1', 10)).toBe('message:m1');
  });
});

describe('firstIndexAtOrAfter', () => {
  it('finds the first event at or after an instant (jump to a date)', () => {
    const events = [message(1), message(5), message(9)];
    expect(firstIndexAtOrAfter(events, at(4))).toBe(1);
    expect(firstIndexAtOrAfter(events, at(100))).toBe(2);
  });
});
