import { describe, expect, it } from 'vitest';
import { inQuietHours, wallClock } from './time.ts';

describe('quiet hours', () => {
  const night = { start: '21:00', end: '09:00' };

  it('reads the wall clock in the customer zone', () => {
    expect(wallClock(new Date('2026-11-23T18:30:00Z'), 'Europe/Moscow')).toBe('21:30');
    expect(wallClock(new Date('2026-11-23T18:30:00Z'), 'Asia/Vladivostok')).toBe('04:30');
  });

  it('spans midnight: 21:00–09:00 local, start inclusive, end exclusive', () => {
    expect(inQuietHours(new Date('2026-11-23T18:00:00Z'), 'Europe/Moscow', night)).toBe(true); // 21:00 MSK
    expect(inQuietHours(new Date('2026-11-23T17:59:00Z'), 'Europe/Moscow', night)).toBe(false); // 20:59
    expect(inQuietHours(new Date('2026-11-24T05:59:00Z'), 'Europe/Moscow', night)).toBe(true); // 08:59
    expect(inQuietHours(new Date('2026-11-24T06:00:00Z'), 'Europe/Moscow', night)).toBe(false); // 09:00
    // Noon in Moscow is night in Vladivostok (UTC+10).
    expect(inQuietHours(new Date('2026-11-23T09:00:00Z'), 'Asia/Vladivostok', night)).toBe(false);
    expect(inQuietHours(new Date('2026-11-23T12:00:00Z'), 'Asia/Vladivostok', night)).toBe(true);
  });

  it('handles a same-day window and an empty one', () => {
    expect(inQuietHours(new Date('2026-11-23T10:00:00Z'), 'UTC', { start: '09:00', end: '18:00' })).toBe(true);
    expect(inQuietHours(new Date('2026-11-23T10:00:00Z'), 'UTC', { start: '00:00', end: '00:00' })).toBe(false);
  });
});
