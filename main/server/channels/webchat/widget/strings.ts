// The widget's own words (the chat's title, greeting and offline text come from the account's settings).
import type { Locale } from '../../../../../common/domain/enums.ts';

const ru = {
  open: 'Открыть чат с магазином',
  close: 'Закрыть чат',
  name: 'Имя',
  email: 'Электронная почта',
  phone: 'Телефон',
  contactHint: 'Укажите почту или телефон — чтобы мы могли ответить.',
  emailOffline: 'Укажите почту: ответим на неё, когда оператор вернётся.',
  emailRequiredOffline: 'Операторов сейчас нет: укажите почту, чтобы получить ответ.',
  offlineNoEmail: 'Сейчас операторов нет на месте. Оставьте сообщение — ответ появится в этом чате.',
  consent:
    'Я даю согласие на обработку моих персональных данных (имя, почта, телефон, переписка) для ответа на моё обращение в соответствии с 152-ФЗ «О персональных данных».',
  marketing: 'Хочу получать новости и предложения магазина',
  start: 'Начать чат',
  message: 'Сообщение',
  send: 'Отправить',
  log: 'Переписка',
  agentTyping: 'Оператор печатает…',
  notSent: 'Не отправлено. Повторить',
  older: 'Показать более ранние сообщения',
  error: 'Не удалось подключиться к чату. Попробуйте позже.',
  rateLimited: 'Слишком много сообщений. Подождите минуту.',
  you: 'Вы',
  agent: 'Оператор',
  invalid: {
    name: 'Укажите имя (до 80 символов).',
    email: 'Укажите корректную почту или телефон.',
    phone: 'Укажите корректный номер телефона.',
    consentService: 'Без согласия мы не сможем ответить.',
  } as Record<string, string>,
};
type Strings = typeof ru;

const en: Strings = {
  open: 'Open chat with the store',
  close: 'Close chat',
  name: 'Name',
  email: 'E-mail',
  phone: 'Phone',
  contactHint: 'Give an e-mail or a phone so that we can answer.',
  emailOffline: 'Give an e-mail: we will answer there when an agent is back.',
  emailRequiredOffline: 'No agent is online: give an e-mail to get the answer.',
  offlineNoEmail: 'No agent is online right now. Leave a message and the answer will appear in this chat.',
  consent:
    'I consent to the processing of my personal data (name, e-mail, phone, messages) to answer my request, as required by Russian Federal Law 152-FZ "On Personal Data".',
  marketing: 'Send me the store’s news and offers',
  start: 'Start chat',
  message: 'Message',
  send: 'Send',
  log: 'Conversation',
  agentTyping: 'The agent is typing…',
  notSent: 'Not sent. Retry',
  older: 'Show earlier messages',
  error: 'Could not connect to the chat. Try again later.',
  rateLimited: 'Too many messages. Wait a minute.',
  you: 'You',
  agent: 'Agent',
  invalid: {
    name: 'Give a name (up to 80 characters).',
    email: 'Give a valid e-mail or phone.',
    phone: 'Give a valid phone number.',
    consentService: 'We cannot answer without your consent.',
  },
};

export const strings: Record<Locale, Strings> = { ru, en };

export function pickLocale(requested: string | undefined): Locale {
  const wanted = (requested ?? navigator.language ?? '').toLowerCase();
  return wanted.startsWith('en') ? 'en' : 'ru';
}
