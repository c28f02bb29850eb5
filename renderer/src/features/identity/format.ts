// Percentages for scores and the match rate: «37,4 %» in Russian, "37.4%" in English.
import type { Locale } from '../../../../common/domain/enums.ts';

export function formatPercent(share: number, locale: Locale, fractionDigits = 0): string {
  return new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
    style: 'percent',
    minimumFractionDigits: 0,
    maximumFractionDigits: fractionDigits,
  }).format(Math.min(1, Math.max(0, share)));
}
