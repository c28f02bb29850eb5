// One customer profile with the identities a contact center knows them by: phones, e-mails, a Telegram
// account, a web-chat visitor id, a loyalty card. Some profiles are likely duplicates of the previous
// one (same name, another phone; or the same e-mail mistyped) for the merge-review feature.
import type { IdentityKind } from '../../../common/domain/enums.ts';
import { normalizeIdentity } from '../../../common/domain/contacts.ts';
import { customerSearchName } from '../../../common/domain/text.ts';
import type { GenerationContext } from './context.ts';
import { CITIES, type City } from './geography.ts';
import { misspelledEmail, randomEmail, randomPerson, writeCard, writePhone, type Person } from './people.ts';
import { hash32 } from './random.ts';
import type { StoreRef } from './reference.ts';
import { DAY, HISTORY_DAYS, MINUTE } from './time.ts';

export interface CustomerProfile {
  id: string;
  name: Person;
  city: City | null;
  createdAt: Date;
  consentMarketing: boolean;
  /** The store a customer would walk into: one in their city, else one of the capitals'. */
  homeStore: StoreRef;
  phone: string | null;
  email: string | null;
  telegram: string | null;
  webchat: string | null;
  loyaltyCard: string | null;
  /** Channels the retailer must not write to (blocked identities). */
  blockedPhone: boolean;
  blockedEmail: boolean;
}

export type DuplicateKind = 'other_phone' | 'email_typo';

export interface CustomerSpec {
  /** The profile this one likely duplicates. */
  duplicateOf?: { profile: CustomerProfile; kind: DuplicateKind };
  /** Give the customer every channel and a long history (the timeline benchmark's heavy customer). */
  everyChannel?: boolean;
}

/**
 * A visitor id as the chat widget's token carries it (32 hex digits, what the web chat channel accepts as a
 * recipient); the counter at the end keeps it unique.
 */
const hex8 = (value: number) => (value >>> 0).toString(16).padStart(8, '0');
const webchatVisitorId = (n: number) => `${hex8(hash32(n, 0x77c))}${hex8(hash32(n, 0x77d))}${hex8(hash32(n, 0x77e))}${hex8(n)}`;

const CITY_WEIGHTS = CITIES.map((city) => [city, city.weight] as const);

export function generateCustomer(ctx: GenerationContext, spec: CustomerSpec = {}): CustomerProfile {
  const { random, ids, batch, reference, numbers } = ctx;
  const now = ctx.now.getTime();
  const original = spec.duplicateOf?.profile;
  const id = ids.next('customer');

  const name = original ? original.name : randomPerson(random);
  const city = original ? original.city : random.chance(0.95) ? random.weighted(CITY_WEIGHTS) : null;
  const createdAt = new Date(
    spec.everyChannel
      ? now - HISTORY_DAYS * DAY
      : original
        ? original.createdAt.getTime() + random.next() * (now - original.createdAt.getTime())
        : now - random.next() * HISTORY_DAYS * DAY,
  );
  const birthYear = random.int(1962, 2006);
  const birthday = random.chance(0.45) ? new Date(Date.UTC(birthYear, random.int(0, 11), random.int(1, 28))) : null;
  const consentMarketing = random.chance(0.55);
  const consentUpdatedAt = consentMarketing || random.chance(0.2) ? new Date(createdAt.getTime() + random.next() * (now - createdAt.getTime())) : null;
  const homeStores = (city && reference.storesByCity.get(city.name)) || reference.storesByCity.get(random.chance(0.6) ? 'Москва' : 'Санкт-Петербург') || reference.stores;

  batch.add('Customer', {
    id,
    firstName: name.firstName,
    lastName: name.lastName,
    middleName: name.middleName,
    searchName: customerSearchName(name),
    birthday,
    city: city?.name ?? null,
    timeZone: city?.timeZone ?? 'Europe/Moscow',
    consentService: random.chance(0.97),
    consentMarketing,
    consentUpdatedAt,
    createdAt,
    updatedAt: consentUpdatedAt ?? createdAt,
    mergedIntoId: null,
  });

  let phone: string | null = null;
  let email: string | null = null;
  if (spec.duplicateOf?.kind === 'email_typo' && original?.email) {
    email = misspelledEmail(original.email, ctx.takenEmails);
  } else if (spec.duplicateOf) {
    phone = numbers.phone(ctx.sequence.phone++);
  } else {
    if (spec.everyChannel || random.chance(0.88)) phone = numbers.phone(ctx.sequence.phone++);
    if (spec.everyChannel || random.chance(0.62)) email = randomEmail(random, name, birthYear, ctx.takenEmails);
  }
  // Nobody is on file without a way to reach them.
  if (!phone && !email) phone = numbers.phone(ctx.sequence.phone++);

  const telegram = phone && (spec.everyChannel || (!original && random.chance(0.25))) ? numbers.telegramUserId(ctx.sequence.telegram++) : null;
  const webchat = spec.everyChannel || (!original && random.chance(0.15)) ? webchatVisitorId(ctx.sequence.webchat++) : null;
  const loyaltyCard = phone && !original && (spec.everyChannel || random.chance(0.6)) ? numbers.loyaltyCard(ctx.sequence.card++, random.int(1, 999)) : null;

  const preferredKind: IdentityKind | null = telegram && random.chance(0.5) ? 'telegram' : phone && random.chance(0.6) ? 'phone' : email ? 'email' : phone ? 'phone' : null;
  const addIdentity = (kind: IdentityKind, rawValue: string, flags: { verified: boolean; optedOut?: boolean; blocked?: boolean }, at: Date) => {
    const normalized = normalizeIdentity(kind, rawValue);
    if (!normalized) throw new Error(`Generated an invalid ${kind}: ${rawValue}`);
    batch.add('ContactIdentity', {
      id: ids.next('identity'),
      customerId: id,
      kind,
      rawValue,
      normalized,
      verified: flags.verified,
      optedOut: flags.optedOut ?? false,
      blocked: flags.blocked ?? false,
      preferred: kind === preferredKind,
      createdAt: at,
      updatedAt: at,
    });
  };
  const later = () => new Date(createdAt.getTime() + random.next() * (now - createdAt.getTime()));

  const blockedPhone = phone !== null && !spec.everyChannel && random.chance(0.02);
  const blockedEmail = email !== null && !spec.everyChannel && random.chance(0.01);
  if (phone) addIdentity('phone', writePhone(random, phone), { verified: random.chance(0.75), optedOut: random.chance(0.05), blocked: blockedPhone }, createdAt);
  if (email) {
    // People type their address with capitals; the normalised form is what makes it unique.
    const raw = random.chance(0.1) ? email.replace(/^./, (ch) => ch.toUpperCase()) : email;
    addIdentity('email', raw, { verified: random.chance(0.5), optedOut: random.chance(0.06), blocked: blockedEmail }, new Date(createdAt.getTime() + MINUTE));
  }
  if (telegram) addIdentity('telegram', telegram, { verified: true }, later());
  if (webchat) addIdentity('webchat', webchat, { verified: false }, later());
  if (loyaltyCard) addIdentity('loyalty_card', writeCard(random, loyaltyCard), { verified: true }, createdAt);

  return {
    id,
    name,
    city,
    createdAt,
    consentMarketing,
    homeStore: random.pick(homeStores),
    phone,
    email,
    telegram,
    webchat,
    loyaltyCard,
    blockedPhone,
    blockedEmail,
  };
}
