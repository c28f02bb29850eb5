import { describe, expect, it } from 'vitest';
import { fixedAll, flagged, lintWith } from './lintWith.testing.ts';

describe('emoji', () => {
  it('flags every emoji where none are allowed, in Russian, and the fix removes it with its space', () => {
    const text = 'Заказ готов 🎉 Ждём Вас 😊';
    const issues = lintWith({ kind: 'emoji', max: 0 }, text, { channel: 'email' });
    expect(flagged(text, issues)).toEqual(['🎉', '😊']);
    expect(issues[0]).toMatchObject({ messageKey: 'voice:issues.emoji.none', params: { count: 0 } });
    expect(fixedAll(text, issues)).toBe('Заказ готов Ждём Вас');
  });

  it('counts a ZWJ family, a skin tone and a flag as one emoji each, in English', () => {
    const text = 'Thanks 👨‍👩‍👧 👍🏽 🇷🇺 ❤️';
    const issues = lintWith({ kind: 'emoji', max: 1 }, text, { locale: 'en' });
    expect(flagged(text, issues)).toEqual(['👍🏽', '🇷🇺', '❤️']);
    expect(issues[0]?.messageKey).toBe('voice:issues.emoji.tooMany');
  });

  it('does not count trade marks in product names or digits', () => {
    expect(lintWith({ kind: 'emoji', max: 0 }, 'Intel® Core™ i7, © Ампер, #1 * 2', { locale: 'en' })).toEqual([]);
  });
});
