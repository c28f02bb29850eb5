import { describe, expect, it } from 'vitest';
import { fixedAll, flagged, lintWith, type RuleInput } from './lintWith.testing.ts';

describe('forbidden_phrase: Russian', () => {
  const rule = {
    kind: 'forbidden_phrase',
    phrases: [
      { phrase: 'в настоящее время', replacement: 'сейчас' },
      { phrase: 'время', replacement: 'срок' },
      { phrase: 'данный', replacement: 'этот' },
      { phrase: 'ещё раз', replacement: 'снова' },
      { phrase: 'не моя проблема' },
    ],
  } satisfies RuleInput;

  it('matches whole words in any case and spacing, preferring the longer phrase', () => {
    const text = 'В  настоящее\nвремя данный товар — не моя проблема. Время, неданный.';
    const issues = lintWith(rule, text);
    expect(flagged(text, issues)).toEqual(['В  настоящее\nвремя', 'данный', 'не моя проблема', 'Время']);
    expect(issues[2]).toMatchObject({ messageKey: 'voice:issues.forbidden_phrase.noReplacement', params: { phrase: 'не моя проблема' }, fix: null });
    expect(issues[0]).toMatchObject({ messageKey: 'voice:issues.forbidden_phrase.withReplacement', params: { suggestion: 'Сейчас' } });
  });

  it('folds «ё» and «е» both ways and fixes with the replacement in the original case', () => {
    const text = 'Напишите еще раз. Ещё раз спасибо.';
    const issues = lintWith(rule, text);
    expect(flagged(text, issues)).toEqual(['еще раз', 'Ещё раз']);
    expect(fixedAll(text, issues)).toBe('Напишите снова. Снова спасибо.');
  });
});

describe('forbidden_phrase: English', () => {
  const rule = { kind: 'forbidden_phrase', phrases: [{ phrase: 'ASAP', replacement: 'as soon as possible' }, { phrase: 'calm down' }] } satisfies RuleInput;

  it('flags the phrases and offers the replacement', () => {
    const text = 'Please calm down, we will call asap.';
    const issues = lintWith(rule, text, { locale: 'en' });
    expect(flagged(text, issues)).toEqual(['calm down', 'asap']);
    expect(fixedAll(text, issues)).toBe('Please calm down, we will call as soon as possible.');
  });

  it('leaves words that only contain a phrase', () => {
    expect(lintWith(rule, 'Wasapp is not ASAPly.', { locale: 'en' })).toEqual([]);
  });
});
