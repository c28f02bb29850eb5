import { describe, expect, it } from 'vitest';
import { applyFix } from '../lint.ts';
import { lintWith, type RuleInput } from './lintWith.testing.ts';

const greetingRu = { kind: 'greeting_required', phrases: ['Здравствуйте', 'Добрый день'], within: 30, suggestion: 'Здравствуйте!' } satisfies RuleInput;
const greetingEn = { kind: 'greeting_required', phrases: ['Hello', 'Good morning'], within: 30, suggestion: 'Hello,' } satisfies RuleInput;
const signoffRu = { kind: 'signoff_required', phrases: ['С уважением', 'Всего доброго'], within: 60, suggestion: 'С уважением,\nслужба заботы «Ампер»' } satisfies RuleInput;
const signoffEn = { kind: 'signoff_required', phrases: ['Kind regards'], within: 60, suggestion: null } satisfies RuleInput;

describe('greeting_required', () => {
  it('accepts a greeting at the start or after the name, ignoring case, spaces and punctuation', () => {
    for (const text of ['Здравствуйте, Анна!', '  — здравствуйте!', 'Анна, добрый день! Заказ готов.']) expect(lintWith(greetingRu, text)).toEqual([]);
    expect(lintWith(greetingEn, '\n"hello Anna, your order is ready"', { locale: 'en' })).toEqual([]);
  });

  it('flags the first word when the greeting is missing, and the fix inserts the suggestion', () => {
    const text = '  Заказ готов и ждёт Вас в магазине. Здравствуйте так далеко от начала не считается.';
    const [issue, ...rest] = lintWith(greetingRu, text);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ start: 2, end: 7, messageKey: 'voice:issues.greeting_required', params: { example: 'Здравствуйте', phrases: 'Здравствуйте, Добрый день' } });
    expect(issue?.fix && applyFix(text, issue.fix)).toBe('  Здравствуйте! Заказ готов и ждёт Вас в магазине. Здравствуйте так далеко от начала не считается.');
  });

  it('sets the greeting apart as a paragraph in an e-mail, in English', () => {
    const [issue] = lintWith(greetingEn, 'Your order is ready.', { locale: 'en', channel: 'email' });
    expect(issue?.fix && applyFix('Your order is ready.', issue.fix)).toBe('Hello,\n\nYour order is ready.');
  });

  it('does not take a longer word for the greeting, even at the edge of where it may stand', () => {
    expect(lintWith({ ...greetingEn, within: 0 }, 'Helloween sale', { locale: 'en' })).toHaveLength(1);
    expect(lintWith({ ...greetingEn, within: 0 }, 'Hello, Anna', { locale: 'en' })).toEqual([]);
  });

  it('does not nag about an empty draft', () => {
    expect(lintWith(greetingRu, '  \n ')).toEqual([]);
  });
});

describe('signoff_required', () => {
  it('accepts a sign-off followed by a signature line', () => {
    expect(lintWith(signoffRu, 'Заказ готов.\n\nС уважением,\nМария, служба заботы о клиентах «Ампер»')).toEqual([]);
    expect(lintWith(signoffEn, 'Your order is ready.\n\nKind regards,\nMaria', { locale: 'en' })).toEqual([]);
  });

  it('flags the last word when the sign-off is missing or too far from the end, and appends the suggestion', () => {
    const text = 'С уважением относимся к каждому клиенту и рады сообщить, что Ваш заказ уже собран и ждёт Вас в магазине.  ';
    const [issue] = lintWith(signoffRu, text, { channel: 'email' });
    expect(issue).toMatchObject({ start: text.indexOf('магазине'), end: text.indexOf('магазине') + 8, messageKey: 'voice:issues.signoff_required' });
    expect(issue?.fix && applyFix(text, issue.fix)).toBe(`${text.trimEnd()}\n\nС уважением,\nслужба заботы «Ампер»  `);
  });

  it('has no fix without a suggestion, in English', () => {
    const [issue] = lintWith(signoffEn, 'Your order is ready.', { locale: 'en' });
    expect(issue).toMatchObject({ fix: null, params: { example: 'Kind regards' } });
  });
});
