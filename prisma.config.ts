// Used only by `prisma generate`: the hub opens its database through the libsql adapter
// (main/server/db/client.ts) and applies migrations with its own migrator.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: 'file:./data/dev.db' },
});
