import { describe, expect, it } from 'vitest';
import { fixedAll, flagged, lintWith, type RuleInput } from './lintWith.testing.ts';

const rule = { kind: 'caps_words', allow: ['SMS', 'NVIDIA', 'USB', 'ТРЦ'], minLength: 3 } satisfies RuleInput;

describe('caps_words: Russian', () => {
  it('flags Cyrillic words in capitals, and the fix lower-cases them (capital at a sentence start)', () => {
    const text = 'СРОЧНО заберите заказ. Это ОЧЕНЬ важно, ТРЦ закрывается.';
    const issues = lintWith(rule, text);
    expect(flagged(text, issues)).toEqual(['СРОЧНО', 'ОЧЕНЬ']);
    expect(fixedAll(text, issues)).toBe('Срочно заберите заказ. Это очень важно, ТРЦ закрывается.');
  });

  it('passes short words, words with digits and Latin brand names in a Russian text', () => {
    expect(lintWith(rule, 'Я проверил: RTX4090 и NVIDIA GeForce RTX 4070 SUPER VENTUS, ОК, ЯМ-12.')).toEqual([]);
  });
});

describe('caps_words: English', () => {
  it('flags Latin capitals outside the allow list', () => {
    const text = 'Your NVIDIA card is READY. Use the USB cable, it is FREE!';
    const issues = lintWith(rule, text, { locale: 'en' });
    expect(flagged(text, issues)).toEqual(['READY', 'FREE']);
    expect(issues[0]).toMatchObject({ messageKey: 'voice:issues.caps_words', params: { word: 'READY' }, fix: { replacement: 'ready' } });
  });

  it('respects a higher minimum length', () => {
    expect(lintWith({ ...rule, minLength: 5 }, 'The NEW card is here.', { locale: 'en' })).toEqual([]);
  });
});
