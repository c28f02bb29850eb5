// The whole SMS path through a running hub: a signed webhook from the Twilio simulator lands on the
// customer and is pushed to desks; a reply leaves through the outbox and its receipt comes back live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageReceived, MessageStatusChanged } from '../../common/realtime/events.ts';
import { queueOutbound } from '../../main/server/channels/outbox.ts';
import { startTwilioSimulator, type TwilioSimulator } from '../../main/server/channels/sms/simulator.ts';
import { systemClock } from '../../main/server/jobs/clock.ts';
import { call, data, startTestHub, type DeskSocket, type TestHub } from './fixtures/hub.ts';
import { buildWorld, USERS } from './fixtures/world.ts';

let t: TestHub;
let sim: TwilioSimulator;
let agent: DeskSocket;
let staff: DeskSocket;
const ACCOUNT = 'sms-main';
const inboundUrl = () => `${t.hub.url}/webhooks/sms/${ACCOUNT}/inbound`;

const next = <E extends 'message.received' | 'message.status'>(socket: DeskSocket, event: E) =>
  new Promise<E extends 'message.received' ? MessageReceived : MessageStatusChanged>((resolve) =>
    // message.received comes in batches (one frame per push interval); these tests send one message at a time.
    (socket.once as (e: string, cb: (payload: never) => void) => void)(event, (payload: never) => resolve(Array.isArray(payload) ? payload[0] : payload)),
  );

beforeAll(async () => {
  t = await startTestHub();
  await buildWorld(t.hub.db);
  sim = await startTwilioSimulator({ accountSid: `AC${'a'.repeat(32)}`, authToken: 'sim-token' });
  await t.hub.accounts.save({
    id: ACCOUNT,
    kind: 'sms',
    name: 'Основной номер',
    settings: { accountSid: `AC${'a'.repeat(32)}`, fromNumber: '+74950000000', apiBaseUrl: sim.url, webhookBaseUrl: t.hub.url },
    secrets: { authToken: 'sim-token' },
  });
  agent = await t.connect((await t.signIn(USERS.agent)).token);
  staff = await t.connect((await t.signIn(USERS.store_staff)).token);
});
afterAll(async () => {
  await sim.close();
  await t.stop();
});

describe('SMS through the hub', () => {
  it('keeps the auth token out of the database', async () => {
    const row = await t.hub.db.channelAccount.findUniqueOrThrow({ where: { id: ACCOUNT } });
    expect(row.config).not.toContain('sim-token');
  });

  it('stores an inbound SMS on the existing customer, pushes it to agents only, and never twice', async () => {
    const received = next(agent, 'message.received');
    let staffGotIt = false;
    staff.once('message.received', () => (staffGotIt = true));
    expect(await sim.sendInbound({ from: '+79123456789', to: '+74950000000', body: 'Здравствуйте, моя карта на месте?', webhookUrl: inboundUrl() })).toBe(200);
    const event = await received;
    const fyodorova = await t.hub.db.customer.findFirstOrThrow({ where: { lastName: 'Фёдорова' } });
    expect(event).toMatchObject({ customerId: fyodorova.id, channel: 'sms', newCustomer: false });

    const original = sim.posted.at(-1)!;
    for (let i = 0; i < 3; i++) expect(await sim.postSigned(original.webhookUrl, original.params)).toBe(200);
    expect(await t.hub.db.message.count({ where: { channel: 'sms' } })).toBe(1);
    expect(staffGotIt).toBe(false);
  });

  it('refuses forged webhooks with 401 and stores nothing', async () => {
    const res = await fetch(inboundUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'forged' },
      body: new URLSearchParams({ MessageSid: `SM${'b'.repeat(32)}`, AccountSid: `AC${'a'.repeat(32)}`, From: '+79990001122', To: '+74950000000', Body: 'x' }),
    });
    expect(res.status).toBe(401);
    expect(await t.hub.db.message.count({ where: { providerMessageId: `SM${'b'.repeat(32)}` } })).toBe(0);
    const audit = await t.hub.db.auditEntry.findFirstOrThrow({ where: { action: 'webhook.rejected', subjectId: ACCOUNT } });
    expect(JSON.parse(audit.details!)).toMatchObject({ channel: 'sms', reason: 'forged_signature' });
  });

  it('sends a reply through the outbox and pushes its delivery receipt live', async () => {
    const conversation = await t.hub.db.conversation.findFirstOrThrow({ where: { channel: 'sms' } });
    const sent = next(agent, 'message.status');
    const { messageId } = await queueOutbound(t.hub.db, { conversationId: conversation.id, channel: 'sms', body: 'Да, карта активна. Баланс 1 500 баллов.', authorId: null }, systemClock);
    t.hub.scheduler.wake();
    expect(await sent).toMatchObject({ messageId, status: 'sent' });
    expect(sim.sent.at(-1)).toMatchObject({ to: '+79123456789', from: '+74950000000', idempotencyToken: messageId });

    const delivered = next(agent, 'message.status');
    const stored = await t.hub.db.message.findUniqueOrThrow({ where: { id: messageId } });
    expect(await sim.deliverStatus(stored.providerMessageId!, 'delivered')).toBe(200);
    expect(await delivered).toMatchObject({ messageId, status: 'delivered' });
  });

  it('marks the phone opted out of marketing when the customer answers СТОП', async () => {
    const received = next(agent, 'message.received');
    await sim.sendInbound({ from: '+79031112233', to: '+74950000000', body: 'СТОП', webhookUrl: inboundUrl() });
    // The opt-out is still a message the agents see.
    expect(await received).toMatchObject({ channel: 'sms' });
    const phone = await t.hub.db.contactIdentity.findFirstOrThrow({ where: { kind: 'phone', normalized: '+79031112233' } });
    expect(phone.optedOut).toBe(true);
  });

  it('creates a profile for an unknown sender', async () => {
    const received = next(agent, 'message.received');
    await sim.sendInbound({ from: '+79995554433', to: '+74950000000', body: 'Добрый день! Хочу узнать про доставку', webhookUrl: inboundUrl() });
    expect((await received).newCustomer).toBe(true);
  });
});

describe('Settings → Channels', () => {
  it('shows admins which secrets are set, never their values', async () => {
    const admin = await t.connect((await t.signIn(USERS.admin)).token);
    const [account] = data(await call(admin, 'channel.list', {}));
    expect(account).toMatchObject({ id: ACCOUNT, kind: 'sms', enabled: true, secretsSet: ['authToken'], secretFields: ['authToken'] });
    expect(JSON.stringify(account)).not.toContain('sim-token');
    expect(account!.counts.inbound).toBeGreaterThan(0);
  });

  it('validates settings with field errors and keeps a secret left empty', async () => {
    const admin = await t.connect((await t.signIn(USERS.admin)).token);
    const [account] = data(await call(admin, 'channel.list', {}));
    const bad = await call(admin, 'channel.save', { id: ACCOUNT, kind: 'sms', name: 'Основной номер', settings: { ...account!.settings, fromNumber: '123' } });
    expect(!bad.ok && bad.error.fields).toEqual([{ path: 'settings.fromNumber', message: 'not a valid phone number' }]);

    const renamed = data(await call(admin, 'channel.save', { id: ACCOUNT, kind: 'sms', name: 'Номер для клиентов', settings: account!.settings, secrets: { authToken: '' } }));
    expect(renamed).toMatchObject({ name: 'Номер для клиентов', secretsSet: ['authToken'] });
    // The stored token still verifies the simulator's signatures.
    expect(await sim.sendInbound({ from: '+79123456789', to: '+74950000000', body: 'Ещё вопрос', webhookUrl: inboundUrl() })).toBe(200);
    const entry = await t.hub.db.auditEntry.findFirstOrThrow({ where: { action: 'channel.save', subjectId: ACCOUNT } });
    expect(JSON.parse(entry.details!)).toEqual({ kind: 'sms', secretsChanged: [] });
  });

  it('stops accepting a disabled account\'s webhooks', async () => {
    const admin = await t.connect((await t.signIn(USERS.admin)).token);
    data(await call(admin, 'channel.setEnabled', { id: ACCOUNT, enabled: false }));
    expect(await sim.sendInbound({ from: '+79123456789', to: '+74950000000', body: 'Алло?', webhookUrl: inboundUrl() })).toBe(404);
    data(await call(admin, 'channel.setEnabled', { id: ACCOUNT, enabled: true }));
  });

  it('offers simulated messages only in demo mode', async () => {
    const admin = await t.connect((await t.signIn(USERS.admin)).token);
    const result = await call(admin, 'channel.simulateInbound', { channel: 'sms' });
    expect(!result.ok && result.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('demo mode') });
  });
});
