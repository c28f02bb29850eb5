// Small shared pieces of the review screens: a criterion's name in the desk's language, and the draft of
// scores a supervisor edits (strings from the inputs, numbers to the hub).
import type { CriterionScore, Scorecard, ScorecardCriterion } from '../../../../common/api/review.ts';
import type { Locale } from '../../../../common/domain/enums.ts';

export const criterionName = (criterion: Pick<ScorecardCriterion, 'name'>, locale: Locale) => criterion.name[locale];

export interface ScoreDraft {
  score: string;
  note: string;
}

export function draftOf(scorecard: Scorecard, scores: readonly CriterionScore[]): Record<string, ScoreDraft> {
  return Object.fromEntries(
    scorecard.criteria.map((c) => {
      const saved = scores.find((s) => s.criterionId === c.id);
      return [c.id, { score: saved?.score === null || saved?.score === undefined ? '' : String(saved.score), note: saved?.note ?? '' }];
    }),
  );
}

/** A blank score stays unscored (null); anything else goes to the hub as typed, which checks the range. */
export function scoresOf(scorecard: Scorecard, draft: Record<string, ScoreDraft>): Array<{ criterionId: string; score: number | null; note: string }> {
  return scorecard.criteria.map((c) => {
    const entry = draft[c.id] ?? { score: '', note: '' };
    return { criterionId: c.id, score: entry.score.trim() === '' ? null : Number(entry.score), note: entry.note.trim() };
  });
}
