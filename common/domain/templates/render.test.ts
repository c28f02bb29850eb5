import { describe, expect, it } from 'vitest';
import { renderTemplate, TemplateSyntaxError } from './render.ts';

describe('renderTemplate', () => {
  it('fills values and returns segments that locate each one in the output', () => {
    const out = renderTemplate('Бронь {{reservation.code}} до {{reservation.holdUntil}}.', { 'reservation.code': '4821-73', 'reservation.holdUntil': '14 марта' }, { channel: 'sms' });
    expect(out.text).toBe('Бронь 4821-73 до 14 марта.');
    expect(out.missing).toEqual([]);
    expect(out.segments).toEqual([
      { text: 'Бронь ', start: 0, end: 6 },
      { text: '4821-73', start: 6, end: 13, variable: 'reservation.code' },
      { text: ' до ', start: 13, end: 17 },
      { text: '14 марта', start: 17, end: 25, variable: 'reservation.holdUntil' },
      { text: '.', start: 25, end: 26 },
    ]);
  });

  it('keeps a missing value visible as its placeholder and lists it once', () => {
    const out = renderTemplate('{{customer.firstName}}, {{store.name}} ждёт Вас, {{customer.firstName}}', { 'store.name': 'Ампер Тверская', 'customer.firstName': '  ' }, { channel: 'telegram' });
    expect(out.text).toBe('{{customer.firstName}}, Ампер Тверская ждёт Вас, {{customer.firstName}}');
    expect(out.missing).toEqual(['customer.firstName']);
    expect(out.segments[0]).toEqual({ text: '{{customer.firstName}}', start: 0, end: 22, variable: 'customer.firstName', missing: true });
  });

  it('treats null and undefined as missing and writes numbers as they are', () => {
    const out = renderTemplate('{{loyalty.balance}} / {{loyalty.expiringSoon}} / {{loyalty.tier}}', { 'loyalty.balance': 2450, 'loyalty.expiringSoon': null }, { channel: 'webchat' });
    expect(out.text).toBe('2450 / {{loyalty.expiringSoon}} / {{loyalty.tier}}');
    expect(out.missing).toEqual(['loyalty.expiringSoon', 'loyalty.tier']);
  });

  it('flattens line breaks and strips control characters inside a value', () => {
    const out = renderTemplate('Адрес: {{store.address}}.', { 'store.address': 'Москва,\r\n ул. Тверская, д. 22\u0007' }, { channel: 'sms' });
    expect(out.text).toBe('Адрес: Москва, ул. Тверская, д. 22.');
  });

  it('inserts values as plain text by default: no channel adapter sends markup today', () => {
    const values = { 'product.name': 'Кабель <USB-C> & Lightning' };
    expect(renderTemplate('{{product.name}}', values, { channel: 'telegram' }).text).toBe('Кабель <USB-C> & Lightning');
    expect(renderTemplate('<b>{{product.name}}</b>', values, { channel: 'telegram', markup: 'html' }).text).toBe('<b>Кабель &lt;USB-C&gt; &amp; Lightning</b>');
  });

  it('measures the rendered text against the channel limit', () => {
    const sms = renderTemplate('Ампер: {{store.address}}', { 'store.address': 'ул. Тверская' }, { channel: 'sms' });
    expect(sms.length).toMatchObject({ limit: { unit: 'segments', max: 3 }, used: 1, overflowAt: null, sms: { encoding: 'UCS-2' } });
    const chat = renderTemplate('{{product.name}}', { 'product.name': 'x'.repeat(2001) }, { channel: 'webchat' });
    expect(chat.length).toMatchObject({ used: 2001, overflowAt: 2000 });
  });

  it('refuses a body that does not parse, saying where', () => {
    expect(() => renderTemplate('Код {{reservation.code', {}, { channel: 'sms' })).toThrow(TemplateSyntaxError);
    expect(() => renderTemplate('Hi\n{{nope}}', {}, { channel: 'sms' })).toThrow('Template syntax: unknown variable "nope" at line 2, column 1');
  });
});
