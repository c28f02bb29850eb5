// A supervisor's own regular expression (checked on save by customPatternProblem) with their message,
// shown as written. A replacement may use $1-style groups, as String.replace reads them.
import { compilePattern } from '../pattern.ts';
import { messageKey, MAX_FINDINGS_PER_RULE, type RuleCompiler, type RuleFinding } from '../rule.ts';

export const customPattern: RuleCompiler<'custom_pattern'> = (rule) => {
  const scan = compilePattern(rule.pattern, rule.flags);
  // Sticky, so the replacement is computed for this very match with its context (lookbehinds see it).
  const atMatch = new RegExp(rule.pattern, `${rule.flags}y`);
  const replacementFor = (text: string, start: number, end: number, replacement: string) => {
    atMatch.lastIndex = start;
    const replaced = text.replace(atMatch, replacement);
    return replaced.slice(start, replaced.length - (text.length - end));
  };
  return (text) => {
    const findings: RuleFinding[] = [];
    for (const m of text.matchAll(scan)) {
      // A zero-width match (a lookahead alone) has nothing to underline.
      if (m[0] === '') continue;
      const start = m.index;
      const end = start + m[0].length;
      findings.push({
        start,
        end,
        messageKey: messageKey('custom_pattern'),
        params: { message: rule.message },
        fix: rule.replacement === null ? null : { start, end, replacement: replacementFor(text, start, end, rule.replacement) },
      });
      if (findings.length >= MAX_FINDINGS_PER_RULE) break;
    }
    return findings;
  };
};
