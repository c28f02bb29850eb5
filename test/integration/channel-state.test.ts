// Readers remember where they stopped (ChannelAccount.state) across hub restarts, and every account shows
// when it last synced: an IMAP pass, a Telegram poll, an accepted webhook.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrlFor, openDatabase } from '../../main/server/db/client.ts';
import { startTwilioSimulator } from '../../main/server/channels/sms/simulator.ts';
import { startTelegramSimulator, type SimulatedUser } from '../../main/server/channels/telegram/simulator.ts';
import { startTestHub, type TestHub } from './fixtures/hub.ts';
import { dovecotAvailable, startDovecot, startSmtpSink, type Dovecot, type SmtpSink } from './fixtures/mailServers.ts';

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'threadline-state-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** A hub on the shared data folder: stopping and starting it again is a restart. */
const startHub = () => startTestHub({ dataDir });

const mail = (id: string, subject: string) =>
  `From: Анна <anna@example.ru>\r\nTo: support@example.ru\r\nSubject: ${subject}\r\nMessage-ID: <${id}@example.ru>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0300\r\n\r\n${subject}\r\n`;

describe.skipIf(!dovecotAvailable)('IMAP positions across restarts', () => {
  let dovecot: Dovecot;
  let smtp: SmtpSink;
  let t: TestHub | null = null;
  const ACCOUNT = 'mail-state';

  beforeAll(async () => {
    dovecot = await startDovecot();
    smtp = await startSmtpSink();
    const first = await startHub();
    await first.hub.accounts.save({
      id: ACCOUNT,
      kind: 'email',
      name: 'Почта',
      settings: {
        address: 'support@example.ru',
        displayName: 'Поддержка',
        imap: { host: dovecot.host, port: dovecot.port, secure: false, user: dovecot.user, pollSeconds: 5 },
        smtp: { host: smtp.host, port: smtp.port, secure: false },
        attachmentsDir: path.join(dataDir, 'attachments'),
      },
      secrets: { imapPassword: dovecot.password },
    });
    await first.stop();
  });
  afterAll(async () => {
    await t?.stop();
    await smtp.close();
    await dovecot.stop();
  });

  const subjects = async (hub: TestHub) => (await hub.hub.db.message.findMany({ where: { channel: 'email' }, orderBy: { createdAt: 'asc' } })).map((m) => m.subject);
  const markUnseen = async (uid: number) => {
    const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    await client.connect();
    await client.mailboxOpen('INBOX');
    await client.messageFlagsRemove(String(uid), ['\\Seen'], { uid: true });
    await client.logout();
  };

  it('saves the mailbox position and the last sync as it reads', async () => {
    await dovecot.deliver(mail('a1', 'Первое письмо'));
    t = await startHub();
    const hub = t;
    await until(async () => (await subjects(hub)).includes('Первое письмо'));
    await until(async () => {
      const row = await hub.hub.db.channelAccount.findUniqueOrThrow({ where: { id: ACCOUNT } });
      return row.state !== null && row.lastSyncAt !== null;
    });
    await t.stop();
    t = null;
    const db = await openDatabase(databaseUrlFor(dataDir));
    const row = await db.channelAccount.findUniqueOrThrow({ where: { id: ACCOUNT } });
    await db.$disconnect();
    expect(JSON.parse(row.state!)).toEqual({ cursors: { INBOX: { uidValidity: expect.any(String), lastUid: 1 } } });
  });

  it('resumes after a restart: mail read before is not read again, mail read elsewhere meanwhile is', async () => {
    // Unread again, it would be fetched by a reader without a position; one already read in another
    // client since would be skipped by one.
    await markUnseen(1);
    await dovecot.deliver(mail('a2', 'Прочитано в другом клиенте'), 'INBOX', ['\\Seen']);
    t = await startHub();
    const hub = t;
    await until(async () => (await subjects(hub)).includes('Прочитано в другом клиенте'));
    expect(await subjects(hub)).toEqual(['Первое письмо', 'Прочитано в другом клиенте']);
    expect((await dovecot.messages()).find((m) => m.uid === 1)?.seen).toBe(false);
    await t.stop();
    t = null;
  });

  it('starts without a position, and without crashing, when the saved one is unreadable', async () => {
    const db = await openDatabase(databaseUrlFor(dataDir));
    await db.channelAccount.update({ where: { id: ACCOUNT }, data: { state: '{"cursors": "not a map"' } });
    await db.$disconnect();
    await dovecot.deliver(mail('a3', 'После сбоя'));
    t = await startHub();
    const hub = t;
    await until(async () => (await subjects(hub)).includes('После сбоя'));
    await until(async () => JSON.parse((await hub.hub.db.channelAccount.findUniqueOrThrow({ where: { id: ACCOUNT } })).state ?? '{}').cursors?.INBOX?.lastUid === 3);
  });
});

describe('Telegram offset across restarts', () => {
  const BOT_TOKEN = `7012345678:${'C'.repeat(35)}`;
  const ANNA: SimulatedUser = { id: 284_710_355, first_name: 'Анна' };
  const ACCOUNT = 'tg-state';

  it('saves the getUpdates offset and resumes from it', async () => {
    const sim = await startTelegramSimulator({ botToken: BOT_TOKEN });
    try {
      const first = await startHub();
      await first.hub.accounts.save({
        id: ACCOUNT,
        kind: 'telegram',
        name: 'Бот',
        settings: { mode: 'polling', apiBaseUrl: sim.url, pollTimeoutSeconds: 1 },
        secrets: { botToken: BOT_TOKEN },
      });
      await first.stop();

      const second = await startHub();
      const update = sim.queueUpdate(sim.textUpdate(ANNA, 'Здравствуйте'));
      await until(async () => {
        const row = await second.hub.db.channelAccount.findUniqueOrThrow({ where: { id: ACCOUNT } });
        return row.state === JSON.stringify({ offset: update.update_id + 1 }) && row.lastSyncAt !== null;
      });
      expect(await second.hub.db.message.count({ where: { channel: 'telegram' } })).toBe(1);
      await second.stop();

      const polled = sim.getUpdatesOffsets.length;
      const third = await startHub();
      await until(async () => sim.getUpdatesOffsets.length > polled);
      await third.stop();
      expect(sim.getUpdatesOffsets[polled]).toBe(update.update_id + 1);
    } finally {
      await sim.close();
    }
  });
});

describe('last sync from webhooks', () => {
  it('is set when a webhook is accepted, and not rewritten for every one', async () => {
    const sid = `AC${'d'.repeat(32)}`;
    const sim = await startTwilioSimulator({ accountSid: sid, authToken: 'hook-token' });
    const t = await startTestHub();
    try {
      await t.hub.accounts.save({
        id: 'sms-sync',
        kind: 'sms',
        name: 'SMS',
        settings: { accountSid: sid, fromNumber: '+74950000000', apiBaseUrl: sim.url, webhookBaseUrl: t.hub.url },
        secrets: { authToken: 'hook-token' },
      });
      const lastSync = async () => (await t.hub.db.channelAccount.findUniqueOrThrow({ where: { id: 'sms-sync' } })).lastSyncAt;
      expect(await lastSync()).toBeNull();
      const webhookUrl = `${t.hub.url}/webhooks/sms/sms-sync/inbound`;

      // A forged webhook is not a sync.
      const forged = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'forged' }, body: 'Body=x' });
      expect(forged.status).toBe(401);
      await t.hub.accounts.flush();
      expect(await lastSync()).toBeNull();

      expect(await sim.sendInbound({ from: '+79123456789', to: '+74950000000', body: 'Первое', webhookUrl })).toBe(200);
      await until(async () => (await lastSync()) !== null);
      const first = await lastSync();
      expect(await sim.sendInbound({ from: '+79123456789', to: '+74950000000', body: 'Второе', webhookUrl })).toBe(200);
      await t.hub.accounts.flush();
      expect(await lastSync()).toEqual(first);
    } finally {
      await t.stop();
      await sim.close();
    }
  });
});
