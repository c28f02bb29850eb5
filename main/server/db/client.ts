// The one place that opens the database: Prisma 7 over the libsql driver adapter, no native engine.
import { PrismaLibSql } from '@prisma/adapter-libsql';
import { PrismaClient } from './generated/client.ts';

export type Db = PrismaClient;

export interface OpenOptions {
  /** Called with every SQL statement Prisma sends: benchmarks and tests count queries with it. */
  onQuery?: (sql: string) => void;
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Db> {
  // libsql turns foreign keys on for every connection it opens; `timeout` is SQLite's busy timeout (ms),
  // so concurrent writers wait for each other instead of failing with SQLITE_BUSY.
  const adapter = new PrismaLibSql({ url, timeout: 5000 });
  const prisma = options.onQuery
    ? new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] })
    : new PrismaClient({ adapter });
  if (options.onQuery) {
    const onQuery = options.onQuery;
    (prisma as PrismaClient<'query'>).$on('query', (event) => onQuery(event.query));
  }
  await prisma.$executeRawUnsafe('PRAGMA journal_mode = WAL');
  await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  // Query plans depend on table statistics; a database that grew through normal use has none until
  // ANALYZE runs, so let SQLite refresh what it judges stale (cheap when nothing is).
  await prisma.$executeRawUnsafe('PRAGMA optimize = 0x10002');
  return prisma;
}

/** The file a `file:` URL points at, for messages and for the data folder checks. */
export const databaseUrlFor = (dataDir: string) => `file:${dataDir.replace(/\/$/, '')}/threadline.db`;
