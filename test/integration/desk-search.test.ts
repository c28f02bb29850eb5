// Ctrl+K search on a real hub: customers by name, phone in any format, e-mail and card (masked), and
// messages by text through FTS5 — Cyrillic, any case, ё typed as е — with snippets cut from the original
// text. Store staff and marketers do not work conversations and are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../common/api/desk.ts';
import type { Role } from '../../common/domain/enums.ts';
import { startTestHub, type TestHub } from './fixtures/hub.ts';
import { buildWorld, USERS } from './fixtures/world.ts';

let t: TestHub;
let world: Awaited<ReturnType<typeof buildWorld>>;
const tokens = {} as Record<Role, string>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestHub();
  world = await buildWorld(t.hub.db);
  for (const [role, email] of Object.entries(USERS)) tokens[role as Role] = (await t.signIn(email)).token;
  const { db } = t.hub;
  const { fyodorova, smith } = world.customers;
  const conversation = (customerId: string, channel: string) => db.conversation.create({ data: { customerId, channel } });
  const f = await conversation(fyodorova.id, 'email');
  const s = await conversation(smith.id, 'webchat');
  const message = async (key: string, conversationId: string, customerId: string, direction: string, body: string, minutesAgo: number) => {
    const row = await db.message.create({
      data: { conversationId, customerId, channel: direction === 'inbound' ? 'email' : 'sms', direction, body, createdAt: new Date(Date.now() - minutesAgo * 60_000) },
    });
    ids[key] = row.id;
  };
  await message('tree', f.id, fyodorova.id, 'inbound', 'Здравствуйте! Где мой заказ? Ёлка ещё не пришла.', 30);
  await message('treeReply', f.id, fyodorova.id, 'outbound', 'ЁЛКУ привезут завтра до обеда', 20);
  await message('quoted', s.id, smith.id, 'inbound', 'Is my order "special" OR not?', 10);
  await message('long', s.id, smith.id, 'inbound', `${'Lorem ipsum dolor sit amet. '.repeat(12)}Where is the parcel? ${'Consectetur adipiscing. '.repeat(12)}`, 5);
});
afterAll(() => t.stop());

async function search(q: string, role: Role = 'agent') {
  const res = await t.post<SearchResult>('/api/commands/search.all', { q }, tokens[role]);
  if (!res.body.ok) throw new Error(`${res.body.error.code}: ${res.body.error.message}`);
  return res.body.data;
}

const marked = (hit: SearchResult['messages'][number]) => hit.highlights.map(([a, b]) => hit.snippet.slice(a, b));

describe('search.all: messages', () => {
  it('finds ё typed as е and е typed as ё, in any case, newest first, with the original letters highlighted', async () => {
    for (const q of ['елк', 'ЁЛК', 'Ёлк']) {
      const { messages } = await search(q);
      expect(messages.map((m) => m.messageId)).toEqual([ids.treeReply, ids.tree]);
      expect(messages.map(marked)).toEqual([['ЁЛК'], ['Ёлк']]);
    }
    const [reply] = (await search('еще')).messages;
    expect(reply).toMatchObject({ messageId: ids.tree, customerId: world.customers.fyodorova.id, customerName: 'Фёдорова Алёна', channel: 'email', direction: 'inbound' });
    expect(reply!.snippet).toBe('Здравствуйте! Где мой заказ? Ёлка ещё не пришла.');
    expect(marked(reply!)).toEqual(['ещё']);
  });

  it('matches inside words and treats the user text as text, never as FTS syntax', async () => {
    expect((await search('каз')).messages.map((m) => m.messageId)).toEqual([ids.tree]);
    expect((await search('"special" OR')).messages.map((m) => m.messageId)).toEqual([ids.quoted]);
    expect((await search('order AND nothing')).messages).toEqual([]);
    expect((await search('NEAR(a b')).messages).toEqual([]);
  });

  it('cuts a long message around the match with ellipses and offsets into the snippet', async () => {
    const [hit] = (await search('where is the PARCEL')).messages;
    expect(hit!.messageId).toBe(ids.long);
    expect(hit!.snippet.startsWith('…') && hit!.snippet.endsWith('…')).toBe(true);
    expect(hit!.snippet.length).toBeLessThanOrEqual(162);
    expect(marked(hit!)).toEqual(['Where is the parcel']);
  });

  it('looks for no messages under three characters, without an error', async () => {
    const result = await search('ел');
    expect(result.messages).toEqual([]);
  });
});

describe('search.all: customers', () => {
  it('finds a customer by name, phone in any format, e-mail and card, contacts masked', async () => {
    const fyodorova = world.customers.fyodorova.id;
    for (const q of ['Фёдорова', 'федорова алена', '8 (912) 345-67-89', '+7 912 345 6789', '9123456789', '2200 1234 5678 9012']) {
      const { customers } = await search(q);
      expect(customers.map((c) => c.id), q).toEqual([fyodorova]);
    }
    const [found] = (await search('89123456789')).customers;
    expect(found).toMatchObject({ fullName: 'Фёдорова Алёна', city: 'Москва' });
    expect(found!.phoneMasked).not.toContain('3456');
    expect((await search('john@example.com')).customers.map((c) => c.id)).toEqual([world.customers.smith.id]);
    expect((await search('Фе')).customers.map((c) => c.id)).toEqual([fyodorova]);
  });
});

describe('search.all: who may search, and the audit', () => {
  it('refuses roles that do not work conversations', async () => {
    for (const role of ['store_staff', 'marketer'] as const) {
      const res = await t.post('/api/commands/search.all', { q: 'елк' }, tokens[role]);
      expect(!res.body.ok && res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await search('елк', 'supervisor')).messages).toHaveLength(2);
  });

  it('audits each search with its length, never its text', async () => {
    await search('+7 912 345 6789', 'supervisor');
    const entry = await t.hub.db.auditEntry.findFirst({ where: { action: 'search.run', actorId: world.users.supervisor }, orderBy: { at: 'desc' } });
    expect(entry?.details).toBeTruthy();
    expect(JSON.parse(entry!.details!)).toMatchObject({ queryLength: 15, customers: 1 });
    expect(entry!.details).not.toContain('912');
  });
});
