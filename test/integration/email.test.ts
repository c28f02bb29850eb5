// The e-mail channel against real servers: dovecot (IMAP, started by the fixture) and smtp-server
// in-process. MIME parsing runs on fixtures, including legacy Russian charsets built here with iconv-lite.
// The hub's ingest is faked with a recording ChannelContext; ingest has its own suite.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundMessage, StatusUpdate } from '../../common/api/channels.ts';
import { PermanentSendError, RetryLaterError, type ChannelContext } from '../../main/server/channels/contract.ts';
import { attachmentPath, storeAttachments } from '../../main/server/channels/email/attachments.ts';
import { EmailConfig } from '../../main/server/channels/email/config.ts';
import { startImapReader, type ImapReader } from '../../main/server/channels/email/imap.ts';
import { emailAdapter } from '../../main/server/channels/email/index.ts';
import { parseEmail, type ParseResult } from '../../main/server/channels/email/parse.ts';
import { replySubject } from '../../main/server/channels/email/smtp.ts';
import { createLogger } from '../../main/server/logger.ts';
import { dovecotAvailable, startDovecot, startSmtpSink, type Dovecot, type SmtpSink } from './fixtures/mailServers.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'mail');
const fixture = (name: string) => readFile(path.join(FIXTURES, name));

interface MailOptions {
  from?: string;
  subject?: string;
  messageId?: string;
  headers?: string[];
  contentType?: string;
  body?: string | Buffer;
}

/** A minimal RFC 822 message; the body may be bytes in any charset. */
function mail({ from = 'Иван <ivan@customer.example>', subject = 'Hello', messageId, headers = [], contentType = 'text/plain; charset=utf-8', body = 'Hi' }: MailOptions = {}): Buffer {
  const head = [
    `From: ${from}`,
    'To: support@shop.example.ru',
    `Subject: ${subject}`,
    'Date: Mon, 23 Nov 2026 10:00:00 +0300',
    ...(messageId ? [`Message-ID: ${messageId}`] : []),
    'MIME-Version: 1.0',
    `Content-Type: ${contentType}`,
    'Content-Transfer-Encoding: 8bit',
    ...headers,
  ].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`), typeof body === 'string' ? Buffer.from(body.replace(/\r?\n/g, '\r\n')) : body]);
}

function ok(result: ParseResult) {
  if (!result.ok) throw new Error(`parse failed: ${result.reason}`);
  return result;
}

const encodedWord = (text: string, charset: string) => `=?${charset}?B?${iconv.encode(text, charset).toString('base64')}?=`;

describe('EmailConfig', () => {
  const valid = {
    address: ' Support@Shop.Example.RU ',
    displayName: 'Магазин',
    imap: { host: 'imap.example.ru', user: 'support' },
    smtp: { host: 'smtp.example.ru' },
    imapPassword: 'p',
    attachmentsDir: '/tmp/att',
  };

  it('normalises the address and defaults ports, mailboxes and the attachment limit', () => {
    const config = EmailConfig.parse(valid);
    expect(config.address).toBe('support@shop.example.ru');
    expect(config.imap).toMatchObject({ port: 993, secure: true, mailboxes: ['INBOX'], pollSeconds: 60 });
    expect(config.smtp).toMatchObject({ port: 465, secure: true });
    expect(config.maxAttachmentBytes).toBe(20 * 1024 * 1024);
  });

  it('refuses a bad address, an empty mailbox list or a missing IMAP password', () => {
    expect(EmailConfig.safeParse({ ...valid, address: 'support' }).success).toBe(false);
    expect(EmailConfig.safeParse({ ...valid, imap: { ...valid.imap, mailboxes: [] } }).success).toBe(false);
    expect(EmailConfig.safeParse({ ...valid, imapPassword: undefined }).success).toBe(false);
  });

  it('declares both passwords as secrets', () => expect(emailAdapter.secretFields).toEqual(['imapPassword', 'smtpPassword']));
});

describe('parseEmail', () => {
  it('sanitises HTML: no scripts, styles, handlers, frames or forms; remote images held back', async () => {
    const { message } = ok(await parseEmail(await fixture('html.eml'), 'acc1'));
    expect(message).toMatchObject({
      channel: 'email',
      channelAccountId: 'acc1',
      providerMessageId: '<html-1@customer.example>',
      from: { kind: 'email', value: 'maria@customer.example', displayName: 'Мария Петрова' },
      subject: 'Где мой заказ?',
    });
    // The plain text is derived from the HTML when there is no text part.
    expect(message.body).toContain('Где мой заказ № 4815');
    const html = message.meta!.html as string;
    expect(html).toContain('Где мой заказ');
    for (const banned of ['<script', 'alert(', '<style', 'tracker.example/bg', 'onload', 'onclick', '<iframe', '<form', '<input', 'javascript:']) {
      expect(html).not.toContain(banned);
    }
    expect(html).toMatch(/<img [^>]*data-remote-src="https:\/\/tracker\.example\/pixel\.gif\?u=maria"/);
    expect(html).not.toMatch(/\ssrc="https?:/);
    expect(html).toContain('src="cid:logo@customer.example"');
    expect(html).toContain('<a href="https://shop.example.ru/orders/4815" target="_blank" rel="noopener noreferrer nofollow">');
    expect(message.meta!.remoteImages).toBe(1);
  });

  it('does not let a sender smuggle in its own data-remote-src', async () => {
    const raw = mail({ contentType: 'text/html; charset=utf-8', body: '<img data-remote-src="https://x.example/a.gif" src="cid:a">' });
    const html = ok(await parseEmail(raw)).message.meta!.html as string;
    expect(html).toBe('<img src="cid:a" />');
  });

  it.each([
    // KOI8-R has no №, dashes or guillemets; windows-1251 has them all.
    ['windows-1251', 'win1251', 'Здравствуйте! Заказ №123 не пришёл — верните деньги. «Ёжик» в подарок.'],
    ['koi8-r', 'koi8-r', 'Здравствуйте! Заказ 123 не пришёл, верните деньги. Ёжик и ёлка.'],
  ])('decodes %s body and subject', async (charset, iconvName, text) => {
    const raw = mail({ subject: encodedWord('Возврат денег', iconvName), contentType: `text/plain; charset=${charset}`, body: iconv.encode(text, iconvName), messageId: `<${charset}@customer.example>` });
    const { message } = ok(await parseEmail(raw));
    expect(message.body.trim()).toBe(text);
    expect(message.subject).toBe('Возврат денег');
    expect(message.from).toMatchObject({ value: 'ivan@customer.example', displayName: 'Иван' });
  });

  it('finds the quoted history «… написал(а):» and the «С уважением» signature', async () => {
    const body = [
      'Спасибо, посылку получил.',
      '',
      'С уважением,',
      'Иван',
      '',
      '23 нояб. 2026 г., в 10:00, Магазин <support@shop.example.ru> написал(а):',
      '> Ваш заказ отправлен.',
      '> Трек-номер: RA123456789RU',
      '',
    ].join('\n');
    const { message } = ok(await parseEmail(mail({ body })));
    const text = message.body;
    expect(message.meta!.quoted).toEqual({ quoteStart: text.indexOf('23 нояб.'), signatureStart: text.indexOf('С уважением') });
  });

  it('finds a wrapped "On … wrote:" header and a "-- " signature', async () => {
    const body = ['Thanks, got it.', '-- ', 'Ivan Petrov', '+7 912 345-67-89', '', 'On Mon, 23 Nov 2026 at 10:00, Shop Support', '<support@shop.example.ru> wrote:', '> Your order has shipped.'].join('\n');
    const { message } = ok(await parseEmail(mail({ body })));
    const text = message.body;
    expect(message.meta!.quoted).toEqual({ quoteStart: text.indexOf('On Mon'), signatureStart: text.indexOf('-- ') });
  });

  it('keeps interleaved answers visible and marks only a trailing quote', async () => {
    const body = ['> Which size?', 'M, please.', '> And the colour?', 'Blue.', '', '> Thank you for your order', '> Shop'].join('\n');
    const { message } = ok(await parseEmail(mail({ body })));
    expect(message.meta!.quoted).toEqual({ quoteStart: message.body.indexOf('> Thank you'), signatureStart: null });
  });

  it('keeps a sign-off in the middle of a long message as text', async () => {
    const body = ['С уважением к вашему труду, но заказ пришёл разбитым.', ...Array.from({ length: 10 }, (_, i) => `Строка ${i}`)].join('\n');
    expect(ok(await parseEmail(mail({ body }))).message.meta!.quoted).toEqual({ quoteStart: null, signatureStart: null });
  });

  it('threads by Message-ID, In-Reply-To and References', async () => {
    const raw = mail({ messageId: '<c@customer.example>', headers: ['In-Reply-To: <b@shop.example.ru>', 'References: <a@shop.example.ru> <b@shop.example.ru>'] });
    expect(ok(await parseEmail(raw)).message.threadKeys).toEqual(['<c@customer.example>', '<b@shop.example.ru>', '<a@shop.example.ru>']);
  });

  it('identifies a message without Message-ID by the hash of its bytes', async () => {
    const raw = mail({ body: 'no id' });
    const { message } = ok(await parseEmail(raw));
    expect(message.providerMessageId).toBe(`sha256:${createHash('sha256').update(raw).digest('hex')}`);
    expect(ok(await parseEmail(Buffer.from(raw))).message.providerMessageId).toBe(message.providerMessageId);
  });

  it.each([
    ['Auto-Submitted: auto-replied', 'auto-reply'],
    ['Auto-Submitted: auto-generated', 'auto-reply'],
    ['X-Autoreply: yes', 'auto-reply'],
    ['X-Autorespond: Out of office', 'auto-reply'],
    ['Precedence: auto_reply', 'auto-reply'],
    ['Precedence: bulk', 'bulk'],
    ['Precedence: junk', 'bulk'],
  ])('recognises "%s" as automatic', async (header, kind) => {
    const { message } = ok(await parseEmail(mail({ subject: 'Автоответ: Re: Заказ', headers: [header], body: 'Я в отпуске до 1 декабря.' })));
    expect(message.meta).toMatchObject({ autoSubmitted: true, automatic: kind });
    expect(message.automatic).toBe(true);
  });

  it('treats a person’s mail (and Auto-Submitted: no) as not automatic', async () => {
    for (const headers of [[], ['Auto-Submitted: no']]) {
      const { message } = ok(await parseEmail(mail({ headers })));
      expect(message.meta).toMatchObject({ autoSubmitted: false, automatic: null });
      expect(message.automatic).toBe(false);
    }
  });

  it('recognises a delivery status notification as a bounce', async () => {
    const { message } = ok(await parseEmail(await fixture('bounce.eml')));
    expect(message.meta).toMatchObject({ autoSubmitted: true, automatic: 'bounce' });
    expect(message.body).toContain('550 5.1.1 User unknown');
    expect(message.meta!.bounce).toEqual({
      originalMessageId: '<msg-42@shop.example.ru>',
      recipient: 'nobody@customer.example',
      status: '5.1.1',
      diagnostic: 'smtp; 550 5.1.1 User unknown',
      permanent: true,
    });
    const delayed = Buffer.from((await fixture('bounce.eml')).toString().replace('Action: failed', 'Action: delayed').replace('Status: 5.1.1', 'Status: 4.4.1'));
    expect(ok(await parseEmail(delayed)).message.meta!.bounce).toMatchObject({ status: '4.4.1', permanent: false });
    const plain = mail({ from: 'MAILER-DAEMON@mx.example', contentType: 'text/plain' });
    expect(ok(await parseEmail(plain)).message.meta).toMatchObject({ automatic: 'bounce', bounce: { originalMessageId: null, permanent: false } });
  });

  it('reads malformed MIME best-effort instead of throwing', async () => {
    const { message, attachments } = ok(await parseEmail(await fixture('malformed.eml')));
    expect(message.providerMessageId).toBe('<malformed-1@customer.example>');
    expect(typeof message.body).toBe('string');
    expect(attachments.map((part) => part.fileName)).toEqual(['cut.pdf']);
  });

  it('rejects with a reason what has no sender, and survives garbage bytes', async () => {
    expect(await parseEmail(Buffer.from('Subject: who?\r\n\r\nbody'))).toEqual({ ok: false, reason: 'no sender address in From' });
    expect(await parseEmail(Buffer.alloc(0))).toMatchObject({ ok: false });
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expect(await parseEmail(garbage)).toMatchObject({ ok: false });
  });

  it('caps subject and thread keys at what ingest accepts', async () => {
    const references = Array.from({ length: 150 }, (_, i) => `<r${i}@x.example>`).join(' ');
    const { message } = ok(await parseEmail(mail({ subject: 'Я'.repeat(800), messageId: '<m@x.example>', headers: [`References: ${references}`] })));
    expect(message.subject).toHaveLength(500);
    expect(message.threadKeys).toHaveLength(100);
    expect(message.threadKeys![0]).toBe('<m@x.example>');
    expect(message.threadKeys!.at(-1)).toBe('<r149@x.example>');
  });
});

describe('attachment store', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'threadline-attachments-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('stores content-addressed, once per content, and skips what is over the limit', async () => {
    const small = Buffer.from('%PDF-1.4 invoice');
    const big = Buffer.alloc(2048, 1);
    const stored = await storeAttachments(dir, 1024, [
      { fileName: '../../etc/Счёт.pdf', contentType: 'application/pdf', content: small },
      { fileName: 'copy.pdf', contentType: 'application/pdf', content: small, contentId: 'inv@x' },
      { fileName: 'video.mp4', contentType: 'video/mp4', content: big },
    ]);
    const sha256 = createHash('sha256').update(small).digest('hex');
    expect(stored.attachments).toEqual([
      { fileName: 'Счёт.pdf', contentType: 'application/pdf', size: small.length, sha256 },
      { fileName: 'copy.pdf', contentType: 'application/pdf', size: small.length, sha256 },
    ]);
    expect(stored.skipped).toEqual([{ fileName: 'video.mp4', contentType: 'video/mp4', size: 2048, reason: 'larger than the 1024-byte limit' }]);
    expect(stored.inline).toEqual({ 'inv@x': sha256 });
    expect(attachmentPath(dir, sha256)).toBe(path.join(dir, sha256.slice(0, 2), sha256));
    expect(await readFile(attachmentPath(dir, sha256))).toEqual(small);
  });
});

describe('SMTP send', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  const account = () => ({
    id: 'acc1',
    config: EmailConfig.parse({
      address: 'support@shop.example.ru',
      displayName: 'Магазин «Ромашка»',
      imap: { host: '127.0.0.1', user: 'x' },
      imapPassword: 'x',
      smtp: { host: sink.host, port: sink.port, secure: false },
      attachmentsDir: os.tmpdir(),
    }),
  });

  it('threads a reply: Message-ID from our id, In-Reply-To, References, one "Re:"', async () => {
    const before = sink.received.length;
    const result = await emailAdapter.send(account(), {
      messageId: 'msg-1',
      to: 'ivan@customer.example',
      subject: 'Заказ 123',
      body: 'Здравствуйте, Иван! Заказ уже в пути.',
      replyTo: ['<a@customer.example>', '<b@customer.example>'],
    });
    expect(result).toEqual({ providerMessageId: '<msg-1@shop.example.ru>' });
    expect(sink.received.length - before).toBe(1);
    const sent = sink.received.at(-1)!;
    expect(sent.to).toEqual(['ivan@customer.example']);
    const parsed = await simpleParser(sent.raw);
    expect(parsed.messageId).toBe('<msg-1@shop.example.ru>');
    expect(parsed.inReplyTo).toBe('<b@customer.example>');
    expect(parsed.references).toEqual(['<a@customer.example>', '<b@customer.example>']);
    expect(parsed.subject).toBe('Re: Заказ 123');
    expect(parsed.from?.value[0]).toEqual({ address: 'support@shop.example.ru', name: 'Магазин «Ромашка»' });
    expect(parsed.text?.trim()).toBe('Здравствуйте, Иван! Заказ уже в пути.');
  });

  it('sends a retried message with the same Message-ID', async () => {
    const send = () => emailAdapter.send(account(), { messageId: 'msg-2', to: 'ivan@customer.example', subject: 'Re: Заказ', body: 'x', replyTo: ['<a@x>'] });
    const [first, second] = [await send(), await send()];
    expect(second.providerMessageId).toBe(first.providerMessageId);
    const ids = await Promise.all(sink.received.slice(-2).map(async (sent) => (await simpleParser(sent.raw)).messageId));
    expect(ids).toEqual(['<msg-2@shop.example.ru>', '<msg-2@shop.example.ru>']);
  });

  it('does not double "Re:" and leaves a first message unprefixed', () => {
    expect(replySubject('Re: Заказ', true)).toBe('Re: Заказ');
    expect(replySubject('RE:Заказ', true)).toBe('RE:Заказ');
    expect(replySubject('Ответ: Заказ', true)).toBe('Ответ: Заказ');
    expect(replySubject('Заказ', false)).toBe('Заказ');
    expect(replySubject(undefined, true)).toBe('');
  });

  it('turns 550 user unknown into PermanentSendError', async () => {
    sink.rejectRecipients.add('nobody@customer.example');
    const error = await emailAdapter.send(account(), { messageId: 'msg-3', to: 'nobody@customer.example', body: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect((error as Error).message).toContain('550');
  });

  it('turns 451 into RetryLaterError and a refused connection into a retryable error', async () => {
    sink.deferRecipients.add('later@customer.example');
    const deferred = await emailAdapter.send(account(), { messageId: 'msg-4', to: 'later@customer.example', body: 'x' }).catch((e: unknown) => e);
    expect(deferred).toBeInstanceOf(RetryLaterError);
    const down = account();
    down.config.smtp.port = 1;
    const refused = await emailAdapter.send(down, { messageId: 'msg-5', to: 'ivan@customer.example', body: 'x' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Error);
    expect(refused).not.toBeInstanceOf(PermanentSendError);
    expect(refused).not.toBeInstanceOf(RetryLaterError);
  });
});

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.skipIf(!dovecotAvailable)('IMAP reader against dovecot', () => {
  let dovecot: Dovecot;
  let attachmentsDir: string;
  beforeAll(async () => {
    dovecot = await startDovecot();
    attachmentsDir = await mkdtemp(path.join(os.tmpdir(), 'threadline-email-att-'));
  });
  afterAll(async () => {
    await dovecot?.stop();
    await rm(attachmentsDir, { recursive: true, force: true });
  });

  /** A ChannelContext that records what was ingested and whether the mail was still unread at that moment. */
  function recordingContext(mailbox: string, failFirst = 0) {
    const ingested: InboundMessage[] = [];
    const seenAtIngest: boolean[] = [];
    const statuses: StatusUpdate[] = [];
    let failures = failFirst;
    const ctx: ChannelContext = {
      log: createLogger('silent'),
      async ingest(message) {
        const state = (await dovecot.messages(mailbox)).find((candidate) => candidate.messageId === message.providerMessageId);
        if (failures > 0) {
          failures -= 1;
          throw new Error('database is locked');
        }
        seenAtIngest.push(state?.seen ?? true);
        ingested.push(message);
        return { messageId: `m${ingested.length}`, duplicate: false };
      },
      async updateStatus(update) {
        statuses.push(update);
      },
      async rejected() {},
    };
    return { ctx, ingested, seenAtIngest, statuses };
  }

  function reader(ctx: ChannelContext, mailboxes: string[]): ImapReader {
    const config = EmailConfig.parse({
      address: 'support@shop.example.ru',
      displayName: 'Shop',
      // A poll an hour apart: anything picked up within the test came through IDLE.
      imap: { host: dovecot.host, port: dovecot.port, secure: false, user: dovecot.user, mailboxes, pollSeconds: 3600 },
      imapPassword: dovecot.password,
      smtp: { host: '127.0.0.1' },
      attachmentsDir,
      maxAttachmentBytes: 1024,
    });
    return startImapReader({ accountId: 'acc1', config, ctx, backoff: { initialMs: 50, maxMs: 200 } });
  }

  const withAttachment = (messageId: string, size: number) =>
    mail({
      messageId,
      contentType: 'multipart/mixed; boundary="b"',
      body: ['--b', 'Content-Type: text/plain; charset=utf-8', '', 'Фото чека во вложении', '--b', 'Content-Type: image/jpeg; name="check.jpg"', 'Content-Disposition: attachment; filename="check.jpg"', 'Content-Transfer-Encoding: base64', '', Buffer.alloc(size, 7).toString('base64'), '--b--', ''].join('\r\n'),
    });

  it('ingests each unread message once, marks it \\Seen after ingest, and IDLE brings new mail', async () => {
    await dovecot.deliver(mail({ messageId: '<one@customer.example>', body: 'Первое' }));
    await dovecot.deliver(withAttachment('<two@customer.example>', 100));
    const { ctx, ingested, seenAtIngest } = recordingContext('INBOX');
    const first = reader(ctx, ['INBOX']);
    try {
      await until(() => ingested.length === 2);
      expect(ingested.map((message) => message.providerMessageId)).toEqual(['<one@customer.example>', '<two@customer.example>']);
      expect(seenAtIngest).toEqual([false, false]);
      expect(ingested[0]).toMatchObject({ channel: 'email', channelAccountId: 'acc1', body: expect.stringContaining('Первое'), meta: { mailbox: 'INBOX' } });
      const [attachment] = ingested[1]!.attachments!;
      expect(attachment).toMatchObject({ fileName: 'check.jpg', contentType: 'image/jpeg', size: 100 });
      expect((await readFile(attachmentPath(attachmentsDir, attachment!.sha256))).length).toBe(100);
      await until(async () => (await dovecot.messages()).every((message) => message.seen));

      // Delivered while the reader sits in IDLE: with an hour-long poll, only IDLE can bring it in time.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await dovecot.deliver(mail({ messageId: '<three@customer.example>', body: 'Третье' }));
      await until(() => ingested.length === 3, 5000);
      await until(() => first.cursors().INBOX?.lastUid === 3);
    } finally {
      await first.stop();
    }

    // A restarted reader with no memory of the cursor skips what is \Seen and reads only the new message.
    const second = reader(ctx, ['INBOX']);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await dovecot.deliver(mail({ messageId: '<four@customer.example>', body: 'Четвёртое' }));
      await until(() => ingested.length === 4);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(ingested.map((message) => message.providerMessageId)).toEqual(['<one@customer.example>', '<two@customer.example>', '<three@customer.example>', '<four@customer.example>']);
    } finally {
      await second.stop();
    }
  });

  it('ingests mail a person already read in another client once the reader is watching', async () => {
    await dovecot.deliver(mail({ messageId: '<old@customer.example>' }), 'Shared', ['\\Seen']);
    const { ctx, ingested } = recordingContext('Shared');
    const watching = reader(ctx, ['Shared']);
    try {
      await until(() => watching.cursors().Shared?.lastUid === 1);
      await dovecot.deliver(mail({ messageId: '<read-elsewhere@customer.example>' }), 'Shared', ['\\Seen']);
      await until(() => ingested.length === 1);
      expect(ingested[0]?.providerMessageId).toBe('<read-elsewhere@customer.example>');
    } finally {
      await watching.stop();
    }
  });

  it('leaves a message unread when ingest fails, and delivers it after reconnecting', async () => {
    await dovecot.deliver(mail({ messageId: '<retry@customer.example>' }), 'Retry');
    const { ctx, ingested, seenAtIngest } = recordingContext('Retry', 1);
    const watching = reader(ctx, ['Retry']);
    try {
      await until(() => ingested.length === 1);
      expect(seenAtIngest).toEqual([false]);
      await until(async () => (await dovecot.messages('Retry')).every((message) => message.seen));
    } finally {
      await watching.stop();
    }
  });

  it('reads several mailboxes, skips an unreadable message without losing its neighbour, records skipped attachments, reports bounces', async () => {
    await dovecot.deliver(withAttachment('<big@customer.example>', 4096), 'Sales');
    await dovecot.deliver(await fixture('bounce.eml'), 'Sales');
    await dovecot.deliver('Subject: no sender\r\n\r\nwho am I?\r\n', 'Support');
    await dovecot.deliver(mail({ messageId: '<support@customer.example>' }), 'Support');
    const { ctx, ingested, statuses } = recordingContext('Support');
    const watching = reader(ctx, ['Sales', 'Support']);
    try {
      // The status and \Seen follow ingest: wait for them rather than race them.
      await until(() => ingested.length === 3 && statuses.length === 1);
      expect(statuses).toEqual([{ channel: 'email', providerMessageId: '<msg-42@shop.example.ru>', status: 'failed', failureReason: '5.1.1 smtp; 550 5.1.1 User unknown' }]);
      const byId = new Map(ingested.map((message) => [message.providerMessageId, message]));
      expect(byId.get('<support@customer.example>')?.meta).toMatchObject({ mailbox: 'Support' });
      const big = byId.get('<big@customer.example>')!;
      expect(big.attachments).toEqual([]);
      expect(big.meta).toMatchObject({ mailbox: 'Sales', skippedAttachments: [{ fileName: 'check.jpg', size: 4096, reason: 'larger than the 1024-byte limit' }] });
      await until(async () => (await dovecot.messages('Support'))[1]?.seen === true);
      expect((await dovecot.messages('Support'))[0]?.seen).toBe(false);
    } finally {
      await watching.stop();
    }
  });
});
