import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, data, startTestHub, TEST_PASSWORD, type TestHub } from './fixtures/hub.ts';
import { buildWorld, USERS } from './fixtures/world.ts';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
  await buildWorld(t.hub.db);
});
afterAll(() => t.stop());

describe('sign-in', () => {
  it('signs in each role and reports who is signed in', async () => {
    for (const [role, email] of Object.entries(USERS)) {
      const session = await t.signIn(email);
      expect(session.user.role).toBe(role);
      expect(session.token.length).toBeGreaterThan(30);
      const socket = await t.connect(session.token);
      expect(data(await call(socket, 'session.me', {})).email).toBe(email);
    }
  });

  it('stores passwords as scrypt hashes and session tokens only hashed', async () => {
    const session = await t.signIn(USERS.agent);
    const user = await t.hub.db.user.findUniqueOrThrow({ where: { email: USERS.agent } });
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(user.passwordHash).not.toContain(TEST_PASSWORD);
    const sessions = await t.hub.db.session.findMany({ where: { userId: user.id } });
    expect(sessions.some((s) => s.tokenHash === session.token)).toBe(false);
  });

  it('answers a wrong password and an unknown user with the same generic error, and audits both', async () => {
    const wrong = await t.post('/api/auth/sign-in', { email: USERS.marketer, password: 'nope-nope-nope' });
    const unknown = await t.post('/api/auth/sign-in', { email: 'nobody@test.local', password: 'nope-nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(!wrong.body.ok && wrong.body.error.message).toBe(!unknown.body.ok && unknown.body.error.message);
    const audited = await t.hub.db.auditEntry.count({ where: { action: 'auth.sign_in_failed', subjectId: USERS.marketer } });
    expect(audited).toBe(1);
  });

  it('rate-limits repeated failures for one account, even with the right password afterwards', async () => {
    const email = USERS.supervisor;
    for (let i = 0; i < 5; i++) {
      expect((await t.post('/api/auth/sign-in', { email, password: `wrong-${i}-password` })).status).toBe(401);
    }
    const blocked = await t.post('/api/auth/sign-in', { email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(!blocked.body.ok && blocked.body.error.code).toBe('RATE_LIMITED');
  });

  it('rejects a malformed sign-in body with field errors', async () => {
    const res = await t.post('/api/auth/sign-in', { email: 'not-an-email' });
    expect(res.status).toBe(400);
    expect(!res.body.ok && res.body.error.fields?.map((f) => f.path)).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('signs out: the token stops working on HTTP and the live socket is told and closed', async () => {
    const session = await t.signIn(USERS.agent);
    const socket = await t.connect(session.token);
    const ended = new Promise((resolve) => socket.once('session.ended', resolve));
    expect((await t.post('/api/auth/sign-out', {}, session.token)).status).toBe(200);
    expect(await ended).toEqual({ reason: 'signed_out' });
    const after = await t.post('/api/commands/session.me', {}, session.token);
    expect(after.status).toBe(401);
    await expect(t.connect(session.token)).rejects.toThrow('UNAUTHENTICATED');
  });

  it('refuses a socket handshake without a valid token', async () => {
    await expect(t.connect('forged-token')).rejects.toThrow('UNAUTHENTICATED');
  });
});

describe('users administration', () => {
  it('creates a user, re-roles them and disables them, ending their live session', async () => {
    const admin = await t.connect((await t.signIn(USERS.admin)).token);
    const teams = data(await call(admin, 'team.list', {}));
    const created = data(
      await call(admin, 'user.create', { email: 'New.Agent@test.local', displayName: 'Новый агент', role: 'agent', teamId: teams[0]!.id, password: 'long enough password' }),
    );
    expect(created.email).toBe('new.agent@test.local');

    const newbie = await t.signIn('new.agent@test.local', 'long enough password');
    const newbieSocket = await t.connect(newbie.token);
    expect(data(await call(newbieSocket, 'customer.list', {})).items.length).toBeGreaterThan(0);

    const ended = new Promise((resolve) => newbieSocket.once('session.ended', resolve));
    data(await call(admin, 'user.update', { id: created.id, role: 'marketer' }));
    expect(await ended).toEqual({ reason: 'signed_out' });

    data(await call(admin, 'user.update', { id: created.id, disabled: true }));
    const refused = await t.post('/api/auth/sign-in', { email: 'new.agent@test.local', password: 'long enough password' });
    expect(refused.status).toBe(401);
    expect(await t.hub.db.auditEntry.count({ where: { action: 'user.update', subjectId: created.id } })).toBe(2);
  });

  it('requires a store for store staff and refuses duplicate e-mails', async () => {
    const admin = await t.connect((await t.signIn(USERS.admin)).token);
    const noStore = await call(admin, 'user.create', { email: 'x@test.local', displayName: 'X', role: 'store_staff', password: 'long enough password' });
    expect(!noStore.ok && noStore.error.fields?.[0]?.path).toBe('storeId');
    const dup = await call(admin, 'user.create', { email: USERS.agent, displayName: 'Dup', role: 'agent', password: 'long enough password' });
    expect(!dup.ok && dup.error.code).toBe('CONFLICT');
  });

  it('does not let an admin lock themselves out', async () => {
    const session = await t.signIn(USERS.admin);
    const admin = await t.connect(session.token);
    const result = await call(admin, 'user.update', { id: session.user.id, disabled: true });
    expect(!result.ok && result.error.code).toBe('CONFLICT');
  });
});
