import { describe, expect, it } from 'vitest';
import { createI18n } from '../app/i18n.ts';
import { HUB_TIMEOUT } from '../app/hub.ts';
import { errorText, fieldErrorMap, fieldMessage, unplacedFieldErrors } from './errors.ts';

describe('field error mapping', () => {
  it('keys errors by dotted path, first message wins', () => {
    const map = fieldErrorMap([
      { path: 'identities.1.value', message: 'invalid phone number' },
      { path: 'firstName', message: 'required' },
      { path: 'firstName', message: 'second' },
      { path: '', message: 'whole form' },
    ]);
    expect(map).toEqual({ 'identities.1.value': 'invalid phone number', firstName: 'required', _: 'whole form' });
    expect(unplacedFieldErrors(map, (p) => p !== '_')).toEqual(['whole form']);
  });

  it('translates the hub’s common messages and keeps unknown ones', () => {
    const t = createI18n('ru').t;
    expect(fieldMessage(t, 'required')).toBe('Обязательное поле');
    expect(fieldMessage(t, 'invalid phone number')).toBe('Неверный номер телефона');
    expect(fieldMessage(t, 'store staff must be bound to a store')).toBe('Выберите магазин сотрудника');
    expect(fieldMessage(t, 'Something odd')).toBe('Something odd');
  });

  it('says a timeout in words', () => {
    const t = createI18n('en').t;
    expect(errorText(t, { code: 'INTERNAL', message: HUB_TIMEOUT })).toMatch(/did not answer/);
    expect(errorText(t, { code: 'CONFLICT', message: 'x' })).toMatch(/Someone else/);
  });
});
