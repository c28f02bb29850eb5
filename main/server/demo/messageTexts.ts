// What customers and agents write to each other: scripts per topic (orders, stock, reservations,
// loyalty points, returns, and the retailer's own notifications), framed per channel — an e-mail has a
// greeting and a signature, an SMS does not. Agents keep the brand voice: formal «Вы», a greeting,
// an apology where due, a sign-off.
import type { Channel } from '../../../common/domain/enums.ts';
import type { Sex } from './people.ts';

export type Topic =
  | 'order_status'
  | 'stock'
  | 'reservation'
  | 'loyalty'
  | 'return'
  | 'pickup_ready'
  | 'points_expiring'
  | 'promo';

export interface TextContext {
  customerFirstName: string;
  customerSex: Sex;
  /** First name and sex of the agent writing; null for the retailer's automatic notifications. */
  agent: { firstName: string; sex: Sex } | null;
  orderNumber: string;
  /** Product name starting lower-case, to sit inside a sentence («видеокарта MSI …»)… */
  product: string;
  /** …and in the accusative («забронировать видеокарту MSI …»). */
  productAccusative: string;
  priceRubles: number;
  /** «на Тверской», «в ТРЦ «Авиапарк»». */
  storePlace: string;
  storeAddress: string;
  storeHours: string;
  otherStorePlace: string;
  units: number;
  points: number;
  expiringPoints: number;
  expiryDate: string;
  /** A day a few days after the conversation started, «14 марта». */
  date: string;
  code: string;
}

type Line = (c: TextContext) => string;

interface TopicScript {
  tag: string;
  /** Notifications and campaigns start with the retailer; everything else with the customer. */
  startedBy: 'customer' | 'retailer';
  subject: Line;
  opening: readonly Line[];
  /** The agent's first answer to the opening with the same index; empty when the retailer starts. */
  reply: readonly Line[];
  /** A customer's question and the agent's answer to it share an index. */
  customerFollowUp: readonly Line[];
  agentFollowUp: readonly Line[];
}

const bySex = (sex: Sex, male: string, female: string) => (sex === 'male' ? male : female);
const agentSays = (c: TextContext, male: string, female: string) => bySex(c.agent?.sex ?? 'female', male, female);
const customerSays = (c: TextContext, male: string, female: string) => bySex(c.customerSex, male, female);
const rubles = (value: number) => `${value.toLocaleString('ru-RU').replace(/\u00a0/g, ' ')} ₽`;

const SCRIPTS: Record<Topic, TopicScript> = {
  order_status: {
    tag: 'доставка',
    startedBy: 'customer',
    subject: (c) => `Вопрос по доставке заказа № ${c.orderNumber}`,
    opening: [
      (c) => `Подскажите, где мой заказ № ${c.orderNumber}? Обещали доставить ${c.date}, а статус не меняется.`,
      (c) => `Заказ ${c.orderNumber} уже третий день «в сборке». Когда его ждать?`,
      (c) => `Когда привезут заказ № ${c.orderNumber}? Курьер так и не позвонил.`,
      (c) => `Хочу уточнить статус заказа ${c.orderNumber}: там ${c.product}.`,
      (c) => `Можно перенести доставку заказа № ${c.orderNumber} на другой день? Буду в отъезде.`,
    ],
    // Replies answer the opening with the same index.
    reply: [
      (c) => `Заказ № ${c.orderNumber} передан в службу доставки. Курьер привезёт его ${c.date} с 10:00 до 14:00 и позвонит за час до приезда.`,
      (c) => `${agentSays(c, 'Проверил', 'Проверила')} заказ № ${c.orderNumber}: он уже на складе в Вашем городе, доставка назначена на ${c.date}. Трек-номер пришлём в SMS.`,
      (c) => `Приносим извинения за задержку. Заказ № ${c.orderNumber} задержался на сортировке, новая дата доставки — ${c.date}. В качестве компенсации начислим Вам 300 бонусных баллов.`,
      (c) => `Заказ № ${c.orderNumber} собран и передан курьеру, доставка — ${c.date}. Накануне курьер позвонит и уточнит время.`,
      (c) => `Конечно, ${agentSays(c, 'перенёс', 'перенесла')} доставку заказа № ${c.orderNumber} на ${c.date}. Курьер позвонит накануне.`,
    ],
    customerFollowUp: [
      () => 'А можно доставить после 18:00? Днём я на работе.',
      () => 'Курьер примет оплату картой?',
      () => 'Если меня не будет дома, можно оставить заказ у консьержа?',
      (c) => `${customerSays(c, 'Прошёл', 'Прошла')} уже день, а курьера всё нет.`,
    ],
    agentFollowUp: [
      (c) => `Да, ${agentSays(c, 'передал', 'передала')} курьеру пожелание: доставка ${c.date} с 18:00 до 22:00.`,
      () => 'Да, у курьера будет терминал: оплатить можно картой или через СБП.',
      () => 'Да, курьер может передать заказ тому, кого Вы укажете. Напишите, пожалуйста, имя получателя.',
      (c) => `Очень сожалеем. ${agentSays(c, 'Связался', 'Связалась')} со службой доставки: курьер приедет сегодня до 21:00.`,
    ],
  },
  stock: {
    tag: 'наличие',
    startedBy: 'customer',
    subject: () => 'Наличие товара',
    opening: [
      (c) => `Есть ли в наличии ${c.product} в магазине ${c.storePlace}?`,
      (c) => `Подскажите, когда появится ${c.product}? На сайте написано «нет в наличии».`,
      (c) => `Интересует ${c.product}. Можно посмотреть вживую в магазине ${c.storePlace}?`,
      (c) => `Сколько стоит ${c.product} в магазине? На сайте ${rubles(c.priceRubles)}.`,
    ],
    reply: [
      (c) => `В магазине ${c.storePlace} сейчас ${c.units} шт. Можем отложить для Вас до ${c.date} — хотите?`,
      (c) => `Сейчас товара нет в наличии. Ожидаем поставку ${c.date} — можем сообщить, как только он появится.`,
      (c) => `В магазине ${c.storePlace} товара сейчас нет, но ${c.units} шт. есть в магазине ${c.otherStorePlace}. Можем привезти в удобный Вам магазин за 2–3 дня.`,
      (c) => `Цена в магазине такая же, как на сайте: ${rubles(c.priceRubles)}. В магазине ${c.storePlace} есть ${c.units} шт.`,
    ],
    customerFollowUp: [
      () => 'Да, отложите, пожалуйста. Заберу завтра после работы.',
      () => 'А баллами можно оплатить часть?',
      () => 'Сообщите, пожалуйста, когда появится.',
      () => 'А есть такой же, но в другом цвете?',
    ],
    agentFollowUp: [
      (c) => `Готово: ${c.product} ждёт Вас в магазине ${c.storePlace} до ${c.date}, код брони ${c.code}.`,
      () => 'Да, баллами можно оплатить до 30% стоимости покупки: 1 балл = 1 рубль.',
      () => 'Хорошо, напишем Вам сюда, как только товар поступит.',
      (c) => `${agentSays(c, 'Посмотрел', 'Посмотрела')}: других цветов сейчас нет в магазинах, но можем заказать с центрального склада — привезём к ${c.date}.`,
    ],
  },
  reservation: {
    tag: 'бронь',
    startedBy: 'customer',
    subject: (c) => `Бронь в магазине ${c.storePlace}`,
    opening: [
      (c) => `Можно забронировать ${c.productAccusative} в магазине ${c.storePlace}? Приеду в субботу.`,
      (c) => `Я ${customerSays(c, 'бронировал', 'бронировала')} ${c.productAccusative}, можно продлить бронь ещё на день?`,
      (c) => `Хочу отменить бронь в магазине ${c.storePlace}, планы поменялись.`,
      (c) => `Подскажите, моя бронь в магазине ${c.storePlace} ещё действует? Код ${c.code}.`,
    ],
    reply: [
      (c) => `Забронировали ${c.productAccusative} в магазине ${c.storePlace} (${c.storeAddress}) до ${c.date}, код брони ${c.code}. При получении назовите код или номер телефона.`,
      (c) => `Продлили бронь до ${c.date}. Ждём Вас в магазине ${c.storePlace}!`,
      () => 'Бронь отменили. Если передумаете — напишите, подберём удобный магазин.',
      (c) => `Да, бронь ${c.code} действует до ${c.date}, товар ждёт Вас в магазине ${c.storePlace}.`,
    ],
    customerFollowUp: [
      () => 'А до скольки работает магазин?',
      () => 'Можно будет проверить товар при получении?',
      () => 'Забрать сможет жена, этого достаточно?',
    ],
    agentFollowUp: [
      (c) => `Магазин ${c.storePlace} работает ${c.storeHours}.`,
      () => 'Конечно, сотрудник магазина включит и проверит товар при Вас.',
      (c) => `Да, достаточно назвать код брони ${c.code}.`,
    ],
  },
  loyalty: {
    tag: 'бонусы',
    startedBy: 'customer',
    subject: () => 'Бонусные баллы',
    opening: [
      () => 'Сколько у меня баллов на карте? И когда они сгорают?',
      (c) => `Не начислили баллы за заказ № ${c.orderNumber}, проверьте, пожалуйста.`,
      () => 'Можно ли оплатить баллами весь заказ?',
      () => 'Пришло SMS, что баллы скоро сгорят. Сколько именно?',
    ],
    reply: [
      (c) => `На Вашей карте ${c.points} баллов. ${c.expiringPoints} из них сгорят ${c.expiryDate} — успейте потратить!`,
      (c) => `Баллы за заказ № ${c.orderNumber} начисляются через 14 дней после покупки, когда истекает срок возврата. Они появятся ${c.date}.`,
      () => 'Баллами можно оплатить до 30% стоимости покупки, 1 балл = 1 рубль.',
      (c) => `${c.expiringPoints} баллов сгорят ${c.expiryDate}. Всего на карте ${c.points} баллов.`,
    ],
    customerFollowUp: [
      (c) => `А на ${c.productAccusative} баллы тоже можно потратить?`,
      () => 'Понятно. А как перейти на золотой уровень?',
      () => 'А продлить срок действия баллов нельзя?',
    ],
    agentFollowUp: [
      () => 'Да, на любые товары, кроме подарочных карт.',
      () => 'Золотой уровень присваивается при покупках от 150 000 ₽ за 12 месяцев, и баллов за каждую покупку начисляется больше.',
      () => 'К сожалению, продлить срок нельзя, но баллы можно потратить в любом магазине и на сайте.',
    ],
  },
  return: {
    tag: 'возврат',
    startedBy: 'customer',
    subject: (c) => `Возврат по заказу № ${c.orderNumber}`,
    opening: [
      (c) => `Хочу вернуть товар из заказа № ${c.orderNumber} — не подошла модель. Упаковка целая. Как оформить возврат?`,
      (c) => `${c.product.charAt(0).toUpperCase()}${c.product.slice(1)} из заказа № ${c.orderNumber} после обновления не включается. Это гарантийный случай?`,
      (c) => `Привезли не тот цвет! ${customerSays(c, 'Заказывал', 'Заказывала')} другой, заказ № ${c.orderNumber}.`,
      (c) => `Уже 10 дней жду деньги за возврат по заказу № ${c.orderNumber}. Когда вернёте?`,
    ],
    reply: [
      () => 'Очень жаль, что так вышло. Вернуть товар надлежащего качества можно в течение 14 дней в любом нашем магазине с чеком или номером заказа. Деньги вернём на карту в течение 10 дней.',
      (c) => `Примем товар на проверку качества в магазине ${c.storePlace}. Если дефект подтвердится, заменим или вернём деньги — как Вам удобнее.`,
      (c) => `Приносим извинения! Оформили замену по заказу № ${c.orderNumber}: курьер заберёт товар ${c.date} и сразу привезёт правильный.`,
      (c) => `${agentSays(c, 'Проверил', 'Проверила')}: деньги по заказу № ${c.orderNumber} отправлены ${c.date}. Срок зачисления зависит от банка, обычно 3–5 рабочих дней.`,
    ],
    customerFollowUp: [
      () => 'А деньги вернутся на ту же карту?',
      () => 'Сколько длится проверка?',
      (c) => `Это уже второй раз! Очень ${customerSays(c, 'недоволен', 'недовольна')} сервисом.`,
    ],
    agentFollowUp: [
      () => 'Да, на карту, с которой была оплата.',
      () => 'Проверка качества занимает до 20 дней, обычно 3–5. Мы напишем Вам, как только будет результат.',
      () => 'Понимаем Ваше недовольство и приносим извинения. Передали случай руководителю, он лично проконтролирует замену, а на Вашу карту начислено 1000 баллов.',
    ],
  },
  pickup_ready: {
    tag: 'самовывоз',
    startedBy: 'retailer',
    subject: (c) => `Заказ № ${c.orderNumber} готов к выдаче`,
    opening: [
      (c) => `Ампер: заказ № ${c.orderNumber} готов к выдаче в магазине ${c.storePlace}. Код получения ${c.code}. Заказ хранится до ${c.date}.`,
      (c) => `Ваш заказ № ${c.orderNumber} ждёт Вас в магазине по адресу: ${c.storeAddress}. Код получения ${c.code}, хранение до ${c.date}.`,
    ],
    reply: [],
    customerFollowUp: [
      () => 'А можно забрать в воскресенье?',
      () => 'Заберёт муж, ему нужен паспорт?',
      () => 'Можно продлить хранение на пару дней?',
    ],
    agentFollowUp: [
      (c) => `Да, магазин работает ${c.storeHours}.`,
      () => 'Достаточно назвать код получения — паспорт не нужен.',
      (c) => `Продлили хранение до ${c.date}.`,
    ],
  },
  points_expiring: {
    tag: 'бонусы',
    startedBy: 'retailer',
    subject: () => 'Ваши баллы скоро сгорят',
    opening: [
      (c) => `${c.customerFirstName}, ${c.expiringPoints} бонусных баллов сгорят ${c.expiryDate}. Потратьте их в «Ампер»: баллами можно оплатить до 30% покупки.`,
      (c) => `Напоминаем: ${c.expiringPoints} баллов на Вашей карте действуют до ${c.expiryDate}.`,
    ],
    reply: [],
    customerFollowUp: [
      () => 'А на что их можно потратить?',
      () => 'Спасибо за напоминание!',
    ],
    agentFollowUp: [
      () => 'Баллами можно оплатить любые товары в магазинах и на сайте, кроме подарочных карт.',
      () => 'Пожалуйста! Будем рады видеть Вас в наших магазинах.',
    ],
  },
  promo: {
    tag: 'акция',
    startedBy: 'retailer',
    subject: () => 'Скидка 10% для участников программы',
    opening: [
      (c) => `${c.customerFirstName}, только для участников программы: скидка 10% на видеокарты и ноутбуки по промокоду GPU10 до ${c.date}.`,
      (c) => `Неделя аксессуаров в «Ампер»: вторая позиция со скидкой 50%. Промокод AKS50 действует до ${c.date}.`,
    ],
    reply: [],
    customerFollowUp: [
      () => 'Промокод не срабатывает на сайте, пишет «недействителен».',
      () => 'Отпишите меня от рассылки, пожалуйста.',
    ],
    agentFollowUp: [
      (c) => `${agentSays(c, 'Проверил', 'Проверила')}: промокод действует только на товары из акции. Обновите, пожалуйста, корзину и попробуйте ещё раз.`,
      () => 'Готово, отключили рекламные рассылки. Сообщения о Ваших заказах будут приходить как раньше.',
    ],
  },
};

const CUSTOMER_THANKS: readonly Line[] = [
  () => 'Спасибо!',
  () => 'Отлично, спасибо за помощь.',
  (c) => `${customerSays(c, 'Понял', 'Поняла')}, спасибо.`,
  () => 'Спасибо, всё получилось.',
];
/** A second message before the other side answered. */
const CUSTOMER_NUDGES: readonly Line[] = [
  () => 'Есть новости?',
  () => 'Подскажите, пожалуйста, когда будет ответ?',
  () => 'Жду ответа, это срочно.',
  () => 'И ещё: можно оформить доставку на другой адрес?',
];
const AGENT_NUDGES: readonly Line[] = [
  (c) => `${c.customerFirstName}, удалось посмотреть наше сообщение?`,
  () => 'Дополню: если удобнее, можем перезвонить Вам.',
  () => 'Если вопрос ещё актуален, напишите, пожалуйста, — с радостью поможем.',
];
const AGENT_CLOSINGS: readonly Line[] = [
  (c) => `${agentSays(c, 'Рад был', 'Рада была')} помочь! Хорошего дня.`,
  () => 'Обращайтесь, если будут вопросы. Хорошего дня!',
  () => 'Спасибо, что выбираете «Ампер»!',
];

export const topicTag = (topic: Topic): string => SCRIPTS[topic].tag;
export const topicStartedBy = (topic: Topic): 'customer' | 'retailer' => SCRIPTS[topic].startedBy;
export const topicSubject = (topic: Topic, c: TextContext): string => SCRIPTS[topic].subject(c);

/** The role a message plays in its conversation; decides which lines fit. */
type ScriptTurn = 'opening' | 'reply' | 'customerFollowUp' | 'agentFollowUp';
type SharedTurn = 'customerNudge' | 'agentNudge' | 'customerThanks' | 'agentClosing';
export type Turn = ScriptTurn | SharedTurn;

/** Lines that fit any topic. */
const SHARED_LINES: Record<SharedTurn, readonly Line[]> = {
  customerNudge: CUSTOMER_NUDGES,
  agentNudge: AGENT_NUDGES,
  customerThanks: CUSTOMER_THANKS,
  agentClosing: AGENT_CLOSINGS,
};
const isShared = (turn: Turn): turn is SharedTurn => turn in SHARED_LINES;

/** Greeting and signature per channel: e-mail is a letter, chats are chats, SMS is as short as it gets. */
function frame(channel: Channel, direction: 'inbound' | 'outbound', first: boolean, core: string, c: TextContext): string {
  if (direction === 'inbound') {
    if (channel === 'email') return `Здравствуйте!\n\n${core}\n\n${c.customerFirstName}`;
    if (channel === 'api') return `Обращение с формы на сайте: ${core}`;
    return first ? `Здравствуйте! ${core}` : core;
  }
  if (!c.agent) return core;
  if (channel === 'email') {
    return `Здравствуйте, ${c.customerFirstName}!\n\n${core}\n\nС уважением,\n${c.agent.firstName}, служба заботы о клиентах «Ампер»`;
  }
  if (channel === 'sms') return core;
  return first ? `${c.customerFirstName}, здравствуйте! ${core}` : core;
}

export interface MessageSpec {
  topic: Topic;
  turn: Turn;
  channel: Channel;
  direction: 'inbound' | 'outbound';
  /** The first message from this side of the thread greets. */
  firstOfSide: boolean;
  /** Which line: an opening and its reply, or a question and its answer, are given the same choice. */
  choice: number;
}

export function messageText(spec: MessageSpec, c: TextContext): string {
  const lines = isShared(spec.turn) ? SHARED_LINES[spec.turn] : SCRIPTS[spec.topic][spec.turn];
  const line = lines[spec.choice % lines.length];
  if (!line) throw new Error(`No ${spec.turn} lines for ${spec.topic}`);
  return frame(spec.channel, spec.direction, spec.firstOfSide, line(c), c);
}

const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** «14 марта» in Moscow time — how dates read inside a message. */
export function spokenDate(date: Date): string {
  const moscow = new Date(date.getTime() + 3 * 3_600_000);
  return `${moscow.getUTCDate()} ${MONTHS[moscow.getUTCMonth()]}`;
}
