// Supervisor review: the scorecard conversations are scored on, how samples are drawn, one review with
// its automatic pre-score and comments anchored to messages, the agent's answer, and the aggregates
// (weekly trends, calibration agreement between two reviewers of the same conversation).
import { z } from 'zod';
import { Channel } from '../domain/enums.ts';
import { LintIssue, VoiceRuleKind } from './voice.ts';

const Id = z.string().trim().min(1).max(100);
const Instant = z.string().datetime({ offset: true });
const Person = z.object({ id: z.string(), name: z.string() });
export type ReviewPerson = z.infer<typeof Person>;

// ── Scorecard ────────────────────────────────────────────────────────────────────────────────────────

export const CriterionName = z.object({ ru: z.string().trim().min(1).max(80), en: z.string().trim().min(1).max(80) });

export const ScorecardCriterion = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and "_", starting with a letter'),
  name: CriterionName,
  /** Relative weight in the total; the weights need not add up to 100. */
  weight: z.number().int().min(1).max(100),
  /** Scores run from 0 to this. */
  maxScore: z.number().int().min(1).max(10).default(5),
  /** The rule kinds whose findings suggest this criterion's score; empty: a person judges it alone (empathy, accuracy, resolution). */
  ruleKinds: z.array(VoiceRuleKind).max(VoiceRuleKind.options.length).default([]),
});
export type ScorecardCriterion = z.infer<typeof ScorecardCriterion>;
export type ScorecardCriterionInput = z.input<typeof ScorecardCriterion>;

const Criteria = z
  .array(ScorecardCriterion)
  .min(1)
  .max(20)
  .superRefine((criteria, ctx) => {
    const seen = new Set<string>();
    criteria.forEach((criterion, i) => {
      if (seen.has(criterion.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `criterion id "${criterion.id}" is used twice` });
      seen.add(criterion.id);
    });
  });

export const Scorecard = z.object({ version: z.number().int().min(1), criteria: Criteria });
export type Scorecard = z.infer<typeof Scorecard>;

export const ScorecardSaveInput = z.object({
  criteria: Criteria,
  /** The version the editor started from: a save over someone else's newer version is refused, not lost. */
  basedOnVersion: z.number().int().min(0),
});
export type ScorecardSaveInput = z.input<typeof ScorecardSaveInput>;

// ── Samples ──────────────────────────────────────────────────────────────────────────────────────────

export const SampleMode = z.enum(['random', 'many_lint_warnings']);
export type SampleMode = z.infer<typeof SampleMode>;

const MAX_SAMPLE_DAYS = 366;

export const SampleCriteria = z
  .object({
    /** Empty: every agent who answered in the period. */
    agentIds: z.array(Id).max(200).default([]),
    /** Empty: every channel. */
    channels: z.array(Channel).max(Channel.options.length).default([]),
    from: Instant,
    to: Instant,
    /** Conversations drawn per agent. */
    perAgent: z.number().int().min(1).max(50).default(5),
    mode: SampleMode.default('random'),
    /** The same seed and data draw the same conversations (tests, and a supervisor redrawing a colleague's sample). */
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  })
  .superRefine((criteria, ctx) => {
    const span = Date.parse(criteria.to) - Date.parse(criteria.from);
    if (span <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (span > MAX_SAMPLE_DAYS * 86_400_000) ctx.addIssue({ code: 'custom', path: ['to'], message: `the period may span at most ${MAX_SAMPLE_DAYS} days` });
  });
export type SampleCriteria = z.output<typeof SampleCriteria>;
export type SampleCriteriaInput = z.input<typeof SampleCriteria>;

export const ReviewStatus = z.enum(['draft', 'submitted', 'acknowledged', 'disputed']);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

export const SampleItemView = z.object({
  conversationId: z.string(),
  agent: Person,
  channel: Channel,
  subject: z.string().nullable(),
  customerName: z.string(),
  startedAt: Instant,
  /** The agent's messages in the conversation, and what the voice rules found in them. */
  agentMessages: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  /** The viewer's own review of this conversation, if started. */
  myReview: z.object({ id: z.string(), status: ReviewStatus, total: z.number().nullable() }).nullable(),
  /** Reviews by anyone (two or more: a calibration pair). */
  reviewCount: z.number().int(),
});
export type SampleItemView = z.infer<typeof SampleItemView>;

export const SampleSummary = z.object({
  id: z.string(),
  criteria: SampleCriteria,
  createdBy: Person,
  createdAt: Instant,
  itemCount: z.number().int(),
  reviewedCount: z.number().int(),
});
export type SampleSummary = z.infer<typeof SampleSummary>;

export const SampleView = SampleSummary.extend({ items: z.array(SampleItemView) });
export type SampleView = z.infer<typeof SampleView>;

export const SampleGetInput = z.object({ id: Id });

// ── One review ───────────────────────────────────────────────────────────────────────────────────────

/** The rules' suggestion for one criterion linked to rule kinds. */
export const CriterionPreScore = z.object({
  criterionId: z.string(),
  /** Share of the agent's messages free of the linked kinds, errors counting fully and warnings half (0–1). */
  share: z.number().min(0).max(1),
  suggested: z.number().int().min(0),
  /** Messages with an error, or with only warnings, of the linked kinds. */
  messagesWithErrors: z.number().int(),
  messagesWithWarnings: z.number().int(),
});
export type CriterionPreScore = z.infer<typeof CriterionPreScore>;

export const PreScore = z.object({
  /** The rule set the agent's messages were checked against. */
  ruleSetVersion: z.number().int(),
  agentMessages: z.number().int(),
  criteria: z.array(CriterionPreScore),
});
export type PreScore = z.infer<typeof PreScore>;

export const CriterionScore = z.object({
  criterionId: z.string().min(1).max(40),
  /** null: not scored yet (a draft). */
  score: z.number().int().min(0).max(10).nullable(),
  note: z.string().trim().max(1000).default(''),
});
export type CriterionScore = z.infer<typeof CriterionScore>;

export const ReviewMessageCheck = z.object({
  ruleSetVersion: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  hints: z.number().int(),
  issues: z.array(LintIssue),
  justification: z.string().nullable(),
});

export const ReviewMessage = z.object({
  id: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  channel: Channel,
  body: z.string(),
  /** The agent or colleague who wrote it; null for the customer and the retailer's automatic notices. */
  author: Person.nullable(),
  at: Instant,
  /** What the rules found, for the reviewed agent's own messages. */
  check: ReviewMessageCheck.nullable(),
});
export type ReviewMessage = z.infer<typeof ReviewMessage>;

export const ReviewComment = z.object({ id: z.string(), messageId: z.string(), author: Person, body: z.string(), createdAt: Instant });
export type ReviewComment = z.infer<typeof ReviewComment>;

export const ReviewSummary = z.object({
  id: z.string(),
  conversationId: z.string(),
  channel: Channel,
  subject: z.string().nullable(),
  agent: Person,
  reviewer: Person,
  sampleId: z.string().nullable(),
  status: ReviewStatus,
  /** 0–100, weighted by the scorecard; null until every criterion is scored. */
  total: z.number().nullable(),
  agentResponse: z.string().nullable(),
  submittedAt: Instant.nullable(),
  respondedAt: Instant.nullable(),
  updatedAt: Instant,
  commentCount: z.number().int(),
});
export type ReviewSummary = z.infer<typeof ReviewSummary>;

export const ReviewView = ReviewSummary.extend({
  customerName: z.string(),
  scorecard: Scorecard,
  scores: z.array(CriterionScore),
  preScore: PreScore,
  messages: z.array(ReviewMessage),
  comments: z.array(ReviewComment),
  /** The viewer may change scores, comment and submit (the reviewer, while a draft). */
  canEdit: z.boolean(),
  /** The viewer may comment on messages (the reviewer, until the agent answers). */
  canComment: z.boolean(),
  /** The viewer may acknowledge or dispute (the reviewed agent, once, after submission). */
  canRespond: z.boolean(),
});
export type ReviewView = z.infer<typeof ReviewView>;

export const ReviewOpenInput = z.object({ conversationId: Id, sampleId: Id.optional() });
export const ReviewGetInput = z.object({ id: Id });

export const ReviewSaveInput = z.object({
  reviewId: Id,
  scores: z.array(CriterionScore).max(20),
  /** Submit: every criterion must be scored; the agent then sees the review. */
  submit: z.boolean().default(false),
});
export type ReviewSaveInput = z.input<typeof ReviewSaveInput>;

export const ReviewCommentInput = z.object({ reviewId: Id, messageId: Id, body: z.string().trim().min(1).max(2000) });
export type ReviewCommentInput = z.input<typeof ReviewCommentInput>;

export const ReviewRespondInput = z
  .object({
    reviewId: Id,
    response: z.enum(['acknowledged', 'disputed']),
    note: z.string().trim().max(2000).default(''),
  })
  .superRefine((input, ctx) => {
    if (input.response === 'disputed' && input.note === '') ctx.addIssue({ code: 'custom', path: ['note'], message: 'say what you disagree with' });
  });
export type ReviewRespondInput = z.input<typeof ReviewRespondInput>;

export const ReviewListInput = z.object({
  /** mine: reviews of the viewer's own work (what an agent sees); all: everyone's (reviews.manage). */
  scope: z.enum(['mine', 'all']).default('mine'),
  agentId: Id.optional(),
  status: ReviewStatus.optional(),
  limit: z.number().int().min(1).max(200).default(100),
});
export type ReviewListInput = z.input<typeof ReviewListInput>;

/** Pushed when a review is submitted or answered: to the reviewed agent and to the supervisors. */
export const ReviewChanged = z.object({ id: z.string(), conversationId: z.string(), agentId: z.string(), reviewerId: z.string(), status: ReviewStatus });
export type ReviewChanged = z.infer<typeof ReviewChanged>;

// ── Trends and calibration ───────────────────────────────────────────────────────────────────────────

const Period = z
  .object({ from: Instant, to: Instant })
  .refine((p) => Date.parse(p.to) > Date.parse(p.from), { path: ['to'], message: 'must be after from' });

export const TrendsInput = z.intersection(Period, z.object({ agentIds: z.array(Id).max(200).default([]), channels: z.array(Channel).max(Channel.options.length).default([]) }));
export type TrendsInput = z.input<typeof TrendsInput>;

/** One week (starting Monday, UTC) of submitted reviews: their average total and how many there were. */
export const TrendPoint = z.object({ week: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), average: z.number(), count: z.number().int() });
export type TrendPoint = z.infer<typeof TrendPoint>;

export const TrendsResult = z.object({
  /** Every week of the period that has a review, in order: the charts' x axis. */
  weeks: z.array(z.string()),
  agents: z.array(z.object({ agent: Person, points: z.array(TrendPoint) })),
  channels: z.array(z.object({ channel: Channel, points: z.array(TrendPoint) })),
});
export type TrendsResult = z.infer<typeof TrendsResult>;

export const CalibrationInput = Period;
export type CalibrationInput = z.input<typeof CalibrationInput>;

/**
 * Agreement of two scores of one criterion: 1 − |a − b| ÷ max score (each score first taken as a share of
 * its own scorecard's maximum), so 1 is the same score and 0 opposite ends of the scale.
 */
export const CriterionAgreement = z.object({ criterionId: z.string(), name: CriterionName, a: z.number().int(), b: z.number().int(), agreement: z.number().min(0).max(1) });

export const CalibrationPair = z.object({
  conversationId: z.string(),
  channel: Channel,
  agent: Person,
  a: z.object({ reviewId: z.string(), reviewer: Person, total: z.number().nullable() }),
  b: z.object({ reviewId: z.string(), reviewer: Person, total: z.number().nullable() }),
  criteria: z.array(CriterionAgreement),
  /** The mean of the criteria both scored. */
  agreement: z.number().min(0).max(1),
});
export type CalibrationPair = z.infer<typeof CalibrationPair>;

export const CalibrationResult = z.object({
  pairs: z.array(CalibrationPair),
  /** The mean of the pairs' agreement; null without a pair. */
  overall: z.number().min(0).max(1).nullable(),
});
export type CalibrationResult = z.infer<typeof CalibrationResult>;
