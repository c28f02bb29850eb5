import { useEffect, useState } from 'react';

/** The current time, updated at the start of every minute (or every `stepMs`). */
export function useNow(stepMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      const wait = stepMs - (Date.now() % stepMs) + 5;
      timer = setTimeout(() => {
        setNow(new Date());
        schedule();
      }, wait);
    };
    schedule();
    return () => clearTimeout(timer);
  }, [stepMs]);
  return now;
}
