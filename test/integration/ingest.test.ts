import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY_LENGTH } from '../../common/api/channels.ts';
import type { Db } from '../../main/server/db/client.ts';
import type { IngestWriter } from '../../main/server/services/inbox/ingestWriter.ts';
import { applyStatusUpdate } from '../../main/server/services/inbox/messageStatus.ts';
import { manualClock, tempDb } from './fixtures/db.ts';

let db: Db;
let inbound: IngestWriter;
let cleanup: () => Promise<void>;
const clock = manualClock();
beforeEach(async () => ({ db, inbound, cleanup } = await tempDb(clock)));
afterEach(() => cleanup());

const sms = (id: string, from: string, body = 'Здравствуйте! Есть ли RTX 4070 в наличии?') => ({
  channel: 'sms' as const,
  providerMessageId: id,
  from: { kind: 'phone' as const, value: from },
  body,
});

describe('ingest', () => {
  it('stores a message once however often the provider delivers it', async () => {
    const first = await inbound.ingest(sms('SM1', '+79123456789'));
    const again = await Promise.all([1, 2, 3].map(() => inbound.ingest(sms('SM1', '+79123456789'))));
    expect(first.duplicate).toBe(false);
    expect(again.every((r) => r.duplicate && r.messageId === first.messageId)).toBe(true);
    expect(await db.message.count()).toBe(1);
  });

  it('puts every channel of one person on the same customer and conversation', async () => {
    const a = await inbound.ingest(sms('SM1', '8 (912) 345-67-89'));
    const b = await inbound.ingest(sms('SM2', '+7 912 345 67 89', 'И ещё вопрос'));
    expect(b.customerId).toBe(a.customerId);
    expect(b.conversationId).toBe(a.conversationId);
    expect(a.newCustomer).toBe(true);
    expect(b.newCustomer).toBe(false);
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: a.conversationId } });
    expect(conversation.unreadCount).toBe(2);
    expect(conversation.status).toBe('open');
  });

  it('reopens a snoozed conversation and starts a new one after a resolved one', async () => {
    const a = await inbound.ingest(sms('SM1', '+79123456789'));
    await db.conversation.update({ where: { id: a.conversationId }, data: { status: 'snoozed', snoozedUntil: new Date('2027-01-01') } });
    const b = await inbound.ingest(sms('SM2', '+79123456789'));
    expect(b.conversationId).toBe(a.conversationId);
    expect((await db.conversation.findUniqueOrThrow({ where: { id: a.conversationId } })).status).toBe('open');
    await db.conversation.update({ where: { id: a.conversationId }, data: { status: 'resolved' } });
    const c = await inbound.ingest(sms('SM3', '+79123456789'));
    expect(c.conversationId).not.toBe(a.conversationId);
  });

  it('keeps emoji, zero-width and right-to-left characters, and truncates only what is too long', async () => {
    const odd = 'Привет 👋\u200b\u202eтекст\u202c';
    const r = await inbound.ingest(sms('SM1', '+79123456789', odd));
    expect((await db.message.findUniqueOrThrow({ where: { id: r.messageId } })).body).toBe(odd);
    const long = await inbound.ingest(sms('SM2', '+79123456789', 'я'.repeat(MAX_BODY_LENGTH + 10)));
    const stored = await db.message.findUniqueOrThrow({ where: { id: long.messageId } });
    expect(stored.body.length).toBe(MAX_BODY_LENGTH);
    expect(JSON.parse(stored.meta!).truncatedFrom).toBe(MAX_BODY_LENGTH + 10);
  });

  it('rejects an empty body or an invalid sender with a clear reason and stores nothing', async () => {
    await expect(inbound.ingest(sms('SM1', '+79123456789', '   '))).rejects.toThrow('Empty message');
    await expect(inbound.ingest(sms('SM2', 'not a phone'))).rejects.toThrow('Invalid sender phone');
    expect(await db.message.count()).toBe(0);
    expect(await db.customer.count()).toBe(0);
  });
});

describe('group commit', () => {
  it('writes concurrent messages together, answers each, and refuses only the bad one', async () => {
    const mixed = await Promise.allSettled([
      inbound.ingest(sms('SM1', '+79123456789')),
      inbound.ingest(sms('SM2', '+79123456789', 'Второе сообщение')),
      inbound.ingest(sms('SM1', '+79123456789')),
      inbound.ingest(sms('SM3', '+79990001122', 'Новый клиент')),
      inbound.ingest({ channel: 'email', providerMessageId: '<bounce@x>', from: { kind: 'email', value: 'mailer-daemon@x.ru' }, body: 'Undelivered', automatic: true }),
      inbound.ingest(sms('SM4', '+79990001122', 'И ещё')),
    ]);
    const [a, b, aAgain, c, bounce, d] = mixed.map((r) => (r.status === 'fulfilled' ? r.value : r.reason));
    expect(bounce).toBeInstanceOf(Error);
    expect(String(bounce.message)).toMatch(/unknown sender/);
    expect(aAgain).toMatchObject({ messageId: a.messageId, duplicate: true });
    expect(b.conversationId).toBe(a.conversationId);
    expect(d).toMatchObject({ customerId: c.customerId, conversationId: c.conversationId, newCustomer: true });
    expect(await db.message.count()).toBe(4);
    expect(await db.customer.count()).toBe(2);
    expect((await db.conversation.findUniqueOrThrow({ where: { id: a.conversationId } })).unreadCount).toBe(2);
    // Rows written outside Prisma read back through it unchanged.
    const stored = await db.message.findUniqueOrThrow({ where: { id: d.messageId }, include: { conversation: true, customer: { include: { identities: true } } } });
    expect(stored.createdAt).toEqual(clock.now());
    expect(stored.conversation.waitingSince).toEqual(clock.now());
    expect(stored.customer.identities[0]).toMatchObject({ kind: 'phone', normalized: '+79990001122', verified: true });
  });
});

describe('the writer on its own thread, as the hub runs it', () => {
  it('answers like the in-process writer, keeps error codes, reports commits and stamps the hub clock', async () => {
    const threaded = await tempDb(clock, { ingestThread: true });
    try {
      const results = await Promise.allSettled([
        threaded.inbound.ingest(sms('SM1', '+79123456789')),
        threaded.inbound.ingest(sms('SM1', '+79123456789')),
        threaded.inbound.ingest(sms('SM2', '+79990001122', '')),
      ]);
      const [first, again, empty] = results.map((r) => (r.status === 'fulfilled' ? r.value : r.reason));
      expect(first).toMatchObject({ duplicate: false, newCustomer: true });
      expect(first.event).toMatchObject({ type: 'timeline.added' });
      expect(again).toMatchObject({ messageId: first.messageId, duplicate: true });
      expect(empty).toMatchObject({ code: 'BAD_REQUEST' });
      expect(threaded.inbound.stats().messages).toBeGreaterThanOrEqual(1);
      const stored = await threaded.db.message.findUniqueOrThrow({ where: { id: first.messageId } });
      expect(stored.createdAt).toEqual(clock.now());
    } finally {
      await threaded.cleanup();
    }
    // Closed: a late message is refused, not lost silently.
    await expect(threaded.inbound.ingest(sms('SM3', '+79123456789'))).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});

describe('e-mail threading', () => {
  const mail = (id: string, subject: string, threadKeys: string[] = [], from = 'anna@example.ru') => ({
    channel: 'email' as const,
    providerMessageId: id,
    from: { kind: 'email' as const, value: from, displayName: 'Анна Смирнова' },
    body: 'Текст письма',
    subject,
    threadKeys: [id, ...threadKeys],
  });

  it('follows In-Reply-To / References, even into a resolved conversation, which it reopens', async () => {
    const first = await inbound.ingest(mail('<a1@mail.ru>', 'Возврат заказа 1042'));
    await db.conversation.update({ where: { id: first.conversationId }, data: { status: 'resolved' } });
    const reply = await inbound.ingest(mail('<a2@mail.ru>', 'Совсем другая тема', ['<a1@mail.ru>']));
    expect(reply.conversationId).toBe(first.conversationId);
    expect((await db.conversation.findUniqueOrThrow({ where: { id: first.conversationId } })).status).toBe('open');
  });

  it('joins by subject and participants when the headers are lost, and opens a new conversation for a new subject', async () => {
    const first = await inbound.ingest(mail('<b1@mail.ru>', 'Возврат заказа 1042'));
    const again = await inbound.ingest(mail('<b2@mail.ru>', 'Отв: RE[2]: возврат  заказа 1042'));
    const other = await inbound.ingest(mail('<b3@mail.ru>', 'Где мой заказ?'));
    const stranger = await inbound.ingest(mail('<b4@mail.ru>', 'Re: Возврат заказа 1042', [], 'oleg@example.ru'));
    expect(again.conversationId).toBe(first.conversationId);
    expect(other.conversationId).not.toBe(first.conversationId);
    expect(stranger.conversationId).not.toBe(first.conversationId);
    // A month later the same subject is a new question.
    await db.conversation.update({ where: { id: first.conversationId }, data: { lastActivityAt: new Date(clock.now().getTime() - 31 * 86_400_000) } });
    const late = await inbound.ingest(mail('<b5@mail.ru>', 'Re: Возврат заказа 1042'));
    expect(late.conversationId).not.toBe(first.conversationId);
  });

  it('does not follow a thread into another customer\'s conversation', async () => {
    const anna = await inbound.ingest(mail('<c1@mail.ru>', 'Подарочная карта'));
    const forwarded = await inbound.ingest(mail('<c2@mail.ru>', 'Fwd: Подарочная карта', ['<c1@mail.ru>'], 'oleg@example.ru'));
    expect(forwarded.customerId).not.toBe(anna.customerId);
    expect(forwarded.conversationId).not.toBe(anna.conversationId);
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
    const first = await inbound.ingest({ ...autoReply('<m1@x>', 'anna@example.ru'), automatic: false, body: 'Вопрос про заказ' });
    await db.conversation.update({ where: { id: first.conversationId }, data: { status: 'resolved', unreadCount: 0 } });
    const auto = await inbound.ingest(autoReply('<m2@x>', 'anna@example.ru'));
    expect(auto.conversationId).toBe(first.conversationId);
    expect(await db.conversation.findUniqueOrThrow({ where: { id: first.conversationId } })).toMatchObject({ status: 'resolved', unreadCount: 0 });
  });

  it('is not stored from an unknown sender and creates no customer', async () => {
    await expect(inbound.ingest(autoReply('<m3@x>', 'mailer-daemon@example.ru'))).rejects.toThrow('unknown sender');
    expect(await db.customer.count()).toBe(0);
  });
});

describe('status callbacks', () => {
  it('move a message forward only', async () => {
    const r = await inbound.ingest(sms('SM1', '+79123456789'));
    await db.message.update({ where: { id: r.messageId }, data: { direction: 'outbound', status: 'sent' } });
    expect((await applyStatusUpdate(db, { channel: 'sms', providerMessageId: 'SM1', status: 'read' }, clock)).changed).toBe(true);
    expect((await applyStatusUpdate(db, { channel: 'sms', providerMessageId: 'SM1', status: 'delivered' }, clock)).changed).toBe(false);
    const m = await db.message.findUniqueOrThrow({ where: { id: r.messageId } });
    expect(m.status).toBe('read');
    expect(m.deliveredAt).not.toBeNull();
    await expect(applyStatusUpdate(db, { channel: 'sms', providerMessageId: 'nope', status: 'read' }, clock)).rejects.toThrow('not found');
  });
});
