// The rules of a reservation that the hub and the desk share: which status may follow which, the short
// code a customer quotes at the till, and how long a hold lasts by default (the store's closing time
// tomorrow, on the store's own wall clock).
import type { OpeningHours } from '../api/stores.ts';
import type { ReservationStatus } from './enums.ts';
import { weekdays } from './openingHours.ts';
import { zonedParts } from './time.ts';

/** Statuses that still hold stock: the store's queue. */
export const ACTIVE_RESERVATION_STATUSES = ['requested', 'confirmed', 'ready'] as const satisfies readonly ReservationStatus[];

const NEXT: Record<ReservationStatus, readonly ReservationStatus[]> = {
  requested: ['confirmed', 'cancelled', 'expired'],
  confirmed: ['ready', 'cancelled', 'expired'],
  ready: ['picked_up', 'cancelled', 'expired'],
  picked_up: [],
  cancelled: [],
  expired: [],
};

export function canTransition(from: ReservationStatus, to: ReservationStatus): boolean {
  return NEXT[from].includes(to);
}

export function isActiveReservation(status: ReservationStatus): boolean {
  return (ACTIVE_RESERVATION_STATUSES as readonly ReservationStatus[]).includes(status);
}

// ── Codes ───────────────────────────────────────────────────────────────────────────────────────────

/** No 0/O, 1/I/L: a code read over the phone or from a crumpled note cannot be misheard. */
export const RESERVATION_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const RESERVATION_CODE_LENGTH = 6;

/** A fresh code (31^6 ≈ 887 million); uniqueness is the database's unique index, with a retry on a clash. */
export function generateReservationCode(randomBytes: (n: number) => Uint8Array = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n))): string {
  const alphabet = RESERVATION_CODE_ALPHABET;
  // Rejection sampling keeps every letter equally likely (256 is not a multiple of 31).
  const limit = 256 - (256 % alphabet.length);
  let code = '';
  while (code.length < RESERVATION_CODE_LENGTH) {
    for (const byte of randomBytes(RESERVATION_CODE_LENGTH * 2)) {
      if (byte < limit && code.length < RESERVATION_CODE_LENGTH) code += alphabet[byte % alphabet.length];
    }
  }
  return code;
}

/** The code as a person typed it (" ab3-k7q ") → "AB3K7Q", or null when it cannot be a code. */
export function normalizeReservationCode(raw: string): string | null {
  const code = raw.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== RESERVATION_CODE_LENGTH) return null;
  return [...code].every((c) => RESERVATION_CODE_ALPHABET.includes(c)) ? code : null;
}

// ── Hold times ──────────────────────────────────────────────────────────────────────────────────────

export const MAX_HOLD_DAYS = 14;
const DAY_MS = 86_400_000;

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date on the wall clock of `timeZone` at `at`. */
function zonedDate(at: Date, timeZone: string): { year: number; month: number; day: number } {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    dateFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/** The instant when the wall clock of `timeZone` shows `minutes` after midnight of the given date. */
function zonedInstant(date: { year: number; month: number; day: number }, minutes: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  // The zone's offset at a guess, then again at the corrected instant: right across an offset change.
  let instant = wall;
  for (let i = 0; i < 2; i++) {
    const local = zonedDate(new Date(instant), timeZone);
    const localMs = Date.UTC(local.year, local.month - 1, local.day, 0, zonedParts(new Date(instant), timeZone).minutes);
    instant += wall - localMs;
  }
  return new Date(instant);
}

/**
 * The store's closing instant tomorrow in its own time zone; when it is closed tomorrow, the closing of
 * the next day it opens. Hours past midnight (10:00–02:00) close on the following calendar day, and
 * round the clock (00:00–00:00) holds to the end of that day. A store with no hours at all: one day.
 */
export function defaultHoldUntil(hours: OpeningHours, timeZone: string, now: Date): Date {
  const today = zonedDate(now, timeZone);
  const todayWeekday = zonedParts(now, timeZone).weekday;
  for (let ahead = 1; ahead <= 7; ahead++) {
    const entry = hours[weekdays[(todayWeekday + ahead) % 7]!];
    if (!entry) continue;
    const open = toMinutes(entry.open);
    const close = toMinutes(entry.close);
    const date = { ...today, day: today.day + ahead };
    // Date.UTC rolls day 32 into the next month; zonedInstant goes through it.
    const normalized = new Date(Date.UTC(date.year, date.month - 1, date.day));
    const day = { year: normalized.getUTCFullYear(), month: normalized.getUTCMonth() + 1, day: normalized.getUTCDate() };
    return zonedInstant(day, close > open ? close : close + 24 * 60, timeZone);
  }
  return new Date(now.getTime() + DAY_MS);
}

/** The opening hours that apply on the day a hold ends ("10:00–22:00"), or null when that day has none. */
export function hoursOnHoldDay(hours: OpeningHours, timeZone: string, holdUntil: Date): { open: string; close: string } | null {
  const { weekday, minutes } = zonedParts(holdUntil, timeZone);
  const previous = hours[weekdays[(weekday + 6) % 7]!];
  // A hold that ends at 01:30 after a 10:00–02:00 day belongs to that day.
  if (previous && toMinutes(previous.close) <= toMinutes(previous.open) && minutes <= toMinutes(previous.close)) return previous;
  return hours[weekdays[weekday]!] ?? null;
}

/** Why a requested hold-until cannot be used, or null when it can. */
export function holdUntilProblem(holdUntil: Date, now: Date): string | null {
  if (holdUntil.getTime() <= now.getTime()) return 'must be in the future';
  if (holdUntil.getTime() > now.getTime() + MAX_HOLD_DAYS * DAY_MS) return `at most ${MAX_HOLD_DAYS} days ahead`;
  return null;
}
