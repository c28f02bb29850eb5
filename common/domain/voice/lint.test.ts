import { describe, expect, it } from 'vitest';
import { VoiceRule, type VoiceRuleInput } from '../../api/voice.ts';
import { DEFAULT_VOICE_RULES } from './defaultRules.ts';
import { compileRules, lint } from './lint.ts';
import type { Without } from './rules/lintWith.testing.ts';

const rule = (input: Without<VoiceRuleInput, 'name'>) => VoiceRule.parse({ name: input.id, ...input });

describe('lint: which rules apply', () => {
  const rules = [
    rule({ id: 'emoji-email', kind: 'emoji', severity: 'warning', channels: ['email'], max: 0 }),
    rule({ id: 'ru-only', kind: 'forbidden_phrase', severity: 'hint', locale: 'ru', phrases: [{ phrase: 'данный' }] }),
    rule({ id: 'off', kind: 'exclamation_limit', severity: 'error', enabled: false, max: 0 }),
  ];

  it('applies a rule only on its channels and in its locale, and never a disabled one', () => {
    const text = 'Данный заказ 🎉!';
    expect(lint(text, rules, { channel: 'email', locale: 'ru' }).map((i) => i.ruleId)).toEqual(['ru-only', 'emoji-email']);
    expect(lint(text, rules, { channel: 'sms', locale: 'ru' }).map((i) => i.ruleId)).toEqual(['ru-only']);
    expect(lint(text, rules, { channel: 'sms', locale: 'en' })).toEqual([]);
  });

  it('stamps each issue with its rule, kind and severity', () => {
    expect(lint('🎉', rules, { channel: 'email', locale: 'en' })).toEqual([
      { ruleId: 'emoji-email', kind: 'emoji', severity: 'warning', start: 0, end: 2, messageKey: 'voice:issues.emoji.none', params: { emoji: '🎉', count: 0 }, fix: { start: 0, end: 2, replacement: '' } },
    ]);
  });

  it('sorts issues by position, then errors before warnings before hints', () => {
    const overlapping = [
      rule({ id: 'hint', kind: 'forbidden_phrase', severity: 'hint', phrases: [{ phrase: 'СРОЧНО' }] }),
      rule({ id: 'caps', kind: 'caps_words', severity: 'warning' }),
      rule({ id: 'error', kind: 'custom_pattern', severity: 'error', pattern: 'срочно', flags: 'i', message: 'no' }),
    ];
    const issues = lint('Ждём. СРОЧНО', overlapping, { channel: 'webchat', locale: 'ru' });
    expect(issues.map((i) => `${i.start}:${i.ruleId}`)).toEqual(['6:error', '6:caps', '6:hint']);
  });
});

describe('lint: never breaks the composer', () => {
  it('leaves out a rule that cannot compile, even one that skipped the schema', () => {
    const broken = { ...rule({ id: 'p', kind: 'custom_pattern', severity: 'error', pattern: 'x', message: 'm' }), pattern: '(' } as VoiceRule;
    const good = rule({ id: 'e', kind: 'exclamation_limit', severity: 'hint', max: 0 });
    expect(lint('x!', [broken, good], { channel: 'sms', locale: 'en' }).map((i) => i.ruleId)).toEqual(['e']);
  });

  it('returns issues for any text at all: empty, control characters, lone surrogates, a huge paste', () => {
    const linter = compileRules(DEFAULT_VOICE_RULES.rules);
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const alphabet = ['а', 'Я', 'ё', 'a', 'Z', ' ', '\n', '!', '{', '}', '\u0000', '\ud83d', '\ude00', '😀', '4', '-', '«', 'Вы', 'ты', '₽', '\u0301'];
    const texts = ['', ' ', '!!!!', '\ud800', 'x'.repeat(200_000)];
    for (let n = 0; n < 300; n++) texts.push(Array.from({ length: next() % 300 }, () => alphabet[next() % alphabet.length]).join(''));
    for (const text of texts) {
      for (const channel of ['email', 'sms', 'telegram', 'webchat', 'api'] as const) {
        const issues = linter(text, { channel, locale: next() % 2 ? 'ru' : 'en' });
        for (const issue of issues) {
          expect(issue.start).toBeGreaterThanOrEqual(0);
          expect(issue.end).toBeLessThanOrEqual(text.length);
          expect(issue.start).toBeLessThanOrEqual(issue.end);
        }
      }
    }
  });

  it('caps how many issues one rule reports', () => {
    const issues = lint('!'.repeat(5000), [rule({ id: 'e', kind: 'exclamation_limit', severity: 'hint', max: 0 })], { channel: 'sms', locale: 'en' });
    expect(issues).toHaveLength(100);
  });
});

describe('the default rule set of «Ампер»', () => {
  it('has 15–25 rules, every kind among them, under unique ids', () => {
    const { rules } = DEFAULT_VOICE_RULES;
    expect(rules.length).toBeGreaterThanOrEqual(15);
    expect(rules.length).toBeLessThanOrEqual(25);
    expect(new Set(rules.map((r) => r.kind)).size).toBe(VoiceRule.options.length);
  });

  it('finds what a supervisor would in a careless Russian e-mail draft', () => {
    const text = 'привет! ты можешь забрать заказик в настоящее время!!! СРОЧНО 😀 Оплата картой 4276 3800 1234 5679, подробнее https://dns-shop.ru/x. Цена 500 руб.';
    const found = lint(text, DEFAULT_VOICE_RULES.rules, { channel: 'email', locale: 'ru' }).map((i) => `${i.ruleId}:${text.slice(i.start, i.end)}`);
    expect(found).toEqual([
      'formal-address-ru:привет',
      'greeting-email-ru:привет',
      'formal-address-ru:ты',
      'diminutives-ru:заказик',
      'clerical-ru:в настоящее время',
      'exclamations-email:!',
      'exclamations-email:!',
      'caps:СРОЧНО',
      'emoji-formal:😀',
      'sensitive:4276 3800 1234 5679',
      'links-own-site:https://dns-shop.ru/x',
      'competitors:dns',
      'rouble-sign:500 руб.',
      'signoff-email-ru:руб',
    ]);
  });

  it('passes a well-written English chat reply', () => {
    const text = 'Hello Anna! Your MSI GeForce RTX 4070 SUPER is reserved at Amper Tverskaya until 9 PM. Your reservation code is 4821-73.';
    expect(lint(text, DEFAULT_VOICE_RULES.rules, { channel: 'telegram', locale: 'en' })).toEqual([]);
  });
});
