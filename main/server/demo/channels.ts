// Demo mode runs each channel against its local simulator, so a new user sees messages arrive and
// replies leave through the outbox, with delivery receipts coming back over the same signed webhooks a
// real provider sends. "Simulate inbound" in Settings → Channels goes through here.
import { randomBytes, randomInt } from 'node:crypto';
import type { SimulateInboundInput, SimulateInboundResult } from '../../../common/api/channelSettings.ts';
import { normalizePhone } from '../../../common/domain/contacts.ts';
import type { ChannelAccounts } from '../channels/accounts.ts';
import { startTwilioSimulator } from '../channels/sms/simulator.ts';
import { startTelegramSimulator } from '../channels/telegram/simulator.ts';
import type { Db } from '../db/client.ts';
import { ServiceError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { DEMO_ACCOUNTS } from './accounts.ts';

const DEMO_SMS_ACCOUNT = DEMO_ACCOUNTS.sms.id;
const DEMO_TELEGRAM_ACCOUNT = DEMO_ACCOUNTS.telegram.id;
const DEMO_SMS_NUMBER = '+74950000000';
const RECEIPT_DELAY_MS = 1500;

const INBOUND_TEXTS = [
  'Здравствуйте! Подскажите, есть ли RTX 4070 Super в магазине на Тверской?',
  'Добрый день, когда привезут мой заказ? Номер в письме.',
  'Сколько у меня бонусных баллов и когда они сгорают?',
  'Можно забронировать ноутбук до завтра? Заберу после работы.',
  'Хочу вернуть наушники, не подошли. Как это сделать?',
  'Спасибо, всё получил! Очень быстро.',
];

export interface DemoChannels {
  simulateInbound(input: SimulateInboundInput): Promise<SimulateInboundResult>;
  stop(): Promise<void>;
}

export async function startDemoChannels(deps: { db: Db; log: Logger; accounts: ChannelAccounts; hubUrl: string }): Promise<DemoChannels> {
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(20).toString('hex');
  const timers = new Set<NodeJS.Timeout>();
  const sms = await startTwilioSimulator({
    accountSid,
    authToken,
    // The customer's handset: delivered a moment after the send, as a real network reports it.
    onSend: (send) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        sms.deliverStatus(send.sid, 'delivered').catch((error: unknown) => deps.log.warn({ err: error }, 'demo SMS receipt failed'));
      }, RECEIPT_DELAY_MS);
      timers.add(timer);
    },
  });
  // The simulator gets fresh credentials and a fresh port at every start; the account follows them.
  await deps.accounts.save({
    id: DEMO_SMS_ACCOUNT,
    kind: DEMO_ACCOUNTS.sms.kind,
    name: DEMO_ACCOUNTS.sms.name,
    settings: { accountSid, fromNumber: DEMO_SMS_NUMBER, apiBaseUrl: sms.url, webhookBaseUrl: deps.hubUrl },
    secrets: { authToken },
  });
  deps.log.info({ url: sms.url }, 'demo SMS simulator running');

  const botToken = `${randomInt(100_000_000, 999_999_999)}:${randomBytes(27).toString('base64url').slice(0, 35)}`;
  const webhookSecret = randomBytes(24).toString('hex');
  // Seeded Telegram customers have written to the bot before; replies to them are allowed.
  const telegram = await startTelegramSimulator({ botToken, knownChat: () => true });
  await deps.accounts.save({
    id: DEMO_TELEGRAM_ACCOUNT,
    kind: DEMO_ACCOUNTS.telegram.kind,
    name: DEMO_ACCOUNTS.telegram.name,
    settings: { mode: 'webhook', apiBaseUrl: telegram.url, pollTimeoutSeconds: 30 },
    secrets: { botToken, webhookSecret },
  });
  const telegramWebhook = `${deps.hubUrl}/webhooks/telegram/${DEMO_TELEGRAM_ACCOUNT}`;

  async function randomCustomerPhone(): Promise<string> {
    // A number the customer can also be answered on: blocked ones would make a reply impossible.
    const where = { kind: 'phone', blocked: false };
    const phones = await deps.db.contactIdentity.count({ where });
    const pick = await deps.db.contactIdentity.findFirst({ where, skip: phones > 0 ? randomInt(phones) : 0, orderBy: { id: 'asc' } });
    return pick?.normalized ?? '+79161234567';
  }

  async function simulateTelegram(input: SimulateInboundInput, body: string): Promise<SimulateInboundResult> {
    const where = { kind: 'telegram', blocked: false };
    const count = await deps.db.contactIdentity.count({ where });
    const identity = input.from
      ? await deps.db.contactIdentity.findFirst({ where: { kind: 'telegram', normalized: input.from.trim() }, include: { customer: true } })
      : await deps.db.contactIdentity.findFirst({ where, skip: count > 0 ? randomInt(count) : 0, orderBy: { id: 'asc' }, include: { customer: true } });
    const chatId = Number(identity?.normalized ?? input.from ?? randomInt(100_000_000, 999_999_999));
    if (!Number.isSafeInteger(chatId)) throw new ServiceError('BAD_REQUEST', 'A Telegram chat id is a number', [{ path: 'from', message: 'not a chat id' }]);
    const user = { id: chatId, first_name: identity?.customer.firstName || 'Гость', ...(identity?.customer.lastName ? { last_name: identity.customer.lastName } : {}), language_code: 'ru' };
    const status = await telegram.pushUpdate(telegramWebhook, telegram.textUpdate(user, body), webhookSecret);
    if (status !== 200) throw new ServiceError('INTERNAL', `The hub answered the simulated webhook with ${status}`);
    return { channel: 'telegram', from: String(chatId), body };
  }

  return {
    async simulateInbound(input) {
      const text = input.body || INBOUND_TEXTS[randomInt(INBOUND_TEXTS.length)]!;
      if (input.channel === 'telegram') return simulateTelegram(input, text);
      if (input.channel !== 'sms') throw new ServiceError('BAD_REQUEST', `The demo has no ${input.channel} simulator yet`);
      const from = input.from ? normalizePhone(input.from) : await randomCustomerPhone();
      if (!from) throw new ServiceError('BAD_REQUEST', 'Not a phone number', [{ path: 'from', message: 'invalid phone number' }]);
      const body = text;
      const status = await sms.sendInbound({ from, to: DEMO_SMS_NUMBER, body, webhookUrl: `${deps.hubUrl}/webhooks/sms/${DEMO_SMS_ACCOUNT}/inbound` });
      if (status !== 200) throw new ServiceError('INTERNAL', `The hub answered the simulated webhook with ${status}`);
      return { channel: 'sms', from, body };
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      await Promise.all([sms.close(), telegram.close()]);
    },
  };
}
