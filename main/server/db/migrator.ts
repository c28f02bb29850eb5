// Applies prisma/migrations/<name>/migration.sql in order at start-up, without any Prisma CLI.
// Records each in a `_prisma_migrations` table shaped like Prisma's own, so `prisma migrate deploy`
// on a machine with the native engine agrees about what is applied. Refuses, touching nothing,
// a database that holds a migration this build does not know: it was written by a newer version.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export class NewerDatabaseError extends Error {
  readonly code = 'DATABASE_NEWER_THAN_APP';
  constructor(readonly unknownMigrations: string[]) {
    super(
      `This database was written by a newer version of Threadline (unknown migrations: ${unknownMigrations.join(', ')}). ` +
        'It was left untouched; update Threadline to open it.',
    );
  }
}

export class ChangedMigrationError extends Error {
  readonly code = 'MIGRATION_CHECKSUM_MISMATCH';
  constructor(readonly migration: string) {
    super(`Migration ${migration} differs from the one applied to this database; landed migrations must never be edited.`);
  }
}

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export function readMigrations(dir: string): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

async function appliedMigrations(client: Client): Promise<Map<string, string>> {
  const exists = await client.execute(
    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'",
  );
  if (exists.rows.length === 0) return new Map();
  const rows = await client.execute(
    'SELECT migration_name, checksum FROM _prisma_migrations WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL',
  );
  return new Map(rows.rows.map((r) => [String(r.migration_name), String(r.checksum)]));
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

/** Brings the database at `url` up to `migrations`; every check happens before the first write. */
export async function migrate(url: string, migrations: MigrationFile[]): Promise<MigrateResult> {
  const client = createClient({ url });
  try {
    const applied = await appliedMigrations(client);
    const known = new Set(migrations.map((m) => m.name));
    const unknown = [...applied.keys()].filter((name) => !known.has(name));
    if (unknown.length > 0) throw new NewerDatabaseError(unknown);
    for (const m of migrations) {
      const checksum = applied.get(m.name);
      if (checksum !== undefined && checksum !== m.checksum) throw new ChangedMigrationError(m.name);
    }

    const pending = migrations.filter((m) => !applied.has(m.name));
    if (pending.length === 0) return { applied: [], alreadyApplied: applied.size };

    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute(MIGRATIONS_TABLE);
    for (const m of pending) {
      const tx = await client.transaction('write');
      try {
        await tx.executeMultiple(m.sql);
        await tx.execute({
          sql: `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
                VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)`,
          args: [randomUUID(), m.checksum, m.name],
        });
        await tx.commit();
      } catch (error) {
        await tx.rollback();
        throw new Error(`Migration ${m.name} failed and was rolled back: ${(error as Error).message}`, { cause: error });
      }
    }
    return { applied: pending.map((m) => m.name), alreadyApplied: applied.size };
  } finally {
    client.close();
  }
}
