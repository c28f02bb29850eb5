import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../../../common/api/desk.ts';
import { applyChange, compareConversations, defaultFilter, matchesFilter, parseTags, snoozeUntil } from './inboxModel.ts';

const c = (id: string, patch: Partial<ConversationSummary> = {}): ConversationSummary => ({
  id,
  customerId: 'cu',
  customerName: id,
  status: 'open',
  channel: 'sms',
  lastChannel: 'sms',
  subject: null,
  preview: null,
  lastDirection: null,
  assigneeId: null,
  assigneeName: null,
  teamId: null,
  storeId: null,
  tags: [],
  unreadCount: 0,
  lastActivityAt: '2026-11-23T10:00:00.000Z',
  waitingSince: null,
  snoozedUntil: null,
  firstResponseDueAt: null,
  firstResponseAt: null,
  ...patch,
});

describe('inbox model', () => {
  it('matches views and filters like the hub', () => {
    const mine = c('a', { assigneeId: 'me', teamId: 't1', tags: ['vip'], channel: 'email', storeId: 's1', waitingSince: '2026-11-23T09:00:00.000Z' });
    const now = Date.parse('2026-11-23T10:00:00.000Z');
    expect(matchesFilter(mine, { ...defaultFilter, view: 'mine' }, 'me', now)).toBe(true);
    expect(matchesFilter(mine, { ...defaultFilter, view: 'unassigned' }, 'me', now)).toBe(false);
    expect(matchesFilter(mine, { ...defaultFilter, view: 'team:t1', tag: 'VIP', channel: 'email', storeId: 's1', waitingMinutes: 60 }, 'me', now)).toBe(true);
    expect(matchesFilter(mine, { ...defaultFilter, waitingMinutes: 61 }, 'me', now)).toBe(false);
    expect(matchesFilter(mine, { ...defaultFilter, status: 'resolved' }, 'me', now)).toBe(false);
  });

  it('sorts by last activity, or longest waiting first with the not-waiting last', () => {
    const a = c('a', { lastActivityAt: '2026-11-23T10:00:00.000Z', waitingSince: null });
    const b = c('b', { lastActivityAt: '2026-11-23T09:00:00.000Z', waitingSince: '2026-11-23T08:00:00.000Z' });
    const d = c('d', { lastActivityAt: '2026-11-23T09:30:00.000Z', waitingSince: '2026-11-23T09:00:00.000Z' });
    expect([b, d, a].sort((x, y) => compareConversations(x, y, 'last_activity')).map((x) => x.id)).toEqual(['a', 'd', 'b']);
    expect([a, d, b].sort((x, y) => compareConversations(x, y, 'longest_waiting')).map((x) => x.id)).toEqual(['b', 'd', 'a']);
  });

  it('places a change, and leaves out one whose place is past the loaded pages', () => {
    const items = [c('a', { lastActivityAt: '2026-11-23T10:03:00.000Z' }), c('b', { lastActivityAt: '2026-11-23T10:02:00.000Z' })];
    const older = c('x', { lastActivityAt: '2026-11-23T09:00:00.000Z' });
    expect(applyChange(items, older, defaultFilter, 'me', true).map((x) => x.id)).toEqual(['a', 'b']);
    expect(applyChange(items, older, defaultFilter, 'me', false).map((x) => x.id)).toEqual(['a', 'b', 'x']);
    // A stale copy never replaces a newer one.
    expect(applyChange(items, c('a', { lastActivityAt: '2026-11-23T09:59:00.000Z', status: 'resolved' }), defaultFilter, 'me', false)).toBe(items);
  });

  it('snooze presets: in an hour, tomorrow 9:00, next Monday 9:00', () => {
    const wednesday = new Date(2026, 10, 25, 15, 20); // Wed 25 Nov 2026, local
    expect(snoozeUntil('hour', wednesday).getTime() - wednesday.getTime()).toBe(3_600_000);
    expect(snoozeUntil('tomorrow', wednesday)).toEqual(new Date(2026, 10, 26, 9, 0));
    expect(snoozeUntil('monday', wednesday)).toEqual(new Date(2026, 10, 30, 9, 0));
    const monday = new Date(2026, 10, 30, 8, 0);
    expect(snoozeUntil('monday', monday)).toEqual(new Date(2026, 11, 7, 9, 0));
  });

  it('parses typed tags', () => {
    expect(parseTags(' VIP, delivery  refund,vip ')).toEqual(['vip', 'delivery', 'refund']);
  });
});
