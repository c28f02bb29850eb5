// How one lint issue reads in the desk: the worst severity of a run of text, the words it is about, and
// what its one-click fix does.
import type { LintFix, LintIssue, VoiceSeverity } from '../../../../common/api/voice.ts';
import type { useT } from '../../app/i18n.ts';

type T = ReturnType<typeof useT>['t'];

const RANK: Record<VoiceSeverity, number> = { error: 0, warning: 1, hint: 2 };

export const worstSeverity = (issues: readonly LintIssue[]): VoiceSeverity | null =>
  issues.reduce<VoiceSeverity | null>((worst, issue) => (worst === null || RANK[issue.severity] < RANK[worst] ? issue.severity : worst), null);

const EXCERPT_CHARS = 40;

/** The flagged words, shortened when a finding spans a paragraph (a message over the length limit). */
export function excerpt(text: string, issue: Pick<LintIssue, 'start' | 'end'>): string {
  const flagged = text.slice(issue.start, issue.end).replace(/\s+/g, ' ').trim();
  return flagged.length > EXCERPT_CHARS ? `${flagged.slice(0, EXCERPT_CHARS - 1)}…` : flagged;
}

/** The fix button's accessible name: delete, insert or replace, with the words involved. */
export function fixLabel(t: T, text: string, fix: LintFix): string {
  const replacement = fix.replacement.replace(/\s+/g, ' ').trim();
  if (replacement === '') return t('voice:Fix.remove', { text: excerpt(text, fix) });
  if (fix.start === fix.end) return t('voice:Fix.insert', { text: replacement });
  return t('voice:Fix.replace', { text: excerpt(text, fix), replacement });
}
