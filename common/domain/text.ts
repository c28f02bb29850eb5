/** Folds text for search: lower case, ё→е, collapsed spaces. Indexes and queries both go through it. */
export function foldForSearch(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

export interface PersonName {
  firstName: string;
  lastName: string;
  middleName?: string | null;
}

/** What customer name search matches against: "last first middle", folded. */
export function customerSearchName(name: PersonName): string {
  return foldForSearch([name.lastName, name.firstName, name.middleName ?? ''].join(' '));
}

/** "Иванова Анна Сергеевна" — the Russian order, used wherever a full name is shown. */
export function fullName(name: PersonName): string {
  return [name.lastName, name.firstName, name.middleName].filter(Boolean).join(' ');
}
