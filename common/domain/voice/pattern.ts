// A supervisor's own regular expression runs on every keystroke of every agent, so it is checked before
// it is saved: it must compile, must not match an empty text (it would flag every position), and must
// not nest quantifiers like (a+)+, the classic shape that backtracks exponentially and freezes the desk.

const REPEAT = /[+*]|\{\d+,\d*\}/;
const REPEAT_AT_START = /^(?:[+*]|\{\d+,\d*\})/;
const INNERMOST_GROUP = /\(([^()]*)\)/;
// Stands for a folded group that repeats something inside; no pattern text can contain it after folding.
const REPEATING_GROUP = '\u0001';

/** Does a repeated group contain a repetition, at any depth? Groups are folded from the innermost out. */
function nestsQuantifiers(pattern: string): boolean {
  // Escapes and character classes go first: their "+", "*" and "(" are literal.
  let rest = pattern.replace(/\\./g, 'x').replace(/\[[^\]]*\]/g, 'x').replaceAll(REPEATING_GROUP, 'x');
  for (let m = INNERMOST_GROUP.exec(rest); m; m = INNERMOST_GROUP.exec(rest)) {
    const repeatsInside = REPEAT.test(m[1] as string) || (m[1] as string).includes(REPEATING_GROUP);
    const after = rest.slice(m.index + m[0].length);
    if (repeatsInside && REPEAT_AT_START.test(after)) return true;
    rest = rest.slice(0, m.index) + (repeatsInside ? REPEATING_GROUP : 'x') + after;
  }
  return false;
}

/** Why `pattern` cannot be a rule, in words a supervisor can act on; null when it can. */
export function customPatternProblem(pattern: string, flags: string): string | null {
  let compiled: RegExp;
  try {
    compiled = new RegExp(pattern, flags);
  } catch (error) {
    return `not a valid regular expression: ${(error as Error).message}`;
  }
  if (compiled.test('')) return 'the pattern matches an empty text, so it would flag every position';
  if (nestsQuantifiers(pattern)) return 'a repeated group that itself repeats (like (a+)+) can freeze the composer; simplify the pattern';
  return null;
}

/** The rule's pattern compiled for scanning: global, with the saved flags. */
export const compilePattern = (pattern: string, flags: string) => new RegExp(pattern, `${flags}g`);
