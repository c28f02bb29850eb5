// Every explanation the lint engine can ask for (voice:issues.*, with its parameters) reads as a full
// sentence in Russian and in English: each rule kind and each of its cases is made to fire here, and a
// kind added to the engine without a case below fails the coverage check.
import { describe, expect, it } from 'vitest';
import { VoiceRule, VoiceRuleKind, type LintIssue } from '../../../../common/api/voice.ts';
import type { Channel, Locale } from '../../../../common/domain/enums.ts';
import { lint } from '../../../../common/domain/voice/lint.ts';
import type { RuleInput } from '../../../../common/domain/voice/rules/lintWith.testing.ts';
import { createI18n } from '../../app/i18n.ts';

type Case = { rule: RuleInput; text: string; channel?: Channel; locale?: Locale };

const CASES: Case[] = [
  { rule: { kind: 'formal_address', capitalVy: true, casual: [{ phrase: 'привет', replacement: 'Здравствуйте' }, { phrase: 'ок', replacement: null }] }, text: 'Привет, ты придёшь? вы придёте? ок' },
  { rule: { kind: 'forbidden_phrase', phrases: [{ phrase: 'данный', replacement: 'этот' }, { phrase: 'является', replacement: null }] }, text: 'Данный заказ является последним' },
  { rule: { kind: 'exclamation_limit', max: 0 }, text: 'Готово!' },
  { rule: { kind: 'exclamation_limit', max: 1 }, text: 'Готово! Ура!' },
  { rule: { kind: 'exclamation_limit', max: 2 }, text: 'Да! Да! Да!' },
  { rule: { kind: 'caps_words', allow: [] }, text: 'Это СРОЧНО' },
  { rule: { kind: 'emoji', max: 0 }, text: 'Готово 😀' },
  { rule: { kind: 'emoji', max: 1 }, text: 'Готово 😀😀' },
  { rule: { kind: 'emoji', max: 3 }, text: '😀😀😀😀' },
  { rule: { kind: 'greeting_required', phrases: ['Здравствуйте', 'Добрый день'], within: 10, suggestion: 'Здравствуйте!' }, text: 'Ваш заказ готов' },
  { rule: { kind: 'signoff_required', phrases: ['С уважением'], within: 10, suggestion: null }, text: 'Ваш заказ готов' },
  { rule: { kind: 'max_length', unit: 'chars', max: 1 }, text: 'Длинно' },
  { rule: { kind: 'max_length', unit: 'chars', max: 5 }, text: 'Слишком длинно' },
  { rule: { kind: 'max_length', unit: 'sms_segments', max: 1 }, text: 'я'.repeat(200), channel: 'sms' },
  { rule: { kind: 'max_length', unit: 'sms_segments', max: 2 }, text: 'я'.repeat(200), channel: 'sms' },
  { rule: { kind: 'sensitive_data', cards: true, passports: true, ignorePrefixes: [] }, text: 'Карта 4276 3800 1234 5679, паспорт 4510 123456' },
  { rule: { kind: 'custom_pattern', pattern: 'руб\\.', flags: 'iu', message: 'Пишем ₽', replacement: '₽' }, text: '500 руб.' },
];

const issuesOf = ({ rule, text, channel = 'webchat', locale = 'ru' }: Case): LintIssue[] =>
  lint(text, [VoiceRule.parse({ id: 'r', name: 'R', severity: 'warning', ...rule })], { channel, locale });

describe('voice:issues messages', () => {
  const issues = CASES.flatMap(issuesOf);

  it('are made to fire for every rule kind', () => {
    expect(new Set(issues.map((issue) => issue.kind))).toEqual(new Set(VoiceRuleKind.options));
    expect(new Set(issues.map((issue) => issue.messageKey))).toEqual(
      new Set([
        'voice:issues.formal_address.informal',
        'voice:issues.formal_address.lowercaseVy',
        'voice:issues.formal_address.casual',
        'voice:issues.forbidden_phrase.withReplacement',
        'voice:issues.forbidden_phrase.noReplacement',
        'voice:issues.exclamation_limit',
        'voice:issues.caps_words',
        'voice:issues.emoji.none',
        'voice:issues.emoji.tooMany',
        'voice:issues.greeting_required',
        'voice:issues.signoff_required',
        'voice:issues.max_length.chars',
        'voice:issues.max_length.segments',
        'voice:issues.sensitive_data.card',
        'voice:issues.sensitive_data.passport',
        'voice:issues.custom_pattern',
      ]),
    );
  });

  for (const lng of ['ru', 'en'] as const) {
    it(`read in full in ${lng}, with every value filled in`, () => {
      const i18n = createI18n(lng);
      for (const issue of issues) {
        const text = i18n.t(issue.messageKey as never, issue.params);
        expect(text, issue.messageKey).not.toBe(issue.messageKey.replace('voice:', ''));
        expect(text, issue.messageKey).not.toMatch(/\{\{|issues\./);
        // The suggestion may be left to the fix button, which names it.
        for (const [name, value] of Object.entries(issue.params)) if (name !== 'suggestion' && typeof value === 'string') expect(text, `${issue.messageKey} ${name}`).toContain(value);
      }
    });
  }
});
