// Russian names and the contact details people actually have: mobile numbers written every which way,
// e-mail addresses on the big Russian mail services, Telegram ids, loyalty cards.
import { ru } from '@faker-js/faker';
import { permutation, type Random, type Weighted } from './random.ts';

export type Sex = 'male' | 'female';

// Common first names, most frequent first (the weights follow that order).
const MALE_NAMES = [
  'Александр', 'Сергей', 'Дмитрий', 'Андрей', 'Алексей', 'Максим', 'Евгений', 'Иван', 'Михаил', 'Артём',
  'Николай', 'Владимир', 'Денис', 'Павел', 'Роман', 'Игорь', 'Олег', 'Кирилл', 'Никита', 'Илья',
  'Антон', 'Виктор', 'Юрий', 'Вячеслав', 'Константин', 'Егор', 'Тимур', 'Руслан', 'Станислав', 'Василий',
  'Даниил', 'Георгий', 'Григорий', 'Фёдор', 'Марат', 'Айдар', 'Ринат', 'Вадим', 'Глеб', 'Матвей',
] as const;
const FEMALE_NAMES = [
  'Елена', 'Ольга', 'Наталья', 'Анна', 'Мария', 'Татьяна', 'Ирина', 'Екатерина', 'Светлана', 'Юлия',
  'Анастасия', 'Марина', 'Ксения', 'Дарья', 'Алина', 'Виктория', 'Полина', 'Евгения', 'Людмила', 'Галина',
  'Надежда', 'Валентина', 'Софья', 'Вероника', 'Кристина', 'Алёна', 'Ульяна', 'Диана', 'Лилия', 'Гульнара',
  'Оксана', 'Любовь', 'Яна', 'Валерия', 'Елизавета', 'Арина', 'Карина', 'Эльвира', 'Жанна', 'Василиса',
] as const;
// Patronymics of the fathers' generation: [male, female].
const PATRONYMICS = [
  ['Александрович', 'Александровна'], ['Сергеевич', 'Сергеевна'], ['Владимирович', 'Владимировна'],
  ['Андреевич', 'Андреевна'], ['Алексеевич', 'Алексеевна'], ['Николаевич', 'Николаевна'],
  ['Дмитриевич', 'Дмитриевна'], ['Викторович', 'Викторовна'], ['Михайлович', 'Михайловна'],
  ['Евгеньевич', 'Евгеньевна'], ['Игоревич', 'Игоревна'], ['Олегович', 'Олеговна'], ['Юрьевич', 'Юрьевна'],
  ['Иванович', 'Ивановна'], ['Павлович', 'Павловна'], ['Анатольевич', 'Анатольевна'],
  ['Валерьевич', 'Валерьевна'], ['Геннадьевич', 'Геннадьевна'], ['Петрович', 'Петровна'],
  ['Васильевич', 'Васильевна'], ['Борисович', 'Борисовна'], ['Романович', 'Романовна'],
  ['Константинович', 'Константиновна'], ['Вячеславович', 'Вячеславовна'], ['Степанович', 'Степановна'],
  ['Ринатович', 'Ринатовна'], ['Маратович', 'Маратовна'],
] as const;

/** Popularity falls off with rank, like real name statistics. */
const byRank = <T>(items: readonly T[]): Weighted<T> => items.map((item, rank) => [item, 1 / (rank + 4)] as const);
const MALE_WEIGHTED = byRank(MALE_NAMES);
const FEMALE_WEIGHTED = byRank(FEMALE_NAMES);
const PATRONYMIC_WEIGHTED = byRank(PATRONYMICS);

// Surnames from faker's Russian locale: its male and female lists hold the same families, by index.
const SURNAMES = ru.person?.last_name;
const MALE_SURNAMES = SURNAMES?.male ?? [];
const FEMALE_SURNAMES = SURNAMES?.female ?? [];
if (MALE_SURNAMES.length === 0 || MALE_SURNAMES.length !== FEMALE_SURNAMES.length) {
  throw new Error('The Russian surname lists of @faker-js/faker are missing or no longer paired');
}

export interface Person {
  sex: Sex;
  firstName: string;
  lastName: string;
  middleName: string | null;
}

export function randomPerson(random: Random): Person {
  const sex: Sex = random.chance(0.52) ? 'female' : 'male';
  const family = random.int(0, MALE_SURNAMES.length - 1);
  const patronymic = random.weighted(PATRONYMIC_WEIGHTED);
  return {
    sex,
    firstName: random.weighted(sex === 'male' ? MALE_WEIGHTED : FEMALE_WEIGHTED),
    lastName: (sex === 'male' ? MALE_SURNAMES : FEMALE_SURNAMES)[family] as string,
    // Web-chat and messenger contacts often never give a patronymic.
    middleName: random.chance(0.88) ? patronymic[sex === 'male' ? 0 : 1] : null,
  };
}

const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

function transliterate(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) out += TRANSLIT[ch] ?? (/[a-z0-9]/.test(ch) ? ch : '');
  return out;
}

const MAIL_DOMAINS: Weighted<string> = [
  ['mail.ru', 30],
  ['yandex.ru', 25],
  ['gmail.com', 20],
  ['bk.ru', 6],
  ['list.ru', 5],
  ['inbox.ru', 4],
  ['ya.ru', 5],
  ['rambler.ru', 5],
];

/** An address the way people make them up; `taken` keeps them unique (suffix digits on collision). */
export function randomEmail(random: Random, name: Person, birthYear: number, taken: Set<string>): string {
  const first = transliterate(name.firstName);
  const last = transliterate(name.lastName);
  const local = random.weighted<() => string>([
    [() => `${first}.${last}`, 5],
    [() => `${last}.${first}`, 2],
    [() => `${first[0]}${last}`, 3],
    [() => `${last}${birthYear}`, 3],
    [() => `${first}${last}${random.int(1, 99)}`, 3],
    [() => `${first}_${last}`, 2],
    [() => `${last}.${first[0]}${birthYear % 100}`, 2],
  ])();
  const domain = random.weighted(MAIL_DOMAINS);
  let email = `${local}@${domain}`;
  for (let n = 2; taken.has(email); n++) email = `${local}${n}@${domain}`;
  taken.add(email);
  return email;
}

const DOMAIN_TYPOS: Record<string, string> = {
  'mail.ru': 'mail.ry',
  'yandex.ru': 'yandex.ry',
  'gmail.com': 'gmial.com',
  'bk.ru': 'bk.ry',
  'list.ru': 'lits.ru',
  'inbox.ru': 'inbox.ry',
  'ya.ru': 'ya.ry',
  'rambler.ru': 'ramber.ru',
};

/** The same address mistyped the way people do (mail.ry, gmial.com), or null if that one is taken. */
export function misspelledEmail(email: string, taken: Set<string>): string | null {
  const [local, domain = ''] = email.split('@');
  const typo = `${local}@${DOMAIN_TYPOS[domain] ?? `${domain}.ru`}`;
  if (taken.has(typo)) return null;
  taken.add(typo);
  return typo;
}

// Russian mobile operator codes (DEF codes) in use.
const MOBILE_CODES = [
  900, 901, 902, 903, 904, 905, 906, 908, 909, 910, 911, 912, 913, 914, 915, 916, 917, 918, 919, 920, 921, 922,
  923, 924, 925, 926, 927, 928, 929, 930, 931, 932, 933, 934, 936, 937, 938, 939, 950, 951, 952, 953, 958, 960,
  961, 962, 963, 964, 965, 966, 967, 968, 969, 977, 978, 980, 981, 982, 983, 984, 985, 986, 987, 988, 989, 991,
  992, 993, 994, 995, 996, 997, 999,
];

/** Hands out distinct mobile numbers, Telegram user ids and loyalty card numbers for a seed. */
export class ContactNumbers {
  private readonly phoneSlot: (index: number) => number;
  private readonly telegramSlot: (index: number) => number;
  private readonly cardSlot: (index: number) => number;

  constructor(seed: number) {
    this.phoneSlot = permutation(MOBILE_CODES.length * 10_000_000, seed);
    this.telegramSlot = permutation(900_000_000, seed + 1);
    this.cardSlot = permutation(100_000_000, seed + 2);
  }

  /** "+79123456789" for the index-th phone handed out. */
  phone(index: number): string {
    const slot = this.phoneSlot(index);
    const code = MOBILE_CODES[Math.floor(slot / 10_000_000)] as number;
    return `+7${code}${String(slot % 10_000_000).padStart(7, '0')}`;
  }

  telegramUserId(index: number): string {
    return String(100_000_000 + this.telegramSlot(index));
  }

  /** 16 digits: programme prefix, issue code, serial, Luhn check digit. */
  loyaltyCard(index: number, issue: number): string {
    const body = `2775${String(issue % 1000).padStart(3, '0')}${String(this.cardSlot(index)).padStart(8, '0')}`;
    return body + luhnCheckDigit(body);
  }
}

function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** The ways one number gets written down by people and forms: all normalise to the same E.164. */
export function writePhone(random: Random, e164: string): string {
  const d = e164.slice(2);
  const [a, b, c, e] = [d.slice(0, 3), d.slice(3, 6), d.slice(6, 8), d.slice(8, 10)];
  return random.weighted<string>([
    [`+7 ${a} ${b}-${c}-${e}`, 4],
    [`8 (${a}) ${b}-${c}-${e}`, 3],
    [`8${d}`, 2],
    [e164, 3],
    [`+7 (${a}) ${b} ${c} ${e}`, 1],
  ]);
}

export function writeCard(random: Random, card: string): string {
  return random.chance(0.5) ? card : card.replace(/(\d{4})(?=\d)/g, '$1 ');
}
