// Text helpers the rules share: whole-word phrase matching that ignores case and «ё»/«е», and the small
// case fixes. Offsets are always UTF-16 indices into the original text, which is what an editor uses.

/** Lower case with «ё» folded to «е» and runs of spaces collapsed: how phrases are compared. */
export const foldPhrase = (text: string) => text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// \b knows only ASCII letters; this sees Cyrillic too, and combining marks (a stress accent) as part of a word.
const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;
const WORD_END = '(?![\\p{L}\\p{M}\\p{N}_])';

/** Is the character at `index` part of a word? False outside the text. */
export const isWordCharAt = (text: string, index: number) => index >= 0 && index < text.length && WORD_CHAR.test(text.charAt(index));

const startsWithWordChar = (phrase: string) => WORD_CHAR.test(phrase.charAt(0));

/** A regex source for `phrase`: any case, «е» or «ё», any run of spaces between words. */
const phraseSource = (phrase: string) =>
  escapeRegExp(foldPhrase(phrase))
    .replace(/е/g, '[её]')
    .replace(/ /g, '\\s+');

const endsWithWordChar = (phrase: string) => WORD_CHAR.test(phrase.slice(-1));

/**
 * Phrases ending in a letter share one word-edge lookahead (backtracking tries the next phrase when the
 * longer one stops mid-word); a lookahead per phrase made compiling a long list take tens of milliseconds,
 * as V8 builds the case closure of the Unicode classes once per copy. Phrases ending in punctuation ("!!")
 * have no edge to check.
 */
function phrasesSource(sortedFolded: readonly string[]): string {
  const words = sortedFolded.filter(endsWithWordChar).map(phraseSource);
  const others = sortedFolded.filter((p) => !endsWithWordChar(p)).map(phraseSource);
  const groups = [words.length > 0 ? `(?:${words.join('|')})${WORD_END}` : null, others.length > 0 ? `(?:${others.join('|')})` : null];
  return groups.filter((group) => group !== null).join('|');
}

export interface PhraseMatch<T> {
  start: number;
  end: number;
  text: string;
  entry: T;
}

export interface PhraseMatcher<T> {
  /** Every occurrence, left to right, not overlapping; at most `limit`. */
  all(text: string, limit: number): PhraseMatch<T>[];
  first(text: string): PhraseMatch<T> | null;
}

/**
 * One regular expression for all phrases, so a list of hundreds costs one scan of the text. Longer
 * phrases are tried first: "в настоящее время" wins over "время". The word edge before a phrase is checked
 * here rather than by a lookbehind in the regex: a lookbehind is tried at every position of the text,
 * which made the scan several times slower, while this check runs only where a phrase matched.
 */
export function phraseMatcher<T>(entries: readonly T[], phraseOf: (entry: T) => string): PhraseMatcher<T> {
  const byFolded = new Map<string, { entry: T; wordStart: boolean }>();
  for (const entry of entries) {
    const folded = foldPhrase(phraseOf(entry));
    if (folded && !byFolded.has(folded)) byFolded.set(folded, { entry, wordStart: startsWithWordChar(folded) });
  }
  const phrases = [...byFolded.keys()].sort((a, b) => b.length - a.length);
  const regex = phrases.length === 0 ? null : new RegExp(phrasesSource(phrases), 'giu');
  return {
    all(text, limit) {
      if (!regex) return [];
      const found: PhraseMatch<T>[] = [];
      regex.lastIndex = 0;
      for (let m = regex.exec(text); m && found.length < limit; m = regex.exec(text)) {
        const known = byFolded.get(foldPhrase(m[0]));
        if (!known) continue;
        if (known.wordStart && isWordCharAt(text, m.index - 1)) {
          // Every phrase that could match here shares this edge; look again from the next character.
          regex.lastIndex = m.index + ((text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
          continue;
        }
        found.push({ start: m.index, end: m.index + m[0].length, text: m[0], entry: known.entry });
      }
      return found;
    },
    first(text) {
      return this.all(text, 1)[0] ?? null;
    },
  };
}

const isUpper = (char: string) => char !== char.toLowerCase() && char === char.toUpperCase();

/** `replacement` with its first letter capitalised when `original` starts with a capital. */
export function matchCase(original: string, replacement: string): string {
  const first = original.charAt(0);
  return isUpper(first) ? replacement.charAt(0).toUpperCase() + replacement.slice(1) : replacement;
}

export const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** Does a sentence start at `offset`: nothing but spaces since the text's start or a . ! ? or line break? */
export function startsSentence(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const char = text.charAt(i);
    if (char === '\n' || char === '.' || char === '!' || char === '?' || char === '…') return true;
    if (!/\s/.test(char)) return false;
  }
  return true;
}

const CONTENT = /[\p{L}\p{N}]/u;

/** Offset of the first letter or digit; text.length when there is none. */
export function contentStart(text: string): number {
  for (let i = 0; i < text.length; i++) if (CONTENT.test(text.charAt(i))) return i;
  return text.length;
}

/** Offset just past the last letter or digit; 0 when there is none. */
export function contentEnd(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) if (CONTENT.test(text.charAt(i))) return i + 1;
  return 0;
}
