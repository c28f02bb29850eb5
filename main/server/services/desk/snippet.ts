// The text shown for a message hit. FTS5 matched a folded copy of the body, so the match is found again
// here in the original body; the snippet keeps the customer's own letters (ё, capitals) and the offsets
// point into it.

/** A snippet's length: about two lines of the search list. */
export const SNIPPET_LENGTH = 160;
/** How much text before the match a snippet keeps, so the match is not at its very edge. */
const LEAD = 60;

/**
 * Folds one UTF-16 unit at a time so folded offsets are original offsets: lower case (where it stays one
 * unit) and ё→е, as the index does. Whitespace becomes a plain space, so a line break matches a space.
 */
export function foldAligned(text: string): string {
  let out = '';
  for (const unit of text.split('')) {
    const lower = unit.toLowerCase();
    const folded = lower.length === 1 ? lower : unit;
    out += folded === 'ё' ? 'е' : /\s/.test(folded) ? ' ' : folded;
  }
  return out;
}

/** The query as matched: folded, with runs of whitespace as one space. */
export function foldQuery(q: string): string {
  return foldAligned(q.trim()).replace(/ +/g, ' ');
}

export interface Snippet {
  snippet: string;
  highlights: Array<[number, number]>;
}

export function buildSnippet(body: string, q: string): Snippet {
  const needle = foldQuery(q);
  const haystack = foldAligned(body);
  const first = needle ? haystack.indexOf(needle) : -1;

  let start = first < 0 ? 0 : Math.max(0, Math.min(first - LEAD, body.length - SNIPPET_LENGTH));
  let end = Math.min(body.length, start + SNIPPET_LENGTH);
  // Never split a surrogate pair (an emoji) at either edge.
  if (start > 0 && isLowSurrogate(body.charCodeAt(start))) start++;
  if (end < body.length && isLowSurrogate(body.charCodeAt(end))) end--;

  const prefix = start > 0 ? '…' : '';
  const suffix = end < body.length ? '…' : '';
  // Line breaks as spaces: a snippet is one line in the list (same length, so offsets hold).
  const snippet = prefix + body.slice(start, end).replace(/\s/g, ' ') + suffix;

  const highlights: Array<[number, number]> = [];
  if (first >= 0) {
    for (let at = haystack.indexOf(needle, start); at >= 0 && at + needle.length <= end; at = haystack.indexOf(needle, at + needle.length)) {
      highlights.push([at - start + prefix.length, at - start + prefix.length + needle.length]);
    }
  }
  return { snippet, highlights };
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
