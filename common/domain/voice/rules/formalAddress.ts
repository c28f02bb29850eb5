// «Ампер» addresses every customer as «Вы»: the informal «ты» forms are flagged, and — when the brand
// capitalises it — a lower-case «вы» gets a one-click fix. The informal forms have no mechanical fix: the
// verbs around them change too («ты можешь» → «Вы можете»). English has no T–V split, so the rule flags the
// casual words a supervisor lists instead, with their replacements.
import { messageKey, MAX_FINDINGS_PER_RULE, type RuleCompiler, type RuleFinding } from '../rule.ts';
import { capitalise, matchCase, phraseMatcher } from '../text.ts';

const INFORMAL = ['ты', 'тебя', 'тебе', 'тобой', 'тобою', 'твой', 'твоя', 'твоё', 'твои', 'твоего', 'твоей', 'твоему', 'твоим', 'твоими', 'твоих', 'твою'];
const POLITE = ['вы', 'вас', 'вам', 'вами', 'ваш', 'ваша', 'ваше', 'ваши', 'вашего', 'вашей', 'вашему', 'вашим', 'вашими', 'ваших', 'вашу'];

const informal = phraseMatcher(INFORMAL, (word) => word);
const polite = phraseMatcher(POLITE, (word) => word);

export const formalAddress: RuleCompiler<'formal_address'> = (rule) => {
  const casual = phraseMatcher(rule.casual, (entry) => entry.phrase);
  return (text) => {
    const findings: RuleFinding[] = informal.all(text, MAX_FINDINGS_PER_RULE).map((m) => ({
      start: m.start,
      end: m.end,
      messageKey: messageKey('formal_address', 'informal'),
      params: { word: m.text },
      fix: null,
    }));
    if (rule.capitalVy) {
      for (const m of polite.all(text, MAX_FINDINGS_PER_RULE)) {
        if (m.text.charAt(0) !== 'в') continue;
        findings.push({
          start: m.start,
          end: m.end,
          messageKey: messageKey('formal_address', 'lowercaseVy'),
          params: { word: m.text, suggestion: capitalise(m.text) },
          fix: { start: m.start, end: m.end, replacement: capitalise(m.text) },
        });
      }
    }
    for (const m of casual.all(text, MAX_FINDINGS_PER_RULE)) {
      const replacement = m.entry.replacement === null ? null : matchCase(m.text, m.entry.replacement);
      findings.push({
        start: m.start,
        end: m.end,
        messageKey: messageKey('formal_address', 'casual'),
        params: replacement === null ? { word: m.text } : { word: m.text, suggestion: replacement },
        fix: replacement === null ? null : { start: m.start, end: m.end, replacement },
      });
    }
    return findings.slice(0, MAX_FINDINGS_PER_RULE);
  };
};
