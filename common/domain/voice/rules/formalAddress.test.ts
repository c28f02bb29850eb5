import { describe, expect, it } from 'vitest';
import { fixedAll, flagged, lintWith, type RuleInput } from './lintWith.testing.ts';

const rule = { kind: 'formal_address', capitalVy: true, casual: [{ phrase: 'hey', replacement: 'hello' }, { phrase: 'gonna', replacement: 'going to' }, { phrase: 'guys', replacement: null }] } satisfies RuleInput;

describe('formal_address: Russian', () => {
  it('flags every informal «ты» form, with no mechanical fix', () => {
    const text = 'Ты можешь забрать твой заказ, тебе позвонят. Твоё окно — тобой выбранное.';
    const issues = lintWith(rule, text);
    expect(flagged(text, issues)).toEqual(['Ты', 'твой', 'тебе', 'Твоё', 'тобой']);
    expect(issues.every((i) => i.fix === null && i.messageKey === 'voice:issues.formal_address.informal')).toBe(true);
  });

  it('flags a lower-case «вы» and its forms with a fix to capitalise, leaving «Вы» alone', () => {
    const text = 'Вы можете забрать заказ, вам позвонят, ваш код 1234. Ждём вас!';
    const issues = lintWith(rule, text);
    expect(flagged(text, issues)).toEqual(['вам', 'ваш', 'вас']);
    expect(issues[0]).toMatchObject({ messageKey: 'voice:issues.formal_address.lowercaseVy', params: { word: 'вам', suggestion: 'Вам' } });
    expect(fixedAll(text, issues)).toBe('Вы можете забрать заказ, Вам позвонят, Ваш код 1234. Ждём Вас!');
  });

  it('leaves lower-case «вы» alone when the brand writes it so, and never flags parts of words', () => {
    expect(lintWith({ ...rule, capitalVy: false }, 'вам позвонят')).toEqual([]);
    expect(lintWith(rule, 'Выдача, вывоз, ваше́рный, тыква, потыкать и твоидея')).toEqual([]);
  });
});

describe('formal_address: English', () => {
  it('flags the casual forms on the list, keeping the case of the fix', () => {
    const text = "Hey Anna, we're gonna call you. Thanks, guys.";
    const issues = lintWith(rule, text, { locale: 'en' });
    expect(flagged(text, issues)).toEqual(['Hey', 'gonna', 'guys']);
    expect(issues.map((i) => i.fix?.replacement ?? null)).toEqual(['Hello', 'going to', null]);
    expect(fixedAll(text, issues)).toBe("Hello Anna, we're going to call you. Thanks, guys.");
  });

  it('does not flag the words inside others or polite English', () => {
    expect(lintWith(rule, 'They will hand you the order. Heyday, gonnabe.', { locale: 'en' })).toEqual([]);
  });
});
