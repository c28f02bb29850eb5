// Working together on a real hub over socket.io: presence across several desks of one agent, who views
// and types in a conversation, and the resync a desk runs after a reconnect (events.since, hub.hello).
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AgentPresence } from '../../common/api/desk.ts';
import type { Role } from '../../common/domain/enums.ts';
import type { ConversationActivity, HubHello } from '../../common/realtime/events.ts';
import { HUB_EVENT_RETENTION_MS, cleanupOldRows } from '../../main/server/jobs/cleanup.ts';
import { appendEvents, type Audience } from '../../main/server/realtime/eventLog.ts';
import { call, data, type DeskSocket, startTestHub, type TestHub } from './fixtures/hub.ts';
import { buildWorld, USERS } from './fixtures/world.ts';

let t: TestHub;
let world: Awaited<ReturnType<typeof buildWorld>>;
const tokens = {} as Record<Role, string>;
const opened: DeskSocket[] = [];

beforeAll(async () => {
  t = await startTestHub();
  world = await buildWorld(t.hub.db);
  for (const [role, email] of Object.entries(USERS)) tokens[role as Role] = (await t.signIn(email)).token;
});
afterAll(async () => {
  for (const socket of opened) socket.disconnect();
  await t.stop();
});

/** A desk that records every push of the given kinds from the moment it connects (hello included). */
async function desk(role: Role) {
  const socket: DeskSocket = io(t.hub.url, { auth: { token: tokens[role] }, transports: ['websocket'], reconnection: false, forceNew: true });
  opened.push(socket);
  const presence: AgentPresence[] = [];
  const activity: ConversationActivity[] = [];
  const hello = new Promise<HubHello>((resolve) => socket.once('hub.hello', resolve));
  socket.on('presence.changed', (e) => presence.push(e));
  socket.on('conversation.activity', (e) => activity.push(e));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  await hello;
  return { socket, presence, activity, hello };
}

/** A round trip: pushes the hub sent before answering have arrived once it answers. */
const settle = async (socket: DeskSocket) => data(await call(socket, 'session.me', {}));

const presenceOf = (list: AgentPresence[], role: Role) => list.find((p) => p.userId === world.users[role])?.presence;

describe('presence', () => {
  it('keeps an agent online while any desk is, away when all are, offline when the last closes', async () => {
    const watcher = await desk('supervisor');
    const a1 = await desk('agent');
    const a2 = await desk('agent');
    await settle(watcher.socket);
    expect(watcher.presence).toEqual([{ userId: world.users.agent, displayName: 'Test agent', presence: 'online' }]);

    const afterAway = data(await call(a1.socket, 'presence.set', { presence: 'away' }));
    expect(presenceOf(afterAway, 'agent')).toBe('online');
    data(await call(a2.socket, 'presence.set', { presence: 'away' }));
    await settle(watcher.socket);
    expect(watcher.presence.map((p) => p.presence)).toEqual(['online', 'away']);

    const list = data(await call(watcher.socket, 'presence.list', {}));
    expect(list.map((p) => p.displayName).sort()).toEqual(['Test admin', 'Test agent', 'Test supervisor']);
    expect([presenceOf(list, 'agent'), presenceOf(list, 'supervisor'), presenceOf(list, 'admin')]).toEqual(['away', 'online', 'offline']);

    // Had closing the first desk said anything, it would show before the offline of the second.
    a1.socket.disconnect();
    a2.socket.disconnect();
    await vi.waitFor(() => expect(watcher.presence.map((p) => p.presence)).toEqual(['online', 'away', 'offline']));
    watcher.socket.disconnect();
  });

  it('leaves out roles that do not work conversations and needs a socket to set presence', async () => {
    const marketer = await desk('marketer');
    const watcher = await desk('admin');
    await settle(watcher.socket);
    expect(watcher.presence.filter((p) => p.userId === world.users.marketer)).toEqual([]);
    expect(await call(marketer.socket, 'presence.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const overHttp = await t.post('/api/commands/presence.set', { presence: 'away' }, tokens.agent);
    expect(!overHttp.body.ok && overHttp.body.error.code).toBe('BAD_REQUEST');
    marketer.socket.disconnect();
    watcher.socket.disconnect();
  });
});

describe('viewing and typing', () => {
  it('tells every desk who views and types in a conversation, and forgets a desk that disconnects', async () => {
    const agent = await desk('agent');
    const supervisor = await desk('supervisor');
    const c1 = 'conversation-1';
    const viewersOf = (e: ConversationActivity | undefined) => e?.viewers.map((v) => `${v.displayName}${v.typing ? ' typing' : ''}`);

    data(await call(agent.socket, 'desk.activity', { conversationId: c1, typing: true }));
    await settle(supervisor.socket);
    expect(supervisor.activity.at(-1)).toMatchObject({ conversationId: c1 });
    expect(viewersOf(supervisor.activity.at(-1))).toEqual(['Test agent typing']);

    data(await call(supervisor.socket, 'desk.activity', { conversationId: c1 }));
    // A renewal of typing changes nothing and is not pushed again.
    data(await call(agent.socket, 'desk.activity', { conversationId: c1, typing: true }));
    await settle(supervisor.socket);
    expect(supervisor.activity.map(viewersOf)).toEqual([['Test agent typing'], ['Test agent typing', 'Test supervisor']]);

    data(await call(agent.socket, 'desk.activity', { conversationId: c1, typing: false }));
    agent.socket.disconnect();
    await vi.waitFor(() => expect(supervisor.activity.slice(-2).map(viewersOf)).toEqual([['Test agent', 'Test supervisor'], ['Test supervisor']]));

    data(await call(supervisor.socket, 'desk.activity', { conversationId: null }));
    await settle(supervisor.socket);
    expect(supervisor.activity.at(-1)).toEqual({ conversationId: c1, viewers: [] });
    supervisor.socket.disconnect();
  });
});

describe('resync', () => {
  const at = new Date().toISOString();
  const note = (n: number) => ({
    kind: 'note' as const,
    id: `note:n${n}`,
    at,
    customerId: world.customers.ivanov.id,
    payload: { noteId: `n${n}`, conversationId: 'c1', authorId: world.users.agent!, authorName: 'Test agent', body: `note ${n}` },
  });
  const append = (audience: Audience, n: number) =>
    appendEvents(t.hub.db, audience, [{ type: 'timeline.added', payload: { conversationId: 'c1', event: note(n) } }], new Date());

  it('replays events after a cursor in order, only those the user may receive, and says hello with the latest number', async () => {
    const start = (await desk('agent')).hello;
    const startSeq = (await start).latestSeq;
    await append('inbox', 1);
    await append(`user:${world.users.supervisor}`, 2);
    await append(`user:${world.users.agent}`, 3);
    await append('inbox', 4);

    const agent = await desk('agent');
    const hello = await agent.hello;
    expect(hello.latestSeq).toBe(startSeq + 4);
    expect(hello.bootId).toBe((await start).bootId);

    const page = data(await call(agent.socket, 'events.since', { afterSeq: startSeq }));
    expect(page.events.map((e) => e.payload.event.id)).toEqual(['note:n1', 'note:n3', 'note:n4']);
    expect(page.events.map((e) => e.seq)).toEqual([startSeq + 1, startSeq + 3, startSeq + 4]);
    expect(page.events[0]).toMatchObject({ type: 'timeline.added', payload: { conversationId: 'c1', event: note(1) } });
    expect(page).toMatchObject({ latestSeq: startSeq + 4, complete: true });
    expect(data(await call(agent.socket, 'events.since', { afterSeq: startSeq, limit: 1 })).events.map((e) => e.seq)).toEqual([startSeq + 1]);
    expect(data(await call(agent.socket, 'events.since', { afterSeq: startSeq + 4 })).events).toEqual([]);

    // Without conversations.read only the user's own events: none here.
    const marketer = await t.post('/api/commands/events.since', { afterSeq: startSeq }, tokens.marketer);
    expect(marketer.body).toMatchObject({ ok: true, data: { events: [], latestSeq: startSeq + 4 } });
    const supervisor = data(await call((await desk('supervisor')).socket, 'events.since', { afterSeq: startSeq }));
    expect(supervisor.events.map((e) => e.payload.event.id)).toEqual(['note:n1', 'note:n2', 'note:n4']);
  });

  it('answers incomplete for a cursor older than the events kept, or from another database', async () => {
    const agent = await desk('agent');
    await append('inbox', 5);
    const { latestSeq } = data(await call(agent.socket, 'events.since', { afterSeq: 0 }));
    await cleanupOldRows(t.hub.db, new Date(Date.now() + HUB_EVENT_RETENTION_MS + 60_000));
    expect(await t.hub.db.hubEvent.count()).toBe(0);

    expect(data(await call(agent.socket, 'events.since', { afterSeq: 0 }))).toEqual({ events: [], latestSeq, complete: false });
    expect(data(await call(agent.socket, 'events.since', { afterSeq: latestSeq }))).toEqual({ events: [], latestSeq, complete: true });
    expect(data(await call(agent.socket, 'events.since', { afterSeq: latestSeq + 10 })).complete).toBe(false);

    await append('inbox', 6);
    expect(data(await call(agent.socket, 'events.since', { afterSeq: latestSeq - 1 })).complete).toBe(false);
    const after = data(await call(agent.socket, 'events.since', { afterSeq: latestSeq }));
    expect(after).toMatchObject({ latestSeq: latestSeq + 1, complete: true });
    expect(after.events.map((e) => e.seq)).toEqual([latestSeq + 1]);
  });
});
