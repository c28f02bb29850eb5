// Normalising and masking contact data. libphonenumber-js does the phone rules; default region RU.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { z } from 'zod';
import type { IdentityKind } from './enums.ts';

// Parsing a number costs ~0.1 ms and the same senders write again and again (every inbound SMS is
// normalised on ingest): remember recent answers, dropping the oldest beyond the bound.
const PHONE_MEMO_SIZE = 50_000;
const phoneMemo = new Map<string, string | null>();

/** Any common way of writing a phone (8 (912) 345-67-89, +7 912 345 67 89, 79123456789) → E.164, or null. */
export function normalizePhone(raw: string): string | null {
  const key = raw.trim();
  const known = phoneMemo.get(key);
  if (known !== undefined) return known;
  const parsed = parsePhoneNumberFromString(key, 'RU');
  const normalized = parsed?.isValid() ? parsed.number : null;
  if (phoneMemo.size >= PHONE_MEMO_SIZE) phoneMemo.delete(phoneMemo.keys().next().value!);
  phoneMemo.set(key, normalized);
  return normalized;
}

/** "+7 912 345-67-89" for display. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

const emailSchema = z.email();

export function normalizeEmail(raw: string): string | null {
  const value = raw.trim().toLowerCase();
  return emailSchema.safeParse(value).success ? value : null;
}

export function normalizeLoyaltyCard(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '');
  return /^\d{8,19}$/.test(digits) ? digits : null;
}

/** The normalised form an identity is unique by, or null when the raw value is not valid for its kind. */
export function normalizeIdentity(kind: IdentityKind, raw: string): string | null {
  switch (kind) {
    case 'phone':
      return normalizePhone(raw);
    case 'email':
      return normalizeEmail(raw);
    case 'loyalty_card':
      return normalizeLoyaltyCard(raw);
    case 'telegram':
    case 'webchat': {
      const value = raw.trim();
      return value.length > 0 && value.length <= 128 ? value.toLowerCase() : null;
    }
  }
}

/** "+7 *** ***-12-34": enough for a store to recognise a caller, not enough to contact them. */
export function maskPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  const country = parsed ? `+${parsed.countryCallingCode}` : '+';
  const digits = e164.replace(/\D/g, '');
  return `${country} *** ***-${digits.slice(-4, -2)}-${digits.slice(-2)}`;
}

/** "a***@mail.ru" */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

export function maskLoyaltyCard(card: string): string {
  return `**** ${card.slice(-4)}`;
}

export function maskIdentity(kind: IdentityKind, normalized: string): string {
  switch (kind) {
    case 'phone':
      return maskPhone(normalized);
    case 'email':
      return maskEmail(normalized);
    case 'loyalty_card':
      return maskLoyaltyCard(normalized);
    case 'telegram':
    case 'webchat':
      return `${normalized.slice(0, 2)}***`;
  }
}
