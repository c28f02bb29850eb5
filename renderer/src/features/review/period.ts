// The review screens pick periods as whole local days (date inputs); the hub takes instants.
import { useState } from 'react';

export const DAY = 86_400_000;

/** A date input's value for the local day of `date`. */
export const dateInput = (date: Date) => {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
};

const instant = (date: string, plusMs = 0) => {
  const start = new Date(`${date}T00:00`);
  // A cleared or half-typed input goes to the hub as it is: its schema refuses it beside the input.
  return Number.isNaN(start.getTime()) ? date : new Date(start.getTime() + plusMs).toISOString();
};

/** From the start of the first day to the end of the last, in the desk's time zone. */
export const periodOf = (from: string, to: string) => ({ from: instant(from), to: instant(to, DAY) });

/** A period form's two dates, starting with the last `days` days up to today. */
export function usePeriodInputs(days: number) {
  const [from, setFrom] = useState(() => dateInput(new Date(Date.now() - days * DAY)));
  const [to, setTo] = useState(() => dateInput(new Date()));
  return { from, setFrom, to, setTo };
}
