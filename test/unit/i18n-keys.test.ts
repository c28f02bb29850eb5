// Every desk string exists in Russian and in English, and every `t('ns:Key')` in renderer/src has an entry.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const localesDir = join(root, 'renderer/src/locales');
const sourceDir = join(root, 'renderer/src');
const languages = ['ru', 'en'] as const;
type Lang = (typeof languages)[number];

/** The plural forms each language needs (Intl.PluralRules categories i18next uses as key suffixes). */
const pluralForms: Record<Lang, string[]> = {
  ru: new Intl.PluralRules('ru').resolvedOptions().pluralCategories,
  en: new Intl.PluralRules('en').resolvedOptions().pluralCategories,
};
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const namespacesOf = (lang: Lang) =>
  readdirSync(join(localesDir, lang))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();

const load = (lang: Lang, ns: string): Map<string, string> =>
  flatten(JSON.parse(readFileSync(join(localesDir, lang, `${ns}.json`), 'utf8')) as Tree);

/** Keys without plural suffixes: `List.count_one`, `List.count_few` → `List.count`. */
const baseKeys = (keys: Map<string, string>) => new Set([...keys.keys()].map((k) => k.replace(pluralSuffix, '')));

const variables = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'locales' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const namespaces = namespacesOf('ru');
const dictionaries = Object.fromEntries(languages.map((lang) => [lang, Object.fromEntries(namespaces.map((ns) => [ns, load(lang, ns)]))])) as Record<
  Lang,
  Record<string, Map<string, string>>
>;

describe('locale files', () => {
  it('have the same namespaces in every language', () => {
    expect(namespaces.length).toBeGreaterThan(0);
    for (const lang of languages) expect(namespacesOf(lang), lang).toEqual(namespaces);
  });

  for (const ns of namespaces) {
    it(`${ns}: every key exists in both languages`, () => {
      const ru = baseKeys(dictionaries.ru[ns]!);
      const en = baseKeys(dictionaries.en[ns]!);
      expect([...ru].filter((k) => !en.has(k)), `in ru, missing in en (${ns})`).toEqual([]);
      expect([...en].filter((k) => !ru.has(k)), `in en, missing in ru (${ns})`).toEqual([]);
    });

    it(`${ns}: plural keys have every form the language needs, and the same {{variables}}`, () => {
      for (const lang of languages) {
        const keys = dictionaries[lang][ns]!;
        const plurals = new Set([...keys.keys()].filter((k) => pluralSuffix.test(k)).map((k) => k.replace(pluralSuffix, '')));
        for (const base of plurals) {
          const missing = pluralForms[lang].filter((form) => !keys.has(`${base}_${form}`));
          expect(missing, `${lang} ${ns}:${base}`).toEqual([]);
        }
      }
      for (const [key, ruText] of dictionaries.ru[ns]!) {
        const enText = dictionaries.en[ns]!.get(key) ?? dictionaries.en[ns]!.get(key.replace(pluralSuffix, '_other'));
        if (enText === undefined) continue; // reported by the test above
        expect(variables(enText), `${ns}:${key} variables`).toEqual(variables(ruText));
      }
    });

    it(`${ns}: no empty strings`, () => {
      for (const lang of languages)
        for (const [key, text] of dictionaries[lang][ns]!) expect(text.trim(), `${lang} ${ns}:${key}`).not.toBe('');
    });
  }
});

describe('keys used in renderer/src', () => {
  const files = sourceFiles(sourceDir);
  // t('ns:Key.path' …), t("ns:Key" …), t(`ns:Key` …) without interpolation in the key
  const staticKey = /\bt\(\s*(['"`])([a-z][\w-]*):([\w./-]+)\1/g;
  // t(`ns:Key.${expr}…`): the static prefix must be a group of keys
  const dynamicKey = /\bt\(\s*`([a-z][\w-]*):([\w./-]*)\$\{/g;
  const used: Array<{ file: string; ns: string; key: string; dynamic: boolean }> = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const where = relative(root, file);
    for (const m of text.matchAll(staticKey)) used.push({ file: where, ns: m[2]!, key: m[3]!, dynamic: false });
    for (const m of text.matchAll(dynamicKey)) used.push({ file: where, ns: m[1]!, key: m[2]!, dynamic: true });
  }

  it('finds the keys (the scan itself works)', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(used.filter((u) => !u.dynamic).length).toBeGreaterThan(100);
  });

  it('every t("ns:Key") has an entry in both languages', () => {
    const missing: string[] = [];
    for (const { file, ns, key, dynamic } of used) {
      for (const lang of languages) {
        const dict = dictionaries[lang][ns];
        if (!dict) {
          missing.push(`${file}: ${ns}:${key} — no ${lang}/${ns}.json`);
          continue;
        }
        const found = dynamic
          ? [...dict.keys()].some((k) => k.startsWith(key))
          : dict.has(key) || pluralForms[lang].some((form) => dict.has(`${key}_${form}`));
        if (!found) missing.push(`${file}: ${ns}:${key}${dynamic ? '…' : ''} (${lang})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('no bare keys without a namespace (keys say where they live)', () => {
    const bare: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*(['"`])([^'"`:$]+)\1/g)) bare.push(`${relative(root, file)}: ${m[2]}`);
    }
    expect(bare).toEqual([]);
  });
});
