// Translation for timeline rows. react-i18next's useTranslation copies the whole i18n instance for every
// component that mounts, which costs more than the rest of a row, and rows mount by the thousand while
// the agent scrolls: this takes the instance from the provider and only listens for a language change.
import type { i18n as I18n } from 'i18next';
import { useContext, useSyncExternalStore } from 'react';
import { I18nContext } from 'react-i18next';
import { currentLocale, namespaces } from '../../app/i18n.ts';

function bind(i18n: I18n) {
  return {
    subscribe: (onChange: () => void) => {
      i18n.on('languageChanged', onChange);
      return () => i18n.off('languageChanged', onChange);
    },
    // Without a language of its own, a fixed t follows the instance's current one.
    t: i18n.getFixedT(null, namespaces),
  };
}

/** One subscription function and one `t` per i18n instance, so rows neither resubscribe nor rebuild them. */
const bound = new WeakMap<I18n, ReturnType<typeof bind>>();

/** `t` for every namespace-qualified key, as useT gives, and the desk's locale. */
export function useRowT() {
  const { i18n } = useContext(I18nContext);
  let instance = bound.get(i18n);
  if (!instance) bound.set(i18n, (instance = bind(i18n)));
  useSyncExternalStore(instance.subscribe, () => i18n.language);
  return { t: instance.t, locale: currentLocale(i18n) };
}
