// At most `max` exclamation marks in a message. Each one over the limit is flagged: the extra marks of a
// run ("!!!") are deleted by the fix, a lone one becomes a full stop.
import { messageKey, MAX_FINDINGS_PER_RULE, type RuleCompiler, type RuleFinding } from '../rule.ts';

export const exclamationLimit: RuleCompiler<'exclamation_limit'> = (rule) => (text) => {
  const findings: RuleFinding[] = [];
  let seen = 0;
  for (let at = text.indexOf('!'); at !== -1 && findings.length < MAX_FINDINGS_PER_RULE; at = text.indexOf('!', at + 1)) {
    seen += 1;
    if (seen <= rule.max) continue;
    const inRun = text.charAt(at - 1) === '!';
    findings.push({
      start: at,
      end: at + 1,
      messageKey: messageKey('exclamation_limit'),
      params: { count: rule.max },
      fix: { start: at, end: at + 1, replacement: inRun ? '' : '.' },
    });
  }
  return findings;
};
