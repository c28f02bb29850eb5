import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY_LENGTH } from '../../common/api/channels.ts';
import type { Db } from '../../main/server/db/client.ts';
import { ingestInbound } from '../../main/server/services/inbox/ingest.ts';
import { applyStatusUpdate } from '../../main/server/services/inbox/messageStatus.ts';
import { manualClock, tempDb } from './fixtures/db.ts';

let db: Db;
let cleanup: () => Promise<void>;
const clock = manualClock();
beforeEach(async () => ({ db, cleanup } = await tempDb()));
afterEach(() => cleanup());

const sms = (id: string, from: string, body = 'Здравствуйте! Есть ли RTX 4070 в наличии?') => ({
  channel: 'sms' as const,
  providerMessageId: id,
  from: { kind: 'phone' as const, value: from },
  body,
});

describe('ingest', () => {
  it('stores a message once however often the provider delivers it', async () => {
    const first = await ingestInbound(db, sms('SM1', '+79123456789'), clock);
    const again = await Promise.all([1, 2, 3].map(() => ingestInbound(db, sms('SM1', '+79123456789'), clock)));
    expect(first.duplicate).toBe(false);
    expect(again.every((r) => r.duplicate && r.messageId === first.messageId)).toBe(true);
    expect(await db.message.count()).toBe(1);
  });

  it('puts every channel of one person on the same customer and conversation', async () => {
    const a = await ingestInbound(db, sms('SM1', '8 (912) 345-67-89'), clock);
    const b = await ingestInbound(db, sms('SM2', '+7 912 345 67 89', 'И ещё вопрос'), clock);
    expect(b.customerId).toBe(a.customerId);
    expect(b.conversationId).toBe(a.conversationId);
    expect(a.newCustomer).toBe(true);
    expect(b.newCustomer).toBe(false);
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: a.conversationId } });
    expect(conversation.unreadCount).toBe(2);
    expect(conversation.status).toBe('open');
  });

  it('reopens a snoozed conversation and starts a new one after a resolved one', async () => {
    const a = await ingestInbound(db, sms('SM1', '+79123456789'), clock);
    await db.conversation.update({ where: { id: a.conversationId }, data: { status: 'snoozed', snoozedUntil: new Date('2027-01-01') } });
    const b = await ingestInbound(db, sms('SM2', '+79123456789'), clock);
    expect(b.conversationId).toBe(a.conversationId);
    expect((await db.conversation.findUniqueOrThrow({ where: { id: a.conversationId } })).status).toBe('open');
    await db.conversation.update({ where: { id: a.conversationId }, data: { status: 'resolved' } });
    const c = await ingestInbound(db, sms('SM3', '+79123456789'), clock);
    expect(c.conversationId).not.toBe(a.conversationId);
  });

  it('keeps emoji, zero-width and right-to-left characters, and truncates only what is too long', async () => {
    const odd = 'Привет 👋\u200b\u202eтекст\u202c';
    const r = await ingestInbound(db, sms('SM1', '+79123456789', odd), clock);
    expect((await db.message.findUniqueOrThrow({ where: { id: r.messageId } })).body).toBe(odd);
    const long = await ingestInbound(db, sms('SM2', '+79123456789', 'я'.repeat(MAX_BODY_LENGTH + 10)), clock);
    const stored = await db.message.findUniqueOrThrow({ where: { id: long.messageId } });
    expect(stored.body.length).toBe(MAX_BODY_LENGTH);
    expect(JSON.parse(stored.meta!).truncatedFrom).toBe(MAX_BODY_LENGTH + 10);
  });

  it('rejects an empty body or an invalid sender with a clear reason and stores nothing', async () => {
    await expect(ingestInbound(db, sms('SM1', '+79123456789', '   '), clock)).rejects.toThrow('Empty message');
    await expect(ingestInbound(db, sms('SM2', 'not a phone'), clock)).rejects.toThrow('Invalid sender phone');
    expect(await db.message.count()).toBe(0);
    expect(await db.customer.count()).toBe(0);
  });
});

describe('automatic mail', () => {
  const autoReply = (id: string, from: string) => ({
    channel: 'email' as const,
    providerMessageId: id,
    from: { kind: 'email' as const, value: from },
    body: 'Я в отпуске до 1 декабря.',
    automatic: true,
  });

  it('joins the latest conversation without reopening it or counting as unread', async () => {
    const first = await ingestInbound(db, { ...autoReply('<m1@x>', 'anna@example.ru'), automatic: false, body: 'Вопрос про заказ' }, clock);
    await db.conversation.update({ where: { id: first.conversationId }, data: { status: 'resolved', unreadCount: 0 } });
    const auto = await ingestInbound(db, autoReply('<m2@x>', 'anna@example.ru'), clock);
    expect(auto.conversationId).toBe(first.conversationId);
    expect(await db.conversation.findUniqueOrThrow({ where: { id: first.conversationId } })).toMatchObject({ status: 'resolved', unreadCount: 0 });
  });

  it('is not stored from an unknown sender and creates no customer', async () => {
    await expect(ingestInbound(db, autoReply('<m3@x>', 'mailer-daemon@example.ru'), clock)).rejects.toThrow('unknown sender');
    expect(await db.customer.count()).toBe(0);
  });
});

describe('status callbacks', () => {
  it('move a message forward only', async () => {
    const r = await ingestInbound(db, sms('SM1', '+79123456789'), clock);
    await db.message.update({ where: { id: r.messageId }, data: { direction: 'outbound', status: 'sent' } });
    expect((await applyStatusUpdate(db, { channel: 'sms', providerMessageId: 'SM1', status: 'read' }, clock)).changed).toBe(true);
    expect((await applyStatusUpdate(db, { channel: 'sms', providerMessageId: 'SM1', status: 'delivered' }, clock)).changed).toBe(false);
    const m = await db.message.findUniqueOrThrow({ where: { id: r.messageId } });
    expect(m.status).toBe('read');
    expect(m.deliveredAt).not.toBeNull();
    await expect(applyStatusUpdate(db, { channel: 'sms', providerMessageId: 'nope', status: 'read' }, clock)).rejects.toThrow('not found');
  });
});
