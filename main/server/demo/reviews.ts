// The demo's review workspace on first start: the default scorecard, and one sample of the last eight weeks drawn by the supervisor with reviews in each
// state — submitted, acknowledged, disputed, a draft — and one conversation the admin reviewed too (a
// calibration pair), so trends and calibration show data at once; the sampled replies are checked against
// the voice rules for their pre-scores. Deterministic: seeded ids and scores.
import { SampleCriteria, type CriterionScore, type PreScore } from '../../../common/api/review.ts';
import { preScoreCriteria, reviewTotal } from '../../../common/domain/review.ts';
import type { Db } from '../db/client.ts';
import { prescoreMessages } from '../services/voice/review/prescore.ts';
import { rulesInForce } from '../services/voice/rules.ts';
import { pick, sampleCandidates, type Candidate } from '../services/voice/review/sampling.ts';
import { currentScorecard } from '../services/voice/review/scorecard.ts';
import { StoredIssues } from '../services/voice/review/view.ts';
import type { IdFactory } from './ids.ts';
import { Random } from './random.ts';
import type { ReferenceData } from './reference.ts';

const DAY = 86_400_000;
const SAMPLE_WEEKS = 8;
const SAMPLE_SEED = 2026;

export interface DemoReviewSummary {
  checkedMessages: number;
  samples: number;
  reviews: number;
}

/** What happens to each agent's sampled conversations, in sample order; the rest stay unreviewed. */
const PLAN = [
  { status: 'acknowledged', response: 'Спасибо, учту: подпись теперь ставлю в каждом письме.', calibrated: true },
  { status: 'disputed', response: 'Клиент сам попросил ответить коротко, без приветствия — это было в его первом сообщении.', calibrated: false },
  { status: 'submitted', response: null, calibrated: false },
  { status: 'draft', response: null, calibrated: false },
] as const;

const COMMENT_ON_FINDINGS = 'Здесь правила нашли замечания — посмотрите подсказки и поправьте формулировку в следующий раз.';
const COMMENT_PRAISE = 'Хороший ответ: вежливо, по делу и с конкретным сроком.';

export async function writeDemoReviews(db: Db, ids: IdFactory, now: Date, staff: ReferenceData['agents'], adminId: string): Promise<DemoReviewSummary> {
  // The rule set in force: the retailer's default, stored as version 1 by this first read.
  const { ruleSet, lint } = await rulesInForce(db);
  const scorecard = await currentScorecard(db);

  const criteria = SampleCriteria.parse({
    agentIds: [staff.first.id, staff.second.id],
    from: new Date(now.getTime() - SAMPLE_WEEKS * 7 * DAY).toISOString(),
    to: now.toISOString(),
    perAgent: PLAN.length + 1,
    seed: SAMPLE_SEED,
  });
  const picked = pick(await sampleCandidates(db, criteria), { ...criteria, seed: SAMPLE_SEED });
  if (picked.length === 0) return { checkedMessages: 0, samples: 0, reviews: 0 };
  // Only the sampled conversations here: at benchmark scale checking every reply would dominate the
  // seed, and the hub's pre-scoring job checks the rest in the background on first start.
  const checked = await prescoreMessages(db, ruleSet, { now, conversationIds: picked.map((p) => p.conversationId), linter: lint });

  const sampleId = ids.next('reviewSample');
  // Drawn just before the first of its reviews was opened (a day after its earliest conversation began).
  const earliest = await db.conversation.findFirstOrThrow({ where: { id: { in: picked.map((p) => p.conversationId) } }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } });
  const sampledAt = new Date(Math.min(now.getTime() - DAY, earliest.createdAt.getTime() + DAY) - 3_600_000);
  await db.reviewSample.create({
    data: { id: sampleId, criteria: JSON.stringify(criteria), createdById: staff.supervisor.id, createdAt: sampledAt, items: { create: picked.map(({ conversationId, agentId }) => ({ conversationId, agentId })) } },
  });

  const random = new Random(SAMPLE_SEED);
  let reviews = 0;
  const byAgent = new Map<string, Candidate[]>();
  for (const item of picked) byAgent.set(item.agentId, [...(byAgent.get(item.agentId) ?? []), item]);
  for (const items of byAgent.values()) {
    for (const [i, plan] of PLAN.entries()) {
      const item = items[i];
      if (!item) break;
      const reviewers = plan.calibrated ? [staff.supervisor.id, adminId] : [staff.supervisor.id];
      for (const reviewerId of reviewers) {
        await writeReview(item, reviewerId, reviewerId === staff.supervisor.id ? plan : { ...plan, status: 'submitted', response: null });
        reviews++;
      }
    }
  }
  return { checkedMessages: checked.checked, samples: 1, reviews };

  async function writeReview(item: Candidate, reviewerId: string, plan: { status: string; response: string | null }) {
    const [conversation, checks] = await Promise.all([
      db.conversation.findUniqueOrThrow({ where: { id: item.conversationId }, select: { createdAt: true } }),
      db.messageVoiceCheck.findMany({ where: { conversationId: item.conversationId, agentId: item.agentId }, orderBy: { messageId: 'asc' } }),
    ]);
    const issues = checks.map((c) => ({ messageId: c.messageId, issues: StoredIssues.parse(JSON.parse(c.issues)) }));
    const suggestions = preScoreCriteria(scorecard, issues);
    const preScore: PreScore = { ruleSetVersion: ruleSet.version, agentMessages: checks.length, criteria: suggestions };
    // The rules' suggestion where there is one (now and then a point lower: a person reads more), a person's judgement elsewhere.
    const scores: CriterionScore[] = scorecard.criteria.map((c) => {
      const suggested = suggestions.find((s) => s.criterionId === c.id)?.suggested;
      const score = suggested === undefined ? random.int(Math.max(0, c.maxScore - 2), c.maxScore) : Math.max(0, suggested - (random.chance(0.25) ? 1 : 0));
      return { criterionId: c.id, score, note: '' };
    });
    const opened = new Date(Math.min(now.getTime() - DAY, conversation.createdAt.getTime() + DAY));
    const submittedAt = plan.status === 'draft' ? null : new Date(opened.getTime() + 2 * 3_600_000);
    const respondedAt = plan.response ? new Date(opened.getTime() + 20 * 3_600_000) : null;
    const reviewId = ids.next('review');
    const worst = [...issues].sort((a, b) => b.issues.length - a.issues.length)[0];
    await db.review.create({
      data: {
        id: reviewId,
        conversationId: item.conversationId,
        agentId: item.agentId,
        reviewerId,
        sampleId,
        scorecardVersion: scorecard.version,
        scores: JSON.stringify(scores),
        preScore: JSON.stringify(preScore),
        total: reviewTotal(scorecard, scores),
        status: plan.status,
        agentResponse: plan.response,
        submittedAt,
        respondedAt,
        createdAt: opened,
        updatedAt: respondedAt ?? submittedAt ?? opened,
        ...(worst
          ? { comments: { create: { id: ids.next('reviewComment'), messageId: worst.messageId, authorId: reviewerId, body: worst.issues.length > 0 ? COMMENT_ON_FINDINGS : COMMENT_PRAISE, createdAt: new Date(opened.getTime() + 3_600_000) } } }
          : {}),
      },
    });
  }
}
