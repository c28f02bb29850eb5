// A review as the desk shows it: the conversation read-only with what the rules found in each of the
// agent's messages, the scorecard it is scored on, the pre-score, the scores and the anchored comments.
import { z } from 'zod';
import { CriterionScore, PreScore, type ReviewSummary, type ReviewView } from '../../../../../common/api/review.ts';
import { LintIssue } from '../../../../../common/api/voice.ts';
import { Channel } from '../../../../../common/domain/enums.ts';
import type { Db } from '../../../db/client.ts';
import type { Review } from '../../../db/generated/client.ts';
import { ServiceError } from '../../../errors.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { peopleByIds, reviewStatus, type PersonLookup } from './people.ts';
import { scorecardVersions } from './scorecard.ts';

/** Reviews are of support conversations, not years of history: the newest this many messages are shown. */
export const MAX_REVIEW_MESSAGES = 500;

export const StoredScores = z.array(CriterionScore);
export const StoredIssues = z.array(LintIssue);

interface ConversationInfo {
  channel: string;
  subject: string | null;
}

function summaryOf(review: Review, conversation: ConversationInfo, people: PersonLookup, commentCount: number): ReviewSummary {
  return {
    id: review.id,
    conversationId: review.conversationId,
    channel: Channel.parse(conversation.channel),
    subject: conversation.subject,
    agent: people(review.agentId),
    reviewer: people(review.reviewerId),
    sampleId: review.sampleId,
    status: reviewStatus(review.status),
    total: review.total,
    agentResponse: review.agentResponse,
    submittedAt: review.submittedAt?.toISOString() ?? null,
    respondedAt: review.respondedAt?.toISOString() ?? null,
    updatedAt: review.updatedAt.toISOString(),
    commentCount,
  };
}

export async function presentSummaries(db: Db, reviews: Review[]): Promise<ReviewSummary[]> {
  const ids = reviews.map((r) => r.id);
  const [conversations, comments, people] = await Promise.all([
    db.conversation.findMany({ where: { id: { in: [...new Set(reviews.map((r) => r.conversationId))] } }, select: { id: true, channel: true, subject: true } }),
    db.reviewComment.groupBy({ by: ['reviewId'], where: { reviewId: { in: ids } }, _count: { _all: true } }),
    peopleByIds(db, reviews.flatMap((r) => [r.agentId, r.reviewerId])),
  ]);
  const byId = new Map(conversations.map((c) => [c.id, c]));
  return reviews.flatMap((review) => {
    const conversation = byId.get(review.conversationId);
    if (!conversation) return [];
    return [summaryOf(review, conversation, people, comments.find((c) => c.reviewId === review.id)?._count._all ?? 0)];
  });
}

export async function presentReview(db: Db, viewer: Viewer, review: Review): Promise<ReviewView> {
  const [conversation, newestFirst, checks, comments, scorecards] = await Promise.all([
    db.conversation.findUnique({ where: { id: review.conversationId }, select: { channel: true, subject: true, customer: { select: { firstName: true, lastName: true } } } }),
    db.message.findMany({
      where: { conversationId: review.conversationId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: MAX_REVIEW_MESSAGES,
      select: { id: true, direction: true, channel: true, body: true, authorId: true, createdAt: true },
    }),
    db.messageVoiceCheck.findMany({ where: { conversationId: review.conversationId, agentId: review.agentId } }),
    db.reviewComment.findMany({ where: { reviewId: review.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    scorecardVersions(db, [review.scorecardVersion]),
  ]);
  if (!conversation) throw new ServiceError('NOT_FOUND', 'The reviewed conversation no longer exists');
  const scorecard = scorecards.get(review.scorecardVersion);
  if (!scorecard) throw new ServiceError('INTERNAL', `Scorecard version ${review.scorecardVersion} is missing`);
  const messages = newestFirst.reverse();
  const people = await peopleByIds(db, [review.agentId, review.reviewerId, ...comments.map((c) => c.authorId), ...messages.flatMap((m) => (m.authorId ? [m.authorId] : []))]);
  const checkOf = new Map(checks.map((c) => [c.messageId, c]));
  const status = reviewStatus(review.status);
  return {
    ...summaryOf(review, conversation, people, comments.length),
    customerName: [conversation.customer.firstName, conversation.customer.lastName].filter(Boolean).join(' '),
    scorecard,
    scores: StoredScores.parse(JSON.parse(review.scores)),
    preScore: PreScore.parse(JSON.parse(review.preScore)),
    messages: messages.map((m) => {
      const check = checkOf.get(m.id);
      return {
        id: m.id,
        direction: m.direction === 'inbound' ? 'inbound' : 'outbound',
        channel: Channel.parse(m.channel),
        body: m.body,
        author: m.authorId ? people(m.authorId) : null,
        at: m.createdAt.toISOString(),
        check: check
          ? { ruleSetVersion: check.ruleSetVersion, errors: check.errors, warnings: check.warnings, hints: check.hints, issues: StoredIssues.parse(JSON.parse(check.issues)), justification: check.justification }
          : null,
      };
    }),
    comments: comments.map((c) => ({ id: c.id, messageId: c.messageId, author: people(c.authorId), body: c.body, createdAt: c.createdAt.toISOString() })),
    canEdit: viewer.userId === review.reviewerId && status === 'draft',
    canComment: viewer.userId === review.reviewerId && (status === 'draft' || status === 'submitted'),
    canRespond: viewer.userId === review.agentId && status === 'submitted',
  };
}
