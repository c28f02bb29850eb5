// Attachments end to end on a real hub: an agent uploads a file (raw body, bearer token, limit enforced
// while streaming), replies with it by e-mail (a real SMTP server receives the bytes) and by Telegram (the
// simulator receives a multipart sendDocument / sendPhoto); SMS refuses files before storing anything; and
// the desk's signed download links are checked (valid, expired, forged, unknown hash).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { io as connectClient, type Socket } from 'socket.io-client';
import type { AgentMessage, VisitorClientToServer, VisitorServerToClient } from '../../common/api/webchat.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentLink, AttachmentRef, SendReplyResult } from '../../common/api/desk.ts';
import { ATTACHMENT_LIMITS } from '../../common/api/desk.ts';
import type { Result } from '../../common/result.ts';
import { startTelegramSimulator, type TelegramSimulator } from '../../main/server/channels/telegram/simulator.ts';
import { loadLinkSecret, signLink } from '../../main/server/services/attachments/signing.ts';
import { startTestHub, type TestHub } from './fixtures/hub.ts';
import { startSmtpSink, type SmtpSink } from './fixtures/mailServers.ts';
import { buildWorld, USERS } from './fixtures/world.ts';

const BOT_TOKEN = `123456789:${'A'.repeat(35)}`;
const CHAT_ID = 777_001;

let t: TestHub;
let sink: SmtpSink;
let telegram: TelegramSimulator;
let token: string;
let conversationId: string;
let world: Awaited<ReturnType<typeof buildWorld>>;

async function upload(content: Buffer, fileName: string, contentType: string, auth: string | null = token) {
  const res = await fetch(`${t.hub.url}/api/attachments`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-file-name': encodeURIComponent(fileName), ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body: new Uint8Array(content),
  });
  return { status: res.status, body: (await res.json()) as Result<AttachmentRef> };
}

async function uploaded(content: Buffer, fileName: string, contentType: string): Promise<AttachmentRef> {
  const { status, body } = await upload(content, fileName, contentType);
  expect(status).toBe(201);
  if (!body.ok) throw new Error(body.error.message);
  return body.data;
}

async function reply(channel: 'email' | 'telegram' | 'sms', body: string, attachments: AttachmentRef[]) {
  return t.post<SendReplyResult>(
    '/api/commands/conversation.reply',
    { clientId: crypto.randomUUID(), conversationId, channel, body, attachments, acknowledged: ['quiet_hours', 'opted_out', 'blocked'] },
    token,
  );
}

async function sentMessage(messageId: string) {
  t.hub.scheduler.wake();
  const deadline = Date.now() + 8000;
  let status = '';
  while (Date.now() < deadline) {
    status = (await t.hub.db.message.findUniqueOrThrow({ where: { id: messageId } })).status;
    if (status === 'sent' || status === 'failed') break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(status).toBe('sent');
}

beforeAll(async () => {
  t = await startTestHub();
  world = await buildWorld(t.hub.db);
  sink = await startSmtpSink();
  telegram = await startTelegramSimulator({ botToken: BOT_TOKEN, knownChat: (id) => id === CHAT_ID });
  await t.hub.accounts.save({
    id: 'mail',
    kind: 'email',
    name: 'Поддержка',
    // No attachmentsDir: the hub keeps every file in its own store.
    settings: { address: 'support@shop.example.ru', displayName: 'Магазин', imap: { host: '127.0.0.1', user: 'support' }, smtp: { host: sink.host, port: sink.port, secure: false } },
    secrets: { imapPassword: 'unused' },
  });
  await t.hub.accounts.save({
    id: 'bot',
    kind: 'telegram',
    name: 'Бот',
    settings: { mode: 'webhook', apiBaseUrl: telegram.url },
    secrets: { botToken: BOT_TOKEN, webhookSecret: 'secret-1' },
  });
  const customer = world.customers.fyodorova;
  await t.hub.db.contactIdentity.create({ data: { customerId: customer.id, kind: 'telegram', rawValue: String(CHAT_ID), normalized: String(CHAT_ID) } });
  conversationId = (await t.hub.db.conversation.create({ data: { customerId: customer.id, channel: 'email' } })).id;
  token = (await t.signIn(USERS.agent)).token;
});

const visitors: Array<Socket<VisitorServerToClient, VisitorClientToServer>> = [];

afterAll(async () => {
  for (const socket of visitors) socket.disconnect();
  await t.stop();
  await sink.close();
  await telegram.close();
});

describe('uploads', () => {
  it('stores the file content-addressed under the data folder and answers its reference', async () => {
    const content = Buffer.from('%PDF-1.4 счёт');
    const ref = await uploaded(content, 'Счёт №1.pdf', 'application/pdf');
    const sha256 = createHash('sha256').update(content).digest('hex');
    expect(ref).toEqual({ sha256, fileName: 'Счёт №1.pdf', contentType: 'application/pdf', size: content.length });
    expect(await readFile(path.join(t.dataDir, 'attachments', sha256.slice(0, 2), sha256))).toEqual(content);
  });

  it('refuses an upload without a session with 401', async () => {
    const { status, body } = await upload(Buffer.from('x'), 'a.txt', 'text/plain', null);
    expect(status).toBe(401);
    expect(body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await upload(Buffer.from('x'), 'a.txt', 'text/plain', 'forged-token')).status).toBe(401);
  });

  it('refuses a file over the limit with 413 and a clear error, keeping nothing', async () => {
    const big = Buffer.alloc(ATTACHMENT_LIMITS.fileBytes + 1, 1);
    const { status, body } = await upload(big, 'big.bin', 'application/octet-stream');
    expect(status).toBe(413);
    expect(body).toMatchObject({ ok: false, error: { message: expect.stringMatching(/larger than 25 MB/) } });
    const sha256 = createHash('sha256').update(big).digest('hex');
    await expect(readFile(path.join(t.dataDir, 'attachments', sha256.slice(0, 2), sha256))).rejects.toThrow();
  });

  it('counts while streaming when the size is not declared (chunked body)', async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(2);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > ATTACHMENT_LIMITS.fileBytes + 2 * chunk.length) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const abort = new AbortController();
    const res = await fetch(`${t.hub.url}/api/attachments`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'stream.bin', authorization: `Bearer ${token}` },
      body: stream,
      duplex: 'half',
      signal: abort.signal,
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: { message: expect.stringMatching(/larger than 25 MB/) } });
    // A client that read the refusal stops sending.
    abort.abort();
  });
});

describe('replies with files', () => {
  it('e-mails the file: the SMTP server receives the attachment bytes', async () => {
    const content = Buffer.from('Накладная: 3 пледа, 2 подушки');
    const ref = await uploaded(content, 'накладная.txt', 'text/plain');
    const res = await reply('email', 'Во вложении накладная', [ref]);
    expect(res.body).toMatchObject({ ok: true, data: { sent: true } });
    const messageId = (res.body as { ok: true; data: { messageId: string } }).data.messageId;
    await sentMessage(messageId);
    const mail = await simpleParser(sink.received.at(-1)!.raw);
    expect(mail.text).toContain('Во вложении накладная');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ filename: 'накладная.txt', contentType: 'text/plain' });
    expect(mail.attachments[0]!.content).toEqual(content);
    // The meta lists it, so the timeline shows it.
    const stored = await t.hub.db.message.findUniqueOrThrow({ where: { id: messageId } });
    expect(JSON.parse(stored.meta!).attachments).toEqual([ref]);
  });

  it('sends a file by Telegram as a multipart sendDocument (and a picture as sendPhoto), the body may be empty', async () => {
    const pdf = await uploaded(Buffer.from('%PDF-1.7 договор'), 'договор.pdf', 'application/pdf');
    const png = await uploaded(Buffer.from('89504e470d0a1a0a', 'hex'), 'фото.png', 'image/png');
    const before = telegram.sent.length;
    const res = await reply('telegram', '', [pdf, png]);
    expect(res.body).toMatchObject({ ok: true, data: { sent: true } });
    await sentMessage((res.body as { ok: true; data: { messageId: string } }).data.messageId);
    const sends = telegram.sent.slice(before);
    expect(sends.map((s) => s.method)).toEqual(['sendDocument', 'sendPhoto']);
    expect(sends[0]).toMatchObject({ chatId: CHAT_ID, upload: { fileName: 'договор.pdf', contentType: 'application/pdf' } });
    expect(sends[0]!.upload!.content.toString()).toBe('%PDF-1.7 договор');
    expect(sends[1]!.upload!.content).toEqual(Buffer.from('89504e470d0a1a0a', 'hex'));
  });

  it('refuses files over SMS before anything is stored', async () => {
    const ref = await uploaded(Buffer.from('sms file'), 'a.txt', 'text/plain');
    const count = await t.hub.db.message.count();
    const res = await reply('sms', 'Файл', [ref]);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: 'SMS cannot carry files' } });
    expect(await t.hub.db.message.count()).toBe(count);
  });

  it('refuses a reference to a file that was never uploaded', async () => {
    const res = await reply('email', 'x', [{ sha256: 'f'.repeat(64), fileName: 'ghost.pdf', contentType: 'application/pdf', size: 1 }]);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

describe('signed links', () => {
  let ref: AttachmentRef;
  let imageRef: AttachmentRef;
  beforeAll(async () => {
    ref = await uploaded(Buffer.from('<html><script>alert(1)</script></html>'), 'отчёт.html', 'text/html');
    imageRef = await uploaded(Buffer.from('GIF89a-fake'), 'pic.gif', 'image/gif');
    const res = await reply('email', 'Файлы', [ref, imageRef]);
    await sentMessage((res.body as { ok: true; data: { messageId: string } }).data.messageId);
  });

  /** The status of a GET, with the body read so no connection stays open. */
  const statusOf = async (url: string | URL) => {
    const res = await fetch(url);
    await res.arrayBuffer();
    return res.status;
  };

  const link = async (file: AttachmentRef) => {
    const res = await t.post<AttachmentLink>('/api/commands/attachment.link', { sha256: file.sha256, fileName: file.fileName }, token);
    if (!res.body.ok) throw new Error(res.body.error.message);
    return res.body.data;
  };

  it('serves a valid link as a sandboxed download with the recorded type, never sniffed, and audits it', async () => {
    const { url, expiresAt } = await link(ref);
    expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    const res = await fetch(`${t.hub.url}${url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe('sandbox');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="_____.html"; filename*=UTF-8''${encodeURIComponent('отчёт.html')}`);
    expect(await res.text()).toContain('<script>');
    const agent = await t.hub.db.user.findUniqueOrThrow({ where: { email: USERS.agent } });
    expect(await t.hub.db.auditEntry.count({ where: { action: 'attachment.read', actorId: agent.id } })).toBeGreaterThan(0);
  });

  it('shows raster images inline', async () => {
    const res = await fetch(`${t.hub.url}${(await link(imageRef)).url}`);
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(imageRef.size);
    expect(res.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(res.headers.get('content-type')).toBe('image/gif');
  });

  it('refuses a forged or tampered link with 403', async () => {
    const { url } = await link(ref);
    const forged = new URL(url, t.hub.url);
    forged.searchParams.set('sig', 'A'.repeat(43));
    expect(await statusOf(forged)).toBe(403);
    const renamed = new URL(url, t.hub.url);
    renamed.searchParams.set('name', 'evil.exe');
    expect(await statusOf(renamed)).toBe(403);
    const longer = new URL(url, t.hub.url);
    longer.searchParams.set('exp', String(Number(longer.searchParams.get('exp')) + 3600));
    expect(await statusOf(longer)).toBe(403);
    expect(await statusOf(`${t.hub.url}/api/attachments/${ref.sha256}`)).toBe(403);
  });

  it('refuses an expired link with 403', async () => {
    const secret = loadLinkSecret(t.dataDir);
    const expired = signLink(secret, ref, 'someone', new Date(Date.now() - 11 * 60_000));
    const res = await fetch(`${t.hub.url}${expired.url}`);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ ok: false, error: { message: 'This link has expired' } });
  });

  it('serves no hash that no message lists, even with a valid signature', async () => {
    // Uploaded but never sent: in the store, yet not served (the store is no oracle).
    const orphan = await uploaded(Buffer.from('never sent'), 'orphan.txt', 'text/plain');
    const secret = loadLinkSecret(t.dataDir);
    expect(await statusOf(`${t.hub.url}${signLink(secret, orphan, 'someone', new Date()).url}`)).toBe(404);
    expect(await statusOf(`${t.hub.url}${signLink(secret, { sha256: 'e'.repeat(64), fileName: 'x' }, 'someone', new Date()).url}`)).toBe(404);
    const res = await t.post('/api/commands/attachment.link', { sha256: orphan.sha256, fileName: orphan.fileName }, token);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('web chat', () => {
  it('gives the visitor signed links to the files, live and in the history', async () => {
    await t.hub.accounts.save({ id: 'chat', kind: 'webchat', name: 'Чат', settings: {}, secrets: { tokenSecret: 'w'.repeat(40) } });
    const socket: Socket<VisitorServerToClient, VisitorClientToServer> = connectClient(`${t.hub.url}/visitor`, {
      auth: { accountId: 'chat' },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { origin: t.hub.url },
    });
    visitors.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const submitted = await socket.emitWithAck('prechat.submit', { name: 'Ольга', email: 'olga@example.ru', consentService: true, locale: 'ru' });
    if (!submitted.ok) throw new Error(submitted.error.message);
    const wrote = await socket.emitWithAck('message.send', { clientId: crypto.randomUUID(), text: 'Пришлите инструкцию' });
    if (!wrote.ok) throw new Error(wrote.error.message);
    const chatConversation = (await t.hub.db.message.findUniqueOrThrow({ where: { id: wrote.data.id } })).conversationId;

    const content = Buffer.from('Инструкция по уходу за пледом');
    const file = await uploaded(content, 'инструкция.txt', 'text/plain');
    const arrived = new Promise<AgentMessage>((resolve) => socket.once('agent.message', resolve));
    const res = await t.post<SendReplyResult>('/api/commands/conversation.reply', { clientId: crypto.randomUUID(), conversationId: chatConversation, channel: 'webchat', body: 'Вот она', attachments: [file], acknowledged: ['quiet_hours'] }, token);
    expect(res.body).toMatchObject({ ok: true, data: { sent: true } });
    t.hub.scheduler.wake();
    const live = await arrived;
    expect(live.files).toEqual([{ fileName: 'инструкция.txt', size: content.length, url: expect.stringMatching(/^\/api\/attachments\/[0-9a-f]{64}\?/) }]);
    const download = await fetch(`${t.hub.url}${live.files![0]!.url}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(content);

    const history = await socket.emitWithAck('history.load', {});
    if (!history.ok) throw new Error(history.error.message);
    const reply = history.data.items.find((item) => item.from === 'agent');
    expect(reply?.files?.[0]).toMatchObject({ fileName: 'инструкция.txt' });
    const again = await fetch(`${t.hub.url}${reply!.files![0]!.url}`);
    expect(again.status).toBe(200);
    await again.arrayBuffer();
  });
});
