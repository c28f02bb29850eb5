// Brand-voice lint as the composer runs it on every keystroke: a 2,000-character Russian agent message
// against 50 rules (the «Ампер» default set, padded with forbidden-phrase and custom-pattern rules the way a
// supervisor's set grows). Goal: p95 < 5 ms. Baseline, measured in the same run: the bare minimum a
// linter of these phrase lists would do — lower-case the text once and indexOf every phrase of every rule.
import { cpus, loadavg } from 'node:os';
import { VoiceRule, type VoiceRuleInput } from '../../common/api/voice.ts';
import { DEFAULT_VOICE_RULES } from '../../common/domain/voice/defaultRules.ts';
import { compileRules } from '../../common/domain/voice/lint.ts';
import { distribution, scaled, type BenchFigure, type BenchResult } from './harness.ts';

export const name = 'voice';
export const description = 'brand-voice lint of a 2,000-character message with 50 rules (per keystroke), chat and SMS: p50/p95/p99 vs a lower-case + indexOf scan';

const RULE_COUNT = 50;
const TEXT_LENGTH = 2_000;
const WARMUP = 200;

const SENTENCES = [
  'Анна, здравствуйте! Меня зовут Мария, я помогу Вам с заказом.',
  'Проверила заказ № 1024-55: видеокарта MSI GeForce RTX 4070 SUPER VENTUS 2X 12 ГБ уже на складе в Вашем городе.',
  'Курьер привезёт её 14 марта с 10:00 до 14:00 и позвонит за час до приезда.',
  'Если вам удобнее забрать заказ самостоятельно, можем забронировать товар в магазине на Тверской до закрытия завтра.',
  'Баллами можно оплатить до 30% стоимости покупки: на Вашей карте 2 450 баллов, 600 из них сгорят 31 марта.',
  'Цена со скидкой — 64 990 руб., подробности на странице https://amper.ru/catalog/rtx-4070-super.',
  'В настоящее время доставка в Ваш район идёт по графику, задержек нет.',
  'Приносим извинения за ожидание: в выходные обращений больше обычного.',
  'Сотрудник магазина включит и проверит видеокарту при Вас, а кабель HDMI и переходник USB-C положим в комплект.',
  'Если появятся вопросы, напишите нам сюда — ответим в течение нескольких минут.',
];

/** A realistic long reply: the brand's sentences in turn, cut at exactly `length` characters. */
function message(length: number): string {
  let text = '';
  for (let i = 0; text.length < length; i++) text += `${SENTENCES[i % SENTENCES.length]} `;
  return text.slice(0, length);
}

/** The default set, padded to `count` with the kinds a supervisor's set grows by. */
function ruleSet(count: number): VoiceRule[] {
  const rules = [...DEFAULT_VOICE_RULES.rules];
  for (let i = 0; rules.length < count; i++) {
    const extra: VoiceRuleInput =
      i % 2 === 0
        ? {
            id: `bench-phrases-${i}`,
            name: `Phrases ${i}`,
            kind: 'forbidden_phrase',
            severity: 'hint',
            phrases: Array.from({ length: 20 }, (_, n) => ({ phrase: `слово${i}x${n} запрет`, replacement: `замена${n}` })),
          }
        : {
            id: `bench-pattern-${i}`,
            name: `Pattern ${i}`,
            kind: 'custom_pattern',
            severity: 'hint',
            pattern: `(?:заказ|товар)\\s+№?\\s?${i}\\d{3}(?!\\d)`,
            flags: 'iu',
            message: `Шаблон ${i}`,
          };
    rules.push(VoiceRule.parse(extra));
  }
  return rules;
}

/** Every phrase the rules list: what the raw scan looks for. */
function phrasesOf(rules: readonly VoiceRule[]): string[] {
  return rules.flatMap((rule) => {
    if (rule.kind === 'forbidden_phrase') return rule.phrases.map((p) => p.phrase.toLowerCase());
    if (rule.kind === 'formal_address') return rule.casual.map((p) => p.phrase.toLowerCase());
    if (rule.kind === 'greeting_required' || rule.kind === 'signoff_required') return rule.phrases.map((p) => p.toLowerCase());
    return [];
  });
}

/**
 * Milliseconds per call of each case, the cases taking turns call by call: on a shared machine a burst of
 * load then lands on all of them alike instead of on whichever case happened to be running.
 */
function timeInTurns(iterations: number, cases: readonly (() => unknown)[]): number[][] {
  for (let i = 0; i < WARMUP; i++) for (const fn of cases) fn();
  const samples = cases.map(() => [] as number[]);
  for (let i = 0; i < iterations; i++) {
    cases.forEach((fn, n) => {
      const start = performance.now();
      fn();
      samples[n]?.push(performance.now() - start);
    });
  }
  return samples;
}

export async function run(): Promise<BenchResult> {
  const text = message(TEXT_LENGTH);
  const rules = ruleSet(RULE_COUNT);
  const iterations = scaled(5_000);

  const compileStart = performance.now();
  const linter = compileRules(rules);
  const compileMs = performance.now() - compileStart;

  const phrases = phrasesOf(rules);
  let hits = 0;
  const rawScan = () => {
    const lower = text.toLowerCase();
    hits = 0;
    for (const phrase of phrases) if (lower.indexOf(phrase) !== -1) hits += 1;
  };
  // A chat reply, and an SMS, whose segment rule also searches for where the text goes over.
  const channels = ['telegram', 'sms'] as const;
  const [rawSamples = [], ...lintSamples] = timeInTurns(iterations, [rawScan, ...channels.map((channel) => () => linter(text, { channel, locale: 'ru' }))]);
  const raw = distribution(rawSamples);

  const figures: BenchFigure[] = [];
  channels.forEach((channel, n) => {
    const lint = distribution(lintSamples[n] ?? []);
    figures.push(
      { metric: `lint p50, ${channel}`, value: lint.p50, unit: 'ms', baseline: raw.p50 },
      { metric: `lint p95, ${channel}`, value: lint.p95, unit: 'ms', baseline: raw.p95 },
      { metric: `lint p99, ${channel}`, value: lint.p99, unit: 'ms', baseline: raw.p99 },
    );
  });
  const found = channels.map((channel) => `${linter(text, { channel, locale: 'ru' }).length} on ${channel}`);
  figures.push({ metric: 'compile 50 rules (once per rule set)', value: compileMs, unit: 'ms' });

  return {
    figures,
    notes: [
      `${text.length} characters, ${rules.length} rules (${DEFAULT_VOICE_RULES.rules.length} default + padding), ${iterations} runs each after ${WARMUP} warm-up; issues per lint: ${found.join(', ')}`,
      `raw: text.toLowerCase() + indexOf of each of ${phrases.length} phrases (${hits} found) — no word edges, «ё», positions or the other rule kinds`,
      'goal: lint p95 < 5 ms (it runs on every keystroke)',
      // Tail percentiles on a shared machine are the scheduler's as much as the code's; say how busy it was.
      `load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`,
    ],
  };
}
