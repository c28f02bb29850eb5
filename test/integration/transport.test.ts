// What the edges do with bad input: error results with codes, and connections that stay up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/server/http/security.ts';
import { call, startTestHub, type DeskSocket, type TestHub } from './fixtures/hub.ts';
import { buildWorld, USERS } from './fixtures/world.ts';

let t: TestHub;
let socket: DeskSocket;
beforeAll(async () => {
  t = await startTestHub();
  await buildWorld(t.hub.db);
  socket = await t.connect((await t.signIn(USERS.agent)).token);
});
afterAll(() => t.stop());

const raw = (event: string, ...args: unknown[]) =>
  new Promise<unknown>((resolve) => (socket.emit as (e: string, ...a: unknown[]) => void)(event, ...args, resolve));

describe('socket commands', () => {
  it('answers an unknown command with UNKNOWN_COMMAND and keeps the connection', async () => {
    expect(await raw('customer.delete_everything', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    expect(socket.connected).toBe(true);
  });

  it('answers a malformed payload with BAD_REQUEST and the fields, and keeps the connection', async () => {
    const result = await raw('customer.list', { limit: 'lots', q: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect((result as { error: { fields: { path: string }[] } }).error.fields.map((f) => f.path).sort()).toEqual(['limit', 'q']);
    expect(await raw('customer.get', 'not an object')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(socket.connected).toBe(true);
  });

  it('survives a command sent without an ack', async () => {
    (socket.emit as (event: string) => void)('customer.list');
    const result = await call(socket, 'session.me', {});
    expect(result.ok).toBe(true);
  });
});

describe('http', () => {
  it('reports health', async () => {
    const res = await fetch(`${t.hub.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('serves the inbound API and its OpenAPI document, refusing calls without a key', async () => {
    const doc = await fetch(`${t.hub.url}/api/v1/openapi.json`);
    expect(doc.status).toBe(200);
    expect(Object.keys(((await doc.json()) as { paths: object }).paths)).toEqual(expect.arrayContaining(['/api/v1/messages', '/api/v1/customers']));
    const anonymous = await fetch(`${t.hub.url}/api/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(anonymous.status).toBe(401);
  });

  it('serves the embeddable web-chat widget', async () => {
    const res = await fetch(`${t.hub.url}/webchat/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
  }, 60_000);

  it('answers an unknown command over HTTP with 404 and a code', async () => {
    const token = (await t.signIn(USERS.agent)).token;
    const res = await t.post('/api/commands/nope', {}, token);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
  });
});
