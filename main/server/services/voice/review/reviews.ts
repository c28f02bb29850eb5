// One supervisor's review of one agent's work in one conversation: opened as a draft with the rules'
// pre-score, scored and commented by its reviewer, submitted, then acknowledged or disputed once by the
// agent. Two supervisors reviewing the same conversation each have their own (a calibration pair).
import type { z } from 'zod';
import type { PreScore, ReviewCommentInput, ReviewListInput, ReviewOpenInput, ReviewRespondInput, ReviewSaveInput, ReviewSummary, ReviewView } from '../../../../../common/api/review.ts';
import { can } from '../../../../../common/domain/policy.ts';
import { preScoreCriteria, reviewTotal, SUBMITTED_STATUSES } from '../../../../../common/domain/review.ts';
import type { Db } from '../../../db/client.ts';
import type { Review } from '../../../db/generated/client.ts';
import type { FieldError } from '../../../../../common/result.ts';
import { forbidden, notFound, ServiceError } from '../../../errors.ts';
import { audit } from '../../audit/audit.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { isUniqueViolation } from '../../inboundApi/idempotency.ts';
import { prescoreConversation } from './prescore.ts';
import { currentScorecard, scorecardVersions } from './scorecard.ts';
import { presentReview, presentSummaries, StoredIssues, StoredScores } from './view.ts';

/** The agent who wrote most of the conversation's replies (the same rule sampling credits by). */
async function creditedAgent(db: Db, conversationId: string): Promise<string | null> {
  const [top] = await db.message.groupBy({
    by: ['authorId'],
    where: { conversationId, direction: 'outbound', authorId: { not: null } },
    _count: { _all: true },
    orderBy: [{ _count: { authorId: 'desc' } }, { authorId: 'asc' }],
    take: 1,
  });
  return top?.authorId ?? null;
}

async function agentFor(db: Db, input: z.output<typeof ReviewOpenInput>): Promise<string> {
  if (input.sampleId) {
    const item = await db.reviewSampleItem.findUnique({ where: { sampleId_conversationId: { sampleId: input.sampleId, conversationId: input.conversationId } } });
    if (!item) throw new ServiceError('BAD_REQUEST', 'This conversation is not in that sample', [{ path: 'conversationId', message: 'not in the sample' }]);
    return item.agentId;
  }
  if (!(await db.conversation.findUnique({ where: { id: input.conversationId }, select: { id: true } }))) throw notFound('Conversation');
  const agentId = await creditedAgent(db, input.conversationId);
  if (!agentId) throw new ServiceError('BAD_REQUEST', 'No agent has replied in this conversation yet: there is nothing to review', [{ path: 'conversationId', message: 'no agent replies' }]);
  return agentId;
}

/** Opens the viewer's review of a conversation: their existing one, or a new draft with the rules' suggestions filled in. */
export async function openReview(db: Db, viewer: Viewer, input: z.output<typeof ReviewOpenInput>, now: Date): Promise<ReviewView> {
  const existing = await db.review.findUnique({ where: { conversationId_reviewerId: { conversationId: input.conversationId, reviewerId: viewer.userId } } });
  if (existing) return presentReview(db, viewer, existing);

  const agentId = await agentFor(db, input);
  if (agentId === viewer.userId) throw forbidden('You cannot review your own conversation');
  // Messages sent since the job's last run are checked now, so the suggestion covers the whole conversation.
  const ruleSetVersion = await prescoreConversation(db, input.conversationId, now);
  const [scorecard, checks] = await Promise.all([
    currentScorecard(db),
    db.messageVoiceCheck.findMany({ where: { conversationId: input.conversationId, agentId }, select: { issues: true } }),
  ]);
  const criteria = preScoreCriteria(scorecard, checks.map((c) => ({ issues: StoredIssues.parse(JSON.parse(c.issues)) })));
  const preScore: PreScore = { ruleSetVersion, agentMessages: checks.length, criteria };
  const scores = scorecard.criteria.map((c) => ({ criterionId: c.id, score: criteria.find((p) => p.criterionId === c.id)?.suggested ?? null, note: '' }));
  let review: Review;
  try {
    review = await db.review.create({
      data: {
        conversationId: input.conversationId,
        agentId,
        reviewerId: viewer.userId,
        sampleId: input.sampleId ?? null,
        scorecardVersion: scorecard.version,
        scores: JSON.stringify(scores),
        preScore: JSON.stringify(preScore),
        total: reviewTotal(scorecard, scores),
        createdAt: now,
      },
    });
  } catch (error) {
    // The same supervisor opened it from two desks at once: both get the one review.
    if (!isUniqueViolation(error)) throw error;
    review = await db.review.findUniqueOrThrow({ where: { conversationId_reviewerId: { conversationId: input.conversationId, reviewerId: viewer.userId } } });
  }
  await audit(db, viewer, { action: 'review.open', subjectType: 'review', subjectId: review.id, details: { conversationId: input.conversationId, agentId } });
  return presentReview(db, viewer, review);
}

async function ownDraft(db: Db, viewer: Viewer, reviewId: string): Promise<Review> {
  const review = await db.review.findUnique({ where: { id: reviewId } });
  if (!review) throw notFound('Review');
  if (review.reviewerId !== viewer.userId) throw forbidden('Only its reviewer can change a review');
  return review;
}

export async function saveReview(db: Db, viewer: Viewer, input: z.output<typeof ReviewSaveInput>, now: Date): Promise<ReviewView> {
  const review = await ownDraft(db, viewer, input.reviewId);
  if (review.status !== 'draft') throw new ServiceError('CONFLICT', 'This review was submitted and can no longer be changed');
  const scorecard = (await scorecardVersions(db, [review.scorecardVersion])).get(review.scorecardVersion);
  if (!scorecard) throw new ServiceError('INTERNAL', `Scorecard version ${review.scorecardVersion} is missing`);

  const fields: FieldError[] = [];
  const given = new Set<string>();
  input.scores.forEach((score, i) => {
    const criterion = scorecard.criteria.find((c) => c.id === score.criterionId);
    if (!criterion) fields.push({ path: `scores.${i}.criterionId`, message: `"${score.criterionId}" is not on scorecard version ${scorecard.version}` });
    else if (score.score !== null && score.score > criterion.maxScore) fields.push({ path: `scores.${i}.score`, message: `must be between 0 and ${criterion.maxScore}` });
    if (given.has(score.criterionId)) fields.push({ path: `scores.${i}.criterionId`, message: 'scored twice' });
    given.add(score.criterionId);
  });
  if (fields.length > 0) throw new ServiceError('BAD_REQUEST', 'Some scores do not fit the scorecard', fields);

  const stored = StoredScores.parse(JSON.parse(review.scores));
  const scores = scorecard.criteria.map((c) => input.scores.find((s) => s.criterionId === c.id) ?? stored.find((s) => s.criterionId === c.id) ?? { criterionId: c.id, score: null, note: '' });
  const total = reviewTotal(scorecard, scores);
  if (input.submit && total === null) {
    const missing = scores.flatMap((s, i) => (s.score === null ? [{ path: `scores.${i}.score`, message: 'score every criterion before submitting' }] : []));
    throw new ServiceError('BAD_REQUEST', 'Score every criterion before submitting', missing);
  }
  // Guarded by status: a second submit racing this one changes nothing.
  const { count } = await db.review.updateMany({
    where: { id: review.id, status: 'draft' },
    data: { scores: JSON.stringify(scores), total, ...(input.submit ? { status: 'submitted', submittedAt: now } : {}) },
  });
  if (count === 0) throw new ServiceError('CONFLICT', 'This review was submitted and can no longer be changed');
  await audit(db, viewer, { action: input.submit ? 'review.submit' : 'review.save', subjectType: 'review', subjectId: review.id, details: { total } });
  return presentReview(db, viewer, await db.review.findUniqueOrThrow({ where: { id: review.id } }));
}

export async function commentOnMessage(db: Db, viewer: Viewer, input: z.output<typeof ReviewCommentInput>, now: Date): Promise<ReviewView> {
  const review = await ownDraft(db, viewer, input.reviewId);
  if (review.status !== 'draft' && review.status !== 'submitted') throw new ServiceError('CONFLICT', 'The agent has answered this review; it takes no more comments');
  const message = await db.message.findUnique({ where: { id: input.messageId }, select: { conversationId: true } });
  if (!message || message.conversationId !== review.conversationId) {
    throw new ServiceError('BAD_REQUEST', 'A comment must be anchored to a message of the reviewed conversation', [{ path: 'messageId', message: 'not a message of this conversation' }]);
  }
  const comment = await db.reviewComment.create({ data: { reviewId: review.id, messageId: input.messageId, authorId: viewer.userId, body: input.body, createdAt: now } });
  await audit(db, viewer, { action: 'review.comment', subjectType: 'review', subjectId: review.id, details: { commentId: comment.id, messageId: input.messageId } });
  return presentReview(db, viewer, review);
}

/**
 * Supervisors see every review; anyone else only the submitted reviews of their own work. A draft or
 * someone else's review answers NOT_FOUND to them, not FORBIDDEN: its existence is not theirs to know.
 */
async function visibleReview(db: Db, viewer: Viewer, id: string): Promise<Review> {
  const review = await db.review.findUnique({ where: { id } });
  if (!review) throw notFound('Review');
  if (can(viewer.role, 'reviews.manage')) return review;
  if (review.agentId !== viewer.userId || !(SUBMITTED_STATUSES as readonly string[]).includes(review.status)) throw notFound('Review');
  return review;
}

export async function getReview(db: Db, viewer: Viewer, id: string): Promise<ReviewView> {
  return presentReview(db, viewer, await visibleReview(db, viewer, id));
}

export async function listReviews(db: Db, viewer: Viewer, input: z.output<typeof ReviewListInput>): Promise<ReviewSummary[]> {
  if (input.scope === 'all' && !can(viewer.role, 'reviews.manage')) throw forbidden('Only supervisors see everyone’s reviews');
  const where =
    input.scope === 'mine'
      ? { agentId: viewer.userId, status: input.status && (SUBMITTED_STATUSES as readonly string[]).includes(input.status) ? input.status : { in: [...SUBMITTED_STATUSES] } }
      : { ...(input.agentId ? { agentId: input.agentId } : {}), ...(input.status ? { status: input.status } : {}) };
  const reviews = await db.review.findMany({ where, orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }], take: input.limit });
  return presentSummaries(db, reviews);
}

export async function respondToReview(db: Db, viewer: Viewer, input: z.output<typeof ReviewRespondInput>, now: Date): Promise<ReviewView> {
  const review = await visibleReview(db, viewer, input.reviewId);
  if (review.agentId !== viewer.userId) throw forbidden('Only the reviewed agent can acknowledge or dispute a review');
  // Once: the status guard makes a second answer (or two desks at once) a conflict, never an overwrite.
  const { count } = await db.review.updateMany({
    where: { id: review.id, agentId: viewer.userId, status: 'submitted' },
    data: { status: input.response, agentResponse: input.note === '' ? null : input.note, respondedAt: now },
  });
  if (count === 0) throw new ServiceError('CONFLICT', review.status === 'draft' ? 'This review is not submitted yet' : 'You have already answered this review');
  await audit(db, viewer, { action: `review.${input.response === 'acknowledged' ? 'acknowledge' : 'dispute'}`, subjectType: 'review', subjectId: review.id });
  return presentReview(db, viewer, await db.review.findUniqueOrThrow({ where: { id: review.id } }));
}
