// The web chat through a running hub: a visitor fills the pre-chat form, writes, reloads with the token
// kept in their browser and sees the history, gets the agent's reply through the outbox, and is refused
// for forged tokens, foreign sites and floods. The visitor namespace runs on its own socket.io server
// here until the hub registers it (the hub's io is not exposed on RunningHub).
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreChatFormInput, VisitorAuth, VisitorClientToServer, VisitorServerToClient } from '../../common/api/webchat.ts';
import { queueOutbound } from '../../main/server/channels/outbox.ts';
import { registerVisitorNamespace, sendAgentTyping, webchatAdapter, type WebchatConfig } from '../../main/server/channels/webchat/index.ts';
import { systemClock } from '../../main/server/jobs/clock.ts';
import { startTestHub, type TestHub } from './fixtures/hub.ts';

type VisitorSocket = Socket<VisitorServerToClient, VisitorClientToServer>;

const SHOP = 'https://shop.example';
const MAIN = 'webchat-main';
const SLOW = 'webchat-slow';
const NARROW = 'webchat-narrow';
const secret = (c: string) => c.repeat(40);

let t: TestHub;
let http: HttpServer;
let io: Server;
let url: string;
let unregister: () => void;
let agentsOnline = true;
const agentWatchers = new Set<(online: boolean) => void>();
function setAgentsOnline(online: boolean) {
  agentsOnline = online;
  for (const listener of agentWatchers) listener(online);
}
const visitorTyping: Array<{ accountId: string; visitorId: string; typing: boolean }> = [];
const sockets: VisitorSocket[] = [];

const form = (extra: Partial<PreChatFormInput> = {}): PreChatFormInput => ({
  name: 'Анна Смирнова',
  email: ' Anna.Smirnova@Mail.RU ',
  consentService: true,
  locale: 'ru',
  ...extra,
});

function visitor(auth: Partial<VisitorAuth> = {}, origin: string | null = SHOP): Promise<VisitorSocket> {
  const socket: VisitorSocket = connectClient(`${url}/visitor`, {
    auth: { accountId: MAIN, ...auth },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(origin ? { extraHeaders: { origin } } : {}),
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(Object.assign(error, { data: (error as { data?: unknown }).data })));
  });
}

const refusal = (attempt: Promise<unknown>) => attempt.then(() => 'connected', (error: Error) => error.message);

async function identified(accountId = MAIN) {
  const socket = await visitor({ accountId });
  const result = await socket.emitWithAck('prechat.submit', form());
  if (!result.ok) throw new Error(result.error.message);
  return { socket, token: result.data.token, visitorId: result.data.token.split('.')[0]! };
}

const nextEvent = <E extends keyof VisitorServerToClient>(socket: VisitorSocket, event: E) =>
  new Promise<Parameters<VisitorServerToClient[E]>[0]>((resolve) => (socket.once as (e: string, cb: (payload: never) => void) => void)(event, resolve));

beforeAll(async () => {
  t = await startTestHub();
  const save = (id: string, settings: Partial<WebchatConfig>) =>
    t.hub.accounts.save({ id, kind: 'webchat', name: id, settings: { allowedOrigins: [SHOP], ...settings }, secrets: { tokenSecret: secret(id[8]!) } });
  await save(MAIN, {});
  await save(SLOW, { maxMessagesPerMinutePerVisitor: 3 });
  await save(NARROW, { maxConnectionsPerMinutePerIp: 2 });

  http = createServer();
  io = new Server(http, { serveClient: false });
  unregister = registerVisitorNamespace(io, {
    ctx: t.hub.channels,
    accounts: () => t.hub.accounts.list('webchat') as Array<{ id: string; config: WebchatConfig }>,
    db: t.hub.db,
    log: t.hub.log,
    isAgentOnline: () => agentsOnline,
    watchAgentsOnline: (listener) => {
      agentWatchers.add(listener);
      return () => agentWatchers.delete(listener);
    },
    onVisitorTyping: (event) => visitorTyping.push(event),
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  unregister();
  await new Promise<void>((resolve) => io.close(() => resolve()));
  await t.stop();
});

describe('web chat visitors', () => {
  it('keeps the token secret out of the database', async () => {
    const row = await t.hub.db.channelAccount.findUniqueOrThrow({ where: { id: MAIN } });
    expect(row.config).not.toContain(secret('m'));
  });

  it('greets in the visitor’s language and says whether agents are online', async () => {
    const socket = await visitor();
    setAgentsOnline(false);
    const hello = await socket.emitWithAck('chat.hello', { locale: 'en' });
    setAgentsOnline(true);
    expect(hello).toMatchObject({ ok: true, data: { title: 'Chat with the store', agentsOnline: false, identified: false } });
    expect(hello.ok && hello.data.offlineMessage).toMatch(/e-mail/);
  });

  it('tells open widgets at once when agents leave and come back', async () => {
    const socket = await visitor();
    const left = nextEvent(socket, 'agents.online');
    setAgentsOnline(false);
    expect(await left).toEqual({ online: false });
    const back = nextEvent(socket, 'agents.online');
    setAgentsOnline(true);
    expect(await back).toEqual({ online: true });
  });

  it('requires an e-mail in the pre-chat form while no agent is online', async () => {
    const socket = await visitor();
    setAgentsOnline(false);
    const phoneOnly = await socket.emitWithAck('prechat.submit', form({ email: undefined, phone: '+7 912 345-67-89' }));
    const withEmail = await socket.emitWithAck('prechat.submit', form());
    setAgentsOnline(true);
    expect(phoneOnly).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', fields: [{ path: 'email' }] } });
    expect(withEmail.ok).toBe(true);
  });

  it('explains what is wrong with the pre-chat form, field by field', async () => {
    const socket = await visitor();
    const paths = async (input: unknown) => {
      const result = await socket.emitWithAck('prechat.submit', input as PreChatFormInput);
      expect(result.ok).toBe(false);
      return result.ok ? [] : (result.error.fields ?? []).map((f) => f.path);
    };
    expect(await paths({ name: '', consentService: false, locale: 'ru' })).toEqual(expect.arrayContaining(['name', 'consentService']));
    expect(await paths({ name: 'Анна', consentService: true, locale: 'ru' })).toEqual(['email']);
    expect(await paths(form({ email: 'not-an-email', phone: '12' }))).toEqual(['email', 'phone']);
    expect(await paths({ ...form(), name: 'x'.repeat(81) })).toEqual(['name']);
  });

  it('refuses messages before the form is filled in', async () => {
    const socket = await visitor();
    const result = await socket.emitWithAck('message.send', { clientId: crypto.randomUUID(), text: 'Здравствуйте' });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('stores a message exactly once, on a profile of its own, with the pre-chat contacts as unverified evidence', async () => {
    const { socket, visitorId } = await identified();
    const message = { clientId: crypto.randomUUID(), text: 'Есть ли плед в синем цвете?' };
    const first = await socket.emitWithAck('message.send', message);
    const again = await socket.emitWithAck('message.send', message);
    expect(first).toMatchObject({ ok: true, data: { duplicate: false } });
    expect(again).toMatchObject({ ok: true, data: { duplicate: true } });
    expect(first.ok && again.ok && again.data.id === first.data.id).toBe(true);

    const stored = await t.hub.db.message.findMany({ where: { channel: 'webchat', providerMessageId: `${visitorId}:${message.clientId}` } });
    expect(stored).toHaveLength(1);
    expect(JSON.parse(stored[0]!.meta!)).toMatchObject({ preChat: { name: 'Анна Смирнова', email: 'anna.smirnova@mail.ru', phone: null, consentService: true } });
    const identities = await t.hub.db.contactIdentity.findMany({ where: { customerId: stored[0]!.customerId } });
    // The identity service may add the typed contacts or suggest a merge, but never vouches for them.
    expect(identities.find((i) => i.kind === 'webchat')?.verified).toBe(true);
    expect(identities.filter((i) => i.kind !== 'webchat').every((i) => !i.verified)).toBe(true);
    const customer = await t.hub.db.customer.findUniqueOrThrow({ where: { id: stored[0]!.customerId } });
    expect([customer.firstName, customer.lastName]).toEqual(['Анна', 'Смирнова']);
  });

  it('restores the history after a reload with the same token, and refuses a forged one', async () => {
    const { socket, token, visitorId } = await identified();
    const clientId = crypto.randomUUID();
    await socket.emitWithAck('message.send', { clientId, text: 'Первое сообщение' });
    socket.disconnect();

    const reloaded = await visitor({ token, preChat: form() });
    expect(await reloaded.emitWithAck('chat.hello', { locale: 'ru' })).toMatchObject({ ok: true, data: { identified: true } });
    const history = await reloaded.emitWithAck('history.load', {});
    expect(history).toMatchObject({ ok: true, data: { before: null, items: [{ from: 'visitor', text: 'Первое сообщение', clientId }] } });

    const stranger = await identified();
    const forged = `${stranger.visitorId}.${token.split('.')[1]}`;
    expect(await refusal(visitor({ token: forged }))).toBe('UNAUTHENTICATED');
    expect(await refusal(visitor({ token: `${visitorId}.` }))).toBe('UNAUTHENTICATED');
    expect(await refusal(visitor({ token: token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) }))).toBe('UNAUTHENTICATED');
  });

  it('delivers the agent’s reply from the outbox live, and to history when the visitor was away', async () => {
    const { socket, token, visitorId } = await identified();
    const sent = await socket.emitWithAck('message.send', { clientId: crypto.randomUUID(), text: 'Когда привезут заказ?' });
    const stored = await t.hub.db.message.findUniqueOrThrow({ where: { id: sent.ok ? sent.data.id : '' } });

    const live = nextEvent(socket, 'agent.message');
    const { messageId } = await queueOutbound(t.hub.db, { conversationId: stored.conversationId, channel: 'webchat', body: 'Завтра до 18:00.', authorId: null }, systemClock);
    t.hub.scheduler.wake();
    expect(await live).toMatchObject({ id: messageId, text: 'Завтра до 18:00.' });
    await expect.poll(async () => (await t.hub.db.message.findUniqueOrThrow({ where: { id: messageId } })).status).toBe('sent');
    expect((await t.hub.db.message.findUniqueOrThrow({ where: { id: messageId } })).providerMessageId).toBe(`${visitorId}:out:${messageId}`);

    socket.disconnect();
    const away = await webchatAdapter.send({ id: MAIN, config: {} as WebchatConfig }, { messageId: 'm-away', to: visitorId, body: 'Ещё вопрос?' });
    expect(away.providerMessageId).toBe(`${visitorId}:out:m-away`);

    const back = await visitor({ token });
    const history = await back.emitWithAck('history.load', {});
    expect(history.ok && history.data.items.map((i) => [i.from, i.text])).toEqual([
      ['visitor', 'Когда привезут заказ?'],
      ['agent', 'Завтра до 18:00.'],
    ]);
    await expect(webchatAdapter.send({ id: MAIN, config: {} as WebchatConfig }, { messageId: 'm', to: 'Not-A-Visitor', body: 'x' })).rejects.toThrow(/Not a web chat visitor/);
  });

  it('passes typing both ways', async () => {
    const { socket, visitorId } = await identified();
    socket.emit('typing', { typing: true });
    await expect.poll(() => visitorTyping.find((e) => e.visitorId === visitorId)).toEqual({ accountId: MAIN, visitorId, typing: true });
    const typing = nextEvent(socket, 'agent.typing');
    sendAgentTyping(MAIN, visitorId);
    expect(await typing).toEqual({ typing: true });
  });

  it('rate-limits a visitor’s messages with a clear error', async () => {
    const { socket } = await identified(SLOW);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await socket.emitWithAck('message.send', { clientId: crypto.randomUUID(), text: `Сообщение ${i}` }));
    expect(results.slice(0, 3).every((r) => r.ok)).toBe(true);
    expect(results[3]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });

  it('rate-limits connections per IP', async () => {
    await visitor({ accountId: NARROW });
    await visitor({ accountId: NARROW });
    expect(await refusal(visitor({ accountId: NARROW }))).toBe('RATE_LIMITED');
  });

  it('refuses sites not allowed to embed the chat, and unknown chats', async () => {
    expect(await refusal(visitor({}, 'https://evil.example'))).toBe('FORBIDDEN');
    expect(await refusal(visitor({}, null))).toBe('FORBIDDEN');
    expect(await refusal(visitor({ accountId: 'nope' }))).toBe('NOT_FOUND');
    // The hub's own pages (the demo shop) are always allowed.
    expect(await refusal(visitor({}, url))).toBe('connected');
  });
});

describe('web chat pages', () => {
  it('serves the widget as cacheable JavaScript', async () => {
    const res = await fetch(`${t.hub.url}/webchat/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    const etag = res.headers.get('etag')!;
    expect((await res.text()).length).toBeGreaterThan(1000);
    expect((await fetch(`${t.hub.url}/webchat/widget.js`, { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('serves a demo shop embedding the widget with exactly one script tag', async () => {
    const res = await fetch(`${t.hub.url}/webchat/demo.html`);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html).toContain(`<script src="/webchat/widget.js" data-account="${MAIN}" data-locale="ru" defer></script>`);
    expect((await fetch(`${t.hub.url}/webchat/demo.html?account=nope`)).status).toBe(404);
  });
});
