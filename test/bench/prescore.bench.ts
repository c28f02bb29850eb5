// The automatic pre-score: 100,000 stored agent replies (the demo's Russian texts, some with the slips
// the rules exist for) checked against the default rule set by prescoreMessages end to end — keyset read,
// lint, one upsert per batch — beside two raw baselines from the same run over the same rows: the linter
// alone over the texts in memory, and the same keyset read on a bare @libsql/client connection.
import { createClient, type InStatement } from '@libsql/client';
import { DEFAULT_VOICE_RULES } from '../../common/domain/voice/defaultRules.ts';
import { compileRules } from '../../common/domain/voice/lint.ts';
import { textLocale } from '../../common/domain/voice/textLocale.ts';
import type { Channel } from '../../common/domain/enums.ts';
import { openDatabase } from '../../main/server/db/client.ts';
import { messageText, type Topic, type Turn } from '../../main/server/demo/messageTexts.ts';
import { prescoreMessages, PRESCORE_BATCH } from '../../main/server/services/voice/review/prescore.ts';
import { scaled, tempDatabase, timed, type BenchResult } from './harness.ts';

export const name = 'prescore';
export const description = 'pre-scoring 100k stored agent messages: messages/s vs lint alone and vs reading the rows alone';

const TOPICS: Topic[] = ['order_status', 'stock', 'reservation', 'loyalty', 'return', 'pickup_ready', 'points_expiring', 'promo'];
const TURNS: Turn[] = ['reply', 'agentFollowUp', 'agentNudge', 'agentClosing'];
const CHANNELS: Channel[] = ['email', 'sms', 'telegram', 'webchat'];
const NAMES = ['Анна', 'Игорь', 'Светлана', 'Дмитрий', 'Ольга', 'Павел', 'Екатерина', 'Сергей'];
const AGENTS = 5;
const PER_CONVERSATION = 5;
const ROWS_PER_STATEMENT = 500;

/** The slips agents make that the rules catch, on about one reply in six. */
const SLIPS: Array<(text: string) => string> = [
  (text) => `Привет! ${text}`,
  (text) => text.replace(/Вы/g, 'вы'),
  (text) => `${text} В данный момент ничем не могу помочь.`,
  (text) => `${text} Ты можешь приехать завтра!!!`,
  (text) => `${text} СРОЧНО позвоните нам.`,
];

/** The i-th stored reply; its conversation (and so its channel) is i ÷ PER_CONVERSATION. */
const channelOf = (i: number) => CHANNELS[Math.floor(i / PER_CONVERSATION) % CHANNELS.length]!;

function agentReply(i: number): string {
  const channel = channelOf(i);
  const topic = TOPICS[Math.floor(i / 4) % TOPICS.length]!;
  const context = {
    customerFirstName: NAMES[i % NAMES.length]!,
    customerSex: i % 2 ? ('male' as const) : ('female' as const),
    agent: { firstName: NAMES[(i + 3) % NAMES.length]!, sex: i % 3 ? ('female' as const) : ('male' as const) },
    orderNumber: `2511${String(i % 10_000).padStart(4, '0')}-${String(i % 997).padStart(6, '0')}`,
    product: 'видеокарта MSI GeForce RTX 4070 SUPER VENTUS 2X',
    productAccusative: 'видеокарту MSI GeForce RTX 4070 SUPER VENTUS 2X',
    priceRubles: 64_990 + (i % 50) * 100,
    storePlace: 'на Тверской',
    storeAddress: 'ул. Тверская, 12',
    storeHours: '10:00–22:00',
    otherStorePlace: 'в ТРЦ «Авиапарк»',
    units: 1 + (i % 3),
    points: 500 + (i % 40) * 25,
    expiringPoints: 300,
    expiryDate: '14 декабря',
    date: '28 ноября',
    code: `R${(100_000 + i).toString(36).toUpperCase()}`,
  };
  let body: string;
  try {
    body = messageText({ topic, turn: TURNS[i % TURNS.length]!, channel, direction: 'outbound', firstOfSide: i % 3 === 0, choice: i }, context);
  } catch {
    // Notifications the retailer starts have no agent reply lines: the agent's closing fits any topic.
    body = messageText({ topic, turn: 'agentClosing', channel, direction: 'outbound', firstOfSide: false, choice: i }, context);
  }
  return i % 6 === 0 ? SLIPS[(i / 6) % SLIPS.length]!(body) : body;
}

const instant = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
const padded = (n: number) => n.toString(36).padStart(8, '0');

async function fill(url: string, count: number): Promise<string[]> {
  const client = createClient({ url });
  const bodies: string[] = [];
  try {
    const setup: InStatement[] = [`INSERT INTO Customer (id, firstName, lastName, searchName, updatedAt) VALUES ('bench-customer', 'Анна', 'Иванова', 'иванова анна', '${instant(0)}')`];
    for (let a = 0; a < AGENTS; a++) {
      setup.push(`INSERT INTO User (id, email, displayName, role, passwordHash, updatedAt) VALUES ('agent-${a}', 'agent${a}@bench.local', 'Агент ${a}', 'agent', 'x', '${instant(0)}')`);
    }
    await client.batch(setup, 'write');
    const conversations = Math.ceil(count / PER_CONVERSATION);
    for (let start = 0; start < conversations; start += 10_000) {
      const statements: InStatement[] = [];
      for (let i = start; i < Math.min(conversations, start + 10_000); i++) {
        statements.push({ sql: `INSERT INTO Conversation (id, customerId, channel, updatedAt) VALUES (?, 'bench-customer', ?, ?)`, args: [`conv-${padded(i)}`, channelOf(i * PER_CONVERSATION), instant(0)] });
      }
      await client.batch(statements, 'write');
    }
    const columns = ['id', 'conversationId', 'customerId', 'channel', 'direction', 'body', 'authorId', 'status', 'createdAt'];
    const tuple = `(${columns.map(() => '?').join(',')})`;
    for (let start = 0; start < count; start += ROWS_PER_STATEMENT * 20) {
      const statements: InStatement[] = [];
      for (let from = start; from < Math.min(count, start + ROWS_PER_STATEMENT * 20); from += ROWS_PER_STATEMENT) {
        const rows = Math.min(ROWS_PER_STATEMENT, count - from);
        const args: string[] = [];
        for (let i = from; i < from + rows; i++) {
          const conversation = Math.floor(i / PER_CONVERSATION);
          const body = agentReply(i);
          bodies.push(body);
          args.push(`msg-${padded(i)}`, `conv-${padded(conversation)}`, 'bench-customer', channelOf(i), 'outbound', body, `agent-${conversation % AGENTS}`, 'sent', instant(1_700_000_000_000 + i * 60_000));
        }
        statements.push({ sql: `INSERT INTO Message (${columns.join(',')}) VALUES ${Array(rows).fill(tuple).join(',')}`, args });
      }
      await client.batch(statements, 'write');
    }
    return bodies;
  } finally {
    client.close();
  }
}

/** The same keyset read prescoreMessages runs, on a bare connection, rows discarded. */
async function rawRead(url: string): Promise<number> {
  const client = createClient({ url });
  let rows = 0;
  let after = '';
  try {
    for (;;) {
      const page = await client.execute({
        sql: `SELECT m.id, m.conversationId, m.authorId, m.channel, m.body FROM Message m
               WHERE m.id > ? AND m.direction = 'outbound' AND m.authorId IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM MessageVoiceCheck v WHERE v.messageId = m.id AND v.ruleSetVersion = ?)
               ORDER BY m.id LIMIT ?`,
        args: [after, DEFAULT_VOICE_RULES.version, PRESCORE_BATCH],
      });
      if (page.rows.length === 0) return rows;
      rows += page.rows.length;
      after = String(page.rows[page.rows.length - 1]!.id);
    }
  } finally {
    client.close();
  }
}

export async function run(): Promise<BenchResult> {
  const count = scaled(100_000);
  const database = await tempDatabase('prescore');
  try {
    const bodies = await fill(database.url, count);

    const linter = compileRules(DEFAULT_VOICE_RULES.rules);
    let issues = 0;
    const lintOnly = await timed(async () => {
      for (let i = 0; i < count; i++) issues += linter(bodies[i]!, { channel: channelOf(i), locale: textLocale(bodies[i]!) }).length;
    });
    const readOnly = await timed(() => rawRead(database.url));
    if (readOnly.value !== count) throw new Error(`the raw read saw ${readOnly.value} rows, expected ${count}`);

    const db = await openDatabase(database.url);
    try {
      const endToEnd = await timed(() => prescoreMessages(db, DEFAULT_VOICE_RULES));
      if (endToEnd.value.checked !== count) throw new Error(`prescoreMessages checked ${endToEnd.value.checked}, expected ${count}`);
      const rerun = await timed(() => prescoreMessages(db, DEFAULT_VOICE_RULES));
      if (rerun.value.checked !== 0) throw new Error(`a second run re-checked ${rerun.value.checked} messages`);
      const [stored] = await db.$queryRawUnsafe<{ withIssues: number | bigint; issues: number | bigint }[]>(
        'SELECT SUM(errors + warnings + hints > 0) AS withIssues, SUM(errors + warnings + hints) AS issues FROM MessageVoiceCheck',
      );
      const perSecond = (ms: number) => (count / ms) * 1000;
      return {
        figures: [
          { metric: 'prescoreMessages (read, lint, write) vs lint alone', value: perSecond(endToEnd.ms), unit: 'msg/s', baseline: perSecond(lintOnly.ms) },
          { metric: 'prescoreMessages vs the raw keyset read alone', value: perSecond(endToEnd.ms), unit: 'msg/s', baseline: perSecond(readOnly.ms) },
          { metric: 'prescoreMessages, all 100k', value: endToEnd.ms / 1000, unit: 's' },
          { metric: 'second run (all checked already)', value: rerun.ms, unit: 'ms' },
        ],
        notes: [
          `${count.toLocaleString('en-US')} outbound agent messages in ${Math.ceil(count / PER_CONVERSATION).toLocaleString('en-US')} conversations, 4 channels, demo reply texts with a slip on 1 in 6`,
          `default rule set: ${DEFAULT_VOICE_RULES.rules.length} rules; ${Number(stored?.withIssues ?? 0).toLocaleString('en-US')} messages with findings, ${Number(stored?.issues ?? 0).toLocaleString('en-US')} findings stored (lint alone found ${issues.toLocaleString('en-US')})`,
          `batches of ${PRESCORE_BATCH}: one keyset SELECT and one JSON upsert each, through Prisma's raw queries`,
        ],
      };
    } finally {
      await db.$disconnect();
    }
  } finally {
    database.remove();
  }
}
