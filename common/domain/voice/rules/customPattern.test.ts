import { describe, expect, it } from 'vitest';
import { fixedAll, flagged, lintWith, type RuleInput } from './lintWith.testing.ts';

describe('custom_pattern', () => {
  it('flags matches with the supervisor’s message and a $1 replacement, in Russian', () => {
    const rule = { kind: 'custom_pattern', pattern: '(\\d+)\\s?руб\\.', flags: 'iu', message: 'Цены со знаком ₽', replacement: '$1 ₽' } satisfies RuleInput;
    const text = 'Итого 500 руб. и 70руб.';
    const issues = lintWith(rule, text);
    expect(flagged(text, issues)).toEqual(['500 руб.', '70руб.']);
    expect(issues[0]).toMatchObject({ messageKey: 'voice:issues.custom_pattern', params: { message: 'Цены со знаком ₽' } });
    expect(fixedAll(text, issues)).toBe('Итого 500 ₽ и 70 ₽');
  });

  it('sees lookbehind context when computing a fix, in English', () => {
    const rule = { kind: 'custom_pattern', pattern: '(?<=order )#(\\d+)', flags: 'i', message: 'Write "No."', replacement: 'No. $1' } satisfies RuleInput;
    const text = 'Your order #1024 and ticket #7.';
    expect(fixedAll(text, lintWith(rule, text, { locale: 'en' }))).toBe('Your order No. 1024 and ticket #7.');
  });

  it('has no fix without a replacement and skips zero-width matches', () => {
    const rule = { kind: 'custom_pattern', pattern: '(?=x)|http://\\S+', flags: '', message: 'Use https' } satisfies RuleInput;
    const text = 'x http://amper.ru x';
    expect(lintWith(rule, text, { locale: 'en' })).toEqual([expect.objectContaining({ start: 2, end: 17, fix: null })]);
  });
});
