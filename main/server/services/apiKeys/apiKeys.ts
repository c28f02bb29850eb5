// API keys for the inbound API. A key is `tl_` + 32 random bytes; only its sha256 is stored (a fast hash is
// enough for 256 random bits, and lets each request find its key by one indexed lookup). The plaintext is
// returned once, at creation.
import { createHash, randomBytes } from 'node:crypto';
import { ApiKeyCreateInput, ApiScope, type ApiKeyCreated, type ApiKeyView } from '../../../../common/api/inbound.ts';
import { can } from '../../../../common/domain/policy.ts';
import { fieldErrors } from '../../../../common/result.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, notFound, ServiceError } from '../../errors.ts';
import { audit } from '../audit/audit.ts';
import type { Viewer } from '../auth/viewer.ts';

const KEY_PREFIX = 'tl_';
const SHOWN_PREFIX_LENGTH = 8;
// Writing lastUsedAt on every request would make each API call a write; minute precision is enough for
// "is this key still in use?".
const TOUCH_AFTER_MS = 60_000;

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

type ApiKeyRow = NonNullable<Awaited<ReturnType<Db['apiKey']['findUnique']>>>;

const scopesOf = (row: ApiKeyRow): ApiScope[] =>
  row.scopes.split(',').flatMap((s) => {
    const scope = ApiScope.safeParse(s);
    return scope.success ? [scope.data] : [];
  });

const viewOf = (row: ApiKeyRow): ApiKeyView => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scopes: scopesOf(row),
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

// Integration credentials reach every customer's data: the same people who manage users manage keys.
function requireAdmin(viewer: Viewer) {
  if (!can(viewer.role, 'users.manage')) throw forbidden();
}

export async function createApiKey(db: Db, viewer: Viewer, input: ApiKeyCreateInput): Promise<ApiKeyCreated> {
  requireAdmin(viewer);
  const parsed = ApiKeyCreateInput.safeParse(input);
  if (!parsed.success) throw new ServiceError('BAD_REQUEST', 'Give the key a name and at least one scope', fieldErrors(parsed.error));
  const { name, scopes } = parsed.data;
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { name, prefix: key.slice(0, SHOWN_PREFIX_LENGTH), keyHash: hashApiKey(key), scopes: [...new Set(scopes)].join(','), createdById: viewer.userId },
    });
    await audit(tx, viewer, { action: 'api_key.create', subjectType: 'api_key', subjectId: created.id, details: { name, scopes, prefix: created.prefix } });
    return created;
  });
  return { key, apiKey: viewOf(row) };
}

export async function revokeApiKey(db: Db, viewer: Viewer, id: string): Promise<ApiKeyView> {
  requireAdmin(viewer);
  return db.$transaction(async (tx) => {
    const row = await tx.apiKey.findUnique({ where: { id } });
    if (!row) throw notFound('API key');
    if (row.revokedAt) return viewOf(row);
    const revoked = await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    await audit(tx, viewer, { action: 'api_key.revoke', subjectType: 'api_key', subjectId: id, details: { name: row.name, prefix: row.prefix } });
    return viewOf(revoked);
  });
}

export async function listApiKeys(db: Db, viewer: Viewer): Promise<ApiKeyView[]> {
  requireAdmin(viewer);
  const rows = await db.apiKey.findMany({ orderBy: [{ revokedAt: 'asc' }, { createdAt: 'desc' }] });
  return rows.map(viewOf);
}

export interface ApiPrincipal {
  keyId: string;
  name: string;
  scopes: ApiScope[];
}

export type ApiKeyAuth = { ok: true; principal: ApiPrincipal } | { ok: false; reason: 'missing' | 'unknown' | 'revoked'; keyId?: string };

/** Who is calling, by the bearer token; a refusal says why, for the audit trail (never the token itself). */
export async function authenticateApiKey(db: Db, token: string): Promise<ApiKeyAuth> {
  if (!token) return { ok: false, reason: 'missing' };
  if (!token.startsWith(KEY_PREFIX) || token.length > 200) return { ok: false, reason: 'unknown' };
  const row = await db.apiKey.findUnique({ where: { keyHash: hashApiKey(token) } });
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revokedAt) return { ok: false, reason: 'revoked', keyId: row.id };
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { ok: true, principal: { keyId: row.id, name: row.name, scopes: scopesOf(row) } };
}
