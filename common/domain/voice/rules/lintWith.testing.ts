// Shared by the rule tests: one rule, parsed like a saved one, linted through the real linter.
import { VoiceRule, type LintContext, type LintIssue, type VoiceRuleInput } from '../../../api/voice.ts';
import { applyFix, lint } from '../lint.ts';

/** Omit over each member of a union, so each rule kind keeps its own fields. */
export type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type RuleInput = Without<VoiceRuleInput, 'id' | 'name' | 'severity'>;

export function lintWith(rule: RuleInput, text: string, context: Partial<LintContext> = {}): LintIssue[] {
  const parsed = VoiceRule.parse({ id: 'rule', name: 'Rule', severity: 'warning', ...rule });
  return lint(text, [parsed], { channel: 'webchat', locale: 'ru', ...context });
}

/** What each issue underlines. */
export const flagged = (text: string, issues: LintIssue[]) => issues.map((issue) => text.slice(issue.start, issue.end));

/** The text after applying every fix, last first so earlier offsets stay valid. */
export function fixedAll(text: string, issues: LintIssue[]): string {
  return [...issues].reverse().reduce((current, issue) => (issue.fix ? applyFix(current, issue.fix) : current), text);
}
