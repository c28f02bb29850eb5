import { describe, expect, it } from 'vitest';
import { ReservationStatus } from './enums.ts';
import {
  canTransition,
  defaultHoldUntil,
  generateReservationCode,
  holdUntilProblem,
  hoursOnHoldDay,
  isActiveReservation,
  normalizeReservationCode,
  RESERVATION_CODE_ALPHABET,
} from './reservations.ts';

const weekdays = { open: '10:00', close: '22:00' };
const hours = { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: { open: '11:00', close: '20:00' } };

describe('transitions', () => {
  it('moves only forward, one step at a time, and ends in a terminal status', () => {
    expect(canTransition('requested', 'confirmed')).toBe(true);
    expect(canTransition('confirmed', 'ready')).toBe(true);
    expect(canTransition('ready', 'picked_up')).toBe(true);
    expect(canTransition('requested', 'picked_up')).toBe(false);
    expect(canTransition('requested', 'ready')).toBe(false);
    expect(canTransition('confirmed', 'confirmed')).toBe(false);
    for (const from of ['requested', 'confirmed', 'ready'] as const) {
      expect(canTransition(from, 'cancelled')).toBe(true);
      expect(canTransition(from, 'expired')).toBe(true);
      expect(isActiveReservation(from)).toBe(true);
    }
    for (const end of ['picked_up', 'cancelled', 'expired'] as const) {
      expect(isActiveReservation(end)).toBe(false);
      for (const to of ReservationStatus.options) expect(canTransition(end, to)).toBe(false);
    }
  });
});

describe('codes', () => {
  it('are six characters from the alphabet without 0, O, 1, I or L', () => {
    expect(RESERVATION_CODE_ALPHABET).not.toMatch(/[0O1IL]/);
    const codes = new Set(Array.from({ length: 2000 }, () => generateReservationCode()));
    expect(codes.size).toBeGreaterThan(1990);
    for (const code of codes) expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{6}$/);
  });

  it('draws every letter evenly, skipping the bytes that would bias the first ones', () => {
    // 248 = 8 × 31 is the first biased byte: 248 and 255 are skipped, not folded onto "A" and "H".
    const bytes = [248, 255, 0, 30, 31, 62, 100, 200, 5, 6, 7, 8];
    expect(generateReservationCode((n) => Uint8Array.from(bytes.slice(0, n)))).toBe('A9AAHR');
  });

  it('are read back from what a person typed', () => {
    expect(normalizeReservationCode(' ab3-k7q ')).toBe('AB3K7Q');
    expect(normalizeReservationCode('AB3K7')).toBeNull();
    expect(normalizeReservationCode('AB3K7O')).toBeNull();
    expect(normalizeReservationCode('1234')).toBeNull();
  });
});

describe('defaultHoldUntil', () => {
  it('is the closing time tomorrow on the store’s wall clock', () => {
    // Monday 2025-03-10 13:00 Moscow → Tuesday 22:00 Moscow = 19:00 UTC
    expect(defaultHoldUntil(hours, 'Europe/Moscow', new Date('2025-03-10T10:00:00Z')).toISOString()).toBe('2025-03-11T19:00:00.000Z');
    // The same instant in Vladivostok is already 20:00 Monday → Tuesday 22:00 there = 12:00 UTC
    expect(defaultHoldUntil(hours, 'Asia/Vladivostok', new Date('2025-03-10T10:00:00Z')).toISOString()).toBe('2025-03-11T12:00:00.000Z');
  });

  it('counts tomorrow from the store’s date, not the machine’s', () => {
    // 2025-03-10 22:30 UTC is already Tuesday 01:30 in Moscow → Wednesday 22:00
    expect(defaultHoldUntil(hours, 'Europe/Moscow', new Date('2025-03-10T22:30:00Z')).toISOString()).toBe('2025-03-12T19:00:00.000Z');
  });

  it('skips days off to the next day the store opens, across a month end', () => {
    // Saturday 2025-03-29 12:00 Moscow: Sunday is off → Monday 31st 22:00
    expect(defaultHoldUntil(hours, 'Europe/Moscow', new Date('2025-03-29T09:00:00Z')).toISOString()).toBe('2025-03-31T19:00:00.000Z');
    // Friday 2025-01-31 → Saturday 1 February 20:00
    expect(defaultHoldUntil(hours, 'Europe/Moscow', new Date('2025-01-31T09:00:00Z')).toISOString()).toBe('2025-02-01T17:00:00.000Z');
  });

  it('holds to the small hours when a store closes after midnight, and a day for round the clock', () => {
    const late = { tue: { open: '18:00', close: '02:00' } };
    expect(defaultHoldUntil(late, 'Europe/Moscow', new Date('2025-03-10T10:00:00Z')).toISOString()).toBe('2025-03-11T23:00:00.000Z');
    const always = { tue: { open: '00:00', close: '00:00' } };
    expect(defaultHoldUntil(always, 'UTC', new Date('2025-03-10T10:00:00Z')).toISOString()).toBe('2025-03-12T00:00:00.000Z');
  });

  it('follows a zone whose offset changes (Europe/Berlin in spring)', () => {
    // Saturday 2025-03-29 → Monday 31st 22:00 CEST (UTC+2) after the Sunday switch
    expect(defaultHoldUntil(hours, 'Europe/Berlin', new Date('2025-03-29T09:00:00Z')).toISOString()).toBe('2025-03-31T20:00:00.000Z');
  });

  it('falls back to one day for a store without any hours', () => {
    expect(defaultHoldUntil({}, 'Europe/Moscow', new Date('2025-03-10T10:00:00Z')).toISOString()).toBe('2025-03-11T10:00:00.000Z');
  });
});

describe('hold day and limits', () => {
  it('names the hours of the day a hold ends, including after midnight', () => {
    expect(hoursOnHoldDay(hours, 'Europe/Moscow', new Date('2025-03-11T19:00:00Z'))).toEqual(weekdays);
    const late = { tue: { open: '18:00', close: '02:00' } };
    expect(hoursOnHoldDay(late, 'Europe/Moscow', new Date('2025-03-11T23:00:00Z'))).toEqual(late.tue);
    expect(hoursOnHoldDay(hours, 'Europe/Moscow', new Date('2025-03-16T12:00:00Z'))).toBeNull();
  });

  it('accepts a hold in the future and at most 14 days ahead', () => {
    const now = new Date('2025-03-10T10:00:00Z');
    expect(holdUntilProblem(new Date('2025-03-10T10:00:00Z'), now)).toBe('must be in the future');
    expect(holdUntilProblem(new Date('2025-03-24T10:00:01Z'), now)).toBe('at most 14 days ahead');
    expect(holdUntilProblem(new Date('2025-03-24T10:00:00Z'), now)).toBeNull();
  });
});
