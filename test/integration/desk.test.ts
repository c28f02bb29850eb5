// The agent's desk on a real hub: inbox views and actions, the merged customer timeline, the composer's
// warnings, idempotent sends and notes, drafts, retries, and the live pushes that go with them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../common/api/desk.ts';
import type { SequencedEvent } from '../../common/realtime/events.ts';
import { call, data, startTestHub, type DeskSocket, type TestHub } from './fixtures/hub.ts';
import { manualClock } from './fixtures/db.ts';
import { buildWorld, USERS } from './fixtures/world.ts';

// 13:00 in Moscow: outside the quiet hours.
const clock = manualClock(new Date('2026-11-23T10:00:00Z'));
let t: TestHub;
let world: Awaited<ReturnType<typeof buildWorld>>;
let agent: DeskSocket;
let supervisor: DeskSocket;
const pushed: SequencedEvent[] = [];
const summaries: ConversationSummary[] = [];

const sms = (id: string, from: string, body: string) => ({ channel: 'sms' as const, providerMessageId: id, from: { kind: 'phone' as const, value: from }, body });
const uuid = () => crypto.randomUUID();
const until = async (check: () => boolean, ms = 3000) => {
  for (const start = Date.now(); !check(); ) {
    if (Date.now() - start > ms) throw new Error('timed out waiting for a push');
    await new Promise((r) => setTimeout(r, 10));
  }
};

beforeAll(async () => {
  t = await startTestHub({}, { clock });
  world = await buildWorld(t.hub.db);
  agent = await t.connect((await t.signIn(USERS.agent)).token);
  supervisor = await t.connect((await t.signIn(USERS.supervisor)).token);
  agent.on('desk.event', (events) => pushed.push(...events));
  agent.on('conversation.changed', (list) => summaries.push(...list));
});
afterAll(() => t.stop());

describe('ingest reaches the desk', () => {
  it('logs a timeline event with the message and pushes it and the conversation summary', async () => {
    const result = await t.hub.inbound.ingest(sms('D1', '+79123456789', 'Здравствуйте, где мой заказ T-0?'));
    expect(result.event).toMatchObject({ type: 'timeline.added', payload: { conversationId: result.conversationId, event: { kind: 'message', customerId: world.customers.fyodorova.id } } });
    await until(() => pushed.some((e) => e.seq === result.event!.seq) && summaries.some((s) => s.id === result.conversationId));
    const summary = summaries.findLast((s) => s.id === result.conversationId)!;
    expect(summary).toMatchObject({ customerName: 'Алёна Фёдорова', status: 'open', unreadCount: 1, preview: 'Здравствуйте, где мой заказ T-0?', lastDirection: 'inbound' });
    // SMS first-response target: 30 minutes from the conversation's start.
    expect(summary.firstResponseDueAt).toBe(new Date(clock.now().getTime() + 30 * 60_000).toISOString());
    expect(await t.hub.db.hubEvent.count({ where: { seq: result.event!.seq } })).toBe(1);
  });
});

describe('inbox', () => {
  let ids: string[] = [];

  beforeAll(async () => {
    ids = [];
    for (const [i, phone] of ['+79031112233', '+79990000001', '+79990000002'].entries()) {
      clock.advance(60_000);
      ids.push((await t.hub.inbound.ingest(sms(`INB${i}`, phone, `Вопрос ${i}`))).conversationId);
    }
  });

  it('lists a view newest first, pages by keyset, and sorts by waiting time', async () => {
    const first = data(await call(agent, 'inbox.list', { view: 'all', limit: 2 }));
    expect(first.items.map((c) => c.id)).toEqual([ids[2], ids[1]]);
    const second = data(await call(agent, 'inbox.list', { view: 'all', limit: 2, cursor: first.nextCursor }));
    expect(second.items[0]!.id).toBe(ids[0]);
    const waiting = data(await call(agent, 'inbox.list', { view: 'all', sort: 'longest_waiting', limit: 50 }));
    expect(waiting.items.slice(-3).map((c) => c.id)).toEqual(ids);
    const sms2 = data(await call(agent, 'inbox.list', { view: 'all', channel: 'email' }));
    expect(sms2.items).toEqual([]);
  });

  it('assigns, tags, snoozes until a time that reopens it, and counts per view', async () => {
    const assigned = data(await call(agent, 'conversation.assign', { conversationIds: [ids[0]!, ids[1]!], assigneeId: world.users.agent! }));
    expect(assigned.updated).toBe(2);
    expect(assigned.conversations.every((c) => c.assigneeName === 'Test agent')).toBe(true);
    const mine = data(await call(agent, 'inbox.list', { view: 'mine' }));
    expect(mine.items.map((c) => c.id).sort()).toEqual([ids[0], ids[1]].sort());
    const counts = data(await call(agent, 'inbox.counts', {}));
    expect(counts.views.find((v) => v.view === 'mine')).toEqual({ view: 'mine', open: 2, unread: 2 });
    expect(counts.views.some((v) => v.view === `team:${world.team.id}`)).toBe(true);

    const tagged = data(await call(agent, 'conversation.tag', { conversationIds: [ids[0]!], add: ['VIP', 'возврат'] }));
    expect(tagged.conversations[0]!.tags).toEqual(['vip', 'возврат']);
    expect(data(await call(agent, 'inbox.list', { view: 'all', tag: 'vip' })).items.map((c) => c.id)).toEqual([ids[0]]);

    const wake = new Date(clock.now().getTime() + 3_600_000).toISOString();
    expect(data(await call(agent, 'conversation.setStatus', { conversationIds: [ids[1]!], status: 'snoozed', snoozedUntil: wake })).conversations[0]).toMatchObject({ status: 'snoozed', snoozedUntil: wake });
    const refused = await call(agent, 'conversation.setStatus', { conversationIds: [ids[1]!], status: 'snoozed' });
    expect(!refused.ok && refused.error.fields?.[0]?.path).toBe('snoozedUntil');
    clock.advance(3_600_001);
    await t.hub.scheduler.runDue();
    expect((await t.hub.db.conversation.findUniqueOrThrow({ where: { id: ids[1]! } })).status).toBe('open');

    expect(data(await call(agent, 'conversation.markRead', { conversationId: ids[0]! })).unreadCount).toBe(0);
    const bad = await call(agent, 'conversation.assign', { conversationIds: [ids[0]!], assigneeId: world.users.store_staff! });
    expect(!bad.ok && bad.error.code).toBe('BAD_REQUEST');
  });
});

describe('timeline', () => {
  it('interleaves messages, notes, orders and loyalty, and pages both ways without gaps or repeats', async () => {
    const customerId = world.customers.fyodorova.id;
    const conversationId = (await t.hub.db.conversation.findFirstOrThrow({ where: { customerId } })).id;
    data(await call(agent, 'conversation.addNote', { clientId: uuid(), conversationId, body: 'Клиентка просила перезвонить после 18:00' }));
    const all = data(await call(agent, 'timeline.page', { customerId, limit: 200 }));
    const kinds = new Set(all.events.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['loyalty', 'message', 'note', 'order']);
    expect(all.hasOlder).toBe(false);
    const sorted = [...all.events].sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1));
    expect(all.events.map((e) => e.id)).toEqual(sorted.map((e) => e.id));

    // Walk back two at a time from the newest, then forward from the oldest: the same events.
    const back: string[] = [];
    let page = data(await call(agent, 'timeline.page', { customerId, limit: 2 }));
    back.unshift(...page.events.map((e) => e.id));
    while (page.hasOlder) {
      const oldest = page.events[0]!;
      page = data(await call(agent, 'timeline.page', { customerId, limit: 2, before: { at: oldest.at, id: oldest.id } }));
      back.unshift(...page.events.map((e) => e.id));
    }
    expect(back).toEqual(all.events.map((e) => e.id));
    const first = all.events[0]!;
    const forward = data(await call(agent, 'timeline.page', { customerId, limit: 200, after: { at: first.at, id: first.id } }));
    expect(forward.events.map((e) => e.id)).toEqual(all.events.slice(1).map((e) => e.id));

    const message = all.events.find((e) => e.kind === 'message')!;
    const at = data(await call(agent, 'timeline.atMessage', { messageId: message.id.slice('message:'.length), limit: 3 }));
    expect(at.focusId).toBe(message.id);
    expect(at.events.map((e) => e.id)).toContain(message.id);
    const around = data(await call(agent, 'timeline.page', { customerId, around: message.at, limit: 4 }));
    expect(around.events.map((e) => e.id)).toContain(message.id);
    expect(await t.hub.db.auditEntry.count({ where: { action: 'customer.timeline.read', subjectId: customerId } })).toBeGreaterThan(0);
  });
});

describe('composer', () => {
  let conversationId: string;
  beforeAll(async () => {
    conversationId = (await t.hub.inbound.ingest(sms('C1', '+79990000009', 'Можно оформить возврат?'))).conversationId;
  });

  it('keeps a draft per agent on the hub and clears it after the send', async () => {
    data(await call(agent, 'conversation.saveDraft', { conversationId, draft: { mode: 'reply', channel: 'sms', body: 'Добрый день! Да, ' } }));
    expect(data(await call(agent, 'conversation.get', { conversationId })).draft).toMatchObject({ body: 'Добрый день! Да, ', channel: 'sms' });
    expect(data(await call(supervisor, 'conversation.get', { conversationId })).draft).toBeNull();
  });

  it('asks to confirm a reply in the customer\'s night, then sends it once however often the desk retries', async () => {
    clock.advance(9 * 3_600_000); // past 21:00 in Moscow
    const detail = data(await call(agent, 'conversation.get', { conversationId }));
    expect(detail.defaultChannel).toBe('sms');
    expect(detail.replyChannels[0]).toMatchObject({ channel: 'sms', to: '+79990000009', optedOut: false });
    const input = { clientId: uuid(), conversationId, channel: 'sms' as const, body: 'Добрый день! Да, возврат возможен.', seenMessageId: detail.lastMessageId };
    expect(data(await call(agent, 'conversation.reply', input))).toEqual({ sent: false, warnings: ['quiet_hours'] });
    expect(await t.hub.db.message.count({ where: { conversationId, direction: 'outbound' } })).toBe(0);
    const sent = data(await call(agent, 'conversation.reply', { ...input, acknowledged: ['quiet_hours'] }));
    const again = data(await call(agent, 'conversation.reply', { ...input, acknowledged: ['quiet_hours'] }));
    expect(sent.sent && again.sent && again.messageId === sent.messageId).toBe(true);
    expect(await t.hub.db.message.count({ where: { conversationId, direction: 'outbound' } })).toBe(1);
    expect(sent.sent && sent.event).toMatchObject({ kind: 'message', payload: { direction: 'outbound', status: 'queued', authorName: 'Test agent' } });
    await until(() => pushed.some((e) => e.type === 'timeline.added' && e.payload.event.id === `message:${sent.sent ? sent.messageId : ''}`));
    expect(data(await call(agent, 'conversation.get', { conversationId })).draft).toBeNull();
    const summary = data(await call(agent, 'conversation.get', { conversationId })).conversation;
    expect(summary.firstResponseAt).not.toBeNull();
    expect(summary.firstResponseDueAt).toBeNull();

    // The supervisor wrote from what they saw before the agent's reply: they are told.
    const late = data(await call(supervisor, 'conversation.reply', { clientId: uuid(), conversationId, channel: 'sms', body: 'Уточню детали', seenMessageId: detail.lastMessageId, acknowledged: ['quiet_hours'] }));
    expect(late).toEqual({ sent: false, warnings: ['another_agent_replied'] });
    const subject = await call(agent, 'conversation.reply', { clientId: uuid(), conversationId, channel: 'sms', body: 'x', subject: 'Тема' });
    expect(!subject.ok && subject.error.fields?.[0]?.path).toBe('subject');
    clock.advance(-9 * 3_600_000);
  });

  it('stores a note once per client id and retries a failed send as the same message', async () => {
    const clientId = uuid();
    const note = data(await call(agent, 'conversation.addNote', { clientId, conversationId, body: 'Проверить чек' }));
    expect(data(await call(agent, 'conversation.addNote', { clientId, conversationId, body: 'Проверить чек' })).id).toBe(note.id);
    expect(await t.hub.db.note.count({ where: { clientId } })).toBe(1);

    const failed = await t.hub.db.message.findFirstOrThrow({ where: { conversationId, direction: 'outbound' } });
    await t.hub.db.message.update({ where: { id: failed.id }, data: { status: 'failed', failureReason: 'Twilio 30003: unreachable' } });
    const retried = data(await call(agent, 'message.retry', { messageId: failed.id }));
    expect(retried).toMatchObject({ kind: 'message', payload: { status: 'queued', failureReason: null } });
    expect(await t.hub.db.job.count({ where: { dedupeKey: `send:${failed.id}`, status: 'pending' } })).toBe(1);
    const twice = await call(agent, 'message.retry', { messageId: failed.id });
    expect(!twice.ok && twice.error.code).toBe('CONFLICT');
  });
});

describe('desk settings', () => {
  it('lets a supervisor change quiet hours and first-response targets, validated, and refuses agents', async () => {
    const current = data(await call(supervisor, 'settings.desk.get', {}));
    expect(current.quietHours).toEqual({ start: '21:00', end: '09:00' });
    const saved = data(await call(supervisor, 'settings.desk.save', { quietHours: { start: '22:00', end: '08:00' }, firstResponseMinutes: { ...current.firstResponseMinutes, sms: 10 } }));
    expect(saved).toMatchObject({ quietHours: { start: '22:00', end: '08:00' }, firstResponseMinutes: { sms: 10 } });
    const conversationId = (await t.hub.db.conversation.findFirstOrThrow({ where: { channel: 'sms' } })).id;
    expect(data(await call(agent, 'conversation.get', { conversationId })).quietHours).toEqual({ start: '22:00', end: '08:00' });
    const bad = await call(supervisor, 'settings.desk.save', { quietHours: { start: '25:00', end: '08:00' } });
    expect(!bad.ok && bad.error.fields?.[0]?.path).toBe('quietHours.start');
    const refused = await call(agent, 'settings.desk.save', current);
    expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
    expect(await t.hub.db.auditEntry.count({ where: { action: 'settings.desk.save' } })).toBe(1);
  });
});
