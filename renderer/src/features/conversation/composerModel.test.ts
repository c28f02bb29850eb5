import { describe, expect, it } from 'vitest';
import { smsSegments } from '../../../../common/domain/sms.ts';
import { draftToSave, inQuietHours, initialDraft, localWarnings } from './composerModel.ts';
import { conversationDetail } from './testData.ts';

const utc = (h: number, m = 0) => new Date(Date.UTC(2026, 0, 1, h, m));

describe('quiet hours', () => {
  it('wrap past midnight (21:00–09:00) in the customer zone', () => {
    const quiet = { start: '21:00', end: '09:00' };
    expect(inQuietHours(utc(22), 'UTC', quiet)).toBe(true);
    expect(inQuietHours(utc(8, 59), 'UTC', quiet)).toBe(true);
    expect(inQuietHours(utc(9), 'UTC', quiet)).toBe(false);
    // 15:00 UTC is 22:00 in Novosibirsk (UTC+7).
    expect(inQuietHours(utc(15), 'Asia/Novosibirsk', quiet)).toBe(true);
    expect(inQuietHours(utc(15), 'Europe/Moscow', quiet)).toBe(false);
  });

  it('join opted-out and blocked into the warnings to confirm', () => {
    const detail = conversationDetail({ quietHours: { start: '21:00', end: '09:00' } });
    expect(localWarnings({ channel: 'email', to: 'x', optedOut: true, blocked: true }, utc(23), detail)).toEqual(['opted_out', 'blocked', 'quiet_hours']);
    expect(localWarnings({ channel: 'sms', to: 'x', optedOut: false, blocked: false }, utc(12), detail)).toEqual([]);
  });
});

describe('drafts', () => {
  it('start from the saved draft, else a reply in the default channel', () => {
    expect(initialDraft(conversationDetail())).toEqual({ mode: 'reply', channel: 'sms', body: '', subject: '' });
    const saved = initialDraft(conversationDetail({ draft: { mode: 'note', channel: 'email', body: 'черновик', subject: null } }));
    expect(saved).toEqual({ mode: 'note', channel: 'email', body: 'черновик', subject: '' });
  });

  it('are not stored when empty', () => {
    expect(draftToSave({ mode: 'reply', channel: 'sms', body: '  ', subject: '' })).toBeNull();
    expect(draftToSave({ mode: 'reply', channel: 'email', body: 'Hi', subject: '' })).toEqual({ mode: 'reply', channel: 'email', body: 'Hi', subject: null });
  });
});

describe('SMS segments (the counter the composer shows)', () => {
  it('uses UCS-2 for Cyrillic: 70 in one SMS, 67 per part after that', () => {
    expect(smsSegments('я'.repeat(70))).toMatchObject({ encoding: 'UCS-2', segments: 1, remainingInSegment: 0 });
    expect(smsSegments('я'.repeat(71))).toMatchObject({ encoding: 'UCS-2', segments: 2, remainingInSegment: 63 });
  });
});
