// i18next for the desk: Russian by default, English complete. Keys say where they live
// (`customers:List.emptyState`); every namespace is bundled, so there is no loading flash.
import i18next, { type i18n } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { Locale } from '../../../common/domain/enums.ts';
import enAuth from '../locales/en/auth.json';
import enCommon from '../locales/en/common.json';
import enConversation from '../locales/en/conversation.json';
import enCustomers from '../locales/en/customers.json';
import enDesk from '../locales/en/desk.json';
import enIdentity from '../locales/en/identity.json';
import enInbox from '../locales/en/inbox.json';
import enSettings from '../locales/en/settings.json';
import enShell from '../locales/en/shell.json';
import enStores from '../locales/en/stores.json';
import enUsers from '../locales/en/users.json';
import enLoyalty from '../locales/en/loyalty.json';
import enCatalog from '../locales/en/catalog.json';
import enReservations from '../locales/en/reservations.json';
import enVoice from '../locales/en/voice.json';
import enTemplates from '../locales/en/templates.json';
import enReview from '../locales/en/review.json';
import ruAuth from '../locales/ru/auth.json';
import ruCommon from '../locales/ru/common.json';
import ruConversation from '../locales/ru/conversation.json';
import ruCustomers from '../locales/ru/customers.json';
import ruDesk from '../locales/ru/desk.json';
import ruIdentity from '../locales/ru/identity.json';
import ruInbox from '../locales/ru/inbox.json';
import ruSettings from '../locales/ru/settings.json';
import ruShell from '../locales/ru/shell.json';
import ruStores from '../locales/ru/stores.json';
import ruUsers from '../locales/ru/users.json';
import ruLoyalty from '../locales/ru/loyalty.json';
import ruCatalog from '../locales/ru/catalog.json';
import ruReservations from '../locales/ru/reservations.json';
import ruVoice from '../locales/ru/voice.json';
import ruTemplates from '../locales/ru/templates.json';
import ruReview from '../locales/ru/review.json';

export const namespaces = ['common', 'auth', 'shell', 'customers', 'stores', 'users', 'settings', 'identity', 'conversation', 'desk', 'inbox', 'loyalty', 'catalog', 'reservations', 'voice', 'templates', 'review'] as const;
export type NamespaceName = (typeof namespaces)[number];

export const resources = {
  ru: { common: ruCommon, auth: ruAuth, shell: ruShell, customers: ruCustomers, stores: ruStores, users: ruUsers, settings: ruSettings, identity: ruIdentity, conversation: ruConversation, desk: ruDesk, inbox: ruInbox, loyalty: ruLoyalty, catalog: ruCatalog, reservations: ruReservations, voice: ruVoice, templates: ruTemplates, review: ruReview },
  en: { common: enCommon, auth: enAuth, shell: enShell, customers: enCustomers, stores: enStores, users: enUsers, settings: enSettings, identity: enIdentity, conversation: enConversation, desk: enDesk, inbox: enInbox, loyalty: enLoyalty, catalog: enCatalog, reservations: enReservations, voice: enVoice, templates: enTemplates, review: enReview },
} as const;

export const LOCALE_KEY = 'threadline.locale';
export const DEFAULT_LOCALE: Locale = 'ru';

export function storedLocale(): Locale {
  try {
    const parsed = Locale.safeParse(localStorage.getItem(LOCALE_KEY));
    return parsed.success ? parsed.data : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    // not remembered; the hub still keeps it per user
  }
}

/** A ready instance (synchronous init: resources are bundled). Tests make their own. */
export function createI18n(lng: Locale = DEFAULT_LOCALE): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: Locale.options,
    ns: [...namespaces],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  const syncDocument = (lang: string) => {
    if (typeof document !== 'undefined') document.documentElement.lang = lang;
  };
  syncDocument(lng);
  instance.on('languageChanged', syncDocument);
  return instance;
}

/** `t` that accepts every namespace-qualified key (`customers:List.title`), checked at compile time. */
export function useT() {
  return useTranslation(namespaces);
}

export function currentLocale(instance: i18n): Locale {
  const parsed = Locale.safeParse(instance.resolvedLanguage ?? instance.language);
  return parsed.success ? parsed.data : DEFAULT_LOCALE;
}
