// The review formulas, shared by the hub (which stores them) and the desk (which previews them while a
// supervisor scores): the pre-score the rules suggest, the weighted total, and calibration agreement.
import type { CriterionPreScore, CriterionScore, Scorecard, ScorecardCriterion } from '../api/review.ts';
import type { LintIssue } from '../api/voice.ts';

/**
 * A criterion's suggestion from the agent's checked messages. A message with an error of a linked kind
 * counts as a full miss, one with only warnings as half a miss (a warning is a matter of style the
 * supervisor may forgive, an error is what the brand forbids); hints do not count. The share of
 * messages without a miss, times the criterion's maximum, rounded, is the suggested score.
 */
export function preScoreCriterion(criterion: ScorecardCriterion, messages: readonly { issues: readonly LintIssue[] }[]): CriterionPreScore {
  let messagesWithErrors = 0;
  let messagesWithWarnings = 0;
  for (const { issues } of messages) {
    const linked = issues.filter((issue) => criterion.ruleKinds.includes(issue.kind));
    if (linked.some((issue) => issue.severity === 'error')) messagesWithErrors++;
    else if (linked.some((issue) => issue.severity === 'warning')) messagesWithWarnings++;
  }
  const share = messages.length === 0 ? 1 : 1 - (messagesWithErrors + messagesWithWarnings / 2) / messages.length;
  return { criterionId: criterion.id, share, suggested: Math.round(share * criterion.maxScore), messagesWithErrors, messagesWithWarnings };
}

/** The criteria that have rule links, each with its suggestion. */
export function preScoreCriteria(scorecard: Scorecard, messages: readonly { issues: readonly LintIssue[] }[]): CriterionPreScore[] {
  return scorecard.criteria.filter((c) => c.ruleKinds.length > 0).map((c) => preScoreCriterion(c, messages));
}

/** 0–100: each criterion's score as a share of its maximum, weighted; null until every criterion is scored. */
export function reviewTotal(scorecard: Scorecard, scores: readonly Pick<CriterionScore, 'criterionId' | 'score'>[]): number | null {
  let weighted = 0;
  let weights = 0;
  for (const criterion of scorecard.criteria) {
    const score = scores.find((s) => s.criterionId === criterion.id)?.score;
    if (score === null || score === undefined) return null;
    weighted += (criterion.weight * score) / criterion.maxScore;
    weights += criterion.weight;
  }
  return Math.round((weighted / weights) * 1000) / 10;
}

/** 1 − |a − b| with each score taken as a share of its own scorecard's maximum: 1 is the same score. */
export const scoreAgreement = (a: number, maxA: number, b: number, maxB: number): number => 1 - Math.abs(a / maxA - b / maxB);

/** The statuses a review has once its reviewer submitted it: what the agent, trends and calibration see. */
export const SUBMITTED_STATUSES = ['submitted', 'acknowledged', 'disputed'] as const;
