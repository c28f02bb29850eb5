// Channel secrets (passwords, tokens) live outside the database, in a file only the hub's user can read
// (mode 0600), written atomically. Inside the desktop app the Electron shell passes a sealer backed by the
// OS keychain (safeStorage), and the file holds only ciphertext; the hub itself stays free of Electron.
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const SecretFile = z.record(z.string(), z.record(z.string(), z.string()));
type SecretFile = z.infer<typeof SecretFile>;

/** A sealed file names its sealer, so neither a plain read nor another sealer mistakes it for something else. */
const SealedFile = z.object({ sealedBy: z.string(), data: z.base64() }).strict();

/** Encrypts the whole secret file; the Electron shell implements it with safeStorage. */
export interface SecretSealer {
  /** Recorded in the file: which sealer can open it. */
  readonly name: string;
  seal(plaintext: string): Buffer;
  /** Throws when the data was not sealed by this sealer on this machine (or was tampered with). */
  unseal(sealed: Buffer): string;
}

export interface SecretStore {
  get(accountId: string): Record<string, string>;
  set(accountId: string, values: Record<string, string>): void;
  remove(accountId: string): void;
}

/** The secret file cannot be read. It is never overwritten then: it may be the only copy of the secrets. */
export class SecretFileError extends Error {}

export function fileSecretStore(dataDir: string, sealer?: SecretSealer): SecretStore {
  const file = join(dataDir, 'channel-secrets.json');
  const unreadable = (why: string) =>
    new SecretFileError(`The channel secrets file ${file} cannot be read: ${why}. Restore it from a backup, or delete it and enter the channel passwords again in Settings → Channels.`);

  function load(): { secrets: SecretFile; sealed: boolean } {
    if (!existsSync(file)) return { secrets: {}, sealed: false };
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      throw unreadable('it is not valid JSON');
    }
    const envelope = SealedFile.safeParse(json);
    if (!envelope.success) {
      const plain = SecretFile.safeParse(json);
      if (!plain.success) throw unreadable('it is neither a sealed nor a plain secrets file');
      return { secrets: plain.data, sealed: false };
    }
    const { sealedBy, data } = envelope.data;
    if (!sealer) throw unreadable(`it is encrypted by "${sealedBy}", which only the Threadline desktop app on this machine can open`);
    if (sealedBy !== sealer.name) throw unreadable(`it is encrypted by "${sealedBy}", not by "${sealer.name}"`);
    let opened: unknown;
    try {
      opened = JSON.parse(sealer.unseal(Buffer.from(data, 'base64')));
    } catch (error) {
      throw unreadable(`it does not decrypt (${(error as Error).message})`);
    }
    const parsed = SecretFile.safeParse(opened);
    if (!parsed.success) throw unreadable('it decrypts to something that is not a secrets file');
    return { secrets: parsed.data, sealed: true };
  }

  const read = () => load().secrets;

  function write(all: SecretFile) {
    const text = JSON.stringify(all);
    const content = sealer ? JSON.stringify({ sealedBy: sealer.name, data: sealer.seal(text).toString('base64') }) : text;
    const temp = `${file}.tmp`;
    writeFileSync(temp, content, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  }

  // A file written before the desktop app could seal (or by the headless hub) is sealed on first use.
  if (sealer) {
    const current = load();
    if (!current.sealed && existsSync(file)) write(current.secrets);
  }

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
