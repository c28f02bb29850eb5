import { describe, expect, it } from 'vitest';
import { contentEnd, contentStart, phraseMatcher, startsSentence } from './text.ts';

const matches = (phrases: string[], text: string) => phraseMatcher(phrases, (p) => p).all(text, 100).map((m) => `${m.start}:${m.text}`);

describe('phraseMatcher', () => {
  it('falls back to a shorter phrase when the longer one stops mid-word', () => {
    expect(matches(['в настоящее время', 'настоящее'], 'в настоящее времяпрепровождение')).toEqual(['2:настоящее']);
  });

  it('checks the word edge before a match and looks again inside the word', () => {
    expect(matches(['заказ'], 'перезаказ, заказ-наряд, Заказ')).toEqual(['11:заказ', '24:Заказ']);
  });

  it('matches phrases that start or end with punctuation without word edges there', () => {
    expect(matches(['!!', '...', 'м.видео'], 'Ура!!! Ну... В М.Видео дешевле')).toEqual(['3:!!', '9:...', '15:М.Видео']);
  });

  it('matches nothing with an empty list, and lists each folded phrase once', () => {
    expect(matches([], 'что угодно')).toEqual([]);
    expect(phraseMatcher(['Ещё', 'еще', 'ЕЩЕ'], (p) => p).all('ещё', 10)).toEqual([{ start: 0, end: 3, text: 'ещё', entry: 'Ещё' }]);
  });
});

describe('text positions', () => {
  it('finds where the content starts and ends, past spaces, punctuation and quotes', () => {
    expect(contentStart('  — «Здравствуйте»')).toBe(5);
    expect(contentEnd('Ампер»!  \n')).toBe(5);
    expect(contentStart(' .!')).toBe(3);
    expect(contentEnd(' .!')).toBe(0);
  });

  it('knows a sentence start', () => {
    const text = 'Готово. Ждём\nВас';
    expect(startsSentence(text, 0)).toBe(true);
    expect(startsSentence(text, 8)).toBe(true);
    expect(startsSentence(text, 13)).toBe(true);
    expect(startsSentence(text, 3)).toBe(false);
  });
});
