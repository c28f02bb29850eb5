import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { describe, expect, it } from 'vitest';
import { ChangedMigrationError, migrate, NewerDatabaseError, readMigrations } from '../../main/server/db/migrator.ts';

const all = readMigrations(join(import.meta.dirname, '../../prisma/migrations'));
const freshUrl = () => {
  const file = join(mkdtempSync(join(tmpdir(), 'threadline-mig-')), 'test.db');
  return { file, url: `file:${file}` };
};

describe('migrator', () => {
  it('migrates a fresh database and records every migration', async () => {
    const { url } = freshUrl();
    expect((await migrate(url, all)).applied).toEqual(all.map((m) => m.name));
    expect(await migrate(url, all)).toEqual({ applied: [], alreadyApplied: all.length });
    const c = createClient({ url });
    const rows = await c.execute('SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name');
    expect(rows.rows.map((r) => r.checksum)).toEqual(all.map((m) => m.checksum));
    c.close();
  });

  it('upgrades a database from the first migration and keeps its data', async () => {
    const { url } = freshUrl();
    await migrate(url, all.slice(0, 1));
    const c = createClient({ url });
    await c.execute(
      `INSERT INTO Customer (id, firstName, lastName, searchName, timeZone, updatedAt) VALUES ('c1', 'Пётр', 'Смирнов', 'смирнов петр', 'Europe/Moscow', '2026-01-01T00:00:00.000+00:00')`,
    );
    expect((await migrate(url, all)).applied).toEqual(all.slice(1).map((m) => m.name));
    expect((await c.execute('SELECT firstName FROM Customer')).rows[0]?.firstName).toBe('Пётр');
    // The name index added later covers customers that existed before it.
    const found = await c.execute(`SELECT c.id FROM CustomerSearch s JOIN Customer c ON c.rowid = s.rowid WHERE CustomerSearch MATCH '"смирн"'`);
    expect(found.rows.map((r) => r.id)).toEqual(['c1']);
    c.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', async () => {
    const { file, url } = freshUrl();
    await migrate(url, all.slice(0, 1));
    const c = createClient({ url });
    await c.execute(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ('x', 'abc', current_timestamp, '29990101000000_from_the_future', 1)`,
    );
    c.close();
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    await expect(migrate(url, all)).rejects.toBeInstanceOf(NewerDatabaseError);
    await expect(migrate(url, all)).rejects.toThrow(/newer version of Threadline.*29990101000000_from_the_future/);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  });

  it('refuses a landed migration that was edited afterwards', async () => {
    const { url } = freshUrl();
    await migrate(url, all);
    const edited = all.map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(url, edited)).rejects.toBeInstanceOf(ChangedMigrationError);
  });
});
