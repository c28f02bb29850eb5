// The SMS channel against its Twilio simulator: the REST client, the signed webhooks and the mapping onto
// the channel contract. The hub's ingest and outbox are faked here; they have their own suites.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InboundMessage, StatusUpdate } from '../../common/api/channels.ts';
import { PermanentSendError, RetryLaterError, type ChannelContext, type WebhookRejection } from '../../main/server/channels/contract.ts';
import { sendSms } from '../../main/server/channels/sms/client.ts';
import { TwilioConfig } from '../../main/server/channels/sms/config.ts';
import { smsAdapter, smsWebhookCounters } from '../../main/server/channels/sms/index.ts';
import { computeTwilioSignature, verifyTwilioSignature } from '../../main/server/channels/sms/signature.ts';
import { startTwilioSimulator, type TwilioSimulator } from '../../main/server/channels/sms/simulator.ts';
import { inboundToMessage, isOptOut, statusToUpdate } from '../../main/server/channels/sms/wire.ts';
import { createLogger } from '../../main/server/logger.ts';

const ACCOUNT_SID = 'AC' + '0123456789abcdef'.repeat(2);
const AUTH_TOKEN = 'f'.repeat(32);
const CUSTOMER = '+79123456789';
const OUR_NUMBER = '+79001234567';

describe('X-Twilio-Signature', () => {
  // The worked example of Twilio's "Webhooks security" guide.
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };

  it("matches Twilio's published example", () => {
    expect(computeTwilioSignature('12345', url, params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    expect(verifyTwilioSignature('12345', url, params, '0/KCTR6DLpKmkAf8muzZqo1nDgQ=')).toBe(true);
  });

  it('sorts parameters by name, so their order in the body does not matter', () => {
    const reversed = Object.fromEntries(Object.entries(params).reverse());
    expect(computeTwilioSignature('12345', url, reversed)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('fails for a tampered parameter, URL, token, truncated or missing header', () => {
    const good = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';
    expect(verifyTwilioSignature('12345', url, { ...params, Digits: '9999' }, good)).toBe(false);
    expect(verifyTwilioSignature('12345', url, { ...params, Extra: '' }, good)).toBe(false);
    expect(verifyTwilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=3', params, good)).toBe(false);
    expect(verifyTwilioSignature('54321', url, params, good)).toBe(false);
    expect(verifyTwilioSignature('12345', url, params, good.slice(0, -1))).toBe(false);
    expect(verifyTwilioSignature('12345', url, params, undefined)).toBe(false);
  });
});

describe('Twilio wire mapping', () => {
  it.each(['STOP', 'stop', '  Stop  ', 'STOPALL', 'unsubscribe', 'СТОП', 'стоп', 'Отписка', ' ОТПИСКА! ', 'Стоп.'])('%j opts out', (body) =>
    expect(isOptOut(body)).toBe(true),
  );

  it.each(['', 'Стоп, а где мой заказ?', 'please stop calling me', 'STOP STOP', 'стопка'])('%j does not opt out', (body) =>
    expect(isOptOut(body)).toBe(false),
  );

  it('maps Twilio statuses onto ours and ignores the steps before sent', () => {
    const sid = 'SM' + 'a'.repeat(32);
    const update = (MessageStatus: string, extra: Record<string, string> = {}) => statusToUpdate({ MessageSid: sid, MessageStatus, ...extra });
    expect(update('queued')).toBeNull();
    expect(update('sending')).toBeNull();
    expect(update('sent')).toEqual({ channel: 'sms', providerMessageId: sid, status: 'sent' });
    expect(update('delivered')).toMatchObject({ status: 'delivered' });
    expect(update('read')).toMatchObject({ status: 'read' });
    expect(update('undelivered', { ErrorCode: '30003' })).toMatchObject({ status: 'failed', failureReason: 'Twilio 30003: unreachable destination handset' });
    expect(update('failed', { ErrorCode: '30008', ErrorMessage: 'Unknown error' })).toMatchObject({ status: 'failed', failureReason: 'Twilio 30008: Unknown error' });
    expect(() => update('exploded')).toThrow();
  });

  it('keeps media URLs and flags an opt-out in the message meta', () => {
    const message = inboundToMessage(
      { MessageSid: 'MM' + 'b'.repeat(32), AccountSid: ACCOUNT_SID, From: CUSTOMER, To: OUR_NUMBER, Body: 'СТОП', NumMedia: '2', MediaUrl0: 'https://x/0', MediaUrl1: 'https://x/1' },
      'acc1',
    );
    expect(message).toMatchObject({ channel: 'sms', channelAccountId: 'acc1', from: { kind: 'phone', value: CUSTOMER }, body: 'СТОП' });
    expect(message.meta).toMatchObject({ to: OUR_NUMBER, optOut: true, mediaUrls: ['https://x/0', 'https://x/1'] });
  });
});

describe('TwilioConfig', () => {
  const valid = { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fromNumber: '8 (900) 123-45-67', webhookBaseUrl: 'https://hub.example.ru/' };

  it('normalises the number and the URLs and defaults the API address', () => {
    expect(TwilioConfig.parse(valid)).toEqual({ ...valid, fromNumber: OUR_NUMBER, webhookBaseUrl: 'https://hub.example.ru', apiBaseUrl: 'https://api.twilio.com' });
  });

  it('refuses a malformed SID, number or URL', () => {
    expect(TwilioConfig.safeParse({ ...valid, accountSid: 'AC123' }).success).toBe(false);
    expect(TwilioConfig.safeParse({ ...valid, fromNumber: '12345' }).success).toBe(false);
    expect(TwilioConfig.safeParse({ ...valid, webhookBaseUrl: 'ftp://hub' }).success).toBe(false);
    expect(TwilioConfig.safeParse({ ...valid, authToken: '' }).success).toBe(false);
  });
});

let sim: TwilioSimulator;
beforeAll(async () => {
  sim = await startTwilioSimulator({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, host: '127.0.0.1' });
});
afterAll(() => sim.close());

function configFor(apiBaseUrl: string, webhookBaseUrl = 'https://hub.example.ru', authToken = AUTH_TOKEN): TwilioConfig {
  return TwilioConfig.parse({ accountSid: ACCOUNT_SID, authToken, fromNumber: OUR_NUMBER, apiBaseUrl, webhookBaseUrl });
}

describe('REST client against the simulator', () => {
  const send = (overrides: Partial<Parameters<typeof sendSms>[1]> = {}, config = configFor(sim.url)) =>
    sendSms(config, { to: CUSTOMER, body: 'Ваш заказ готов', statusCallbackUrl: 'https://hub.example.ru/cb', idempotencyKey: crypto.randomUUID(), ...overrides });

  it('sends with basic auth and returns the SID', async () => {
    const before = sim.sent.length;
    const result = await send();
    expect(result.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(sim.sent.slice(before)).toEqual([
      expect.objectContaining({ sid: result.providerMessageId, to: CUSTOMER, from: OUR_NUMBER, body: 'Ваш заказ готов', statusCallback: 'https://hub.example.ru/cb' }),
    ]);
  });

  it('sends once for the same idempotency token', async () => {
    const before = sim.sent.length;
    const first = await send({ idempotencyKey: 'msg-1' });
    const again = await send({ idempotencyKey: 'msg-1' });
    expect(again.providerMessageId).toBe(first.providerMessageId);
    expect(sim.sent.length - before).toBe(1);
  });

  it('retries later on wrong credentials instead of failing the message for good', async () => {
    const error = await send({}, configFor(sim.url, undefined, 'wrong-token')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentSendError);
    expect((error as Error).message).toContain('20003');
  });

  it('turns 429 into RetryLaterError with the Retry-After delay', async () => {
    sim.failNext(1, { status: 429, retryAfterSeconds: 7 });
    const error = await send().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryLaterError);
    expect((error as RetryLaterError).retryAfterMs).toBe(7000);
  });

  it('turns an invalid number into PermanentSendError', async () => {
    sim.failNext(1, { status: 400, code: 21211 });
    const error = await send().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect((error as PermanentSendError).message).toContain('21211');
    expect((error as PermanentSendError).identityEffect).toBeUndefined();
    // The simulator's own validation answers the same for a number that is not one.
    await expect(send({ to: '12345' })).rejects.toBeInstanceOf(PermanentSendError);
  });

  it('marks the identity opted out when Twilio says the customer unsubscribed', async () => {
    sim.failNext(1, { status: 400, code: 21610 });
    const error = await send().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect((error as PermanentSendError).identityEffect).toBe('opted_out');
  });

  it('keeps 5xx and network failures retryable', async () => {
    sim.failNext(1, { status: 500 });
    const error = await send().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentSendError);
    expect(error).not.toBeInstanceOf(RetryLaterError);
    const down = await send({}, configFor('http://127.0.0.1:1')).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(Error);
    expect(down).not.toBeInstanceOf(PermanentSendError);
    expect((down as Error).message).toMatch(/^Twilio unreachable/);
  });

  it('refuses a body over 1,600 characters for good', async () => {
    await expect(send({ body: 'щ'.repeat(10_000) })).rejects.toBeInstanceOf(PermanentSendError);
  });
});

describe('webhooks', () => {
  let app: FastifyInstance;
  let base: string;
  const ingested: InboundMessage[] = [];
  const updates: StatusUpdate[] = [];
  const rejections: WebhookRejection[] = [];
  let gate: Promise<void> | null = null;
  const ctx: ChannelContext = {
    log: createLogger('silent'),
    async ingest(message) {
      if (gate) await gate;
      ingested.push(message);
      return { messageId: `m${ingested.length}`, duplicate: false };
    },
    async updateStatus(update) {
      updates.push(update);
    },
    async rejected(event) {
      rejections.push(event);
    },
  };

  beforeAll(async () => {
    app = Fastify();
    const accounts: Array<{ id: string; config: TwilioConfig }> = [];
    smsAdapter.registerRoutes!(app, ctx, () => accounts);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    accounts.push({ id: 'acc1', config: configFor(sim.url, base) });
  });
  afterAll(() => app.close());
  afterEach(() => {
    ingested.length = 0;
    updates.length = 0;
    gate = null;
  });

  const inboundUrl = () => `${base}/webhooks/sms/acc1/inbound`;
  const inbound = (body: string) => sim.sendInbound({ from: CUSTOMER, to: OUR_NUMBER, body, webhookUrl: inboundUrl() });
  const lastPosted = () => sim.posted.at(-1)!;
  const post = (url: string, body: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });

  it('ingests a signed inbound SMS and answers with empty TwiML', async () => {
    expect(await inbound('Здравствуйте! Где мой заказ?')).toBe(200);
    expect(ingested).toHaveLength(1);
    expect(ingested[0]).toMatchObject({
      channel: 'sms',
      channelAccountId: 'acc1',
      providerMessageId: lastPosted().params.MessageSid,
      from: { kind: 'phone', value: CUSTOMER },
      body: 'Здравствуйте! Где мой заказ?',
      meta: { to: OUR_NUMBER, optOut: false },
    });
    const replay = await post(inboundUrl(), new URLSearchParams(lastPosted().params).toString(), {
      'x-twilio-signature': computeTwilioSignature(AUTH_TOKEN, inboundUrl(), lastPosted().params),
    });
    expect(replay.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await replay.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });

  it('answers only after ingest has resolved', async () => {
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    let answered = false;
    const request = inbound('Жду ответа').then((status) => {
      answered = true;
      return status;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);
    expect(ingested).toHaveLength(0);
    open();
    expect(await request).toBe(200);
    expect(ingested).toHaveLength(1);
  });

  it('hands a replayed webhook to ingest again (ingest deduplicates) and still answers 200', async () => {
    await inbound('Повтор');
    const { webhookUrl, params } = lastPosted();
    expect(await sim.postSigned(webhookUrl, params)).toBe(200);
    expect(ingested.map((m) => m.providerMessageId)).toEqual([params.MessageSid, params.MessageSid]);
  });

  it('refuses a forged signature with 401 and ingests nothing', async () => {
    const rejected = smsWebhookCounters.rejectedSignatures;
    await inbound('настоящее');
    const params = { ...lastPosted().params, Body: 'подделка' };
    ingested.length = 0;
    const forged = await post(inboundUrl(), new URLSearchParams(params).toString(), { 'x-twilio-signature': computeTwilioSignature(AUTH_TOKEN, inboundUrl(), lastPosted().params) });
    expect(forged.status).toBe(401);
    const wrongToken = await post(inboundUrl(), new URLSearchParams(params).toString(), { 'x-twilio-signature': computeTwilioSignature('other', inboundUrl(), params) });
    expect(wrongToken.status).toBe(401);
    expect(ingested).toHaveLength(0);
    expect(smsWebhookCounters.rejectedSignatures - rejected).toBe(2);
    expect(rejections.slice(-2).map((r) => r.reason)).toEqual(['forged_signature', 'forged_signature']);
  });

  it('refuses a missing signature with 401 and ingests nothing', async () => {
    const response = await post(inboundUrl(), new URLSearchParams({ MessageSid: 'SM' + 'c'.repeat(32), From: CUSTOMER, Body: 'hi' }).toString());
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'missing X-Twilio-Signature' });
    expect(ingested).toHaveLength(0);
    expect(rejections.at(-1)).toMatchObject({ channel: 'sms', reason: 'missing_signature', ip: '127.0.0.1' });
  });

  it('answers 404 for an unknown account', async () => {
    expect(await sim.sendInbound({ from: CUSTOMER, to: OUR_NUMBER, body: 'hi', webhookUrl: `${base}/webhooks/sms/nope/inbound` })).toBe(404);
    expect(ingested).toHaveLength(0);
  });

  it('refuses a signed but malformed payload with 400 and a reason', async () => {
    const url = inboundUrl();
    const params = { MessageSid: 'not-a-sid', AccountSid: ACCOUNT_SID, To: OUR_NUMBER, Body: 'hi' };
    const response = await post(url, new URLSearchParams(params).toString(), { 'x-twilio-signature': computeTwilioSignature(AUTH_TOKEN, url, params) });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; reason: string };
    expect(body.error).toBe('invalid Twilio payload');
    expect(body.reason).toContain('MessageSid');
    expect(body.reason).toContain('From');
    expect(ingested).toHaveLength(0);
  });

  it('passes a 10,000-character Cyrillic body through intact', async () => {
    const body = 'Длинное сообщение. '.repeat(527).slice(0, 10_000);
    expect(body).toHaveLength(10_000);
    expect(await inbound(body)).toBe(200);
    expect(ingested[0]!.body).toBe(body);
  });

  it('passes emoji, zero-width, right-to-left and form-significant characters through intact', async () => {
    const body = 'Спасибо 👍🏽👨‍👩‍👧 zero\u200Bwidth\u200D \u202Eشكرا\u202C עברית a+b=c&d%20 ';
    expect(await inbound(body)).toBe(200);
    expect(ingested[0]!.body).toBe(body);
  });

  it('ingests an empty body and flags an opt-out keyword', async () => {
    expect(await inbound('')).toBe(200);
    expect(await inbound(' Стоп ')).toBe(200);
    expect(ingested.map((m) => [m.body, m.meta?.optOut])).toEqual([
      ['', false],
      [' Стоп ', true],
    ]);
  });

  it('maps status callbacks from a real send to the StatusCallback URL the adapter gave', async () => {
    const account = { id: 'acc1', config: configFor(sim.url, base) };
    const { providerMessageId } = await smsAdapter.send(account, { messageId: 'out-1', to: CUSTOMER, body: 'Заказ выдан' });
    expect(sim.sent.at(-1)!.statusCallback).toBe(`${base}/webhooks/sms/acc1/status`);
    expect(await sim.deliverStatus(providerMessageId, 'queued')).toBe(200);
    expect(await sim.deliverStatus(providerMessageId, 'sent')).toBe(200);
    expect(await sim.deliverStatus(providerMessageId, 'delivered')).toBe(200);
    expect(await sim.deliverStatus(providerMessageId, 'undelivered', undefined, { code: 30005 })).toBe(200);
    expect(updates).toEqual([
      { channel: 'sms', providerMessageId, status: 'sent' },
      { channel: 'sms', providerMessageId, status: 'delivered' },
      { channel: 'sms', providerMessageId, status: 'failed', failureReason: 'Twilio 30005: unknown destination handset' },
    ]);
  });

  it('refuses a forged or malformed status callback', async () => {
    const url = `${base}/webhooks/sms/acc1/status`;
    const params = { MessageSid: 'SM' + 'd'.repeat(32), MessageStatus: 'delivered' };
    expect((await post(url, new URLSearchParams(params).toString(), { 'x-twilio-signature': 'AAAA' })).status).toBe(401);
    const bad = { ...params, MessageStatus: 'teleported' };
    expect((await post(url, new URLSearchParams(bad).toString(), { 'x-twilio-signature': computeTwilioSignature(AUTH_TOKEN, url, bad) })).status).toBe(400);
    expect(updates).toHaveLength(0);
  });
});
