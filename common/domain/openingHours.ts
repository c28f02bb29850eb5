// "Open now" in the store's own time zone, from its weekly local opening hours.
import type { OpeningHours, Weekday } from '../api/stores.ts';
import { zonedParts } from './time.ts';

export const weekdays: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export type OpenStatus =
  | { open: true; closesAt: string }
  | { open: false; opensAt: { day: Weekday; time: string; today: boolean; tomorrow: boolean } | null };

/**
 * Open now? Handles hours that run past midnight (close ≤ open, e.g. 10:00–02:00: open until 02:00 the
 * next day) and "00:00–00:00" as round the clock.
 */
export function openStatus(hours: OpeningHours, timeZone: string, now: Date): OpenStatus {
  const { weekday, minutes } = zonedParts(now, timeZone);
  const today = weekdays[weekday];
  const yesterday = weekdays[(weekday + 6) % 7];
  if (!today || !yesterday) return { open: false, opensAt: null };

  const todays = hours[today];
  if (todays) {
    const open = toMinutes(todays.open);
    const close = toMinutes(todays.close);
    if (open === close) return { open: true, closesAt: todays.close };
    if (close > open ? minutes >= open && minutes < close : minutes >= open) return { open: true, closesAt: todays.close };
  }
  const prev = hours[yesterday];
  if (prev) {
    const open = toMinutes(prev.open);
    const close = toMinutes(prev.close);
    if (close < open && minutes < close) return { open: true, closesAt: prev.close };
  }

  if (todays && minutes < toMinutes(todays.open)) {
    return { open: false, opensAt: { day: today, time: todays.open, today: true, tomorrow: false } };
  }
  for (let ahead = 1; ahead <= 7; ahead++) {
    const day = weekdays[(weekday + ahead) % 7];
    const entry = day ? hours[day] : undefined;
    if (day && entry) return { open: false, opensAt: { day, time: entry.open, today: false, tomorrow: ahead === 1 } };
  }
  return { open: false, opensAt: null };
}

export function todayIn(timeZone: string, now: Date): Weekday {
  return weekdays[zonedParts(now, timeZone).weekday] ?? 'mon';
}
