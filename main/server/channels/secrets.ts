// Channel secrets (passwords, tokens) live outside the database, in a file only the hub's user can read
// (mode 0600), written atomically. The Electron shell may later wrap values with safeStorage; the hub
// itself stays free of Electron.
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const SecretFile = z.record(z.string(), z.record(z.string(), z.string()));

export interface SecretStore {
  get(accountId: string): Record<string, string>;
  set(accountId: string, values: Record<string, string>): void;
  remove(accountId: string): void;
}

export function fileSecretStore(dataDir: string): SecretStore {
  const file = join(dataDir, 'channel-secrets.json');
  const read = () => (existsSync(file) ? SecretFile.parse(JSON.parse(readFileSync(file, 'utf8'))) : {});
  const write = (all: Record<string, Record<string, string>>) => {
    const temp = `${file}.tmp`;
    writeFileSync(temp, JSON.stringify(all), { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  };
  return {
    get: (accountId) => read()[accountId] ?? {},
    set(accountId, values) {
      const all = read();
      all[accountId] = { ...all[accountId], ...values };
      write(all);
    },
    remove(accountId) {
      const all = read();
      delete all[accountId];
      write(all);
    },
  };
}
