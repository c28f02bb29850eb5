// Signed attachment links. An <img> or a download link cannot send the session's bearer header, so the
// hub hands out short-lived URLs instead: HMAC-SHA256 with a per-hub secret over the hash, the expiry,
// the file name shown and who the link was issued to. Anyone holding a link can fetch that one file until
// it expires (10 minutes for the desk), which is what a link is for; nobody can make one up.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const DESK_LINK_TTL_MS = 10 * 60_000;
const SECRET_FILE = 'attachment-links.key';

/** Reads the hub's link secret from the data folder, creating it (0600) on the first start. */
export function loadLinkSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, SECRET_FILE);
  if (existsSync(file)) {
    const hex = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(hex)) return Buffer.from(hex, 'hex');
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32);
  writeFileSync(file, secret.toString('hex'), { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

export interface LinkClaims {
  sha256: string;
  fileName: string;
  /** Unix seconds. */
  exp: number;
  /** Who it was issued to: a user id, or `visitor:<id>` for a web chat visitor; audited on download. */
  sub: string;
}

function signature(secret: Buffer, claims: LinkClaims): string {
  // Newlines cannot occur in a hash, a number or a subject, and the name comes last: no two claim sets collide.
  return createHmac('sha256', secret).update(`v1\n${claims.sha256}\n${claims.exp}\n${claims.sub}\n${claims.fileName}`).digest('base64url');
}

export interface SignedLink {
  url: string;
  expiresAt: string;
}

/** A relative URL on the hub (`/api/attachments/<sha256>?…`), valid for `ttlMs` from `now`. */
export function signLink(secret: Buffer, file: { sha256: string; fileName: string }, sub: string, now: Date, ttlMs = DESK_LINK_TTL_MS): SignedLink {
  const exp = Math.floor((now.getTime() + ttlMs) / 1000);
  const claims: LinkClaims = { sha256: file.sha256, fileName: file.fileName, exp, sub };
  const query = new URLSearchParams({ exp: String(exp), sub, name: file.fileName, sig: signature(secret, claims) });
  return { url: `/api/attachments/${file.sha256}?${query.toString()}`, expiresAt: new Date(exp * 1000).toISOString() };
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

/** Checks a link's query against the hash in its path: the signature first, then the expiry. */
export function verifyLink(secret: Buffer, sha256: string, query: Record<string, unknown>, now: Date): LinkCheck {
  const { exp, sig, name, sub } = query;
  if (typeof exp !== 'string' || !/^\d{1,12}$/.test(exp) || typeof sig !== 'string' || typeof name !== 'string' || typeof sub !== 'string') {
    return { ok: false, reason: 'malformed' };
  }
  const claims: LinkClaims = { sha256, fileName: name, exp: Number(exp), sub };
  const expected = Buffer.from(signature(secret, claims));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  if (claims.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
