import { describe, expect, it } from 'vitest';
import { fixedAll, flagged, lintWith, type RuleInput } from './lintWith.testing.ts';
import { passesLuhn } from './sensitiveData.ts';

const rule = { kind: 'sensitive_data', ignorePrefixes: ['2775'] } satisfies RuleInput;

describe('sensitive_data: cards', () => {
  it('flags a Luhn-valid card number written with spaces or dashes, in Russian, and masks all but the last four', () => {
    const text = 'Оплатите картой 4276 3800 1234 5679 или 5469-3800-5555-4447.';
    const issues = lintWith(rule, text);
    expect(flagged(text, issues)).toEqual(['4276 3800 1234 5679', '5469-3800-5555-4447']);
    expect(issues[0]).toMatchObject({ messageKey: 'voice:issues.sensitive_data.card', params: { lastDigits: '5679' } });
    expect(fixedAll(text, issues)).toBe('Оплатите картой **** **** **** 5679 или ****-****-****-4447.');
  });

  it('flags a 13–19 digit card in English and ignores numbers that fail Luhn, are too short or are ours', () => {
    const text = 'Card 4222222222222 charged. Order 4276380012345676, phone +7 495 123-45-67, loyalty card 2775 0010 0000 0122.';
    expect(passesLuhn('2775001000000122')).toBe(true);
    expect(flagged(text, lintWith(rule, text, { locale: 'en' }))).toEqual(['4222222222222']);
  });
});

describe('sensitive_data: passports', () => {
  it('flags a passport series and number after «паспорт», masked', () => {
    const text = 'Паспорт серии 45 06 № 123456 выдан…';
    const issues = lintWith(rule, text);
    expect(flagged(text, issues)).toEqual(['45 06 № 123456']);
    expect(fixedAll(text, issues)).toBe('Паспорт серии ** ** № **3456 выдан…');
  });

  it('flags "passport" numbers in English and leaves 10 digits without the word', () => {
    const text = 'Passport: 4506123456. Call 4951234567.';
    expect(flagged(text, lintWith(rule, text, { locale: 'en' }))).toEqual(['4506123456']);
  });

  it('checks only what the rule turns on', () => {
    expect(lintWith({ ...rule, cards: false, passports: false }, 'паспорт 4506 123456, карта 4276 3800 1234 5679')).toEqual([]);
  });
});
