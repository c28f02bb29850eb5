export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The demo's history: everything happens within this span before the reference date. */
export const HISTORY_DAYS = 730;
