// Values for raw SQL that must read back exactly as Prisma writes them: the hot paths (ingest writer,
// scheduler, demo generator) bypass Prisma, and a differently formatted instant would sort and parse wrong.
import { randomBytes } from 'node:crypto';

/** How Prisma stores a DateTime in SQLite: ISO 8601 with milliseconds and an explicit +00:00. */
export const sqlInstant = (date: Date): string => date.toISOString().replace('Z', '+00:00');

let lastMs = 0;
let counter = 0;

/**
 * A row id shaped like Prisma's cuid() (25 characters, starting with "c"), for rows created outside Prisma.
 * Time first, then a per-millisecond counter, so ids created in one batch grow and append to the index.
 */
export function newRowId(now = Date.now()): string {
  if (now === lastMs) counter++;
  else {
    lastMs = now;
    counter = 0;
  }
  const time = now.toString(36).padStart(9, '0').slice(-9);
  const seq = counter.toString(36).padStart(4, '0').slice(-4);
  const tail = BigInt(`0x${randomBytes(8).toString('hex')}`).toString(36).padStart(11, '0').slice(-11);
  return `c${time}${seq}${tail}`;
}
