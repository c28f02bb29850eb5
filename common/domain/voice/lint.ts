// The brand-voice linter. compileRules turns a rule set into a function once (phrase lists into single
// regexes, allow lists into sets) so the composer can lint on every keystroke; lint() is the one-off form.
// It never throws: a rule that cannot compile or fails on some text is left out, so one bad rule costs its
// own findings, never the composer.
import type { LintContext, LintFix, LintIssue, VoiceRule, VoiceRuleKind, VoiceRuleOf, VoiceSeverity } from '../../api/voice.ts';
import { RULE_COMPILERS } from './registry.ts';
import type { RuleCheck } from './rule.ts';

export type Linter = (text: string, context: LintContext) => LintIssue[];

interface CompiledRule {
  rule: VoiceRule;
  check: RuleCheck;
}

const SEVERITY_ORDER: Record<VoiceSeverity, number> = { error: 0, warning: 1, hint: 2 };

function compileOne<K extends VoiceRuleKind>(rule: VoiceRuleOf<K>): RuleCheck | null {
  try {
    return (RULE_COMPILERS[rule.kind] as (rule: VoiceRuleOf<K>) => RuleCheck)(rule);
  } catch {
    return null;
  }
}

const applies = (rule: VoiceRule, context: LintContext) =>
  (rule.channels.length === 0 || rule.channels.includes(context.channel)) && (rule.locale === 'any' || rule.locale === context.locale);

export function compileRules(rules: readonly VoiceRule[]): Linter {
  const compiled: CompiledRule[] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const check = compileOne(rule);
    if (check) compiled.push({ rule, check });
  }

  return (text, context) => {
    const issues: LintIssue[] = [];
    for (const { rule, check } of compiled) {
      if (!applies(rule, context)) continue;
      let findings;
      try {
        findings = check(text, context);
      } catch {
        continue;
      }
      for (const finding of findings) issues.push({ ruleId: rule.id, kind: rule.kind, severity: rule.severity, ...finding });
    }
    return issues.sort(
      (a, b) => a.start - b.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.end - b.end || a.ruleId.localeCompare(b.ruleId),
    );
  };
}

export function lint(text: string, rules: readonly VoiceRule[], context: LintContext): LintIssue[] {
  return compileRules(rules)(text, context);
}

/** The text with one fix applied: what the composer's one-click fix does. */
export function applyFix(text: string, fix: LintFix): string {
  return text.slice(0, fix.start) + fix.replacement + text.slice(fix.end);
}
