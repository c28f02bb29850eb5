// The one place that opens the database: Prisma 7 over the libsql driver adapter, no native engine.
import { PrismaLibSql } from '@prisma/adapter-libsql';
import { PrismaClient } from './generated/client.ts';

export type Db = PrismaClient;

export async function openDatabase(url: string): Promise<Db> {
  // libsql turns foreign keys on for every connection it opens; `timeout` is SQLite's busy timeout (ms),
  // so concurrent writers wait for each other instead of failing with SQLITE_BUSY.
  const prisma = new PrismaClient({ adapter: new PrismaLibSql({ url, timeout: 5000 }) });
  await prisma.$executeRawUnsafe('PRAGMA journal_mode = WAL');
  await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  return prisma;
}
