// Signed attachment links: what a link covers (hash, expiry, name, subject), expiry, tampering, and the
// per-hub secret kept in the data folder.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DESK_LINK_TTL_MS, loadLinkSecret, signLink, verifyLink } from '../../../main/server/services/attachments/signing.ts';
import { contentDisposition } from '../../../main/server/http/attachments.ts';
import { safeContentType, safeFileName } from '../../../main/server/services/attachments/store.ts';

const secret = Buffer.alloc(32, 7);
const sha256 = 'ab'.repeat(32);
const file = { sha256, fileName: 'Счёт №1.pdf' };
const now = new Date('2026-03-01T10:00:00Z');

const queryOf = (url: string) => Object.fromEntries(new URL(url, 'http://hub').searchParams);

describe('signLink / verifyLink', () => {
  it('makes a relative URL that verifies until it expires, 10 minutes by default', () => {
    const link = signLink(secret, file, 'user-1', now);
    expect(link.url.startsWith(`/api/attachments/${sha256}?`)).toBe(true);
    expect(new Date(link.expiresAt).getTime() - now.getTime()).toBe(DESK_LINK_TTL_MS);
    const check = verifyLink(secret, sha256, queryOf(link.url), new Date(now.getTime() + DESK_LINK_TTL_MS - 1000));
    expect(check).toEqual({ ok: true, claims: { sha256, fileName: 'Счёт №1.pdf', exp: now.getTime() / 1000 + 600, sub: 'user-1' } });
  });

  it('refuses it once expired', () => {
    const link = signLink(secret, file, 'user-1', now);
    expect(verifyLink(secret, sha256, queryOf(link.url), new Date(now.getTime() + DESK_LINK_TTL_MS))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses any change to what was signed, and another hub’s secret', () => {
    const query = queryOf(signLink(secret, file, 'user-1', now).url);
    const at = new Date(now.getTime() + 1000);
    expect(verifyLink(secret, 'cd'.repeat(32), query, at)).toMatchObject({ ok: false, reason: 'forged' });
    expect(verifyLink(secret, sha256, { ...query, name: 'evil.exe' }, at)).toMatchObject({ ok: false, reason: 'forged' });
    expect(verifyLink(secret, sha256, { ...query, sub: 'user-2' }, at)).toMatchObject({ ok: false, reason: 'forged' });
    expect(verifyLink(secret, sha256, { ...query, exp: String(Number(query.exp) + 3600) }, at)).toMatchObject({ ok: false, reason: 'forged' });
    expect(verifyLink(secret, sha256, { ...query, sig: query.sig!.slice(0, -1) }, at)).toMatchObject({ ok: false, reason: 'forged' });
    expect(verifyLink(Buffer.alloc(32, 8), sha256, query, at)).toMatchObject({ ok: false, reason: 'forged' });
  });

  it('refuses a malformed query', () => {
    expect(verifyLink(secret, sha256, {}, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyLink(secret, sha256, { exp: 'soon', sig: 'x', name: 'a', sub: 'u' }, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyLink(secret, sha256, { exp: ['1', '2'], sig: 'x', name: 'a', sub: 'u' }, now)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('loadLinkSecret', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'threadline-secret-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a 32-byte secret readable only by the owner, and reads the same one back', () => {
    const first = loadLinkSecret(dir);
    expect(first).toHaveLength(32);
    const file = path.join(dir, 'attachment-links.key');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(first.toString('hex'));
    expect(loadLinkSecret(dir).equals(first)).toBe(true);
  });
});

describe('headers and names', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('attachment', 'Счёт "1".pdf')).toBe(`attachment; filename="____ _1_.pdf"; filename*=UTF-8''%D0%A1%D1%87%D1%91%D1%82%20%221%22.pdf`);
    expect(contentDisposition('inline', "it's (1).png")).toBe(`inline; filename="it's (1).png"; filename*=UTF-8''it%27s%20%281%29.png`);
  });

  it('keeps names unable to name a path and types to type/subtype', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\a\\отчёт.pdf')).toBe('отчёт.pdf');
    expect(safeFileName('..')).toBe('attachment');
    expect(safeContentType('Image/PNG; charset=binary')).toBe('image/png');
    expect(safeContentType('text/html\r\nX-Evil: 1')).toBe('application/octet-stream');
    expect(safeContentType(undefined)).toBe('application/octet-stream');
  });
});
