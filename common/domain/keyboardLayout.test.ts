import { describe, expect, it } from 'vitest';
import { switchLayout } from './keyboardLayout.ts';

describe('switchLayout', () => {
  it('reads Latin letters as the Russian keys they share', () => {
    expect(switchLayout('rfhnf')).toBe('карта');
    expect(switchLayout('Cfvceyu')).toBe('Самсунг');
    expect(switchLayout('ltim')).toBe('дешь');
  });

  it('reads Cyrillic letters as the QWERTY keys they share', () => {
    expect(switchLayout('мшвуф')).toBe('videa');
    expect(switchLayout('ЬЫШ')).toBe('MSI');
    expect(switchLayout('кеч 4060')).toBe('rtx 4060');
  });

  it('maps the punctuation keys that carry Russian letters, both ways and shifted', () => {
    expect(switchLayout("[];',.`")).toBe('хъжэбюё');
    expect(switchLayout('{}:"<>~')).toBe('ХЪЖЭБЮЁ');
    expect(switchLayout('хъжэбюё')).toBe("[];',.`");
    expect(switchLayout('yf[jlrf')).toBe('находка');
  });

  it('is its own inverse on letters and leaves digits and spaces alone', () => {
    expect(switchLayout(switchLayout('Видеокарта памяти'))).toBe('Видеокарта памяти');
    expect(switchLayout(switchLayout('GeForce RTX'))).toBe('GeForce RTX');
    expect(switchLayout('4060 8')).toBe('4060 8');
  });

  it('follows the majority of the letters in mixed text', () => {
    expect(switchLayout('ltim Я')).toBe('дешь Я');
    expect(switchLayout('кеч s')).toBe('rtx s');
  });
});
