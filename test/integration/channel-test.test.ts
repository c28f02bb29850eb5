// Settings → Channels "Test connection" through a running hub: each channel against its simulator or real
// mail servers, wrong credentials and closed ports answered with a clear reason, the result recorded on
// a saved account, a form tested with its blank secrets taken from the saved account, and admins only.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelTestInput } from '../../common/api/channelSettings.ts';
import { runConnectionTest } from '../../main/server/channels/connectionTest.ts';
import { smsAdapter } from '../../main/server/channels/sms/index.ts';
import { startTwilioSimulator, type TwilioSimulator } from '../../main/server/channels/sms/simulator.ts';
import { TwilioConfig } from '../../main/server/channels/sms/config.ts';
import { startTelegramSimulator, type TelegramSimulator } from '../../main/server/channels/telegram/simulator.ts';
import { call, data, startTestHub, type DeskSocket, type TestHub } from './fixtures/hub.ts';
import { dovecotAvailable, startDovecot, startSmtpSink, type Dovecot, type SmtpSink } from './fixtures/mailServers.ts';
import { buildWorld, USERS } from './fixtures/world.ts';

const SID = `AC${'b'.repeat(32)}`;
const BOT_TOKEN = `7012345678:${'A'.repeat(35)}`;

let t: TestHub;
let admin: DeskSocket;
let twilio: TwilioSimulator;
let telegram: TelegramSimulator;
/** A loopback port nothing listens on. */
let closedPort: number;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const test = (input: ChannelTestInput) => call(admin, 'channel.test', input);
const smsSettings = (apiBaseUrl: string) => ({ accountSid: SID, fromNumber: '+74950000000', apiBaseUrl, webhookBaseUrl: 'http://127.0.0.1:1' });

beforeAll(async () => {
  t = await startTestHub();
  await buildWorld(t.hub.db);
  admin = await t.connect((await t.signIn(USERS.admin)).token);
  twilio = await startTwilioSimulator({ accountSid: SID, authToken: 'right-token' });
  telegram = await startTelegramSimulator({ botToken: BOT_TOKEN });
  closedPort = await freePort();
  await t.hub.accounts.save({ id: 'sms-test', kind: 'sms', name: 'SMS', settings: smsSettings(twilio.url), secrets: { authToken: 'right-token' } });
  await t.hub.accounts.save({
    id: 'tg-test',
    kind: 'telegram',
    name: 'Bot',
    settings: { mode: 'polling', apiBaseUrl: telegram.url },
    secrets: { botToken: BOT_TOKEN },
  });
});
afterAll(async () => {
  await twilio.close();
  await telegram.close();
  await t.stop();
});

describe('channel.test for SMS (Twilio)', () => {
  it('reads the Twilio account of a saved SMS account and clears its last error', async () => {
    await t.hub.db.channelAccount.update({ where: { id: 'sms-test' }, data: { lastError: 'old trouble', lastErrorAt: new Date() } });
    expect(data(await test({ id: 'sms-test' }))).toEqual({ ok: true, detail: 'Twilio account "Threadline simulator" is active' });
    const row = await t.hub.db.channelAccount.findUniqueOrThrow({ where: { id: 'sms-test' } });
    expect(row).toMatchObject({ lastError: null, lastErrorAt: null });
    // Nothing was sent to test it.
    expect(twilio.sent).toHaveLength(0);
  });

  it('says a wrong token is wrong, and records it on the saved account', async () => {
    await t.hub.accounts.save({ id: 'sms-wrong', kind: 'sms', name: 'SMS wrong', settings: smsSettings(twilio.url), secrets: { authToken: 'wrong-token' } });
    const result = data(await test({ id: 'sms-wrong' }));
    expect(result).toEqual({ ok: false, timedOut: false, reason: 'Twilio 20003: Authenticate — check the Account SID and Auth Token' });
    const row = await t.hub.db.channelAccount.findUniqueOrThrow({ where: { id: 'sms-wrong' } });
    expect(row.lastError).toBe(`Test connection: ${result.ok ? '' : result.reason}`);
    expect(row.lastErrorAt).not.toBeNull();
    const view = data(await call(admin, 'channel.list', {})).find((a) => a.id === 'sms-wrong');
    expect(view?.lastError).toContain('Authenticate');
  });

  it('says which address refused the connection', async () => {
    const result = data(await test({ form: { kind: 'sms', settings: smsSettings(`http://127.0.0.1:${closedPort}`), secrets: { authToken: 'right-token' } } }));
    expect(result).toEqual({ ok: false, timedOut: false, reason: `Twilio unreachable at http://127.0.0.1:${closedPort}: connection refused (127.0.0.1:${closedPort})` });
  });

  it('tests an edited form with the stored secret when its secret field is left blank, recording nothing', async () => {
    // The saved account has the wrong token; the form fixes nothing but the address, so the stored one is used.
    expect(data(await test({ id: 'sms-wrong', form: { kind: 'sms', settings: smsSettings(twilio.url), secrets: { authToken: '' } } })).ok).toBe(false);
    // A token typed into the form replaces the stored one for this test only.
    expect(data(await test({ id: 'sms-wrong', form: { kind: 'sms', settings: smsSettings(twilio.url), secrets: { authToken: 'right-token' } } })).ok).toBe(true);
    const row = await t.hub.db.channelAccount.findUniqueOrThrow({ where: { id: 'sms-wrong' } });
    expect(row.lastError).toMatch(/^Test connection: Twilio 20003/);
  });

  it('answers invalid form settings with the fields to fix, like save does', async () => {
    const result = await test({ form: { kind: 'sms', settings: { ...smsSettings(twilio.url), accountSid: 'nope' }, secrets: {} } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('BAD_REQUEST');
      expect(result.error.fields?.map((f) => f.path).sort()).toEqual(['secrets.authToken', 'settings.accountSid']);
    }
    expect((await test({ id: 'no-such-account' })).ok).toBe(false);
  });

  it('is audited with its outcome and never with the secrets tried', async () => {
    const entries = await t.hub.db.auditEntry.findMany({ where: { action: 'channel.test' } });
    expect(entries.length).toBeGreaterThanOrEqual(5);
    expect(entries.map((e) => e.details).join('\n')).not.toContain('right-token');
    const saved = entries.find((e) => e.subjectId === 'sms-test');
    expect(JSON.parse(saved!.details!)).toMatchObject({ ok: true, unsaved: false });
  });
});

describe('channel.test for Telegram and web chat', () => {
  it('names the bot getMe answers for', async () => {
    expect(data(await test({ id: 'tg-test' }))).toEqual({ ok: true, detail: '@threadline_demo_bot (Threadline Demo)' });
  });

  it('says Telegram does not know a wrong token, without quoting it', async () => {
    const otherToken = `7012345678:${'B'.repeat(35)}`;
    const result = data(await test({ id: 'tg-test', form: { kind: 'telegram', settings: { mode: 'polling', apiBaseUrl: telegram.url }, secrets: { botToken: otherToken } } }));
    expect(result).toEqual({ ok: false, timedOut: false, reason: 'Telegram getMe 401: Unauthorized — Telegram does not know this bot token' });
  });

  it('hides the token when the API address refuses the connection', async () => {
    const result = data(await test({ form: { kind: 'telegram', settings: { mode: 'polling', apiBaseUrl: `http://127.0.0.1:${closedPort}` }, secrets: { botToken: BOT_TOKEN } } }));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toContain('connection refused');
    expect(JSON.stringify(result)).not.toContain(BOT_TOKEN);
  });

  it('passes web chat, which has nothing outside the hub', async () => {
    expect(data(await test({ form: { kind: 'webchat', settings: { allowedOrigins: ['https://shop.example.ru'] }, secrets: { tokenSecret: 'x'.repeat(32) } } }))).toMatchObject({ ok: true });
  });
});

describe('channel.test permissions', () => {
  it('refuses anyone but an admin', async () => {
    for (const user of [USERS.agent, USERS.supervisor]) {
      const socket = await t.connect((await t.signIn(user)).token);
      const result = await call(socket, 'channel.test', { id: 'sms-test' });
      expect(!result.ok && result.error.code).toBe('FORBIDDEN');
    }
  });
});

describe('the time limit', () => {
  let silent: Server;
  beforeAll(async () => {
    // Accepts connections and never answers: a host that is up but dead.
    silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    silent.close();
  });

  it('gives up with "timed out" when the provider never answers', async () => {
    const { port } = silent.address() as { port: number };
    const config = TwilioConfig.parse({ ...smsSettings(`http://127.0.0.1:${port}`), authToken: 'right-token' });
    const started = Date.now();
    expect(await runConnectionTest(smsAdapter, { id: 'slow', config }, 300)).toEqual({ ok: false, timedOut: true, reason: 'No answer within 0.3 s' });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe.skipIf(!dovecotAvailable)('channel.test for e-mail against dovecot and an SMTP server', () => {
  let dovecot: Dovecot;
  let smtp: SmtpSink;
  let attachmentsDir: string;
  const SMTP_LOGIN = { user: 'sender', pass: 'smtp-secret' };

  beforeAll(async () => {
    dovecot = await startDovecot();
    smtp = await startSmtpSink(SMTP_LOGIN);
    attachmentsDir = await mkdtemp(path.join(os.tmpdir(), 'threadline-att-'));
    await dovecot.deliver('From: a@example.ru\r\nSubject: hi\r\n\r\nhello\r\n', 'Shared');
  });
  afterAll(async () => {
    await smtp.close();
    await dovecot.stop();
    await rm(attachmentsDir, { recursive: true, force: true });
  });

  const form = (overrides: { imapPort?: number; smtpPort?: number; imapPassword?: string; smtpPassword?: string; mailboxes?: string[] } = {}) => ({
    kind: 'email' as const,
    settings: {
      address: 'support@example.ru',
      displayName: 'Поддержка',
      imap: { host: dovecot.host, port: overrides.imapPort ?? dovecot.port, secure: false, user: dovecot.user, mailboxes: overrides.mailboxes ?? ['INBOX', 'Shared'] },
      smtp: { host: smtp.host, port: overrides.smtpPort ?? smtp.port, secure: false, user: SMTP_LOGIN.user },
      attachmentsDir,
    },
    secrets: { imapPassword: overrides.imapPassword ?? dovecot.password, smtpPassword: overrides.smtpPassword ?? SMTP_LOGIN.pass },
  });

  it('logs in to both servers and finds the folders', async () => {
    expect(data(await test({ form: form() }))).toEqual({
      ok: true,
      detail: `IMAP ${dovecot.host}:${dovecot.port}: INBOX, Shared found; SMTP ${smtp.host}:${smtp.port} accepted the login`,
    });
    expect(smtp.received).toHaveLength(0);
  });

  it('says which login was refused', async () => {
    const imapWrong = data(await test({ form: form({ imapPassword: 'wrong' }) }));
    expect(imapWrong).toEqual({ ok: false, timedOut: false, reason: `IMAP ${dovecot.host}:${dovecot.port}: login refused for ${dovecot.user} (wrong user name or password)` });
    const smtpWrong = data(await test({ form: form({ smtpPassword: 'wrong' }) }));
    expect(smtpWrong).toEqual({ ok: false, timedOut: false, reason: `SMTP ${smtp.host}:${smtp.port}: login refused for ${SMTP_LOGIN.user} (wrong user name or password)` });
  });

  it('says which server refused the connection, and which folder is missing', async () => {
    const closed = data(await test({ form: form({ imapPort: closedPort, smtpPort: closedPort }) }));
    expect(closed.ok).toBe(false);
    if (!closed.ok) {
      expect(closed.reason).toContain(`IMAP ${dovecot.host}:${closedPort}: connection refused`);
      expect(closed.reason).toContain(`SMTP ${smtp.host}:${closedPort}: connection refused`);
    }
    const missing = data(await test({ form: form({ mailboxes: ['INBOX', 'Архив'] }) }));
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.reason).toMatch(/^IMAP .*: no folder "Архив" \(the server has .*INBOX/);
  });
});
