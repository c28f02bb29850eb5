import { describe, expect, it } from 'vitest';
import { fixedAll, lintWith } from './lintWith.testing.ts';

describe('exclamation_limit', () => {
  it('flags each mark past the limit in Russian: a run loses its extras, a lone one becomes a full stop', () => {
    const text = 'Здравствуйте! Заказ готов!!! Ждём Вас!';
    const issues = lintWith({ kind: 'exclamation_limit', max: 2 }, text);
    expect(issues.map((i) => i.start)).toEqual([26, 27, 37]);
    expect(issues[0]).toMatchObject({ messageKey: 'voice:issues.exclamation_limit', params: { count: 2 } });
    expect(fixedAll(text, issues)).toBe('Здравствуйте! Заказ готов! Ждём Вас.');
  });

  it('allows none at all in English when the limit is zero', () => {
    const text = 'Your order is ready! See you soon!';
    const issues = lintWith({ kind: 'exclamation_limit', max: 0 }, text, { locale: 'en' });
    expect(fixedAll(text, issues)).toBe('Your order is ready. See you soon.');
  });

  it('says nothing within the limit', () => {
    expect(lintWith({ kind: 'exclamation_limit', max: 1 }, 'Hello!', { locale: 'en' })).toEqual([]);
  });
});
