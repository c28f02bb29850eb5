import { describe, expect, it } from 'vitest';
import { newRowId, sqlInstant } from '../../../main/server/db/sqlValues.ts';

describe('newRowId', () => {
  it('is shaped like a Prisma cuid: 25 lower-case base-36 characters starting with "c"', () => {
    for (let i = 0; i < 1000; i++) expect(newRowId()).toMatch(/^c[0-9a-z]{24}$/);
  });

  it('never repeats, across many pool refills within the same millisecond', () => {
    const now = Date.UTC(2026, 11, 6, 12);
    const ids = new Set(Array.from({ length: 50_000 }, () => newRowId(now)));
    expect(ids.size).toBe(50_000);
  });

  it('sorts by creation time, then by order within a millisecond, so a batch appends to the index', () => {
    const t = Date.UTC(2026, 11, 6, 12);
    const ids = [newRowId(t), newRowId(t), newRowId(t + 1), newRowId(t + 1_000), newRowId(t + 86_400_000)];
    expect([...ids].sort()).toEqual(ids);
  });

  it('has a random tail: ids made in the same millisecond by different counters differ in more than the counter', () => {
    const t = Date.UTC(2026, 11, 6, 13);
    const tails = new Set(Array.from({ length: 200 }, () => newRowId(t).slice(14)));
    expect(tails.size).toBe(200);
  });
});

describe('sqlInstant', () => {
  it('writes an instant the way Prisma stores DateTime in SQLite', () => {
    expect(sqlInstant(new Date('2026-12-06T20:15:30.045Z'))).toBe('2026-12-06T20:15:30.045+00:00');
  });
});
