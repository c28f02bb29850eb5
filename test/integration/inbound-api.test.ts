import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiScope } from '../../common/api/inbound.ts';
import type { Db } from '../../main/server/db/client.ts';
import { registerInboundApi } from '../../main/server/http/inboundApi.ts';
import { createLogger } from '../../main/server/logger.ts';
import { createApiKey, hashApiKey, listApiKeys, revokeApiKey } from '../../main/server/services/apiKeys/apiKeys.ts';
import type { Viewer } from '../../main/server/services/auth/viewer.ts';
import type { IngestWriter } from '../../main/server/services/inbox/ingestWriter.ts';
import { manualClock, tempDb } from './fixtures/db.ts';

let db: Db;
let inbound: IngestWriter;
const clock = manualClock();
let cleanup: () => Promise<void>;
let app: FastifyInstance;
let admin: Viewer;
const keys: Record<'all' | 'messagesOnly' | 'revoked', string> = { all: '', messagesOnly: '', revoked: '' };

async function newKey(name: string, scopes: ApiScope[]) {
  return (await createApiKey(db, admin, { name, scopes })).key;
}

function post(path: string, body: unknown, key: string | null, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const message = (externalId: string, over: Record<string, unknown> = {}) => ({
  externalId,
  source: 'shop-form',
  from: { kind: 'phone', value: '8 (912) 345-67-89', displayName: 'Анна Смирнова' },
  body: 'Где мой заказ 1024-55?',
  ...over,
});

beforeAll(async () => {
  ({ db, inbound, cleanup } = await tempDb(clock));
  const user = await db.user.create({ data: { email: 'admin@test.local', displayName: 'Админ', role: 'admin', passwordHash: 'x' } });
  admin = { userId: user.id, role: 'admin', storeId: null, sessionId: 'test', ip: null };
  keys.all = await newKey('Shop', ['messages:write', 'customers:write']);
  keys.messagesOnly = await newKey('Forms', ['messages:write']);
  keys.revoked = await newKey('Old CRM', ['messages:write', 'customers:write']);
  const revokedRow = await db.apiKey.findUniqueOrThrow({ where: { keyHash: hashApiKey(keys.revoked) } });
  await revokeApiKey(db, admin, revokedRow.id);
  app = Fastify();
  registerInboundApi(app, { db, log: createLogger('silent'), clock, inbound });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await cleanup();
});

describe('API keys', () => {
  it('stores only the hash and shows a prefix, never the key', async () => {
    const rows = await db.apiKey.findMany();
    expect(rows).toHaveLength(3);
    for (const key of Object.values(keys)) {
      expect(key).toMatch(/^tl_[A-Za-z0-9_-]{43}$/);
      const row = rows.find((r) => r.keyHash === hashApiKey(key))!;
      expect(row.prefix).toBe(key.slice(0, 8));
      expect(JSON.stringify(row)).not.toContain(key);
    }
    const listed = await listApiKeys(db, admin);
    expect(JSON.stringify(listed)).not.toMatch(/keyHash|tl_[A-Za-z0-9_-]{20}/);
    expect(listed.find((k) => k.name === 'Old CRM')?.revokedAt).not.toBeNull();
    const audits = await db.auditEntry.findMany({ where: { action: { startsWith: 'api_key.' } } });
    expect(audits.map((a) => a.action).sort()).toEqual(['api_key.create', 'api_key.create', 'api_key.create', 'api_key.revoke']);
    for (const key of Object.values(keys)) expect(JSON.stringify(audits)).not.toContain(key);
  });

  it('lets only admins manage keys', async () => {
    await expect(createApiKey(db, { ...admin, role: 'agent' }, { name: 'x', scopes: ['messages:write'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('authentication', () => {
  it.each([
    ['missing', null],
    ['wrong', 'tl_notarealkeynotarealkeynotarealkeynotareal1'],
    ['malformed', 'Basic abc'],
    ['revoked', 'revoked'],
  ])('refuses a %s key with 401, audited, nothing stored', async (_label, key) => {
    const token = key === 'revoked' ? keys.revoked : key;
    const before = await db.message.count();
    const res = await post('/api/v1/messages', message('auth-1'), token);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect(await db.message.count()).toBe(before);
    const last = await db.auditEntry.findFirstOrThrow({ where: { action: 'api.auth_failed' }, orderBy: { at: 'desc' } });
    if (token) expect(JSON.stringify(last)).not.toContain(token);
  });

  it('refuses a key without the scope with 403', async () => {
    const res = await post('/api/v1/customers', { firstName: 'А', lastName: 'Б', identities: [{ kind: 'email', value: 'a@b.ru' }] }, keys.messagesOnly);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect(await db.customer.count({ where: { identities: { some: { normalized: 'a@b.ru' } } } })).toBe(0);
  });
});

describe('POST /api/v1/messages', () => {
  it('stores the message once; a replay of the externalId is a duplicate', async () => {
    const first = await post('/api/v1/messages', message('m-1'), keys.all);
    expect(first.statusCode).toBe(201);
    const accepted = first.json();
    expect(accepted).toMatchObject({ duplicate: false });
    const stored = await db.message.findUniqueOrThrow({ where: { id: accepted.messageId }, include: { customer: { include: { identities: true } } } });
    expect(stored).toMatchObject({ channel: 'api', body: 'Где мой заказ 1024-55?', customerId: accepted.customerId });
    expect(stored.providerMessageId).toMatch(/:m-1$/);
    expect(stored.customer.identities[0]?.normalized).toBe('+79123456789');
    expect(JSON.parse(stored.meta!)).toMatchObject({ source: 'shop-form', externalId: 'm-1' });

    const again = await post('/api/v1/messages', message('m-1'), keys.all);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...accepted, duplicate: true });
    expect(await db.message.count({ where: { providerMessageId: { endsWith: ':m-1' } } })).toBe(1);
  });

  it('keeps two integrations using the same externalId apart', async () => {
    const a = await post('/api/v1/messages', message('shared-1'), keys.all);
    const b = await post('/api/v1/messages', message('shared-1'), keys.messagesOnly);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().messageId).not.toBe(b.json().messageId);
  });

  it('refuses invalid payloads with 400 and the field paths', async () => {
    const bad = await post('/api/v1/messages', { externalId: '', from: { kind: 'phone', value: '12' }, body: '' }, keys.all);
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['externalId', 'body', 'from.value']));

    const kind = await post('/api/v1/messages', message('m-2', { from: { kind: 'fax', value: '1' } }), keys.all);
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.fields.map((f: { path: string }) => f.path)).toContain('from.kind');

    const blank = await post('/api/v1/messages', message('m-3', { body: '   ' }), keys.all);
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/Empty message/) });

    const malformed = await post('/api/v1/messages', '{"externalId": ', keys.all);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('BAD_REQUEST');
    expect(await db.message.count({ where: { providerMessageId: { endsWith: ':m-2' } } })).toBe(0);
  });

  it('replays an Idempotency-Key with the identical answer; a different request under it is 422', async () => {
    const headers = { 'idempotency-key': 'idem-msg-1' };
    const first = await post('/api/v1/messages', message('m-idem'), keys.all, headers);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await post('/api/v1/messages', message('m-idem'), keys.all, headers);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toBe(first.body);

    const other = await post('/api/v1/messages', message('m-other'), keys.all, headers);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.message).toMatch(/Idempotency-Key was already used with a different request/);
    expect(await db.message.count({ where: { providerMessageId: { endsWith: ':m-other' } } })).toBe(0);

    // Keys are per API key: another integration's same key is a fresh request.
    const elsewhere = await post('/api/v1/messages', message('m-idem'), keys.messagesOnly, headers);
    expect(elsewhere.statusCode).toBe(201);
    expect(elsewhere.headers['idempotent-replayed']).toBeUndefined();

    // Two concurrent retries under one key: both get the answer of whichever committed first.
    const raced = await Promise.all([1, 2].map(() => post('/api/v1/messages', message('m-race'), keys.all, { 'idempotency-key': 'idem-race' })));
    expect(raced.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(raced[0]!.body).toBe(raced[1]!.body);
    expect(await db.message.count({ where: { providerMessageId: { endsWith: ':m-race' } } })).toBe(1);

    const tooLong = await post('/api/v1/messages', message('m-long'), keys.all, { 'idempotency-key': 'x'.repeat(201) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.fields[0].path).toBe('Idempotency-Key');
  });
});

describe('POST /api/v1/customers', () => {
  const upsert = (body: unknown, headers?: Record<string, string>) => post('/api/v1/customers', body, keys.all, headers);

  it('creates a customer, then updates it by any contact and adds the missing ones', async () => {
    const created = await upsert({
      externalRef: 'crm-1',
      firstName: 'Ольга',
      lastName: 'Кузнецова',
      city: 'Казань',
      consentMarketing: true,
      identities: [{ kind: 'email', value: ' Olga.K@Mail.RU ' }],
    });
    expect(created.statusCode).toBe(201);
    const { customerId } = created.json();
    expect(created.json()).toEqual({ customerId, created: true, identitiesAdded: 1, externalRef: 'crm-1' });

    const updated = await upsert({
      firstName: 'Ольга',
      lastName: 'Кузнецова-Петрова',
      identities: [
        { kind: 'email', value: 'olga.k@mail.ru', optedOut: true },
        { kind: 'phone', value: '+7 (903) 111-22-33' },
      ],
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toEqual({ customerId, created: false, identitiesAdded: 1 });
    const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId }, include: { identities: { orderBy: { kind: 'asc' } } } });
    expect(customer).toMatchObject({ lastName: 'Кузнецова-Петрова', city: 'Казань', consentMarketing: true });
    expect(customer.identities.map((i) => [i.kind, i.normalized, i.optedOut])).toEqual([
      ['email', 'olga.k@mail.ru', true],
      ['phone', '+79031112233', false],
    ]);
    const audits = await db.auditEntry.findMany({ where: { subjectId: customerId }, orderBy: { at: 'asc' } });
    expect(audits.map((a) => a.action)).toEqual(['customer.create', 'customer.update']);
    expect(JSON.parse(audits[1]!.details!)).toMatchObject({ via: 'api', fields: ['lastName'], identitiesAdded: 1 });
  });

  it('refuses contacts of two different customers with 409 and changes nothing', async () => {
    const a = (await upsert({ firstName: 'Иван', lastName: 'Первый', identities: [{ kind: 'phone', value: '+7 916 000-00-01' }] })).json();
    const b = (await upsert({ firstName: 'Пётр', lastName: 'Второй', identities: [{ kind: 'email', value: 'petr@example.ru' }] })).json();
    const before = await db.customer.findMany({ include: { identities: true }, orderBy: { id: 'asc' } });
    const auditsBefore = await db.auditEntry.count();

    const res = await upsert({
      firstName: 'Кто-то',
      lastName: 'Третий',
      identities: [
        { kind: 'phone', value: '89160000001' },
        { kind: 'email', value: 'PETR@example.ru' },
        { kind: 'telegram', value: 'new_handle' },
      ],
    });
    expect(res.statusCode).toBe(409);
    const { error } = res.json();
    expect(error.code).toBe('CONFLICT');
    expect(error.fields).toEqual([
      { path: 'identities.0.value', message: `belongs to customer ${a.customerId}` },
      { path: 'identities.1.value', message: `belongs to customer ${b.customerId}` },
    ]);
    expect(await db.customer.findMany({ include: { identities: true }, orderBy: { id: 'asc' } })).toEqual(before);
    expect(await db.auditEntry.count()).toBe(auditsBefore);
  });

  it('refuses invalid customers with 400 and the field paths', async () => {
    const res = await upsert({
      firstName: '',
      lastName: 'Х',
      timeZone: 'Mars/Olympus',
      identities: [
        { kind: 'phone', value: 'не телефон' },
        { kind: 'email', value: 'a@b.ru' },
        { kind: 'email', value: 'A@B.ru' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['firstName', 'timeZone', 'identities.0.value', 'identities.2.value']),
    );
    expect((await upsert({ firstName: 'А', lastName: 'Б', identities: [] })).json().error.fields[0].path).toBe('identities');
  });

  it('replays an Idempotency-Key stored with the upsert', async () => {
    const body = { firstName: 'Мария', lastName: 'Idem', identities: [{ kind: 'loyalty_card', value: '1234 5678 9012' }] };
    const headers = { 'idempotency-key': 'cust-1' };
    const first = await upsert(body, headers);
    expect(first.statusCode).toBe(201);
    const retry = await upsert(body, headers);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toBe(first.body);
    expect(await db.customer.count({ where: { lastName: 'Idem' } })).toBe(1);
    expect((await upsert({ ...body, lastName: 'Other' }, headers)).statusCode).toBe(422);
    expect(await db.idempotencyRecord.count({ where: { key: 'cust-1' } })).toBe(1);
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('serves an OpenAPI 3.1 document built from the zod schemas', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = JSON.parse(res.body);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/v1/customers', '/api/v1/messages', '/api/v1/stock']);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['ApiMessageInput', 'ApiMessageAccepted', 'ApiCustomerUpsert', 'ApiCustomerResult', 'ApiError', 'ApiErrorResponse']),
    );
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.parameters.IdempotencyKey).toMatchObject({ in: 'header', name: 'Idempotency-Key' });
    const input = doc.components.schemas.ApiMessageInput;
    expect(input.required).toEqual(['externalId', 'from', 'body']);
    expect(input.properties.from.properties.kind.enum).toContain('loyalty_card');
    expect(doc.components.schemas.ApiErrorResponse.properties.error.$ref).toBe('#/components/schemas/ApiError');
    // Every $ref in the document resolves.
    const refs = [...res.body.matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)];
    expect(refs.length).toBeGreaterThan(5);
    for (const [, section, name] of refs) expect(doc.components[section!][name!]).toBeDefined();
  });

  it('answers unknown API paths with the JSON error shape', async () => {
    const res = await post('/api/v1/orders', {}, keys.all);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('/api/v1/orders') } });
  });
});
