/** True when `tz` is an IANA time zone this runtime knows (Europe/Moscow, Asia/Vladivostok …). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
}

/** "HH:MM" on the wall clock of `timeZone` at `at`. */
export function wallClock(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('hour')}:${get('minute')}`;
}

/**
 * Whether `at` falls in the quiet hours [start, end) of the customer's local time. A window that
 * crosses midnight (21:00–09:00) is the usual case; start equal to end means no quiet hours.
 */
export function inQuietHours(at: Date, timeZone: string, quiet: { start: string; end: string }): boolean {
  if (quiet.start === quiet.end) return false;
  const now = wallClock(at, timeZone);
  return quiet.start < quiet.end ? now >= quiet.start && now < quiet.end : now >= quiet.start || now < quiet.end;
}

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

/** Weekday (0 = Monday) and minutes since midnight on the wall clock of `timeZone` at `now`. */
export function zonedParts(now: Date, timeZone: string): { weekday: number; minutes: number } {
  let format = weekdayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    weekdayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday'));
  return { weekday, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}
