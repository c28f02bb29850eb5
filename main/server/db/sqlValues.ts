// Values for raw SQL that must read back exactly as Prisma writes them: the hot paths (ingest writer,
// scheduler, demo generator) bypass Prisma, and a differently formatted instant would sort and parse wrong.
import { randomBytes } from 'node:crypto';

/** How Prisma stores a DateTime in SQLite: ISO 8601 with milliseconds and an explicit +00:00. */
export const sqlInstant = (date: Date): string => date.toISOString().replace('Z', '+00:00');

let lastMs = 0;
let counter = 0;

/** One getrandom call per 4 KiB of id tails, not one per id: a batch of reservations or messages needs hundreds. */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let taken = POOL_BYTES;

/** 11 random base-36 characters (53 bits): 48 bits as ten characters, then one more from a byte. */
function randomTail(): string {
  if (taken + 7 > pool.length) {
    pool = randomBytes(POOL_BYTES);
    taken = 0;
  }
  const high = pool.readUIntBE(taken, 6).toString(36).padStart(10, '0');
  const last = (pool[taken + 6]! % 36).toString(36);
  taken += 7;
  return high + last;
}

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
  return `c${time}${seq}${randomTail()}`;
}
