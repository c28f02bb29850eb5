// Web chat with nobody on the other end: the widget hears live when the last agent leaves, the pre-chat
// form then needs an e-mail, and an agent's reply to a visitor who has left goes to that e-mail through
// the first e-mail account (a real SMTP server here) while staying in the chat's history. A visitor still
// connected gets it over the socket and no mail is sent.
import os from 'node:os';
import { simpleParser } from 'mailparser';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreChatFormInput, VisitorClientToServer, VisitorServerToClient } from '../../common/api/webchat.ts';
import type { Locale } from '../../common/domain/enums.ts';
import type { MessageStatusChanged } from '../../common/realtime/events.ts';
import { queueOutbound } from '../../main/server/channels/outbox.ts';
import { visitorConnected } from '../../main/server/channels/webchat/index.ts';
import { systemClock } from '../../main/server/jobs/clock.ts';
import { startTestHub, type DeskSocket, type TestHub } from './fixtures/hub.ts';
import { startSmtpSink, type SmtpSink } from './fixtures/mailServers.ts';
import { buildWorld, USERS } from './fixtures/world.ts';

type VisitorSocket = Socket<VisitorServerToClient, VisitorClientToServer>;

const CHAT = 'webchat-offline';
const MAILBOX = 'mail-support';

let t: TestHub;
let sink: SmtpSink;
let agentToken: string;
const visitors: VisitorSocket[] = [];

function visitor(auth: { token?: string; preChat?: PreChatFormInput } = {}): Promise<VisitorSocket> {
  // The hub's own origin: the demo page it serves is always allowed to embed the chat.
  const socket: VisitorSocket = connectClient(`${t.hub.url}/visitor`, {
    auth: { accountId: CHAT, ...auth },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { origin: t.hub.url },
  });
  visitors.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const nextEvent = <E extends keyof VisitorServerToClient>(socket: VisitorSocket, event: E) =>
  new Promise<Parameters<VisitorServerToClient[E]>[0]>((resolve) => (socket.once as (e: string, cb: (payload: never) => void) => void)(event, resolve));

const nextStatus = (desk: DeskSocket, messageId: string) =>
  new Promise<MessageStatusChanged>((resolve) => {
    const listener = (event: MessageStatusChanged) => {
      if (event.messageId !== messageId) return;
      desk.off('message.status', listener);
      resolve(event);
    };
    desk.on('message.status', listener);
  });

/** A visitor who filled in the form and wrote one message; returns what an agent needs to answer them. */
async function visitorWhoWrote(preChat: PreChatFormInput) {
  const socket = await visitor();
  const submitted = await socket.emitWithAck('prechat.submit', preChat);
  if (!submitted.ok) throw new Error(submitted.error.message);
  const sent = await socket.emitWithAck('message.send', { clientId: crypto.randomUUID(), text: 'Привезёте плед до пятницы?' });
  if (!sent.ok) throw new Error(sent.error.message);
  const stored = await t.hub.db.message.findUniqueOrThrow({ where: { id: sent.data.id } });
  const token = submitted.data.token;
  return { socket, token, visitorId: token.split('.')[0]!, conversationId: stored.conversationId };
}

async function leave(socket: VisitorSocket, visitorId: string) {
  socket.disconnect();
  await expect.poll(() => visitorConnected(CHAT, visitorId)).toBe(false);
}

async function reply(conversationId: string, body: string) {
  const { messageId } = await queueOutbound(t.hub.db, { conversationId, channel: 'webchat', body, authorId: null }, systemClock);
  t.hub.scheduler.wake();
  return messageId;
}

const messageRow = (id: string) => t.hub.db.message.findUniqueOrThrow({ where: { id } });
const metaOf = async (id: string) => JSON.parse((await messageRow(id)).meta ?? '{}') as Record<string, unknown>;

beforeAll(async () => {
  t = await startTestHub();
  await buildWorld(t.hub.db);
  sink = await startSmtpSink();
  await t.hub.accounts.save({ id: CHAT, kind: 'webchat', name: 'Чат на сайте', settings: {}, secrets: { tokenSecret: 'w'.repeat(40) } });
  await t.hub.accounts.save({
    id: MAILBOX,
    kind: 'email',
    name: 'Поддержка',
    settings: {
      address: 'support@shop.example.ru',
      displayName: 'Магазин «Уютный дом»',
      imap: { host: '127.0.0.1', user: 'support' },
      smtp: { host: sink.host, port: sink.port, secure: false },
      attachmentsDir: os.tmpdir(),
    },
    secrets: { imapPassword: 'unused' },
  });
  agentToken = (await t.signIn(USERS.agent)).token;
});

afterAll(async () => {
  for (const socket of visitors) socket.disconnect();
  await t.stop();
  await sink.close();
});

describe('web chat with no agent online', () => {
  it('tells the widget live when an agent comes online and when the last one leaves', async () => {
    const socket = await visitor();
    const hello = await socket.emitWithAck('chat.hello', { locale: 'ru' });
    expect(hello).toMatchObject({ ok: true, data: { agentsOnline: false } });
    expect(hello.ok && hello.data.offlineMessage).toMatch(/почту/);

    const cameOnline = nextEvent(socket, 'agents.online');
    const desk = await t.connect(agentToken);
    expect(await cameOnline).toEqual({ online: true });
    const wentAway = nextEvent(socket, 'agents.online');
    desk.disconnect();
    expect(await wentAway).toEqual({ online: false });
  });

  it('requires an e-mail in the pre-chat form while nobody is online', async () => {
    const socket = await visitor();
    const result = await socket.emitWithAck('prechat.submit', { name: 'Олег', phone: '+7 912 000-11-22', consentService: true, locale: 'ru' });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', fields: [{ path: 'email', message: expect.stringMatching(/no agent is online/) }] } });
  });

  it.each([
    ['ru', 'Ответ на ваше сообщение в чате «Чат с магазином»', /ответ сохранён и в чате/i],
    ['en', 'Reply to your message in “Chat with the store”', /the reply is in the chat too/i],
  ] as const)('e-mails the reply to a visitor who left (%s), and keeps it in the chat history', async (locale: Locale, subject, footer) => {
    const address = `anna.${locale}@customer.example`;
    const { socket, token, visitorId, conversationId } = await visitorWhoWrote({ name: 'Анна', email: address, consentService: true, locale });
    await leave(socket, visitorId);

    const desk = await t.connect(agentToken);
    const mailsBefore = sink.received.length;
    const messageId = await reply(conversationId, 'Да, привезём в четверг.');
    expect(await nextStatus(desk, messageId)).toMatchObject({ status: 'sent', deliveredVia: 'email' });
    desk.disconnect();

    expect(sink.received).toHaveLength(mailsBefore + 1);
    const mail = sink.received.at(-1)!;
    expect(mail.to).toEqual([address]);
    expect(mail.from).toBe('support@shop.example.ru');
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toBe(subject);
    expect(parsed.inReplyTo).toBeUndefined();
    expect(parsed.references).toBeUndefined();
    expect(parsed.html).toBe(false);
    expect(parsed.text).toMatch(/^Да, привезём в четверг\./);
    expect(parsed.text).toMatch(footer);

    // Still the web chat's message: the same row, its history id, the chat's account.
    expect(await messageRow(messageId)).toMatchObject({ channel: 'webchat', status: 'sent', providerMessageId: `${visitorId}:out:${messageId}`, channelAccountId: CHAT });
    expect(await metaOf(messageId)).toMatchObject({ to: visitorId, deliveredVia: 'email', forward: { to: address, accountId: MAILBOX, providerMessageId: parsed.messageId } });

    const back = await visitor({ token });
    const history = await back.emitWithAck('history.load', {});
    expect(history.ok && history.data.items.map((i) => [i.from, i.text])).toEqual([
      ['visitor', 'Привезёте плед до пятницы?'],
      ['agent', 'Да, привезём в четверг.'],
    ]);
  });

  it('pushes the reply to a visitor still in the chat and sends no mail', async () => {
    const { socket, conversationId } = await visitorWhoWrote({ name: 'Ирина', email: 'irina@customer.example', consentService: true, locale: 'ru' });
    const mailsBefore = sink.received.length;
    const live = nextEvent(socket, 'agent.message');
    const messageId = await reply(conversationId, 'Добрый день! Уже проверяю.');
    expect(await live).toMatchObject({ id: messageId, text: 'Добрый день! Уже проверяю.' });
    await expect.poll(async () => (await messageRow(messageId)).status).toBe('sent');
    expect(await metaOf(messageId)).not.toHaveProperty('deliveredVia');
    expect(sink.received).toHaveLength(mailsBefore);
  });

  it('fails the reply with the mail server’s reason when it refuses the address', async () => {
    const address = 'gone@customer.example';
    sink.rejectRecipients.add(address);
    const { socket, visitorId, conversationId } = await visitorWhoWrote({ name: 'Пётр', email: address, consentService: true, locale: 'ru' });
    await leave(socket, visitorId);
    const messageId = await reply(conversationId, 'Ответ, который не дойдёт.');
    await expect.poll(async () => (await messageRow(messageId)).status).toBe('failed');
    expect((await messageRow(messageId)).failureReason).toMatch(/^email to gone@customer\.example: SMTP 550/);
  });

  it('keeps the reply in the chat history, marked sent, when no e-mail account is enabled', async () => {
    await t.hub.accounts.setEnabled(MAILBOX, false);
    try {
      const { socket, visitorId, conversationId } = await visitorWhoWrote({ name: 'Вера', email: 'vera@customer.example', consentService: true, locale: 'ru' });
      await leave(socket, visitorId);
      const mailsBefore = sink.received.length;
      const messageId = await reply(conversationId, 'Ответ без почты.');
      await expect.poll(async () => (await messageRow(messageId)).status).toBe('sent');
      expect(await metaOf(messageId)).not.toHaveProperty('deliveredVia');
      expect(sink.received).toHaveLength(mailsBefore);
    } finally {
      await t.hub.accounts.setEnabled(MAILBOX, true);
    }
  });

  it('keeps the reply in the chat history for a visitor who left only a phone', async () => {
    const desk = await t.connect(agentToken);
    // With an agent online a phone is enough; the agent answers after the visitor has gone.
    await expect.poll(async () => (await visitor()).emitWithAck('chat.hello', { locale: 'ru' }).then((r) => r.ok && r.data.agentsOnline)).toBe(true);
    const { socket, token, visitorId, conversationId } = await visitorWhoWrote({ name: 'Олег', phone: '+7 912 000-11-22', consentService: true, locale: 'ru' });
    await leave(socket, visitorId);
    const mailsBefore = sink.received.length;
    const messageId = await reply(conversationId, 'Привезём в четверг.');
    expect(await nextStatus(desk, messageId)).toMatchObject({ status: 'sent' });
    desk.disconnect();
    expect(await metaOf(messageId)).not.toHaveProperty('deliveredVia');
    expect(sink.received).toHaveLength(mailsBefore);
    const history = await (await visitor({ token })).emitWithAck('history.load', {});
    expect(history.ok && history.data.items.at(-1)).toMatchObject({ from: 'agent', text: 'Привезём в четверг.' });
  });
});
