// Calibration: conversations two (or more) supervisors reviewed, and how far their scores agree, per
// criterion and overall (common/domain/review.ts scoreAgreement), so supervisors can align how they score.
import type { z } from 'zod';
import type { CalibrationInput, CalibrationPair, CalibrationResult } from '../../../../../common/api/review.ts';
import { Channel } from '../../../../../common/domain/enums.ts';
import { scoreAgreement, SUBMITTED_STATUSES } from '../../../../../common/domain/review.ts';
import type { Db } from '../../../db/client.ts';
import type { Review } from '../../../db/generated/client.ts';
import { sqlInstant } from '../../../db/sqlValues.ts';
import { peopleByIds } from './people.ts';
import { scorecardVersions } from './scorecard.ts';
import { StoredScores } from './view.ts';

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const rounded = (share: number) => Math.round(share * 1000) / 1000;

export async function calibration(db: Db, input: z.output<typeof CalibrationInput>): Promise<CalibrationResult> {
  const shared = await db.$queryRawUnsafe<{ conversationId: string }[]>(
    `SELECT conversationId FROM Review
      WHERE status IN ('submitted', 'acknowledged', 'disputed') AND submittedAt >= ? AND submittedAt < ?
      GROUP BY conversationId HAVING COUNT(*) >= 2`,
    sqlInstant(new Date(input.from)),
    sqlInstant(new Date(input.to)),
  );
  const reviews = await db.review.findMany({
    where: { conversationId: { in: shared.map((s) => s.conversationId) }, status: { in: [...SUBMITTED_STATUSES] } },
    orderBy: [{ conversationId: 'asc' }, { submittedAt: 'asc' }, { id: 'asc' }],
  });
  const [scorecards, people, conversations] = await Promise.all([
    scorecardVersions(db, reviews.map((r) => r.scorecardVersion)),
    peopleByIds(db, reviews.flatMap((r) => [r.agentId, r.reviewerId])),
    db.conversation.findMany({ where: { id: { in: shared.map((s) => s.conversationId) } }, select: { id: true, channel: true } }),
  ]);

  const byConversation = new Map<string, Review[]>();
  for (const review of reviews) byConversation.set(review.conversationId, [...(byConversation.get(review.conversationId) ?? []), review]);
  const pairs: CalibrationPair[] = [];
  for (const [conversationId, group] of byConversation) {
    const channel = conversations.find((c) => c.id === conversationId)?.channel;
    if (!channel) continue;
    // Every two reviewers of the conversation: three reviewers make three pairs.
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const pair = pairOf(group[i]!, group[j]!);
        if (pair) pairs.push({ conversationId, channel: Channel.parse(channel), agent: people(group[i]!.agentId), ...pair });
      }
    }
  }
  return { pairs, overall: pairs.length === 0 ? null : rounded(mean(pairs.map((p) => p.agreement))) };

  function pairOf(a: Review, b: Review): Omit<CalibrationPair, 'conversationId' | 'channel' | 'agent'> | null {
    const cardA = scorecards.get(a.scorecardVersion);
    const cardB = scorecards.get(b.scorecardVersion);
    if (!cardA || !cardB) return null;
    const scoresA = StoredScores.parse(JSON.parse(a.scores));
    const scoresB = StoredScores.parse(JSON.parse(b.scores));
    // Criteria are compared by id: a scorecard edited between the two reviews still compares what both scored.
    const criteria = cardA.criteria.flatMap((criterionA) => {
      const criterionB = cardB.criteria.find((c) => c.id === criterionA.id);
      const scoreA = scoresA.find((s) => s.criterionId === criterionA.id)?.score;
      const scoreB = scoresB.find((s) => s.criterionId === criterionA.id)?.score;
      if (!criterionB || scoreA == null || scoreB == null) return [];
      return [{ criterionId: criterionA.id, name: criterionA.name, a: scoreA, b: scoreB, agreement: rounded(scoreAgreement(scoreA, criterionA.maxScore, scoreB, criterionB.maxScore)) }];
    });
    if (criteria.length === 0) return null;
    return {
      a: { reviewId: a.id, reviewer: people(a.reviewerId), total: a.total },
      b: { reviewId: b.id, reviewer: people(b.reviewerId), total: b.total },
      criteria,
      agreement: rounded(mean(criteria.map((c) => c.agreement))),
    };
  }
}
