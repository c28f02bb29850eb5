// A greeting at the start and a sign-off at the end, per channel: one of the phrases within `within`
// characters of the first (or last) letter, so «Анна, здравствуйте!» greets as well as «Здравствуйте,
// Анна!» and a signature line may follow «С уважением». An empty draft is not flagged: the agent has not
// started yet. The fix inserts the rule's suggestion, set apart as a paragraph in an e-mail.
import type { VoiceRuleOf } from '../../../api/voice.ts';
import { messageKey, type RuleCompiler } from '../rule.ts';
import { contentEnd, contentStart, phraseMatcher } from '../text.ts';

type RequiredRule = VoiceRuleOf<'greeting_required'> | VoiceRuleOf<'signoff_required'>;

const WORD_AT = /[\p{L}\p{N}]+/uy;

function paramsOf(rule: RequiredRule) {
  return { phrases: rule.phrases.join(', '), example: rule.phrases[0] ?? '' };
}

export const greetingRequired: RuleCompiler<'greeting_required'> = (rule) => {
  const matcher = phraseMatcher(rule.phrases, (phrase) => phrase);
  return (text, context) => {
    const start = contentStart(text);
    if (start === text.length) return [];
    // One character more than a phrase can reach, so its word edge is checked against the real text.
    const head = text.slice(start, start + rule.within + longest(rule.phrases) + 1);
    const found = matcher.first(head);
    if (found && found.start <= rule.within) return [];
    WORD_AT.lastIndex = start;
    const end = WORD_AT.test(text) ? WORD_AT.lastIndex : start + 1;
    const separator = context.channel === 'email' ? '\n\n' : ' ';
    return [
      {
        start,
        end,
        messageKey: messageKey('greeting_required'),
        params: paramsOf(rule),
        fix: rule.suggestion === null ? null : { start, end: start, replacement: `${rule.suggestion}${separator}` },
      },
    ];
  };
};

export const signoffRequired: RuleCompiler<'signoff_required'> = (rule) => {
  const matcher = phraseMatcher(rule.phrases, (phrase) => phrase);
  return (text, context) => {
    const end = contentEnd(text);
    if (end === 0) return [];
    const from = Math.max(0, end - rule.within - longest(rule.phrases) - 1);
    const tail = text.slice(from, end);
    const found = matcher.all(tail, Number.MAX_SAFE_INTEGER).at(-1);
    if (found && tail.length - found.end <= rule.within) return [];
    const lastWord = lastWordStart(text, end);
    const separator = context.channel === 'email' ? '\n\n' : ' ';
    // After the closing punctuation and quotes, before any trailing spaces.
    const insertAt = text.trimEnd().length;
    return [
      {
        start: lastWord,
        end,
        messageKey: messageKey('signoff_required'),
        params: paramsOf(rule),
        fix: rule.suggestion === null ? null : { start: insertAt, end: insertAt, replacement: `${separator}${rule.suggestion}` },
      },
    ];
  };
};

const longest = (phrases: readonly string[]) => Math.max(0, ...phrases.map((p) => p.length));

function lastWordStart(text: string, end: number): number {
  let at = end;
  while (at > 0 && /[\p{L}\p{N}]/u.test(text.charAt(at - 1))) at -= 1;
  return at;
}
