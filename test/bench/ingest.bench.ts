// Sustained ingest through the webhook path: N distinct inbound webhooks (half signed Twilio SMS forms,
// half Telegram updates with the secret header) from 2,000 senders, POSTed over loopback HTTP with bounded
// concurrency to a running hub. Each webhook is answered only after its commit, so requests/s is durable
// messages/s; the Message count must equal N. Then a replay of already-ingested webhooks must store nothing.
// Baseline: the raw write ceiling, the same number of Message-wide rows inserted over @libsql/client in
// batched transactions. A profile pass calls ingestInbound directly, counting its SQL statements.
import { createClient } from '@libsql/client';
import { inboundToMessage } from '../../main/server/channels/sms/wire.ts';
import { computeTwilioSignature } from '../../main/server/channels/sms/signature.ts';
import { updateToMessage, type TelegramUpdate } from '../../main/server/channels/telegram/wire.ts';
import { openDatabase, type Db } from '../../main/server/db/client.ts';
import { systemClock } from '../../main/server/jobs/clock.ts';
import { applyChannelEvidence } from '../../main/server/services/identity/channelEvidence.ts';
import { openIngestWriter } from '../../main/server/services/inbox/ingestWriter.ts';
import type { InboundMessage } from '../../common/api/channels.ts';
import { startTestHub } from '../integration/fixtures/hub.ts';
import { postAllFromWorker, runPool, scaled, tempDatabase, type BenchFigure, type BenchResult } from './harness.ts';

export const name = 'ingest';
export const description = 'webhook ingest (SMS + Telegram over loopback HTTP): durable deduplicated msg/s vs raw libsql inserts; replay dedup';

const CONCURRENCY = Number(process.env.INGEST_CONCURRENCY ?? 128);
const SENDERS = 2_000;
const SMS_ACCOUNT = 'sms-bench';
const TG_ACCOUNT = 'tg-bench';
const ACCOUNT_SID = `AC${'a'.repeat(32)}`;
const AUTH_TOKEN = 'bench-auth-token';
const TG_SECRET = 'bench_webhook-secret-01';
const BOT_TOKEN = '7012345678:AAF' + 'k3Jx_9-QwErTyUiOpAsDfGhJkLzXcVbNm'.slice(0, 32);
const TO = '+74950000000';
const FIRST_NAMES = ['Анна', 'Олег', 'Мария', 'Иван', 'Екатерина', 'Дмитрий', 'Ольга', 'Сергей'];
const TEXTS = [
  'Здравствуйте! Где мой заказ? Номер',
  'Добрый день, хочу вернуть товар по чеку',
  'Подскажите, работает ли магазин на Тверской в воскресенье? Заявка',
  'Сколько баллов на карте лояльности? Спасибо, обращение',
];

interface Webhook {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The same webhook as the adapter maps it, for the direct ingestInbound pass. */
  message: () => InboundMessage;
}

/** N distinct webhooks, alternating SMS and Telegram, senders reused round-robin; bodies and signatures precomputed. */
function buildWebhooks(count: number, hubUrl: string): Webhook[] {
  const hooks: Webhook[] = [];
  const date = Math.floor(Date.now() / 1000);
  for (let i = 0; i < count; i++) {
    const sender = Math.floor(i / 2) % (SENDERS / 2);
    const text = `${TEXTS[i % TEXTS.length]} ${100_000 + i}`;
    if (i % 2 === 0) {
      const params = {
        MessageSid: `SM${i.toString(16).padStart(32, '0')}`,
        AccountSid: ACCOUNT_SID,
        From: `+7916${String(1_000_000 + sender).padStart(7, '0')}`,
        To: TO,
        Body: text,
        NumMedia: '0',
        NumSegments: '1',
      };
      const path = `/webhooks/sms/${SMS_ACCOUNT}/inbound`;
      hooks.push({
        path,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': computeTwilioSignature(AUTH_TOKEN, `${hubUrl}${path}`, params) },
        body: new URLSearchParams(params).toString(),
        message: () => inboundToMessage(params, SMS_ACCOUNT),
      });
    } else {
      const chatId = 300_000_000 + sender;
      const update: TelegramUpdate = {
        update_id: 500_000 + i,
        message: {
          message_id: i,
          from: { id: chatId, is_bot: false, first_name: FIRST_NAMES[sender % FIRST_NAMES.length]!, language_code: 'ru' },
          chat: { id: chatId, type: 'private' },
          date,
          text,
        },
      };
      hooks.push({
        path: `/webhooks/telegram/${TG_ACCOUNT}`,
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET },
        body: JSON.stringify(update),
        message: () => updateToMessage(update, TG_ACCOUNT)!,
      });
    }
  }
  return hooks;
}

/** POSTs every webhook with `concurrency` in flight from a load worker; the wall time in ms. */
const postAll = (hubUrl: string, hooks: readonly Webhook[]) =>
  postAllFromWorker(hooks.map((h) => ({ url: `${hubUrl}${h.path}`, headers: h.headers, body: h.body })), CONCURRENCY);

/** The raw write ceiling: `count` Message-wide rows in transactions of 1,000 prepared inserts over @libsql/client. */
async function rawInsertMsPerRow(count: number): Promise<{ batchedMs: number; perRowTxMs: number; perRowTxRows: number }> {
  const target = await tempDatabase('ingest-raw');
  const raw = createClient({ url: target.url });
  try {
    await raw.execute('PRAGMA journal_mode = WAL');
    await raw.execute('PRAGMA synchronous = NORMAL');
    await raw.execute(`CREATE TABLE RawMessage (
      id TEXT PRIMARY KEY, conversationId TEXT NOT NULL, customerId TEXT NOT NULL, channel TEXT NOT NULL, channelAccountId TEXT,
      direction TEXT NOT NULL, body TEXT NOT NULL, providerMessageId TEXT, status TEXT NOT NULL, meta TEXT NOT NULL,
      sentAt INTEGER NOT NULL, createdAt INTEGER NOT NULL, UNIQUE (channel, providerMessageId))`);
    const row = (i: number) => ({
      sql: 'INSERT INTO RawMessage VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      args: [
        `cm${i.toString(36).padStart(23, '0')}`,
        `cc${(i % 2000).toString(36).padStart(23, '0')}`,
        `cu${(i % 2000).toString(36).padStart(23, '0')}`,
        i % 2 ? 'telegram' : 'sms',
        i % 2 ? TG_ACCOUNT : SMS_ACCOUNT,
        'inbound',
        `${TEXTS[i % TEXTS.length]} ${100_000 + i}`,
        `SM${i.toString(16).padStart(32, '0')}`,
        'received',
        JSON.stringify({ to: TO, accountSid: ACCOUNT_SID, optOut: false, threadKeys: [], attachments: [], content: [] }),
        Date.now(),
        Date.now(),
      ],
    });
    const BATCH = 1_000;
    const start = performance.now();
    for (let from = 0; from < count; from += BATCH) {
      const stmts = [];
      for (let i = from; i < Math.min(count, from + BATCH); i++) stmts.push(row(i));
      await raw.batch(stmts, 'write');
    }
    const batchedMs = performance.now() - start;
    // One transaction per row, as a webhook-at-a-time writer commits: the ceiling without batching.
    const perRowTxRows = Math.min(count, 5_000);
    const startPerRow = performance.now();
    for (let i = count; i < count + perRowTxRows; i++) await raw.batch([row(i)], 'write');
    return { batchedMs, perRowTxMs: performance.now() - startPerRow, perRowTxRows };
  } finally {
    raw.close();
    target.remove();
  }
}

/** The ingest writer (+ channel evidence, as the hub's context does) called directly at the same concurrency: ingest without HTTP. */
async function directIngest(hooks: readonly Webhook[], accounts: Db): Promise<{ ms: number; commits: number; messages: number }> {
  const target = await tempDatabase('ingest-direct');
  const db = await openDatabase(target.url);
  const inbound = await openIngestWriter(target.url, systemClock);
  try {
    // Messages reference their channel account: the same two rows as the hub's.
    await db.channelAccount.createMany({ data: await accounts.channelAccount.findMany({ where: { id: { in: [SMS_ACCOUNT, TG_ACCOUNT] } } }) });
    const messages = hooks.map((h) => h.message());
    const start = performance.now();
    await runPool(messages.length, CONCURRENCY, async (i) => {
      const message = messages[i]!;
      const result = await inbound.ingest(message);
      if (!result.duplicate) await applyChannelEvidence(db, result.customerId, message.meta);
    });
    return { ms: performance.now() - start, ...inbound.stats() };
  } finally {
    await inbound.close();
    await db.$disconnect();
    target.remove();
  }
}

export async function run(): Promise<BenchResult> {
  const count = scaled(20_000);
  const replayCount = Math.min(count, scaled(10_000));
  const profileCount = Math.min(count, scaled(4_000));

  const raw = await rawInsertMsPerRow(count);
  const rawRate = count / (raw.batchedMs / 1000);

  // As in production: the ingest writer on its own thread.
  const t = await startTestHub({ logLevel: 'silent' }, { ingestThread: true });
  try {
    await t.hub.accounts.save({
      id: SMS_ACCOUNT,
      kind: 'sms',
      name: 'SMS (bench)',
      settings: { accountSid: ACCOUNT_SID, fromNumber: TO, apiBaseUrl: 'http://127.0.0.1:9', webhookBaseUrl: t.hub.url },
      secrets: { authToken: AUTH_TOKEN },
    });
    await t.hub.accounts.save({
      id: TG_ACCOUNT,
      kind: 'telegram',
      name: 'Telegram (bench)',
      settings: { mode: 'webhook', apiBaseUrl: 'http://127.0.0.1:9' },
      secrets: { botToken: BOT_TOKEN, webhookSecret: TG_SECRET },
    });
    const hooks = buildWebhooks(count, t.hub.url);

    // Warm-up on webhooks outside the measured set (JIT, prepared statements, connections); not counted.
    const warmup = buildWebhooks(count + 400, t.hub.url).slice(count);
    await postAll(t.hub.url, warmup);
    const before = await t.hub.db.message.count();

    const ingestMs = await postAll(t.hub.url, hooks);
    const stored = (await t.hub.db.message.count()) - before;
    if (stored !== count) throw new Error(`expected ${count} new messages, found ${stored}`);
    const ingestRate = count / (ingestMs / 1000);

    const replayMs = await postAll(t.hub.url, hooks.slice(0, replayCount));
    const duplicates = (await t.hub.db.message.count()) - before - count;
    const customers = await t.hub.db.customer.count();
    const hub = t.hub.inbound.stats();

    const direct = await directIngest(hooks.slice(0, profileCount), t.hub.db);
    const directRate = profileCount / (direct.ms / 1000);

    const figures: BenchFigure[] = [
      { metric: 'ingest over HTTP (durable, deduplicated)', value: ingestRate, unit: 'msg/s', baseline: rawRate },
      { metric: 'ingest wall time', value: ingestMs / 1000, unit: 's', baseline: raw.batchedMs / 1000 },
      { metric: 'replay of ingested webhooks', value: replayCount / (replayMs / 1000), unit: 'req/s' },
      { metric: 'duplicates stored by the replay', value: duplicates, unit: 'messages', baseline: 0 },
      { metric: 'ingest writer direct (no HTTP)', value: directRate, unit: 'msg/s', baseline: rawRate },
      { metric: 'raw insert, 1 transaction per row', value: raw.perRowTxRows / (raw.perRowTxMs / 1000), unit: 'rows/s', baseline: rawRate },
      { metric: 'messages per commit over HTTP (group commit)', value: hub.messages / hub.commits, unit: 'msg' },
      { metric: 'messages per commit, direct', value: direct.messages / direct.commits, unit: 'msg' },
    ];
    return {
      figures,
      notes: [
        `${count.toLocaleString('en-US')} distinct webhooks (half Twilio SMS forms, signed; half Telegram updates with the secret header) from ${SENDERS.toLocaleString('en-US')} senders (${customers.toLocaleString('en-US')} customers after), ${CONCURRENCY} in flight over keep-alive loopback HTTP, after 400 warm-up webhooks`,
        `every webhook answered 200 only after its commit; Message count grew by exactly ${count.toLocaleString('en-US')}; replay: ${replayCount.toLocaleString('en-US')} of them re-POSTed`,
        'raw: the same number of Message-wide rows (12 columns, UNIQUE(channel, providerMessageId)) over @libsql/client, 1,000 prepared INSERTs per write transaction, WAL + synchronous=NORMAL as the hub',
        `direct: the ingest writer + applyChannelEvidence on ${profileCount.toLocaleString('en-US')} of the same messages in a fresh DB, ${CONCURRENCY} concurrent`,
        `goal: ≥ 2,000 msg/s and ≥ 0.3× raw`,
      ],
    };
  } finally {
    await t.stop();
  }
}
