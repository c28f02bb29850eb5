// The outbox and the scheduler with a recording adapter: what the hub does around any provider.
// The providers themselves are tested against their simulators.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../main/server/db/client.ts';
import { PermanentSendError, RetryLaterError, type ChannelAdapter, type OutboundMessage } from '../../main/server/channels/contract.ts';
import { outboxSendJob, queueOutbound } from '../../main/server/channels/outbox.ts';
import { backoffMs, createScheduler } from '../../main/server/jobs/scheduler.ts';
import { createLogger } from '../../main/server/logger.ts';
import type { IngestWriter } from '../../main/server/services/inbox/ingestWriter.ts';
import { manualClock, tempDb } from './fixtures/db.ts';
import { z } from 'zod';

let db: Db;
let inbound: IngestWriter;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, inbound, cleanup } = await tempDb()));
afterEach(() => cleanup());

function recordingAdapter(behaviour: Array<Error | null> = []) {
  const sent: OutboundMessage[] = [];
  const adapter: ChannelAdapter<unknown> = {
    kind: 'sms',
    configSchema: z.unknown(),
    secretFields: [],
    ratePerSecond: 2,
    async send(_account, message) {
      const next = behaviour.shift();
      if (next) throw next;
      sent.push(message);
      return { providerMessageId: `SM-${message.messageId}` };
    },
  };
  return { adapter, sent };
}

async function setup(behaviour: Array<Error | null> = []) {
  const clock = manualClock();
  const log = createLogger('silent');
  const { adapter, sent } = recordingAdapter(behaviour);
  const statuses: string[] = [];
  await db.channelAccount.create({ data: { id: 'acc1', kind: 'sms', name: 'Основной номер', config: '{}' } });
  const scheduler = createScheduler(db, log, clock);
  scheduler.register(
    outboxSendJob({ db, clock, adapters: { sms: adapter }, accountFor: async () => ({ id: 'acc1', config: {} }), onStatus: (s) => statuses.push(s.status) }),
  );
  const question = await inbound.ingest({ channel: 'sms', providerMessageId: 'IN1', from: { kind: 'phone', value: '+79123456789' }, body: 'Вопрос' });
  return { clock, scheduler, sent, statuses, conversationId: question.conversationId };
}

describe('outbox', () => {
  it('stores the message before sending, sends it once, and records the provider id', async () => {
    const { clock, scheduler, sent, statuses, conversationId } = await setup();
    const { messageId } = await queueOutbound(db, { conversationId, channel: 'sms', body: 'Да, есть в наличии', authorId: null }, clock);
    expect((await db.message.findUniqueOrThrow({ where: { id: messageId } })).status).toBe('queued');
    await scheduler.runDue();
    await scheduler.runDue();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ messageId, to: '+79123456789' });
    const m = await db.message.findUniqueOrThrow({ where: { id: messageId } });
    expect(m).toMatchObject({ status: 'sent', providerMessageId: `SM-${messageId}` });
    expect(statuses).toEqual(['sent']);
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(conversation.unreadCount).toBe(0);
    expect(conversation.firstResponseAt).not.toBeNull();
  });

  it('retries transient failures with backoff and marks the message failed after the last attempt', async () => {
    const { clock, scheduler, statuses, conversationId } = await setup(Array.from({ length: 6 }, () => new Error('provider 503')));
    const { messageId } = await queueOutbound(db, { conversationId, channel: 'sms', body: 'Ответ', authorId: null }, clock);
    for (let attempt = 1; attempt <= 6; attempt++) {
      expect(await scheduler.runDue()).toBe(1);
      expect(await scheduler.runDue()).toBe(0); // not due again until the backoff has passed
      clock.advance(backoffMs(attempt, () => 1) + 1);
    }
    const m = await db.message.findUniqueOrThrow({ where: { id: messageId } });
    expect(m).toMatchObject({ status: 'failed', failureReason: 'provider 503' });
    expect(statuses).toEqual(['failed']);
    expect((await db.job.findFirstOrThrow()).status).toBe('failed');
  });

  it('fails at once on a permanent error and records its effect on the identity', async () => {
    const { clock, scheduler, conversationId } = await setup([new PermanentSendError('21610: unsubscribed', 'opted_out')]);
    const { messageId } = await queueOutbound(db, { conversationId, channel: 'sms', body: 'Ответ', authorId: null }, clock);
    await scheduler.runDue();
    expect((await db.message.findUniqueOrThrow({ where: { id: messageId } })).status).toBe('failed');
    expect((await db.contactIdentity.findFirstOrThrow({ where: { kind: 'phone' } })).optedOut).toBe(true);
  });

  it('waits as long as the provider asks without using up attempts, and keeps to the channel rate', async () => {
    const { clock, scheduler, sent, conversationId } = await setup([new RetryLaterError('429', 30_000)]);
    await queueOutbound(db, { conversationId, channel: 'sms', body: 'Один', authorId: null }, clock);
    await scheduler.runDue();
    expect(sent).toHaveLength(0);
    const job = await db.job.findFirstOrThrow();
    expect(job.attempts).toBe(0);
    expect(job.runAt.getTime() - clock.now().getTime()).toBe(30_000);
    clock.advance(30_000);
    await queueOutbound(db, { conversationId, channel: 'sms', body: 'Два', authorId: null }, clock);
    await scheduler.runDue();
    expect(sent.map((m) => m.body)).toEqual(['Один']); // 2 per second: the second waits half a second
    clock.advance(500);
    await scheduler.runDue();
    expect(sent.map((m) => m.body)).toEqual(['Один', 'Два']);
  });

  it('picks up a job whose hub died mid-run once its lease expires, without sending twice', async () => {
    const { clock, scheduler, sent, conversationId } = await setup();
    const { messageId } = await queueOutbound(db, { conversationId, channel: 'sms', body: 'Ответ', authorId: null }, clock);
    // A previous hub claimed the job and stopped before finishing it.
    await db.job.updateMany({ data: { status: 'running', attempts: 1, lockedUntil: new Date(clock.now().getTime() + 60_000) } });
    expect(await scheduler.runDue()).toBe(0);
    clock.advance(60_001);
    expect(await scheduler.runDue()).toBe(1);
    expect(sent).toHaveLength(1);
    expect((await db.message.findUniqueOrThrow({ where: { id: messageId } })).status).toBe('sent');
  });

  it('refuses a reply to a customer without an identity for the channel', async () => {
    const { clock, conversationId } = await setup();
    await expect(queueOutbound(db, { conversationId, channel: 'email', body: 'Ответ', authorId: null }, clock)).rejects.toThrow('no email');
    await expect(queueOutbound(db, { conversationId, channel: 'sms', body: '  ', authorId: null }, clock)).rejects.toThrow('empty');
  });
});
