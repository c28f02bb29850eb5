// Emoji per channel: none in an e-mail or an SMS (where one emoji also turns the whole message into
// costlier UCS-2), a few in the chats. A flag, a skin tone or a ZWJ family counts as one emoji. ©, ® and ™
// are pictographic to Unicode but are trade marks in product names, so they only count in emoji form
// (followed by U+FE0F).
import { messageKey, MAX_FINDINGS_PER_RULE, type RuleCompiler, type RuleFinding } from '../rule.ts';

// Every Extended_Pictographic or Regional_Indicator code point lies in these ranges (astral ones behind
// the high surrogates D83C–D83F). Checking for one first spares most texts the Unicode-property scan, and
// the lookahead spares the scan every character that cannot start an emoji.
const MAYBE_EMOJI = /[\u00a9\u00ae\u203c-\u3299\ud83c-\ud83f]/;
const EMOJI = /(?=[\u00a9\u00ae\u203c-\u3299\u{1F000}-\u{1FFFD}])(?:\p{Regional_Indicator}{2}|\p{Extended_Pictographic}(?:\uFE0F|[\u{1F3FB}-\u{1F3FF}])*(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|[\u{1F3FB}-\u{1F3FF}])*)*)/gu;
const TRADE_MARKS = new Set(['©', '®', '™']);

/** Deleting an emoji also takes the space before it when nothing but a space or the end follows. */
function removal(text: string, start: number, end: number) {
  const spaceBefore = start > 0 && text.charAt(start - 1) === ' ';
  const after = text.charAt(end);
  const widen = spaceBefore && (after === '' || /\s|[.,!?;:]/.test(after));
  return { start: widen ? start - 1 : start, end, replacement: '' };
}

export const emoji: RuleCompiler<'emoji'> = (rule) => (text) => {
  if (!MAYBE_EMOJI.test(text)) return [];
  const findings: RuleFinding[] = [];
  let seen = 0;
  for (const m of text.matchAll(EMOJI)) {
    if (TRADE_MARKS.has(m[0])) continue;
    seen += 1;
    if (seen <= rule.max) continue;
    const start = m.index;
    const end = start + m[0].length;
    findings.push({
      start,
      end,
      messageKey: messageKey('emoji', rule.max === 0 ? 'none' : 'tooMany'),
      params: { emoji: m[0], count: rule.max },
      fix: removal(text, start, end),
    });
    if (findings.length >= MAX_FINDINGS_PER_RULE) break;
  }
  return findings;
};
