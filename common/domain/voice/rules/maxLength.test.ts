import { describe, expect, it } from 'vitest';
import { lintWith, type RuleInput } from './lintWith.testing.ts';

describe('max_length', () => {
  it('underlines everything past the character limit, in Russian', () => {
    const text = 'Ваш заказ готов к выдаче.';
    expect(lintWith({ kind: 'max_length', max: 10 }, text)).toEqual([
      expect.objectContaining({ start: 10, end: text.length, messageKey: 'voice:issues.max_length.chars', params: { count: 10, used: text.length }, fix: null }),
    ]);
    expect(lintWith({ kind: 'max_length', max: text.length }, text)).toEqual([]);
  });

  it('counts SMS segments: English GSM-7 fits 160 in one, Russian UCS-2 only 70', () => {
    const rule = { kind: 'max_length', unit: 'sms_segments', max: 1 } satisfies RuleInput;
    expect(lintWith(rule, 'a'.repeat(160), { channel: 'sms', locale: 'en' })).toEqual([]);
    expect(lintWith(rule, 'a'.repeat(161), { channel: 'sms', locale: 'en' })).toEqual([expect.objectContaining({ start: 160, messageKey: 'voice:issues.max_length.segments', params: { count: 1, used: 2 } })]);
    expect(lintWith(rule, 'я'.repeat(71), { channel: 'sms' })).toEqual([expect.objectContaining({ start: 70, params: { count: 1, used: 2 } })]);
  });
});
