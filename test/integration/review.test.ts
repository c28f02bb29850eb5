// Supervisor review on a real hub: the automatic pre-scoring of agent messages (correct, idempotent,
// re-run for a new rule set), seeded and filtered sampling, a review from draft to the agent's answer,
// comment anchoring, who sees what, weekly trends and calibration agreement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewChanged, ReviewView } from '../../common/api/review.ts';
import { VoiceRuleSet, type VoiceRuleSetInput } from '../../common/api/voice.ts';
import type { Db } from '../../main/server/db/client.ts';
import { hashPassword } from '../../main/server/services/auth/passwords.ts';
import { prescoreMessages } from '../../main/server/services/voice/review/prescore.ts';
import { manualClock } from './fixtures/db.ts';
import { call, data, startTestHub, TEST_PASSWORD, type DeskSocket, type TestHub } from './fixtures/hub.ts';
import { buildWorld, USERS } from './fixtures/world.ts';

const clock = manualClock(new Date('2026-11-23T10:00:00Z'));
const DAY = 86_400_000;
const PERIOD = { from: '2026-11-01T00:00:00Z', to: '2026-11-24T00:00:00Z' };

const RULES: VoiceRuleSetInput = {
  version: 1,
  rules: [
    { id: 'greet', name: 'Приветствие', severity: 'warning', kind: 'greeting_required', phrases: ['Здравствуйте', 'Добрый день'], within: 20 },
    { id: 'formal', name: 'На «Вы»', severity: 'error', kind: 'formal_address' },
    { id: 'forbidden', name: 'Запрещённые слова', severity: 'error', kind: 'forbidden_phrase', phrases: [{ phrase: 'не знаю' }] },
    { id: 'signoff', name: 'Подпись', severity: 'warning', kind: 'signoff_required', phrases: ['С уважением'], within: 40 },
  ],
};

const GOOD = 'Здравствуйте, Алёна! Ваш заказ готов к выдаче. С уважением, Ампер';
const INFORMAL = 'Здравствуйте! Ты можешь забрать заказ завтра. С уважением, Ампер';
const CARELESS = 'Не знаю, когда привезут.';

let t: TestHub;
let db: Db;
let world: Awaited<ReturnType<typeof buildWorld>>;
let agent: DeskSocket;
let agent2: DeskSocket;
let supervisor: DeskSocket;
let admin: DeskSocket;
let agent2Id: string;
const agentPushes: ReviewChanged[] = [];
const supervisorPushes: ReviewChanged[] = [];
/** Conversation ids by name: A (the agent's, three replies with findings), B–D (the agent's, clean), E–F (agent 2's), G (e-mail), OLD (before the period). */
const conv: Record<string, string> = {};
const msg: Record<string, string> = {};

/** Saves a new rule-set version the way a supervisor does, so the hub's cached rules follow. */
async function saveRules(rules: VoiceRuleSetInput['rules']) {
  const current = data(await call(supervisor, 'voice.rules.get', {}));
  return data(await call(supervisor, 'voice.rules.save', { rules, expectedVersion: current.version }));
}

async function conversation(name: string, channel: 'sms' | 'email', createdAt: Date, replies: Array<[authorId: string, body: string]>) {
  const c = await db.conversation.create({ data: { customerId: world.customers.fyodorova.id, channel, createdAt, subject: `Разговор ${name}` } });
  conv[name] = c.id;
  await db.message.create({ data: { conversationId: c.id, customerId: world.customers.fyodorova.id, channel, direction: 'inbound', body: 'Добрый день, где мой заказ?', createdAt } });
  for (const [i, [authorId, body]] of replies.entries()) {
    const m = await db.message.create({
      data: { conversationId: c.id, customerId: world.customers.fyodorova.id, channel, direction: 'outbound', body, authorId, status: 'sent', createdAt: new Date(createdAt.getTime() + (i + 1) * 60_000) },
    });
    msg[`${name}${i + 1}`] = m.id;
  }
}

const until = async (check: () => boolean, ms = 3000) => {
  for (const start = Date.now(); !check(); ) {
    if (Date.now() - start > ms) throw new Error('timed out waiting for a push');
    await new Promise((r) => setTimeout(r, 10));
  }
};

beforeAll(async () => {
  t = await startTestHub({}, { clock });
  db = t.hub.db;
  world = await buildWorld(db);
  agent2Id = (await db.user.create({ data: { email: 'agent2@test.local', displayName: 'Test agent 2', role: 'agent', passwordHash: await hashPassword(TEST_PASSWORD) } })).id;
  const agentId = world.users.agent!;
  const day = (n: number) => new Date(Date.parse('2026-11-10T09:00:00Z') + n * DAY);
  await conversation('A', 'sms', day(0), [
    [agentId, GOOD],
    [agentId, INFORMAL],
    [agentId, CARELESS],
  ]);
  await conversation('B', 'sms', day(1), [[agentId, GOOD]]);
  await conversation('C', 'sms', day(2), [[agentId, GOOD]]);
  await conversation('D', 'sms', day(3), [[agentId, GOOD]]);
  await conversation('E', 'sms', day(1), [[agent2Id, GOOD]]);
  await conversation('F', 'sms', day(2), [[agent2Id, CARELESS], [agentId, GOOD]]);
  await conversation('G', 'email', day(4), [[agentId, GOOD]]);
  await conversation('OLD', 'sms', new Date('2026-10-01T09:00:00Z'), [[agentId, CARELESS]]);
  // The retailer's automatic notice has no author: not an agent's work, never checked.
  await db.message.create({ data: { conversationId: conv.B!, customerId: world.customers.fyodorova.id, channel: 'sms', direction: 'outbound', body: 'ты', status: 'sent' } });

  agent = await t.connect((await t.signIn(USERS.agent)).token);
  agent2 = await t.connect((await t.signIn('agent2@test.local')).token);
  supervisor = await t.connect((await t.signIn(USERS.supervisor)).token);
  admin = await t.connect((await t.signIn(USERS.admin)).token);
  agent.on('review.changed', (event) => agentPushes.push(event));
  supervisor.on('review.changed', (event) => supervisorPushes.push(event));
});
afterAll(() => t.stop());

describe('pre-scoring', () => {
  it('checks every authored outbound message once against the rule set in force, and nothing on a second run', async () => {
    await saveRules(RULES.rules);
    clock.advance(5 * 60_000 + 1);
    await t.hub.scheduler.runDue();
    // 11 authored agent replies; the inbound messages and the authorless notice are left alone.
    expect(await db.messageVoiceCheck.count()).toBe(11);
    const careless = await db.messageVoiceCheck.findUniqueOrThrow({ where: { messageId: msg.A3! } });
    expect(careless).toMatchObject({ conversationId: conv.A, agentId: world.users.agent, channel: 'sms', ruleSetVersion: 2, errors: 1, warnings: 2, hints: 0 });
    expect(JSON.parse(careless.issues).map((i: { ruleId: string }) => i.ruleId).sort()).toEqual(['forbidden', 'greet', 'signoff']);
    expect(await db.messageVoiceCheck.findUniqueOrThrow({ where: { messageId: msg.A1! } })).toMatchObject({ errors: 0, warnings: 0, hints: 0, issues: '[]' });
    expect(await prescoreMessages(db, VoiceRuleSet.parse({ ...RULES, version: 2 }))).toEqual({ checked: 0, batches: 0 });
  });

  it('re-checks in batches for a new rule-set version and keeps the justification the composer stored', async () => {
    await db.messageVoiceCheck.update({ where: { messageId: msg.A2! }, data: { justification: 'клиент сам попросил на «ты»' } });
    const v3 = await saveRules(RULES.rules.filter((r) => r.id !== 'signoff'));
    expect(v3.version).toBe(3);
    expect(await prescoreMessages(db, v3, { batchSize: 5 })).toEqual({ checked: 11, batches: 3 });
    const informal = await db.messageVoiceCheck.findUniqueOrThrow({ where: { messageId: msg.A2! } });
    expect(informal).toMatchObject({ ruleSetVersion: 3, errors: 1, warnings: 0, justification: 'клиент сам попросил на «ты»' });
    expect(await db.messageVoiceCheck.findUniqueOrThrow({ where: { messageId: msg.A3! } })).toMatchObject({ ruleSetVersion: 3, errors: 1, warnings: 1 });
    // Back to the first rules for the rest of the suite, as version 4: the job re-checks everything.
    await saveRules(RULES.rules);
    clock.advance(5 * 60_000 + 1);
    await t.hub.scheduler.runDue();
    expect(await db.messageVoiceCheck.count({ where: { ruleSetVersion: 4 } })).toBe(11);
  });
});

describe('sampling', () => {
  let sampleId: string;

  it('draws the same conversations per agent for the same seed, within the period', async () => {
    const first = data(await call(supervisor, 'review.sample', { ...PERIOD, perAgent: 2, seed: 7 }));
    const again = data(await call(supervisor, 'review.sample', { ...PERIOD, perAgent: 2, seed: 7 }));
    sampleId = first.id;
    expect(first.id).not.toBe(again.id);
    expect(again.items.map((i) => i.conversationId)).toEqual(first.items.map((i) => i.conversationId));
    const byAgent = (id: string) => first.items.filter((i) => i.agent.id === id);
    expect(byAgent(world.users.agent!)).toHaveLength(2);
    // F is split one reply each: it is credited to the lower user id (the first agent), so agent 2 has E alone.
    expect(byAgent(agent2Id).map((i) => i.conversationId)).toEqual([conv.E]);
    expect(first.items.map((i) => i.conversationId)).not.toContain(conv.OLD);
    expect(first.criteria).toMatchObject({ perAgent: 2, seed: 7, mode: 'random' });
    const other = data(await call(supervisor, 'review.sample', { ...PERIOD, perAgent: 2, seed: 8 }));
    const agentPool = [conv.A, conv.B, conv.C, conv.D, conv.G, conv.F];
    expect(other.items.filter((i) => i.agent.id === world.users.agent).every((i) => agentPool.includes(i.conversationId))).toBe(true);
  });

  it('filters by agent and channel, and picks the conversations with the most findings', async () => {
    const email = data(await call(supervisor, 'review.sample', { ...PERIOD, channels: ['email'], perAgent: 5, seed: 1 }));
    expect(email.items.map((i) => i.conversationId)).toEqual([conv.G]);
    const mine = data(await call(supervisor, 'review.sample', { ...PERIOD, agentIds: [world.users.agent!], perAgent: 50, seed: 1 }));
    expect(mine.items.every((i) => i.agent.id === world.users.agent)).toBe(true);
    expect(mine.items.map((i) => i.conversationId).sort()).toEqual([conv.A, conv.B, conv.C, conv.D, conv.F, conv.G].sort());

    const worst = data(await call(supervisor, 'review.sample', { ...PERIOD, agentIds: [world.users.agent!], perAgent: 1, mode: 'many_lint_warnings' }));
    expect(worst.items).toEqual([expect.objectContaining({ conversationId: conv.A, agentMessages: 3, errors: 2, warnings: 2, myReview: null, reviewCount: 0 })]);

    const none = await call(supervisor, 'review.sample', { from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' });
    expect(!none.ok && none.error.code).toBe('NOT_FOUND');
    const backwards = await call(supervisor, 'review.sample', { from: PERIOD.to, to: PERIOD.from });
    expect(!backwards.ok && backwards.error.fields?.[0]?.path).toBe('to');

    const listed = data(await call(supervisor, 'review.samples', {}));
    expect(listed.map((s) => s.id)).toContain(sampleId);
    expect(listed[0]!.createdBy.name).toBe('Test supervisor');
  });
});

describe('a review from draft to the agent’s answer', () => {
  let review: ReviewView;

  it('opens a draft with the rules’ suggestions filled in, on the scorecard in force', async () => {
    const sample = data(await call(supervisor, 'review.sample', { ...PERIOD, agentIds: [world.users.agent!], perAgent: 1, mode: 'many_lint_warnings' }));
    review = data(await call(supervisor, 'review.open', { conversationId: conv.A!, sampleId: sample.id }));
    expect(review).toMatchObject({ status: 'draft', canEdit: true, canRespond: false, agent: { id: world.users.agent }, reviewer: { id: world.users.supervisor }, sampleId: sample.id, total: null });
    expect(review.scorecard.criteria.map((c) => c.id)).toEqual(['greeting', 'formal_address', 'no_forbidden_words', 'empathy', 'accuracy', 'resolution', 'signoff']);
    // Three replies: one warning-only miss of the greeting → 1 − 0.5/3; one error each for «ты» and «не знаю» → 1 − 1/3.
    expect(review.preScore).toMatchObject({ ruleSetVersion: 4, agentMessages: 3 });
    const suggested = Object.fromEntries(review.preScore.criteria.map((c) => [c.criterionId, c.suggested]));
    expect(suggested).toEqual({ greeting: 4, formal_address: 3, no_forbidden_words: 3, signoff: 4 });
    expect(review.scores.find((s) => s.criterionId === 'empathy')!.score).toBeNull();
    expect(review.scores.find((s) => s.criterionId === 'greeting')!.score).toBe(4);
    expect(review.messages.map((m) => m.id)).toEqual(expect.arrayContaining([msg.A1, msg.A2, msg.A3]));
    expect(review.messages.find((m) => m.id === msg.A3)!.check!.issues).toHaveLength(3);
    expect(review.messages.find((m) => m.direction === 'inbound')!.check).toBeNull();
    // Opening again returns the same review.
    expect(data(await call(supervisor, 'review.open', { conversationId: conv.A! })).id).toBe(review.id);
    const notInSample = await call(supervisor, 'review.open', { conversationId: conv.B!, sampleId: sample.id });
    expect(!notInSample.ok && notInSample.error.fields?.[0]?.path).toBe('conversationId');
  });

  it('anchors comments to messages of the reviewed conversation only', async () => {
    const commented = data(await call(supervisor, 'review.comment', { reviewId: review.id, messageId: msg.A2!, body: 'Только на «Вы», даже если клиент пишет на «ты».' }));
    expect(commented.comments).toEqual([expect.objectContaining({ messageId: msg.A2, author: { id: world.users.supervisor, name: 'Test supervisor' } })]);
    const elsewhere = await call(supervisor, 'review.comment', { reviewId: review.id, messageId: msg.B1!, body: 'не тот разговор' });
    expect(!elsewhere.ok && elsewhere.error).toMatchObject({ code: 'BAD_REQUEST', fields: [{ path: 'messageId' }] });
    const byAnother = await call(admin, 'review.comment', { reviewId: review.id, messageId: msg.A1!, body: 'чужой обзор' });
    expect(!byAnother.ok && byAnother.error.code).toBe('FORBIDDEN');
  });

  it('keeps drafts from the agent and validates scores against the scorecard', async () => {
    expect(data(await call(agent, 'review.list', {}))).toEqual([]);
    const draft = await call(agent, 'review.get', { id: review.id });
    expect(!draft.ok && draft.error.code).toBe('NOT_FOUND');

    const tooHigh = await call(supervisor, 'review.save', { reviewId: review.id, scores: [{ criterionId: 'empathy', score: 6 }] });
    expect(!tooHigh.ok && tooHigh.error.fields).toEqual([{ path: 'scores.0.score', message: 'must be between 0 and 5' }]);
    const unknown = await call(supervisor, 'review.save', { reviewId: review.id, scores: [{ criterionId: 'humour', score: 1 }] });
    expect(!unknown.ok && unknown.error.fields?.[0]?.path).toBe('scores.0.criterionId');
    const early = await call(supervisor, 'review.save', { reviewId: review.id, scores: [{ criterionId: 'empathy', score: 4 }], submit: true });
    expect(!early.ok && early.error.fields?.map((f) => f.path)).toEqual(['scores.4.score', 'scores.5.score']);
  });

  it('submits with a weighted total and tells the agent and the supervisors', async () => {
    const scores = [
      { criterionId: 'empathy', score: 4 },
      { criterionId: 'accuracy', score: 5 },
      { criterionId: 'resolution', score: 3, note: 'Срок доставки не назван' },
    ];
    const submitted = data(await call(supervisor, 'review.save', { reviewId: review.id, scores, submit: true }));
    // Weights 10, 15, 15, 15, 20, 15, 10 over scores 4, 3, 3, 4, 5, 3, 4 of 5.
    const expected = Math.round(((10 * 4 + 15 * 3 + 15 * 3 + 15 * 4 + 20 * 5 + 15 * 3 + 10 * 4) / 5 / 100) * 1000) / 10;
    expect(submitted).toMatchObject({ status: 'submitted', total: expected, canEdit: false, submittedAt: clock.now().toISOString() });
    await until(() => agentPushes.length > 0 && supervisorPushes.length > 0);
    expect(agentPushes[0]).toEqual({ id: review.id, conversationId: conv.A, agentId: world.users.agent, reviewerId: world.users.supervisor, status: 'submitted' });
    const again = await call(supervisor, 'review.save', { reviewId: review.id, scores: [] });
    expect(!again.ok && again.error.code).toBe('CONFLICT');
  });

  it('shows the agent their own submitted review and nobody else’s', async () => {
    const list = data(await call(agent, 'review.list', {}));
    expect(list).toEqual([expect.objectContaining({ id: review.id, status: 'submitted', commentCount: 1 })]);
    const seen = data(await call(agent, 'review.get', { id: review.id }));
    expect(seen).toMatchObject({ canRespond: true, canEdit: false, comments: [expect.objectContaining({ messageId: msg.A2 })] });
    expect(data(await call(agent2, 'review.list', {}))).toEqual([]);
    const foreign = await call(agent2, 'review.get', { id: review.id });
    expect(!foreign.ok && foreign.error.code).toBe('NOT_FOUND');
    const everyone = await call(agent, 'review.list', { scope: 'all' });
    expect(!everyone.ok && everyone.error.code).toBe('FORBIDDEN');
    expect(data(await call(supervisor, 'review.list', { scope: 'all', agentId: world.users.agent! })).map((r) => r.id)).toContain(review.id);
  });

  it('lets only the reviewed agent answer, once, and a dispute needs a note', async () => {
    const bySupervisor = await call(supervisor, 'review.respond', { reviewId: review.id, response: 'acknowledged' });
    expect(!bySupervisor.ok && bySupervisor.error.code).toBe('FORBIDDEN');
    const bare = await call(agent, 'review.respond', { reviewId: review.id, response: 'disputed' });
    expect(!bare.ok && bare.error.fields?.[0]?.path).toBe('note');
    const pushesBefore = supervisorPushes.length;
    const answered = data(await call(agent, 'review.respond', { reviewId: review.id, response: 'acknowledged', note: 'Понял, учту.' }));
    expect(answered).toMatchObject({ status: 'acknowledged', agentResponse: 'Понял, учту.', canRespond: false, respondedAt: clock.now().toISOString() });
    await until(() => supervisorPushes.length > pushesBefore);
    expect(supervisorPushes.at(-1)!.status).toBe('acknowledged');
    const twice = await call(agent, 'review.respond', { reviewId: review.id, response: 'disputed', note: 'передумал' });
    expect(!twice.ok && twice.error.code).toBe('CONFLICT');
    const late = await call(supervisor, 'review.comment', { reviewId: review.id, messageId: msg.A1!, body: 'поздно' });
    expect(!late.ok && late.error.code).toBe('CONFLICT');
    expect(await db.auditEntry.count({ where: { subjectId: review.id, action: { in: ['review.open', 'review.comment', 'review.submit', 'review.acknowledge'] } } })).toBe(4);
  });
});

describe('trends and calibration', () => {
  async function reviewAndSubmit(socket: DeskSocket, conversationId: string, score: number) {
    const opened = data(await call(socket, 'review.open', { conversationId }));
    const scores = opened.scorecard.criteria.map((c) => ({ criterionId: c.id, score }));
    return data(await call(socket, 'review.save', { reviewId: opened.id, scores, submit: true }));
  }

  it('pairs two supervisors’ reviews of one conversation with their agreement', async () => {
    // The supervisor's review of A is in; the admin scores everything 5 of 5.
    const adminReview = await reviewAndSubmit(admin, conv.A!, 5);
    expect(adminReview.total).toBe(100);
    const result = data(await call(supervisor, 'review.calibration', PERIOD));
    expect(result.pairs).toHaveLength(1);
    const pair = result.pairs[0]!;
    expect(pair).toMatchObject({ conversationId: conv.A, agent: { id: world.users.agent } });
    expect(new Set([pair.a.reviewer.id, pair.b.reviewer.id])).toEqual(new Set([world.users.supervisor, world.users.admin]));
    // |4−5|/5 = 0.2 → 0.8; |3−5|/5 → 0.6; 5 vs 5 → 1.
    const byId = Object.fromEntries(pair.criteria.map((c) => [c.criterionId, c.agreement]));
    expect(byId).toEqual({ greeting: 0.8, formal_address: 0.6, no_forbidden_words: 0.6, empathy: 0.8, accuracy: 1, resolution: 0.6, signoff: 0.8 });
    expect(pair.agreement).toBeCloseTo((0.8 + 0.6 + 0.6 + 0.8 + 1 + 0.6 + 0.8) / 7, 3);
    expect(result.overall).toBe(pair.agreement);
  });

  it('averages submitted totals per agent and per channel by week', async () => {
    clock.advance(7 * DAY);
    await reviewAndSubmit(supervisor, conv.B!, 5);
    await reviewAndSubmit(supervisor, conv.G!, 0);
    await reviewAndSubmit(supervisor, conv.E!, 4);
    // A draft never counts.
    data(await call(supervisor, 'review.open', { conversationId: conv.C! }));

    const trends = data(await call(supervisor, 'review.trends', { from: '2026-11-01T00:00:00Z', to: '2026-12-31T00:00:00Z' }));
    // 2026-11-23 and 2026-11-30 are Mondays.
    expect(trends.weeks).toEqual(['2026-11-23', '2026-11-30']);
    const agentSeries = trends.agents.find((a) => a.agent.id === world.users.agent)!.points;
    const firstWeek = (submittedTotal: number) => Math.round(((submittedTotal + 100) / 2) * 10) / 10;
    const supervisorsA = (await db.review.findFirstOrThrow({ where: { conversationId: conv.A!, reviewerId: world.users.supervisor! } })).total!;
    expect(agentSeries).toEqual([
      { week: '2026-11-23', average: firstWeek(supervisorsA), count: 2 },
      { week: '2026-11-30', average: 50, count: 2 },
    ]);
    expect(trends.agents.find((a) => a.agent.id === agent2Id)!.points).toEqual([{ week: '2026-11-30', average: 80, count: 1 }]);
    expect(trends.channels.find((c) => c.channel === 'email')!.points).toEqual([{ week: '2026-11-30', average: 0, count: 1 }]);
    const smsOnly = data(await call(supervisor, 'review.trends', { from: '2026-11-01T00:00:00Z', to: '2026-12-31T00:00:00Z', channels: ['sms'] }));
    expect(smsOnly.channels.map((c) => c.channel)).toEqual(['sms']);
  });
});

describe('roles', () => {
  it('refuses the review workspace to agents and the scorecard editor to those without voice.manage', async () => {
    for (const [name, payload] of [
      ['review.sample', PERIOD],
      ['review.open', { conversationId: 'x' }],
      ['review.trends', PERIOD],
      ['review.calibration', PERIOD],
    ] as const) {
      const refused = await call(agent, name, payload as never);
      expect(!refused.ok && refused.error.code, name).toBe('FORBIDDEN');
    }
    const card = data(await call(agent, 'scorecard.get', {}));
    const edit = await call(agent, 'scorecard.save', { criteria: card.criteria, basedOnVersion: card.version });
    expect(!edit.ok && edit.error.code).toBe('FORBIDDEN');
  });

  it('versions the scorecard and refuses a save over a newer version', async () => {
    const card = data(await call(supervisor, 'scorecard.get', {}));
    const criteria = card.criteria.map((c) => (c.id === 'empathy' ? { ...c, weight: 30 } : c));
    const saved = data(await call(supervisor, 'scorecard.save', { criteria, basedOnVersion: card.version }));
    expect(saved.version).toBe(card.version + 1);
    const stale = await call(admin, 'scorecard.save', { criteria, basedOnVersion: card.version });
    expect(!stale.ok && stale.error.code).toBe('CONFLICT');
    const duplicate = await call(supervisor, 'scorecard.save', { criteria: [...criteria, criteria[0]!], basedOnVersion: saved.version });
    expect(!duplicate.ok && duplicate.error.fields?.[0]?.path).toBe('criteria.7.id');
    // A review keeps the version it was scored on.
    const old = data(await call(supervisor, 'review.list', { scope: 'all', agentId: world.users.agent! }))[0]!;
    expect(data(await call(supervisor, 'review.get', { id: old.id })).scorecard.version).toBe(card.version);
  });
});
