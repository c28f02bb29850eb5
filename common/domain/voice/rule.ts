// The contract between the linter and one rule kind: compile the rule once (regexes, sets), then check
// texts with it on every keystroke.
import type { LintContext, LintIssue, VoiceRuleKind, VoiceRuleOf } from '../../api/voice.ts';

/** An issue before the linter stamps the rule's id, kind and severity on it. */
export type RuleFinding = Pick<LintIssue, 'start' | 'end' | 'messageKey' | 'params' | 'fix'>;

export type RuleCheck = (text: string, context: LintContext) => RuleFinding[];

export type RuleCompiler<K extends VoiceRuleKind> = (rule: VoiceRuleOf<K>) => RuleCheck;

/** A pasted log or a wall of capitals should not paint thousands of underlines; the first ones say enough. */
export const MAX_FINDINGS_PER_RULE = 100;

/** Message keys live in the `voice` namespace: voice:issues.<kind>[.<case>]. */
export const messageKey = (kind: VoiceRuleKind, variant?: string) => `voice:issues.${kind}${variant ? `.${variant}` : ''}`;
