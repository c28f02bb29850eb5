import { describe, expect, it } from 'vitest';
import { Channel, Locale } from '../enums.ts';
import { DEFAULT_VOICE_RULES } from '../voice/defaultRules.ts';
import { compileRules } from '../voice/lint.ts';
import { DEFAULT_TEMPLATES, defaultTemplate, reservationNoticeTemplate, templateVariant } from './library.ts';
import { renderTemplate } from './render.ts';
import { sampleValues } from './variables.ts';

const RESERVATION_VALUES = {
  'customer.firstName': 'Анна',
  'product.name': 'Видеокарта MSI GeForce RTX 4070 VENTUS 2X 12 ГБ',
  'reservation.code': '4821-73',
  'reservation.holdUntil': '14 марта, 21:00',
  'store.name': 'Ампер Авиапарк',
  'store.address': 'Москва, Ходынский бульвар, д. 4, ТРЦ «Авиапарк», 2 этаж',
  'store.hours': 'ежедневно с 10:00 до 22:00',
};

describe('reservationNoticeTemplate', () => {
  it.each(Channel.options.flatMap((channel) => Locale.options.map((locale) => [channel, locale] as const)))(
    'has a %s notice in %s that names the code, hold-until and store, and fits the channel',
    (channel, locale) => {
      const { subject, body } = reservationNoticeTemplate(locale, channel);
      expect(subject === null).toBe(channel !== 'email');
      const out = renderTemplate(body, RESERVATION_VALUES, { channel });
      expect(out.missing).toEqual([]);
      for (const value of ['4821-73', '14 марта, 21:00', 'Ходынский бульвар']) expect(out.text).toContain(value);
      expect(out.length.overflowAt).toBeNull();
    },
  );

  it('sends the inbound API channel the web chat wording', () => {
    expect(reservationNoticeTemplate('ru', 'api')).toEqual(reservationNoticeTemplate('ru', 'webchat'));
  });

  it('keeps the Russian SMS notice within three segments for a long mall address', () => {
    const out = renderTemplate(reservationNoticeTemplate('ru', 'sms').body, RESERVATION_VALUES, { channel: 'sms' });
    expect(out.length.sms).toMatchObject({ encoding: 'UCS-2' });
    expect(out.length.used).toBeLessThanOrEqual(3);
  });
});

describe('the default template library', () => {
  it('has about ten templates with unique keys, each in Russian and English', () => {
    expect(DEFAULT_TEMPLATES.length).toBeGreaterThanOrEqual(10);
    expect(new Set(DEFAULT_TEMPLATES.map((t) => t.key)).size).toBe(DEFAULT_TEMPLATES.length);
    for (const template of DEFAULT_TEMPLATES) {
      const ru = template.variants.filter((v) => v.locale === 'ru').map((v) => v.channel).sort();
      const en = template.variants.filter((v) => v.locale === 'en').map((v) => v.channel).sort();
      expect(en, template.key).toEqual(ru);
    }
  });

  it('passes its own brand-voice rules: no warning or error on any variant filled with sample values', () => {
    const linter = compileRules(DEFAULT_VOICE_RULES.rules);
    const findings = DEFAULT_TEMPLATES.flatMap((template) =>
      template.variants.flatMap((variant) => {
        const text = renderTemplate(variant.body, sampleValues(variant.locale), { channel: variant.channel }).text;
        return linter(text, { channel: variant.channel, locale: variant.locale })
          .filter((issue) => issue.severity !== 'hint')
          .map((issue) => `${template.key}/${variant.channel}/${variant.locale}: ${issue.ruleId} «${text.slice(issue.start, issue.end)}»`);
      }),
    );
    expect(findings).toEqual([]);
  });

  it('finds a variant by channel and locale, and says null when there is none', () => {
    const greeting = defaultTemplate('greeting');
    expect(greeting).not.toBeNull();
    if (!greeting) return;
    expect(templateVariant(greeting, 'telegram', 'en')?.body).toContain('Hello {{customer.firstName}}');
    expect(templateVariant(greeting, 'sms', 'ru')).toBeNull();
    expect(defaultTemplate('no_such_template')).toBeNull();
  });
});
