// The channel secret store, headless (a 0600 plaintext file) and sealed. The sealer here is a stand-in for
// Electron's safeStorage, which exists only inside a running Electron app with an OS keychain: a reversible
// transform with a check, so the test sees exactly what the store relies on — sealed bytes that hide the
// plaintext, open only with the same sealer and refuse to open when damaged.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileSecretStore, SecretFileError, type SecretSealer } from '../../main/server/channels/secrets.ts';

const MAGIC = 'FAKE1:';

function fakeSealer(name = 'fake-keychain'): SecretSealer {
  const flip = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ 0x5a));
  return {
    name,
    seal: (plaintext) => flip(Buffer.from(MAGIC + plaintext, 'utf8')),
    unseal(sealed) {
      const text = flip(sealed).toString('utf8');
      if (!text.startsWith(MAGIC)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return text.slice(MAGIC.length);
    },
  };
}

let dir: string;
const file = () => join(dir, 'channel-secrets.json');
const onDisk = () => readFileSync(file(), 'utf8');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'threadline-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('channel secret store', () => {
  it('keeps secrets in a 0600 plaintext file without a sealer', () => {
    const store = fileSecretStore(dir);
    store.set('acc1', { smtpPassword: 'пароль-1' });
    expect(fileSecretStore(dir).get('acc1')).toEqual({ smtpPassword: 'пароль-1' });
    expect(statSync(file()).mode & 0o777).toBe(0o600);
    expect(JSON.parse(onDisk())).toEqual({ acc1: { smtpPassword: 'пароль-1' } });
  });

  it('round-trips sealed secrets, with no plaintext on disk', () => {
    const store = fileSecretStore(dir, fakeSealer());
    store.set('acc1', { smtpPassword: 'пароль-1', imapPassword: 'imap-secret' });
    store.set('acc1', { smtpPassword: 'пароль-2' });
    store.set('acc2', { authToken: 'tok' });
    store.remove('acc2');

    const reopened = fileSecretStore(dir, fakeSealer());
    expect(reopened.get('acc1')).toEqual({ smtpPassword: 'пароль-2', imapPassword: 'imap-secret' });
    expect(reopened.get('acc2')).toEqual({});
    expect(onDisk()).not.toMatch(/пароль|imap-secret|tok/);
    expect(JSON.parse(onDisk())).toMatchObject({ sealedBy: 'fake-keychain' });
    expect(statSync(file()).mode & 0o777).toBe(0o600);
  });

  it('seals a plaintext file on the first start with a sealer', () => {
    fileSecretStore(dir).set('acc1', { tokenSecret: 'x'.repeat(40) });
    expect(onDisk()).toContain('x'.repeat(40));

    const sealed = fileSecretStore(dir, fakeSealer());
    expect(onDisk()).not.toContain('x'.repeat(40));
    expect(sealed.get('acc1')).toEqual({ tokenSecret: 'x'.repeat(40) });
  });

  it('refuses a corrupt file with a clear error and leaves it as it was', () => {
    const broken = [
      '{"acc1": {"smtpPassword": "half',
      JSON.stringify({ acc1: ['not', 'a', 'record'] }),
      JSON.stringify({ sealedBy: 'fake-keychain', data: Buffer.from('garbage').toString('base64') }),
    ];
    for (const content of broken) {
      writeFileSync(file(), content, { mode: 0o600 });
      for (const open of [() => fileSecretStore(dir), () => fileSecretStore(dir, fakeSealer())]) {
        let store;
        try {
          store = open();
        } catch (error) {
          // Opening with a sealer checks the file at once (it may need sealing).
          expect(error).toBeInstanceOf(SecretFileError);
          expect(onDisk()).toBe(content);
          continue;
        }
        expect(() => store.get('acc1')).toThrow(/channel secrets file .* cannot be read: .*Restore it from a backup/);
        expect(() => store.set('acc1', { smtpPassword: 'new' })).toThrow(SecretFileError);
        expect(() => store.remove('acc1')).toThrow(SecretFileError);
        expect(onDisk()).toBe(content);
      }
    }
  });

  it('says which app can open a sealed file, and does not open another sealer’s file', () => {
    fileSecretStore(dir, fakeSealer()).set('acc1', { smtpPassword: 'p' });
    const sealed = onDisk();
    expect(() => fileSecretStore(dir).get('acc1')).toThrow(/encrypted by "fake-keychain", which only the Threadline desktop app/);
    expect(() => fileSecretStore(dir, fakeSealer('other-keychain'))).toThrow(/encrypted by "fake-keychain", not by "other-keychain"/);
    expect(onDisk()).toBe(sealed);
  });
});
