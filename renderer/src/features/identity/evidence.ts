// Evidence from the hub as a sentence in the desk's language: «Тот же адрес до @: ivan.petrov».
import type { TFunction } from 'i18next';
import type { Evidence, MergeCandidate } from '../../../../common/api/identity.ts';
import type { namespaces } from '../../app/i18n.ts';

type T = TFunction<typeof namespaces>;

/** The fewest digits by which a phone of one profile differs from a phone of the other (full numbers only). */
export function phoneDigitsApart(customers: readonly MergeCandidate[]): number | null {
  const phones = (c: MergeCandidate | undefined) =>
    (c?.identities ?? []).filter((i) => i.kind === 'phone' && !/[*•]/.test(i.value)).map((i) => i.value.replace(/\D/g, ''));
  let best: number | null = null;
  for (const x of phones(customers[0]))
    for (const y of phones(customers[1])) {
      if (x.length !== y.length || x === y) continue;
      const apart = [...x].filter((digit, i) => digit !== y[i]).length;
      if (best === null || apart < best) best = apart;
    }
  return best;
}

export function evidenceText(t: T, evidence: Evidence, customers: readonly MergeCandidate[] = []): string {
  const detail = evidence.detail.trim();
  switch (evidence.kind) {
    case 'same_full_name':
      return t('identity:Evidence.same_full_name');
    case 'email_local_part': {
      // the hub sends "ivan.petrov@mail.ru ~ ivan.petrov@mail.ry"
      const local = detail.includes('@') ? detail.slice(0, detail.indexOf('@')).trim() : detail;
      return local ? t('identity:Evidence.email_local_part', { detail: local }) : t('identity:Evidence.email_local_part_plain');
    }
    case 'phone_near': {
      const apart = phoneDigitsApart(customers);
      return apart === 1
        ? t('identity:Evidence.phone_near_digit1')
        : apart === 2
          ? t('identity:Evidence.phone_near_digit2')
          : t('identity:Evidence.phone_near');
    }
    case 'same_birthday':
      return t('identity:Evidence.same_birthday');
    case 'same_city':
      return detail ? t('identity:Evidence.same_city', { detail }) : t('identity:Evidence.same_city_plain');
    case 'telegram_contact':
      return t('identity:Evidence.telegram_contact');
    case 'webchat_prechat':
      return t('identity:Evidence.webchat_prechat');
  }
}
