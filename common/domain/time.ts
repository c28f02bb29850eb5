/** True when `tz` is an IANA time zone this runtime knows (Europe/Moscow, Asia/Vladivostok …). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
}
