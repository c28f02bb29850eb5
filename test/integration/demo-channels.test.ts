// Demo mode: every channel runs against its simulator, so a new user sees messages arrive and replies
// leave. Driven the way Settings → Channels does it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageReceived, MessageStatusChanged } from '../../common/realtime/events.ts';
import { queueOutbound } from '../../main/server/channels/outbox.ts';
import { systemClock } from '../../main/server/jobs/clock.ts';
import { call, data, startTestHub, type DeskSocket, type TestHub } from './fixtures/hub.ts';

let t: TestHub;
let admin: DeskSocket;
beforeAll(async () => {
  t = await startTestHub({ demo: true });
  admin = await t.connect((await t.post<{ token: string }>('/api/auth/sign-in', { email: 'admin@demo.local', password: 'threadline-demo' }).then((r) => (r.body.ok ? r.body.data.token : ''))));
}, 120_000);
afterAll(() => t.stop());

const once = <T>(event: string) => new Promise<T>((resolve) => (admin.once as (e: string, cb: (p: T) => void) => void)(event, resolve));

describe('demo channels', () => {
  it('lists the simulated SMS and Telegram accounts with their secrets set and the seeded messages counted', async () => {
    const accounts = data(await call(admin, 'channel.list', {}));
    expect(accounts.map((a) => [a.kind, a.enabled, a.secretsSet.length > 0, a.counts.inbound > 0 && a.counts.outbound > 0])).toEqual([
      ['sms', true, true, true],
      ['telegram', true, true, true],
    ]);
  });

  for (const channel of ['sms', 'telegram'] as const) {
    it(`receives a simulated ${channel} message on a demo customer and sends the reply back`, async () => {
      const received = once<MessageReceived[]>('message.received');
      const sent = data(await call(admin, 'channel.simulateInbound', { channel }));
      const event = (await received)[0]!;
      expect(event).toMatchObject({ channel, newCustomer: false });
      const message = await t.hub.db.message.findUniqueOrThrow({ where: { id: event.messageId } });
      expect(message.body).toBe(sent.body);

      const status = once<MessageStatusChanged>('message.status');
      const { messageId } = await queueOutbound(t.hub.db, { conversationId: event.conversationId, channel, body: 'Здравствуйте! Сейчас проверю.', authorId: null }, systemClock);
      t.hub.scheduler.wake();
      expect(await status).toMatchObject({ messageId, status: 'sent' });
    });
  }
});
