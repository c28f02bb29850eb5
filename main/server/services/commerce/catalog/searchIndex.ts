// The catalogue's search index, held in memory: words → products, plus a trigram index over the words.
//
// Why not SQLite FTS5 (trigram tokenizer): it finds substrings fast but has no notion of edit distance, so
// «нвидиа»-style typos and a layout switch followed by a typo («мшвуф» → «videa» → NVIDIA) would need
// LIKE scans or a spell-fix table on top. The catalogue is small next to the messages (tens of thousands of
// products, a few MB as words and postings), changes only through imports of products, and every query is
// answered from the distinct words (far fewer than the products) in well under a millisecond per word, so
// the index is built once from the Product table and rebuilt when products change.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { switchLayout } from '../../../../../common/domain/keyboardLayout.ts';
import { foldForSearch } from '../../../../../common/domain/text.ts';

export interface IndexedProduct {
  id: string;
  sku: string;
  barcode: string | null;
  name: string;
  brand: string;
  category: string;
  priceKopecks: number;
}

export type MatchKind = 'exact' | 'layout' | 'fuzzy';

export interface SearchHit {
  product: IndexedProduct;
  match: MatchKind;
  score: number;
}

export interface SearchOutcome {
  hits: SearchHit[];
  /** The query with the words that matched only after switching the layout switched; null when none did. */
  understoodAs: string | null;
}

/** How well a query word met a product: an exact word beats a word's beginning beats a piece of a word beats a typo. */
const SCORE = { code: 100, word: 10, prefix: 7, infix: 4, fuzzy: 3 } as const;
const KIND_RANK: Record<MatchKind, number> = { exact: 0, layout: 1, fuzzy: 2 };

/** Edits forgiven per word by its length: none for short words (they would match everything), two from six letters. */
const maxEdits = (length: number) => (length < 4 ? 0 : length < 6 ? 1 : 2);
/** «мшвуф» → «videa» is two edits from «nvidia»: a switched word gets one more, so a layout slip plus a typo still lands. */
const maxEditsSwitched = (length: number) => (length < 4 ? 0 : 2);

const tokenize = (text: string): string[] => foldForSearch(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

const trigrams = (word: string): string[] => {
  const out: string[] = [];
  for (let i = 0; i + 3 <= word.length; i++) out.push(word.slice(i, i + 3));
  return out;
};

interface WordHit {
  /** Product index → best score this query word reached on it. */
  scores: Map<number, number>;
  kind: MatchKind;
}

/** Products per slice of a build that yields between slices: about 12 ms of work each. */
const SLICE = 1_000;

export class CatalogIndex {
  private readonly products: IndexedProduct[];
  /** Distinct words, sorted: a binary search finds every word a prefix begins. */
  private readonly words: string[] = [];
  /** Word index → the products that contain it (ascending). */
  private readonly postings: Int32Array[] = [];
  /** Trigram → word indexes that contain it: finds the words a query word sits inside. */
  private readonly wordTrigrams = new Map<string, number[]>();
  private readonly byCode = new Map<string, number>();
  /** Words with a letter in them: the only ones a typo'd word is compared with (never article numbers). */
  private readonly letterWords: number[] = [];

  /**
   * Indexes in slices, letting the event loop run between them: 50,000 products take ~0.6 s of CPU,
   * which in one piece would stall every desk's commands and pushes on the hub.
   */
  static async build(products: IndexedProduct[]): Promise<CatalogIndex> {
    const index = new CatalogIndex(products, false);
    const steps = index.fill();
    while (!steps.next().done) await nextTurn();
    return index;
  }

  /** Indexes at once (tests, small lists); `build` for a whole catalogue on the hub. */
  constructor(products: IndexedProduct[], now = true) {
    this.products = products;
    if (!now) return;
    const steps = this.fill();
    while (!steps.next().done);
  }

  /** The indexing, pausing after every SLICE products or words. */
  private *fill(): Generator<void> {
    const postings = new Map<string, number[]>();
    for (const [i, p] of this.products.entries()) {
      const text = [p.name, p.brand, p.sku, p.barcode ?? ''].join(' ');
      for (const word of new Set(tokenize(text))) {
        const list = postings.get(word);
        if (list) list.push(i);
        else postings.set(word, [i]);
      }
      this.byCode.set(foldForSearch(p.sku), i);
      if (p.barcode) this.byCode.set(foldForSearch(p.barcode), i);
      if (i % SLICE === SLICE - 1) yield;
    }
    // Sorted bucket by bucket (by first code unit, which orders them the same way as one sort would): one
    // sort of 100k+ words (every article number and barcode is a word) would be a single ~60 ms pause.
    const byFirst = new Map<string, string[]>();
    for (const word of postings.keys()) {
      const bucket = byFirst.get(word[0]!);
      if (bucket) bucket.push(word);
      else byFirst.set(word[0]!, [word]);
    }
    for (const first of [...byFirst.keys()].sort()) {
      for (const word of byFirst.get(first)!.sort()) this.words.push(word);
      yield;
    }
    for (const [wi, word] of this.words.entries()) {
      this.postings.push(Int32Array.from(postings.get(word)!));
      if (wi % (SLICE * 10) === SLICE * 10 - 1) yield;
    }
    for (const [wi, word] of this.words.entries()) {
      if (/\p{L}/u.test(word)) this.letterWords.push(wi);
      for (const gram of new Set(trigrams(word))) {
        const list = this.wordTrigrams.get(gram);
        if (list) list.push(wi);
        else this.wordTrigrams.set(gram, [wi]);
      }
      if (wi % SLICE === SLICE - 1) yield;
    }
  }

  /** Every product the query finds, best first (a filter for other lists, e.g. one store's stock). */
  matchingIds(query: string): string[] {
    return this.search(query, Number.POSITIVE_INFINITY).hits.map((h) => h.product.id);
  }

  search(query: string, limit: number): SearchOutcome {
    const code = this.byCode.get(foldForSearch(query).replace(/\s+/g, ''));
    const words = tokenize(query);
    if (words.length === 0) return { hits: code === undefined ? [] : [{ product: this.products[code]!, match: 'exact', score: SCORE.code }], understoodAs: null };

    const perWord = words.map((word) => this.matchWord(word));
    const combined = new Map<number, { score: number; rank: number }>();
    // Every word of the query must match (AND): walk the rarest word's products, look the others up.
    // The product's kind is its weakest word's.
    const driver = perWord.reduce((a, b) => (b.scores.size < a.scores.size ? b : a));
    for (const product of driver.scores.keys()) {
      let total = 0;
      let rank = 0;
      let all = true;
      for (const other of perWord) {
        const s = other.scores.get(product);
        if (s === undefined) {
          all = false;
          break;
        }
        total += s;
        rank = Math.max(rank, KIND_RANK[other.kind]);
      }
      if (all) combined.set(product, { score: total, rank });
    }
    if (code !== undefined) combined.set(code, { score: SCORE.code * words.length, rank: -1 });

    const ranked = topK(combined, limit, (a, x, b, y) => x.rank - y.rank || y.score - x.score || this.products[a]!.name.length - this.products[b]!.name.length || a - b);
    const kinds: MatchKind[] = ['exact', 'layout', 'fuzzy'];
    const hits = ranked.map(([i, { score, rank }]) => ({ product: this.products[i]!, match: kinds[Math.max(0, rank)]!, score }));
    const switched = perWord.some((w) => w.switched);
    return { hits, understoodAs: hits.length > 0 && switched ? words.map((w, i) => (perWord[i]!.switched ? switchLayout(w) : w)).join(' ') : null };
  }

  /**
   * The products one query word matches: as typed, else with the layout switched, else forgiving typos in
   * either. Looser readings are tried only when stricter ones find nothing, so a typo never outranks a word.
   */
  private matchWord(word: string): WordHit & { switched: boolean } {
    const strict = this.strictMatches(word);
    if (strict.size > 0) return { scores: strict, kind: 'exact', switched: false };
    const other = switchLayout(word);
    const layout = other !== word ? this.strictMatches(other) : new Map<number, number>();
    if (layout.size > 0) return { scores: layout, kind: 'layout', switched: true };
    // Article numbers and barcodes are read off a label: a digit typo there is another product, not a slip.
    if (!/\p{L}/u.test(word)) return { scores: new Map(), kind: 'fuzzy', switched: false };
    const typo = this.fuzzyMatches(word, maxEdits(word.length));
    if (typo.size > 0) return { scores: typo, kind: 'fuzzy', switched: false };
    const switchedTypo = other !== word ? this.fuzzyMatches(other, maxEditsSwitched(other.length)) : typo;
    return { scores: switchedTypo, kind: 'fuzzy', switched: switchedTypo.size > 0 && other !== word };
  }

  /** Whole words, words it begins, and (from three characters) words it sits inside. */
  private strictMatches(word: string): Map<number, number> {
    const scores = new Map<number, number>();
    const add = (wi: number, score: number) => {
      for (const p of this.postings[wi]!) if ((scores.get(p) ?? 0) < score) scores.set(p, score);
    };
    for (let wi = this.lowerBound(word); wi < this.words.length && this.words[wi]!.startsWith(word); wi++) {
      add(wi, this.words[wi] === word ? SCORE.word : SCORE.prefix);
    }
    if (word.length >= 3) {
      for (const wi of this.wordsContaining(word)) if (!this.words[wi]!.startsWith(word)) add(wi, SCORE.infix);
    }
    return scores;
  }

  /** Words the query word sits inside: the rarest of its trigrams narrows the words, a substring test decides. */
  private wordsContaining(word: string): number[] {
    let rarest: number[] | undefined;
    for (const gram of trigrams(word)) {
      const list = this.wordTrigrams.get(gram);
      if (!list) return [];
      if (!rarest || list.length < rarest.length) rarest = list;
    }
    return (rarest ?? []).filter((wi) => this.words[wi]!.includes(word));
  }

  /**
   * Words within `edits` typos of the query word. Whole words first; only when none is that close, words
   * whose beginning is (a word still being typed), since a beginning is close to far more words by chance.
   */
  private fuzzyMatches(word: string, edits: number): Map<number, number> {
    const whole = new Map<number, number>();
    const begun = new Map<number, number>();
    if (edits === 0) return whole;
    for (const wi of this.letterWords) {
      const candidate = this.words[wi]!;
      if (candidate.length + edits < word.length) continue;
      const distance = boundedDistance(word, candidate, edits);
      if (distance === null) continue;
      const scores = distance.whole ? whole : begun;
      const score = SCORE.fuzzy - distance.edits * 0.5;
      for (const p of this.postings[wi]!) if ((scores.get(p) ?? -1) < score) scores.set(p, score);
    }
    return whole.size > 0 ? whole : begun;
  }

  private lowerBound(word: string): number {
    let lo = 0;
    let hi = this.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.words[mid]! < word) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * The `k` best entries in order, in one pass: a broad word («rtx», «ноутбук») matches thousands of
 * products, and sorting them all for a page of twenty is most of a query's time.
 */
function topK<V>(entries: Map<number, V>, k: number, compare: (a: number, x: V, b: number, y: V) => number): Array<[number, V]> {
  if (!Number.isFinite(k)) return [...entries].sort(([a, x], [b, y]) => compare(a, x, b, y));
  const best: Array<[number, V]> = [];
  for (const entry of entries) {
    if (best.length === k && compare(entry[0], entry[1], best[k - 1]![0], best[k - 1]![1]) >= 0) continue;
    let at = best.length;
    while (at > 0 && compare(entry[0], entry[1], best[at - 1]![0], best[at - 1]![1]) < 0) at--;
    best.splice(at, 0, entry);
    if (best.length > k) best.pop();
  }
  return best;
}

/**
 * Optimal-string-alignment distance (typos: a wrong, missing, extra or swapped letter) between `query` and
 * `word` or any beginning of `word`, if at most `max`; null beyond. Rows stop as soon as every cell
 * exceeds `max`, so most words are dismissed after a letter or two.
 */
export function boundedDistance(query: string, word: string, max: number): { edits: number; whole: boolean } | null {
  const m = query.length;
  const n = Math.min(word.length, m + max);
  // Three rows reused across calls: the scan compares a query word with every word in the catalogue.
  if ((scratch[0]?.length ?? 0) < n + 1) scratch = [new Int32Array(n + 64), new Int32Array(n + 64), new Int32Array(n + 64)];
  let [prevPrev, prev, row] = scratch as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    row[0] = i;
    let rowMin = i;
    const q = query.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const w = word.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (q === w ? 0 : 1));
      if (i > 1 && j > 1 && q === word.charCodeAt(j - 2) && query.charCodeAt(i - 2) === w) v = Math.min(v, prevPrev[j - 2]! + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return null;
    [prevPrev, prev, row] = [prev, row, prevPrev];
  }
  const whole = word.length <= n ? prev[word.length]! : Infinity;
  if (whole <= max) return { edits: whole, whole: true };
  // A beginning of the word at least as long as the query minus the allowed edits.
  let best = Infinity;
  for (let j = Math.max(1, m - max); j <= n; j++) best = Math.min(best, prev[j]!);
  return best <= max ? { edits: best, whole: false } : null;
}

let scratch: Int32Array[] = [];
