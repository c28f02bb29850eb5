import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone, normalizeEmail, normalizeIdentity, normalizeLoyaltyCard, normalizePhone } from './contacts.ts';

describe('phones', () => {
  it.each(['+7 912 345-67-89', '8 (912) 345-67-89', '89123456789', '7 912 345 67 89', '+7(912)3456789', ' 8-912-345-67-89 '])(
    'normalises %s to E.164 with Russia as the default region',
    (raw) => expect(normalizePhone(raw)).toBe('+79123456789'),
  );

  it('keeps foreign numbers and refuses what is not a phone', () => {
    expect(normalizePhone('+375 29 123-45-67')).toBe('+375291234567');
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('телефон')).toBeNull();
  });

  it('masks all but the last four digits', () => {
    expect(maskPhone('+79123456789')).toBe('+7 *** ***-67-89');
  });
});

describe('e-mails and cards', () => {
  it('trims and lower-cases e-mails, refusing invalid ones', () => {
    expect(normalizeEmail('  Ivan.Petrov@Mail.RU ')).toBe('ivan.petrov@mail.ru');
    expect(normalizeEmail('ivan@')).toBeNull();
    expect(maskEmail('ivan.petrov@mail.ru')).toBe('i***@mail.ru');
  });

  it('accepts card numbers with spaces or dashes', () => {
    expect(normalizeLoyaltyCard('2200 1234-5678 9012')).toBe('2200123456789012');
    expect(normalizeLoyaltyCard('12ab')).toBeNull();
  });

  it('normalises by identity kind', () => {
    expect(normalizeIdentity('phone', '8 912 345 67 89')).toBe('+79123456789');
    expect(normalizeIdentity('telegram', ' @Ivan_P ')).toBe('@ivan_p');
    expect(normalizeIdentity('webchat', '')).toBeNull();
  });
});
