// What the composer's "/" means, kept pure: where a "/word" being typed starts, which approved templates
// it names, and in which language to insert one.
import type { TemplateSummary } from '../../../../common/api/templates.ts';
import type { Channel, Locale } from '../../../../common/domain/enums.ts';
import { foldForSearch } from '../../../../common/domain/text.ts';

export interface SlashQuery {
  /** What follows the "/", as typed. */
  query: string;
  /** Offsets of "/query" in the text: what an insertion replaces. */
  start: number;
  end: number;
}

/** A "/" at the start of a word, with the caret still in that word ("see /брон" → "брон"); null otherwise. */
export function slashQueryAt(text: string, caret: number): SlashQuery | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)\/([^\s/]*)$/u.exec(before);
  if (!match) return null;
  const start = caret - match[2]!.length - 1;
  return { query: match[2]!, start, end: caret };
}

/** Templates whose name, key or tags contain the query, names that start with it first. */
export function filterTemplates(templates: readonly TemplateSummary[], query: string): TemplateSummary[] {
  const q = foldForSearch(query);
  if (!q) return [...templates];
  const scored = templates.flatMap((template) => {
    const name = foldForSearch(template.name);
    const rest = foldForSearch([template.key.replace(/_/g, ' '), ...template.tags].join(' '));
    if (name.startsWith(q)) return [{ template, score: 0 }];
    if (name.includes(q)) return [{ template, score: 1 }];
    if (rest.includes(q)) return [{ template, score: 2 }];
    return [];
  });
  return scored.sort((a, b) => a.score - b.score).map((s) => s.template);
}

// An API conversation is answered like web chat: the hub renders its web chat variant.
const VARIANT_CHANNEL: Partial<Record<Channel, Channel>> = { api: 'webchat' };

/**
 * The language to insert in: customers are written to in Russian (the retailer's language), in English
 * when the template has only that for the channel; null when it has neither.
 */
export function insertLocale(template: TemplateSummary, channel: Channel): Locale | null {
  const has = (locale: Locale) => template.variants.some((v) => v.locale === locale && (v.channel === channel || v.channel === VARIANT_CHANNEL[channel]));
  if (has('ru')) return 'ru';
  return has('en') ? 'en' : null;
}

/** `text` with `range` replaced by `insert`, and where the caret goes after it. */
export function replaceRange(text: string, range: Pick<SlashQuery, 'start' | 'end'>, insert: string): { text: string; caret: number } {
  return { text: text.slice(0, range.start) + insert + text.slice(range.end), caret: range.start + insert.length };
}
