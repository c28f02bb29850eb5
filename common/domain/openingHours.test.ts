import { describe, expect, it } from 'vitest';
import { openStatus } from './openingHours.ts';

const weekdays = { open: '10:00', close: '22:00' };
const hours = { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: { open: '11:00', close: '20:00' } };

describe('openStatus', () => {
  it('is computed in the store’s zone, not the machine’s', () => {
    // Monday 2025-03-10 07:30 UTC = 10:30 Moscow (open), 17:30 Vladivostok (open), 09:30 Kaliningrad (closed)
    const at = new Date('2025-03-10T07:30:00Z');
    expect(openStatus(hours, 'Europe/Moscow', at)).toEqual({ open: true, closesAt: '22:00' });
    expect(openStatus(hours, 'Europe/Kaliningrad', at)).toEqual({
      open: false,
      opensAt: { day: 'mon', time: '10:00', today: true, tomorrow: false },
    });
  });

  it('knows when a closed store opens next, skipping days off', () => {
    // Saturday 2025-03-15 21:00 Moscow: closed, Sunday is a day off → Monday 10:00
    expect(openStatus(hours, 'Europe/Moscow', new Date('2025-03-15T18:00:00Z'))).toEqual({
      open: false,
      opensAt: { day: 'mon', time: '10:00', today: false, tomorrow: false },
    });
    // Friday 23:00 → Saturday 11:00 is tomorrow
    expect(openStatus(hours, 'Europe/Moscow', new Date('2025-03-14T20:00:00Z'))).toEqual({
      open: false,
      opensAt: { day: 'sat', time: '11:00', today: false, tomorrow: true },
    });
  });

  it('handles hours past midnight and round the clock', () => {
    const late = { fri: { open: '18:00', close: '02:00' } };
    expect(openStatus(late, 'Europe/Moscow', new Date('2025-03-14T22:30:00Z')).open).toBe(true); // Sat 01:30
    expect(openStatus(late, 'Europe/Moscow', new Date('2025-03-14T23:30:00Z')).open).toBe(false); // Sat 02:30
    expect(openStatus({ mon: { open: '00:00', close: '00:00' } }, 'UTC', new Date('2025-03-10T03:00:00Z')).open).toBe(true);
  });
});
