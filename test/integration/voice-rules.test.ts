// The brand-voice rules on a real hub: the default set in force from the start, versioned saves checked
// whole (a broken regex refused with its path), conflicts, restores, the push that makes open composers
// lint with a new rule, role refusals, and the send check that holds a reply with an error-level issue
// until the agent says why, recording the check with the message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoiceRuleInput } from '../../common/api/voice.ts';
import type { VoiceRulesChanged } from '../../common/api/voiceRules.ts';
import { DEFAULT_VOICE_RULES } from '../../common/domain/voice/defaultRules.ts';
import { manualClock } from './fixtures/db.ts';
import { call, data, startTestHub, type DeskSocket, type TestHub } from './fixtures/hub.ts';
import { buildWorld, USERS } from './fixtures/world.ts';

// 13:00 in Moscow: outside the quiet hours, so only the voice check can hold a reply.
const clock = manualClock(new Date('2026-11-23T10:00:00Z'));
let t: TestHub;
let agent: DeskSocket;
let supervisor: DeskSocket;
let storeStaff: DeskSocket;
let conversationId: string;
const pushes: VoiceRulesChanged[] = [];

const uuid = () => crypto.randomUUID();
const until = async (check: () => boolean, ms = 3000) => {
  for (const start = Date.now(); !check(); ) {
    if (Date.now() - start > ms) throw new Error('timed out waiting for a push');
    await new Promise((r) => setTimeout(r, 10));
  }
};

const NO_PROMISES: VoiceRuleInput = {
  id: 'no-promises-sms',
  name: 'Без «точно привезём» в SMS',
  kind: 'forbidden_phrase',
  severity: 'error',
  channels: ['sms'],
  phrases: [{ phrase: 'точно привезём', replacement: 'планируем привезти' }],
};

beforeAll(async () => {
  t = await startTestHub({}, { clock });
  await buildWorld(t.hub.db);
  agent = await t.connect((await t.signIn(USERS.agent)).token);
  supervisor = await t.connect((await t.signIn(USERS.supervisor)).token);
  storeStaff = await t.connect((await t.signIn(USERS.store_staff)).token);
  agent.on('voice.rulesChanged', (event) => pushes.push(event));
  const ingested = await t.hub.inbound.ingest({ channel: 'sms', providerMessageId: 'V1', from: { kind: 'phone', value: '+79031112233' }, body: 'Когда привезут заказ?' });
  conversationId = ingested.conversationId;
});
afterAll(() => t.stop());

describe('the rule set in force', () => {
  it('starts as the default set, stored as version 1 that the history lists', async () => {
    const rules = data(await call(agent, 'voice.rules.get', {}));
    expect(rules).toEqual(DEFAULT_VOICE_RULES);
    const history = data(await call(supervisor, 'voice.rules.history', {}));
    expect(history).toEqual([{ version: 1, savedAt: expect.any(String), savedBy: null, note: null, ruleCount: DEFAULT_VOICE_RULES.rules.length }]);
  });

  it('refuses agents and store staff what is not theirs, on the hub', async () => {
    const { rules } = DEFAULT_VOICE_RULES;
    for (const refused of [
      await call(agent, 'voice.rules.save', { rules, expectedVersion: 1 }),
      await call(agent, 'voice.rules.restore', { version: 1 }),
      await call(agent, 'voice.rules.history', {}),
      await call(storeStaff, 'voice.rules.get', {}),
    ]) {
      expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
    }
    expect(await t.hub.db.voiceRuleSetVersion.count()).toBe(1);
  });
});

describe('saving', () => {
  it('stores a new version, audits it and pushes it to the desks, whose next read has the new rule', async () => {
    const saved = data(await call(supervisor, 'voice.rules.save', { rules: [...DEFAULT_VOICE_RULES.rules, NO_PROMISES], note: 'Обещания в SMS', expectedVersion: 1 }));
    expect(saved.version).toBe(2);
    expect(saved.rules.at(-1)).toMatchObject({ id: 'no-promises-sms', locale: 'any', enabled: true, phrases: [{ phrase: 'точно привезём', replacement: 'планируем привезти' }] });
    await until(() => pushes.some((p) => p.version === 2));
    expect(data(await call(agent, 'voice.rules.get', {})).rules.map((r) => r.id)).toContain('no-promises-sms');
    const entry = await t.hub.db.auditEntry.findFirstOrThrow({ where: { action: 'voice.rules.save' } });
    expect(entry).toMatchObject({ subjectType: 'voice_rules', subjectId: '2', actorRole: 'supervisor' });
    const [latest] = data(await call(supervisor, 'voice.rules.history', {}));
    expect(latest).toMatchObject({ version: 2, note: 'Обещания в SMS', savedBy: { displayName: 'Test supervisor' }, ruleCount: DEFAULT_VOICE_RULES.rules.length + 1, savedAt: clock.now().toISOString() });
  });

  it('refuses a broken regular expression with the path of the pattern, and stores nothing', async () => {
    const broken: VoiceRuleInput = { id: 'broken', name: 'Сломанное', kind: 'custom_pattern', severity: 'warning', pattern: 'заказ(', message: 'x' };
    const rules = [...DEFAULT_VOICE_RULES.rules.slice(0, 3), broken];
    const result = await call(supervisor, 'voice.rules.save', { rules, expectedVersion: 2 });
    expect(!result.ok && result.error.code).toBe('BAD_REQUEST');
    const field = !result.ok ? result.error.fields?.find((f) => f.path === 'rules.3.pattern') : undefined;
    expect(field?.message).toMatch(/^not a valid regular expression/);
    // A pattern that would flag every position is refused the same way.
    const empty = await call(supervisor, 'voice.rules.save', { rules: [{ ...broken, pattern: 'a*' }], expectedVersion: 2 });
    expect(!empty.ok && empty.error.fields).toEqual([{ path: 'rules.0.pattern', message: 'the pattern matches an empty text, so it would flag every position' }]);
    expect(await t.hub.db.voiceRuleSetVersion.count()).toBe(2);
  });

  it('refuses the same rule id twice with the path of the second one', async () => {
    const result = await call(supervisor, 'voice.rules.save', { rules: [NO_PROMISES, { ...NO_PROMISES, name: 'Копия' }], expectedVersion: 2 });
    expect(!result.ok && result.error).toMatchObject({ code: 'BAD_REQUEST', fields: [{ path: 'rules.1.id', message: 'rule id "no-promises-sms" is used twice' }] });
  });

  it('refuses a save over a version the editor has not seen', async () => {
    const stale = await call(supervisor, 'voice.rules.save', { rules: DEFAULT_VOICE_RULES.rules, expectedVersion: 1 });
    expect(!stale.ok && stale.error.code).toBe('CONFLICT');
    expect(!stale.ok && stale.error.message).toMatch(/version 2/);
    expect(await t.hub.db.voiceRuleSetVersion.count()).toBe(2);
  });
});

describe('sending against the rules', () => {
  const reply = (body: string, justification?: string) => ({
    clientId: uuid(),
    conversationId,
    channel: 'sms' as const,
    body,
    voice: { ruleSetVersion: 2, ...(justification === undefined ? {} : { justification }) },
  });

  it('holds a reply with an error-level issue and says which, storing nothing', async () => {
    const held = data(await call(agent, 'conversation.reply', reply('Здравствуйте, завтра точно привезём.')));
    expect(held.sent).toBe(false);
    if (held.sent) return;
    expect(held.warnings).toEqual([]);
    expect(held.voice).toEqual({
      ruleSetVersion: 2,
      issues: [expect.objectContaining({ ruleId: 'no-promises-sms', severity: 'error', start: 21, end: 35, fix: { start: 21, end: 35, replacement: 'планируем привезти' } })],
    });
    // A reason too short to be one changes nothing.
    const short = data(await call(agent, 'conversation.reply', reply('Здравствуйте, завтра точно привезём.', ' ок ')));
    expect(short.sent).toBe(false);
    expect(await t.hub.db.message.count({ where: { conversationId, direction: 'outbound' } })).toBe(0);
  });

  it('sends it with a justification and records the check with the reason', async () => {
    const sent = data(await call(agent, 'conversation.reply', reply('Здравствуйте, завтра точно привезём.', '  Склад подтвердил отгрузку  ')));
    expect(sent.sent).toBe(true);
    if (!sent.sent) return;
    const check = await t.hub.db.messageVoiceCheck.findUniqueOrThrow({ where: { messageId: sent.messageId } });
    expect(check).toMatchObject({ conversationId, channel: 'sms', ruleSetVersion: 2, errors: 1, justification: 'Склад подтвердил отгрузку' });
    // Every issue is kept, not only the error the reason was for.
    const issues = JSON.parse(check.issues) as Array<{ ruleId: string; severity: string }>;
    expect(issues.filter((i) => i.severity === 'error').map((i) => i.ruleId)).toEqual(['no-promises-sms']);
    expect(issues).toHaveLength(check.errors + check.warnings + check.hints);
    const author = await t.hub.db.user.findUniqueOrThrow({ where: { email: USERS.agent } });
    expect(check.agentId).toBe(author.id);
  });

  it('records a clean reply too, without a reason even when one was sent', async () => {
    const sent = data(await call(agent, 'conversation.reply', reply('Здравствуйте. Заказ привезём завтра до 18:00.', 'не нужно, но пусть будет')));
    if (!sent.sent) throw new Error('a clean reply was held');
    const check = await t.hub.db.messageVoiceCheck.findUniqueOrThrow({ where: { messageId: sent.messageId } });
    expect(check).toMatchObject({ errors: 0, warnings: 0, hints: 0, justification: null, ruleSetVersion: 2, issues: '[]' });
  });

  it('checks with the rule set in force, whatever version the desk linted with', async () => {
    // The desk knows nothing of the rules (an old desk): the hub holds the reply all the same.
    const { voice: _ignored, ...withoutVoice } = reply('Успокойтесь, пожалуйста.');
    const held = data(await call(agent, 'conversation.reply', withoutVoice));
    expect(!held.sent && held.voice?.issues.map((i) => i.ruleId)).toEqual(['rude-ru']);
  });
});

describe('restoring', () => {
  it('saves an earlier version again as the newest, with the note the desk wrote, and pushes it', async () => {
    const restored = data(await call(supervisor, 'voice.rules.restore', { version: 1, note: 'Возврат к версии 1', expectedVersion: 2 }));
    expect(restored).toEqual({ version: 3, rules: DEFAULT_VOICE_RULES.rules });
    await until(() => pushes.some((p) => p.version === 3));
    expect(data(await call(agent, 'voice.rules.get', {})).version).toBe(3);
    const entry = await t.hub.db.auditEntry.findFirstOrThrow({ where: { action: 'voice.rules.restore' } });
    expect(JSON.parse(entry.details!)).toEqual({ restoredFrom: 1, ruleCount: DEFAULT_VOICE_RULES.rules.length });
    // The phrase is allowed again.
    const sent = data(await call(agent, 'conversation.reply', { clientId: uuid(), conversationId, channel: 'sms', body: 'Завтра точно привезём.' }));
    expect(sent.sent).toBe(true);
  });

  it('refuses a version that does not exist, and a stale restore', async () => {
    const missing = await call(supervisor, 'voice.rules.restore', { version: 42 });
    expect(!missing.ok && missing.error).toMatchObject({ code: 'NOT_FOUND', fields: [{ path: 'version' }] });
    const stale = await call(supervisor, 'voice.rules.restore', { version: 2, expectedVersion: 2 });
    expect(!stale.ok && stale.error.code).toBe('CONFLICT');
  });
});
