#!/usr/bin/env node
// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL
// that takes the schema as of the last migration to the current prisma/schema.prisma.
// Prisma 7's migrate commands need a native engine this machine cannot download, so the diff is made by the
// Prisma 6 CLI in this folder, which runs its bundled wasm engine (ENVIRONMENT.md, "Migrations", route 1).
// Each migration folder keeps the datamodel it was made from (schema.prisma) as the base for the next diff.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const migrationsDir = join(root, 'prisma/migrations');
const name = process.argv[2];

if (!name || !/^[a-z][a-z0-9_]{1,60}$/.test(name)) {
  console.error('usage: npm run db:migration -- <name>   (lower-case letters, digits and _; e.g. add_templates)');
  process.exit(2);
}

if (!existsSync(join(here, 'node_modules/prisma'))) {
  console.log('Installing the migration generator (Prisma 6 CLI) into scripts/migrate …');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', here], { stdio: 'inherit' });
}

const work = join(here, '.work');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

// Prisma 6 requires a url in the datasource and knows nothing of Prisma 7's generator options:
// keep only the models, under a datasource it accepts.
const toV6 = (schema) =>
  'datasource db {\n  provider = "sqlite"\n  url      = "file:./unused.db"\n}\n\n' +
  schema.replace(/^generator\s+\w+\s*\{[^}]*\}\s*/gm, '').replace(/^datasource\s+\w+\s*\{[^}]*\}\s*/gm, '');

const current = readFileSync(join(root, 'prisma/schema.prisma'), 'utf8');
writeFileSync(join(work, 'to.prisma'), toV6(current));

const previous = existsSync(migrationsDir)
  ? readdirSync(migrationsDir).filter((d) => /^\d{14}_/.test(d)).sort().at(-1)
  : undefined;
let from = ['--from-empty'];
if (previous) {
  const snapshot = join(migrationsDir, previous, 'schema.prisma');
  if (!existsSync(snapshot)) {
    console.error(`${previous} has no schema.prisma snapshot to diff from.`);
    process.exit(1);
  }
  writeFileSync(join(work, 'from.prisma'), toV6(readFileSync(snapshot, 'utf8')));
  from = ['--from-schema-datamodel', join(work, 'from.prisma')];
}

writeFileSync(
  join(work, 'prisma.config.ts'),
  `import { defineConfig } from 'prisma/config';
import { PrismaLibSQL } from '@prisma/adapter-libsql';
export default defineConfig({
  engine: 'js',
  experimental: { adapter: true },
  schema: ${JSON.stringify(join(work, 'to.prisma'))},
  adapter: async () => new PrismaLibSQL({ url: ${JSON.stringify('file:' + join(work, 'unused.db'))} }),
});
`,
);

const sql = execFileSync(
  join(here, 'node_modules/.bin/prisma'),
  ['migrate', 'diff', ...from, '--to-schema-datamodel', join(work, 'to.prisma'), '--script', '--config', join(work, 'prisma.config.ts')],
  { cwd: work, env: { ...process.env, PRISMA_QUERY_ENGINE_LIBRARY: '/bin/false', PRISMA_HIDE_UPDATE_MESSAGE: '1' }, encoding: 'utf8' },
);
rmSync(work, { recursive: true, force: true });

if (!/\b(CREATE|ALTER|DROP|INSERT|UPDATE|PRAGMA)\b/.test(sql)) {
  console.log('The schema has not changed since the last migration: nothing written.');
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const folder = join(migrationsDir, `${stamp}_${name}`);
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, 'migration.sql'), sql.trimStart());
writeFileSync(join(folder, 'schema.prisma'), current);
console.log(`Wrote ${folder}/migration.sql — review it like code; once landed it is never edited.`);
