import { useEffect } from 'react';
import { useT } from './i18n.ts';

/** "Клиенты — Threadline": the window title says where the user is. */
export function usePageTitle(title: string | null | undefined): void {
  const { t } = useT();
  const product = t('common:Product.name');
  useEffect(() => {
    document.title = title ? `${title} — ${product}` : product;
  }, [title, product]);
}
