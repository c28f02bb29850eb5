// Presence and activity trackers on their own: what they announce, and when typing runs out.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentPresence } from '../../../common/api/desk.ts';
import type { ConversationActivity } from '../../../common/realtime/events.ts';
import { createActivity } from '../../../main/server/services/desk/activity.ts';
import { createPresence } from '../../../main/server/services/desk/presence.ts';

const anna = { userId: 'u1', displayName: 'Анна' };
const boris = { userId: 'u2', displayName: 'Борис' };

describe('presence', () => {
  it('is online while any desk is, away when all are away, offline after the last desk leaves', () => {
    const pushed: AgentPresence[] = [];
    const presence = createPresence((e) => pushed.push(e));
    presence.connected('s1', anna);
    presence.connected('s2', anna);
    expect(presence.set('s1', 'away')).toBe(true);
    expect(presence.of('u1')).toBe('online');
    presence.set('s2', 'away');
    presence.disconnected('s1');
    expect(presence.of('u1')).toBe('away');
    presence.disconnected('s2');
    expect(pushed.map((e) => e.presence)).toEqual(['online', 'away', 'offline']);
    expect(presence.set('s1', 'online')).toBe(false);
  });
});

describe('activity', () => {
  let pushed: ConversationActivity[];
  beforeEach(() => {
    vi.useFakeTimers();
    pushed = [];
  });
  afterEach(() => vi.useRealTimers());

  it('announces viewers and typers once per change, and ends typing without a renewal', () => {
    const activity = createActivity((e) => pushed.push(e), 6000);
    activity.connected('a', anna);
    activity.connected('b', boris);
    activity.set('a', 'c1', false);
    activity.set('b', 'c1', true);
    vi.advanceTimersByTime(5000);
    // A renewal: nothing new to say, and the lease starts again.
    activity.set('b', 'c1', true);
    vi.advanceTimersByTime(5000);
    expect(pushed).toHaveLength(2);
    vi.advanceTimersByTime(1000);
    expect(pushed.at(-1)).toEqual({
      conversationId: 'c1',
      viewers: [
        { ...anna, typing: false },
        { ...boris, typing: false },
      ],
    });

    // Moving to another conversation leaves the first one.
    activity.set('a', 'c2', false);
    expect(pushed.slice(-2)).toEqual([
      { conversationId: 'c1', viewers: [{ ...boris, typing: false }] },
      { conversationId: 'c2', viewers: [{ ...anna, typing: false }] },
    ]);
    activity.disconnected('b');
    expect(pushed.at(-1)).toEqual({ conversationId: 'c1', viewers: [] });
    expect(activity.set('b', 'c1', false)).toBe(false);
  });

  it('counts an agent on two desks once, typing if either desk is', () => {
    const activity = createActivity((e) => pushed.push(e), 6000);
    activity.connected('a1', anna);
    activity.connected('a2', anna);
    activity.set('a1', 'c1', false);
    activity.set('a2', 'c1', true);
    expect(pushed.at(-1)).toEqual({ conversationId: 'c1', viewers: [{ ...anna, typing: true }] });
    activity.set('a2', null, false);
    expect(pushed.at(-1)).toEqual({ conversationId: 'c1', viewers: [{ ...anna, typing: false }] });
    vi.runAllTimers();
    expect(pushed).toHaveLength(3);
  });
});
