// No shouting: a word of capitals is flagged unless it is a listed abbreviation, has digits (RTX4090) or
// is shorter than `minLength` letters. In a Russian message a word in Latin capitals is a brand or a model
// (NVIDIA, SUPER, VENTUS) that the catalogue spells that way, so only Cyrillic capitals count there.
import { messageKey, MAX_FINDINGS_PER_RULE, type RuleCompiler, type RuleFinding } from '../rule.ts';
import { capitalise, isWordCharAt, startsSentence } from '../text.ts';

// Runs of capitals only; whether a run is a whole word (not the start of «ЯМ-12» or «RTX4090») is checked
// where one is found, which keeps the scan to the capitals rather than every word of the text.
const CAPITALS = /\p{Lu}[\p{Lu}\p{M}]+/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;

export const capsWords: RuleCompiler<'caps_words'> = (rule) => {
  const allowed = new Set(rule.allow.map((word) => word.toUpperCase()));
  return (text, context) => {
    const findings: RuleFinding[] = [];
    for (const m of text.matchAll(CAPITALS)) {
      const word = m[0];
      const start = m.index;
      if (word.length < rule.minLength || allowed.has(word)) continue;
      if (isWordCharAt(text, start - 1) || isWordCharAt(text, start + word.length)) continue;
      if (context.locale === 'ru' && !CYRILLIC.test(word)) continue;
      const lower = word.toLowerCase();
      const replacement = startsSentence(text, start) ? capitalise(lower) : lower;
      findings.push({ start, end: start + word.length, messageKey: messageKey('caps_words'), params: { word }, fix: { start, end: start + word.length, replacement } });
      if (findings.length >= MAX_FINDINGS_PER_RULE) break;
    }
    return findings;
  };
};
