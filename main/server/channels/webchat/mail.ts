// The e-mail a visitor who left the chat gets instead of the live reply, in the language of their form.
// Plain text, no thread headers: the visitor never wrote to us by mail, so there is nothing to answer.
import type { Locale } from '../../../../common/domain/enums.ts';

const words: Record<Locale, { subject: (chat: string) => string; footer: string }> = {
  ru: {
    subject: (chat) => `Ответ на ваше сообщение в чате «${chat}»`,
    footer: 'Вы писали нам в чат на сайте, когда операторов не было на месте. Ответ сохранён и в чате: откройте его, чтобы продолжить разговор.',
  },
  en: {
    subject: (chat) => `Reply to your message in “${chat}”`,
    footer: 'You wrote to us in the chat on our site while no agent was online. The reply is in the chat too: open it to carry on.',
  },
};

export function replyByEmail(locale: Locale, chatTitle: string, text: string): { subject: string; body: string } {
  const w = words[locale];
  return { subject: w.subject(chatTitle), body: `${text}\n\n—\n${w.footer}` };
}
