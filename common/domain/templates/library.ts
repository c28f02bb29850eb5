// The template library «Ампер» starts with: the retailer's own notices (reservations, pickup, points) and
// the phrases agents reach for every day, each in Russian and English and shaped for its channel — an
// e-mail is a letter with a subject, an SMS a single short line, the chats sit in between. Supervisors
// edit and version them from here on; these are only the first versions.
import { TemplateDefinition, type TemplateDefinitionInput, type TemplateVariant } from '../../api/voice.ts';
import type { Channel, Locale } from '../enums.ts';

type Bodies = Partial<Record<Channel, string>>;

/** Variants from per-locale bodies; an e-mail body is given with its subject. */
function variants(texts: Record<Locale, { emailSubject?: string } & Bodies>): TemplateDefinitionInput['variants'] {
  return (Object.entries(texts) as [Locale, { emailSubject?: string } & Bodies][]).flatMap(([locale, { emailSubject, ...bodies }]) =>
    (Object.entries(bodies) as [Channel, string][]).map(([channel, body]) => ({
      channel,
      locale,
      subject: channel === 'email' ? (emailSubject ?? null) : null,
      body,
    })),
  );
}

const SIGNATURE_RU = 'С уважением,\n{{agent.firstName}}, служба заботы о клиентах «Ампер»';
const SIGNATURE_EN = 'Kind regards,\n{{agent.firstName}}, Amper Customer Care';
// Automatic notices have no agent to sign them.
const NOTICE_SIGNATURE_RU = 'С уважением,\nслужба заботы о клиентах «Ампер»';
const NOTICE_SIGNATURE_EN = 'Kind regards,\nAmper Customer Care';

const letterRu = (body: string, signature = SIGNATURE_RU) => `Здравствуйте, {{customer.firstName}}!\n\n${body}\n\n${signature}`;
const letterEn = (body: string, signature = SIGNATURE_EN) => `Hello {{customer.firstName}},\n\n${body}\n\n${signature}`;

const LIBRARY: TemplateDefinitionInput[] = [
  {
    key: 'reservation_notice',
    name: 'Бронь оформлена',
    folder: 'Брони/Уведомления',
    tags: ['бронь', 'магазин', 'автоматически'],
    variants: variants({
      ru: {
        emailSubject: 'Бронь {{reservation.code}}: товар ждёт Вас в магазине',
        email: letterRu(
          'Мы забронировали для Вас товар: {{product.name}}.\n\n' +
            'Код брони: {{reservation.code}}\n' +
            'Магазин: {{store.name}}, {{store.address}}\n' +
            'Часы работы: {{store.hours}}\n' +
            'Товар ждёт Вас до {{reservation.holdUntil}}.\n\n' +
            'На кассе назовите код брони или номер телефона — сотрудник проверит товар при Вас.',
          NOTICE_SIGNATURE_RU,
        ),
        sms: 'Ампер: бронь {{reservation.code}} до {{reservation.holdUntil}}. {{store.name}}, {{store.address}}, {{store.hours}}.',
        telegram:
          '{{customer.firstName}}, здравствуйте! Забронировали для Вас: {{product.name}}.\n' +
          'Код брони: {{reservation.code}}\n' +
          'Магазин: {{store.name}}, {{store.address}} ({{store.hours}})\n' +
          'Товар ждёт Вас до {{reservation.holdUntil}}.',
        webchat:
          '{{customer.firstName}}, здравствуйте! Забронировали для Вас: {{product.name}}. Код брони {{reservation.code}}. ' +
          'Магазин {{store.name}}, {{store.address}}, работает {{store.hours}}. Товар ждёт Вас до {{reservation.holdUntil}}.',
      },
      en: {
        emailSubject: 'Reservation {{reservation.code}}: your item is waiting in store',
        email: letterEn(
          'We have reserved this item for you: {{product.name}}.\n\n' +
            'Reservation code: {{reservation.code}}\n' +
            'Store: {{store.name}}, {{store.address}}\n' +
            'Opening hours: {{store.hours}}\n' +
            'We will hold it until {{reservation.holdUntil}}.\n\n' +
            'At the till, give the reservation code or your phone number and our staff will check the item with you.',
          NOTICE_SIGNATURE_EN,
        ),
        sms: 'Amper: reservation {{reservation.code}} held until {{reservation.holdUntil}} at {{store.name}}, {{store.address}}, {{store.hours}}.',
        telegram:
          'Hello {{customer.firstName}}! We have reserved this item for you: {{product.name}}.\n' +
          'Reservation code: {{reservation.code}}\n' +
          'Store: {{store.name}}, {{store.address}} ({{store.hours}})\n' +
          'We will hold it until {{reservation.holdUntil}}.',
        webchat:
          'Hello {{customer.firstName}}! We have reserved this item for you: {{product.name}}. Reservation code {{reservation.code}}. ' +
          'Store {{store.name}}, {{store.address}}, open {{store.hours}}. We will hold it until {{reservation.holdUntil}}.',
      },
    }),
  },
  {
    key: 'reservation_expiring',
    name: 'Бронь скоро закончится',
    folder: 'Брони/Уведомления',
    tags: ['бронь', 'напоминание', 'автоматически'],
    variants: variants({
      ru: {
        sms: 'Ампер: бронь {{reservation.code}} действует до {{reservation.holdUntil}}. Ждём Вас: {{store.address}}.',
        telegram: '{{customer.firstName}}, напоминаем: бронь {{reservation.code}} действует до {{reservation.holdUntil}}. Ждём Вас в магазине {{store.name}}, {{store.address}}.',
      },
      en: {
        sms: 'Amper: reservation {{reservation.code}} ends {{reservation.holdUntil}}. See you at {{store.address}}.',
        telegram: '{{customer.firstName}}, a reminder: reservation {{reservation.code}} is held until {{reservation.holdUntil}}. See you at {{store.name}}, {{store.address}}.',
      },
    }),
  },
  {
    key: 'order_ready',
    name: 'Заказ готов к выдаче',
    folder: 'Заказы/Уведомления',
    tags: ['заказ', 'самовывоз', 'автоматически'],
    variants: variants({
      ru: {
        emailSubject: 'Заказ № {{order.number}} готов к выдаче',
        email: letterRu(
          'Ваш заказ № {{order.number}} на сумму {{order.total}} ждёт Вас в магазине {{store.name}}: {{store.address}}.\n' +
            'Часы работы: {{store.hours}}.\n\n' +
            'Возьмите с собой паспорт или назовите номер заказа на кассе.',
          NOTICE_SIGNATURE_RU,
        ),
        sms: 'Ампер: заказ {{order.number}} готов к выдаче. {{store.name}}, {{store.address}}, {{store.hours}}.',
        telegram: '{{customer.firstName}}, здравствуйте! Заказ № {{order.number}} готов к выдаче в магазине {{store.name}}, {{store.address}} ({{store.hours}}).',
      },
      en: {
        emailSubject: 'Order {{order.number}} is ready for pickup',
        email: letterEn(
          'Your order {{order.number}} ({{order.total}}) is waiting for you at {{store.name}}: {{store.address}}.\n' +
            'Opening hours: {{store.hours}}.\n\n' +
            'Bring an ID or give the order number at the till.',
          NOTICE_SIGNATURE_EN,
        ),
        sms: 'Amper: order {{order.number}} is ready for pickup at {{store.name}}, {{store.address}}, {{store.hours}}.',
        telegram: 'Hello {{customer.firstName}}! Order {{order.number}} is ready for pickup at {{store.name}}, {{store.address}} ({{store.hours}}).',
      },
    }),
  },
  {
    key: 'order_delivery_date',
    name: 'Дата доставки заказа',
    folder: 'Заказы',
    tags: ['заказ', 'доставка'],
    variants: variants({
      ru: {
        email: letterRu('Заказ № {{order.number}} передан в службу доставки. Курьер привезёт его {{order.deliveryDate}} и позвонит за час до приезда.'),
        emailSubject: 'Доставка заказа № {{order.number}}',
        telegram: 'Заказ № {{order.number}} передан в службу доставки. Курьер привезёт его {{order.deliveryDate}} и позвонит за час до приезда.',
        webchat: 'Заказ № {{order.number}} передан в службу доставки. Курьер привезёт его {{order.deliveryDate}} и позвонит за час до приезда.',
      },
      en: {
        email: letterEn('Order {{order.number}} is with our courier service. It will arrive on {{order.deliveryDate}}; the courier will call an hour before.'),
        emailSubject: 'Delivery of order {{order.number}}',
        telegram: 'Order {{order.number}} is with our courier service. It will arrive on {{order.deliveryDate}}; the courier will call an hour before.',
        webchat: 'Order {{order.number}} is with our courier service. It will arrive on {{order.deliveryDate}}; the courier will call an hour before.',
      },
    }),
  },
  {
    key: 'points_expiring',
    name: 'Баллы скоро сгорят',
    folder: 'Бонусы/Уведомления',
    tags: ['бонусы', 'автоматически'],
    variants: variants({
      ru: {
        emailSubject: '{{loyalty.expiringSoon}} баллов сгорят {{loyalty.expiryDate}}',
        email: letterRu(
          'На Вашей карте {{loyalty.balance}} баллов, из них {{loyalty.expiringSoon}} сгорят {{loyalty.expiryDate}}.\n' +
            'Баллами можно оплатить до 30% покупки в любом магазине «Ампер» и на сайте: 1 балл = 1 ₽.',
          NOTICE_SIGNATURE_RU,
        ),
        sms: 'Ампер: {{loyalty.expiringSoon}} баллов сгорят {{loyalty.expiryDate}}. Всего на карте {{loyalty.balance}}.',
        telegram: '{{customer.firstName}}, {{loyalty.expiringSoon}} баллов на Вашей карте сгорят {{loyalty.expiryDate}}. Всего на карте {{loyalty.balance}} баллов — успейте потратить.',
      },
      en: {
        emailSubject: '{{loyalty.expiringSoon}} points expire on {{loyalty.expiryDate}}',
        email: letterEn(
          'You have {{loyalty.balance}} points, and {{loyalty.expiringSoon}} of them expire on {{loyalty.expiryDate}}.\n' +
            'Points pay for up to 30% of a purchase in any Amper store and online: 1 point = 1 ₽.',
          NOTICE_SIGNATURE_EN,
        ),
        sms: 'Amper: {{loyalty.expiringSoon}} points expire on {{loyalty.expiryDate}}. Balance: {{loyalty.balance}}.',
        telegram: '{{customer.firstName}}, {{loyalty.expiringSoon}} of your points expire on {{loyalty.expiryDate}}. Your balance is {{loyalty.balance}} points.',
      },
    }),
  },
  {
    key: 'points_balance',
    name: 'Баланс баллов',
    folder: 'Бонусы',
    tags: ['бонусы'],
    variants: variants({
      ru: {
        telegram: 'На Вашей карте {{loyalty.balance}} баллов, уровень — {{loyalty.tier}}. Баллами можно оплатить до 30% покупки.',
        webchat: 'На Вашей карте {{loyalty.balance}} баллов, уровень — {{loyalty.tier}}. Баллами можно оплатить до 30% покупки.',
      },
      en: {
        telegram: 'You have {{loyalty.balance}} points; your tier is {{loyalty.tier}}. Points pay for up to 30% of a purchase.',
        webchat: 'You have {{loyalty.balance}} points; your tier is {{loyalty.tier}}. Points pay for up to 30% of a purchase.',
      },
    }),
  },
  {
    key: 'greeting',
    name: 'Приветствие',
    folder: 'Общее',
    tags: ['приветствие'],
    variants: variants({
      ru: {
        telegram: '{{customer.firstName}}, здравствуйте! Меня зовут {{agent.firstName}}, я помогу Вам.',
        webchat: '{{customer.firstName}}, здравствуйте! Меня зовут {{agent.firstName}}, я помогу Вам.',
      },
      en: {
        telegram: 'Hello {{customer.firstName}}! My name is {{agent.firstName}}, and I will be glad to help.',
        webchat: 'Hello {{customer.firstName}}! My name is {{agent.firstName}}, and I will be glad to help.',
      },
    }),
  },
  {
    key: 'apology_delay',
    name: 'Извинение за задержку',
    folder: 'Общее/Извинения',
    tags: ['извинение', 'доставка'],
    variants: variants({
      ru: {
        emailSubject: 'Заказ № {{order.number}}: приносим извинения',
        email: letterRu(
          'Приносим извинения за задержку заказа № {{order.number}}. Новая дата доставки — {{order.deliveryDate}}.\n' +
            'В качестве компенсации мы начислим Вам 300 бонусных баллов.',
        ),
        telegram: 'Приносим извинения за задержку. Заказ № {{order.number}} привезём {{order.deliveryDate}}, а в качестве компенсации начислим Вам 300 бонусных баллов.',
        webchat: 'Приносим извинения за задержку. Заказ № {{order.number}} привезём {{order.deliveryDate}}, а в качестве компенсации начислим Вам 300 бонусных баллов.',
      },
      en: {
        emailSubject: 'Order {{order.number}}: our apologies',
        email: letterEn(
          'We apologise for the delay with order {{order.number}}. The new delivery date is {{order.deliveryDate}}.\n' +
            'To make up for it, we will add 300 bonus points to your card.',
        ),
        telegram: 'We apologise for the delay. Order {{order.number}} will arrive on {{order.deliveryDate}}, and we will add 300 bonus points to your card.',
        webchat: 'We apologise for the delay. Order {{order.number}} will arrive on {{order.deliveryDate}}, and we will add 300 bonus points to your card.',
      },
    }),
  },
  {
    key: 'return_policy',
    name: 'Как вернуть товар',
    folder: 'Возвраты',
    tags: ['возврат'],
    variants: variants({
      ru: {
        emailSubject: 'Возврат товара',
        email: letterRu(
          'Вернуть товар надлежащего качества можно в течение 14 дней в любом магазине «Ампер» с чеком или номером заказа.\n' +
            'Деньги вернём на карту, с которой была оплата, в течение 10 дней.',
        ),
        telegram: 'Вернуть товар надлежащего качества можно в течение 14 дней в любом магазине «Ампер» с чеком или номером заказа. Деньги вернём на карту в течение 10 дней.',
        webchat: 'Вернуть товар надлежащего качества можно в течение 14 дней в любом магазине «Ампер» с чеком или номером заказа. Деньги вернём на карту в течение 10 дней.',
      },
      en: {
        emailSubject: 'Returning an item',
        email: letterEn(
          'You can return an item in its original condition within 14 days at any Amper store with the receipt or the order number.\n' +
            'We refund the card you paid with within 10 days.',
        ),
        telegram: 'You can return an item in its original condition within 14 days at any Amper store with the receipt or the order number. We refund your card within 10 days.',
        webchat: 'You can return an item in its original condition within 14 days at any Amper store with the receipt or the order number. We refund your card within 10 days.',
      },
    }),
  },
  {
    key: 'closing',
    name: 'Завершение диалога',
    folder: 'Общее',
    tags: ['прощание'],
    variants: variants({
      ru: {
        telegram: 'Рады были помочь! Если появятся вопросы, напишите нам сюда. Хорошего дня!',
        webchat: 'Рады были помочь! Если появятся вопросы, напишите нам сюда. Хорошего дня!',
      },
      en: {
        telegram: 'Glad we could help! If anything else comes up, just write to us here. Have a good day.',
        webchat: 'Glad we could help! If anything else comes up, just write to us here. Have a good day.',
      },
    }),
  },
];

/** The starting library, checked by the same schema a supervisor's edits go through. */
export const DEFAULT_TEMPLATES: readonly TemplateDefinition[] = LIBRARY.map((template) => TemplateDefinition.parse(template));

// The inbound API has no reply channel of its own; a reply there reads like a web chat message.
const FALLBACK_CHANNEL: Partial<Record<Channel, Channel>> = { api: 'webchat' };

/** The variant of `template` for a channel and locale; null when the template has none. */
export function templateVariant(template: TemplateDefinition, channel: Channel, locale: Locale): TemplateVariant | null {
  const find = (c: Channel) => template.variants.find((v) => v.channel === c && v.locale === locale) ?? null;
  const fallback = FALLBACK_CHANNEL[channel];
  return find(channel) ?? (fallback ? find(fallback) : null);
}

export function defaultTemplate(key: string): TemplateDefinition | null {
  return DEFAULT_TEMPLATES.find((t) => t.key === key) ?? null;
}

/** The reservation notice (code, store, address, hours, hold-until) for a channel; fill it with renderTemplate. */
export function reservationNoticeTemplate(locale: Locale, channel: Channel): { subject: string | null; body: string } {
  const template = defaultTemplate('reservation_notice');
  const variant = template && templateVariant(template, channel, locale);
  if (!variant) throw new Error(`No reservation notice for ${channel} in ${locale}`);
  return { subject: variant.subject, body: variant.body };
}
