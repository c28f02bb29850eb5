// Opening a conversation in one round trip: conversation.get carries the timeline's first page when asked
// (the newest events back to the first unread message, or the page around a search hit), audited as a read
// of the customer's history, and nothing when not asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../common/domain/timeline.ts';
import { call, data, startTestHub, type DeskSocket, type TestHub } from './fixtures/hub.ts';
import { manualClock } from './fixtures/db.ts';
import { buildWorld, USERS } from './fixtures/world.ts';

const clock = manualClock(new Date('2026-11-23T10:00:00Z'));
let t: TestHub;
let agent: DeskSocket;
let storeStaff: DeskSocket;
let conversationId: string;
let customerId: string;
let otherMessageId: string;

const sms = (id: string, from: string, body: string) => ({ channel: 'sms' as const, providerMessageId: id, from: { kind: 'phone' as const, value: from }, body });

beforeAll(async () => {
  t = await startTestHub({}, { clock });
  await buildWorld(t.hub.db);
  agent = await t.connect((await t.signIn(USERS.agent)).token);
  storeStaff = await t.connect((await t.signIn(USERS.store_staff)).token);
  // 60 unread messages: more than a page of 50, so the opening page reaches back further.
  for (let i = 0; i < 60; i++) {
    clock.advance(60_000);
    conversationId = (await t.hub.inbound.ingest(sms(`OPEN${i}`, '+79123456789', `Сообщение ${i}`))).conversationId;
  }
  customerId = (await t.hub.db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).customerId;
  const other = await t.hub.inbound.ingest(sms('OTHER1', '+79031112233', 'Чужой вопрос'));
  otherMessageId = (await t.hub.db.message.findFirstOrThrow({ where: { conversationId: other.conversationId } })).id;
});
afterAll(() => t.stop());

const lastMessageBody = (events: TimelineEvent[]) => events.findLast((e) => e.kind === 'message')?.payload.body;
const timelineReads = () => t.hub.db.auditEntry.count({ where: { action: 'customer.timeline.read', subjectId: customerId } });

describe('conversation.get with the timeline', () => {
  it('brings the newest events back to the first unread message, the same page timeline.page gives, and audits the read', async () => {
    const readsBefore = await timelineReads();
    const detail = data(await call(agent, 'conversation.get', { conversationId, timeline: {} }));
    expect(detail.conversation.unreadCount).toBe(60);
    const opened = detail.timeline!;
    expect(opened.focusId).toBeNull();
    // Unread 60 + 10 of context, beyond the default page of 50.
    const same = data(await call(agent, 'timeline.page', { customerId, limit: 70 }));
    expect(opened.events.map((e) => e.id)).toEqual(same.events.map((e) => e.id));
    expect(opened.events.filter((e) => e.kind === 'message' && e.payload.body.startsWith('Сообщение'))).toHaveLength(60);
    expect(opened.hasNewer).toBe(false);
    expect(lastMessageBody(opened.events)).toBe('Сообщение 59');
    // One read for conversation.get's page, one for the timeline.page above.
    expect(await timelineReads()).toBe(readsBefore + 2);
  });

  it('opens around a message of the customer when asked, with the focus', async () => {
    const message = await t.hub.db.message.findFirstOrThrow({ where: { conversationId, body: 'Сообщение 10' } });
    const opened = data(await call(agent, 'conversation.get', { conversationId, timeline: { atMessageId: message.id } })).timeline!;
    expect(opened.focusId).toBe(`message:${message.id}`);
    const focus = opened.events.findIndex((e) => e.id === opened.focusId);
    expect(focus).toBeGreaterThan(0);
    expect(focus).toBeLessThan(opened.events.length - 1);
    const same = data(await call(agent, 'timeline.atMessage', { messageId: message.id }));
    expect(opened.events.map((e) => e.id)).toEqual(same.events.map((e) => e.id));
  });

  it("opens at the newest events without a focus for another customer's message or an unknown one", async () => {
    for (const atMessageId of [otherMessageId, 'no-such-message']) {
      const opened = data(await call(agent, 'conversation.get', { conversationId, timeline: { atMessageId } })).timeline!;
      expect(opened.focusId).toBeNull();
      expect(opened.events.every((e) => e.customerId === customerId)).toBe(true);
      expect(lastMessageBody(opened.events)).toBe('Сообщение 59');
    }
  });

  it('leaves the timeline out (and unaudited) when not asked', async () => {
    const readsBefore = await timelineReads();
    expect(data(await call(agent, 'conversation.get', { conversationId })).timeline).toBeNull();
    expect(await timelineReads()).toBe(readsBefore);
  });

  it('refuses a malformed request with the field path, and a role without conversations', async () => {
    const bad = await call(agent, 'conversation.get', { conversationId, timeline: { atMessageId: '' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.fields?.map((f) => f.path)).toContain('timeline.atMessageId');
    const refused = await call(storeStaff, 'conversation.get', { conversationId, timeline: {} });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
  });
});
