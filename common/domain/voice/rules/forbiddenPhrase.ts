// Words and phrases the brand does not use, each with what to write instead when there is a one-word
// answer: whole words only («данный» must not fire inside «неданный»), any case, «ё» or «е».
import { messageKey, MAX_FINDINGS_PER_RULE, type RuleCompiler, type RuleFinding } from '../rule.ts';
import { matchCase, phraseMatcher } from '../text.ts';

export const forbiddenPhrase: RuleCompiler<'forbidden_phrase'> = (rule) => {
  const matcher = phraseMatcher(rule.phrases, (entry) => entry.phrase);
  return (text) =>
    matcher.all(text, MAX_FINDINGS_PER_RULE).map((m): RuleFinding => {
      const replacement = m.entry.replacement === null ? null : matchCase(m.text, m.entry.replacement);
      return {
        start: m.start,
        end: m.end,
        messageKey: messageKey('forbidden_phrase', replacement === null ? 'noReplacement' : 'withReplacement'),
        params: replacement === null ? { phrase: m.text } : { phrase: m.text, suggestion: replacement },
        fix: replacement === null ? null : { start: m.start, end: m.end, replacement },
      };
    });
};
