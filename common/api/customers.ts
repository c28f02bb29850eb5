import { z } from 'zod';
import { IdentityKind, LoyaltyTier, OrderKind, SalesChannel } from '../domain/enums.ts';
import { isTimeZone } from '../domain/time.ts';
import { PageQuery, pageOf } from './paging.ts';

export const CustomerListQuery = PageQuery.extend({
  /** Name (Cyrillic or Latin, any part), phone in any format, email, or loyalty card number. */
  q: z.string().trim().max(100).default(''),
});
export type CustomerListQuery = z.input<typeof CustomerListQuery>;

export const CustomerListItem = z.object({
  id: z.string(),
  fullName: z.string(),
  city: z.string().nullable(),
  /** Always masked in lists: unmasked contact data is read only on the customer page, and audited. */
  phoneMasked: z.string().nullable(),
  emailMasked: z.string().nullable(),
  loyaltyTier: LoyaltyTier.nullable(),
  loyaltyBalance: z.number().int().nullable(),
  updatedAt: z.iso.datetime(),
});
export type CustomerListItem = z.infer<typeof CustomerListItem>;

export const CustomerListPage = pageOf(CustomerListItem);
export type CustomerListPage = z.infer<typeof CustomerListPage>;

export const IdentityView = z.object({
  id: z.string(),
  kind: IdentityKind,
  /** Unmasked only for roles with customers.contacts.read_full. */
  value: z.string(),
  masked: z.boolean(),
  verified: z.boolean(),
  optedOut: z.boolean(),
  blocked: z.boolean(),
  preferred: z.boolean(),
});
export type IdentityView = z.infer<typeof IdentityView>;

export const OrderSummary = z.object({
  id: z.string(),
  number: z.string(),
  kind: OrderKind,
  channel: SalesChannel,
  storeName: z.string().nullable(),
  totalKopecks: z.number().int(),
  itemCount: z.number().int(),
  placedAt: z.iso.datetime(),
});
export type OrderSummary = z.infer<typeof OrderSummary>;

export const LoyaltySummary = z.object({
  cardNumber: z.string(),
  tier: LoyaltyTier,
  balance: z.number().int(),
  /** Points that expire within the next 30 days, and the earliest such date. */
  expiringSoon: z.number().int(),
  nextExpiryAt: z.iso.datetime().nullable(),
});
export type LoyaltySummary = z.infer<typeof LoyaltySummary>;

export const CustomerDetail = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  middleName: z.string().nullable(),
  fullName: z.string(),
  birthday: z.iso.date().nullable(),
  city: z.string().nullable(),
  timeZone: z.string(),
  consentService: z.boolean(),
  consentMarketing: z.boolean(),
  consentUpdatedAt: z.iso.datetime().nullable(),
  identities: z.array(IdentityView),
  /** Null for roles that may not see the loyalty history. */
  loyalty: LoyaltySummary.nullable(),
  /** The last orders the role may see (store staff: only their store's). */
  recentOrders: z.array(OrderSummary),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type CustomerDetail = z.infer<typeof CustomerDetail>;

export const CustomerGetInput = z.object({ id: z.string().min(1).max(64) });
export type CustomerGetInput = z.infer<typeof CustomerGetInput>;

const nameField = z.string().trim().min(1, 'required').max(80);

export const IdentityEdit = z.object({
  /** Absent for a new identity. */
  id: z.string().max(64).optional(),
  kind: z.enum(['email', 'phone']),
  value: z.string().trim().min(1, 'required').max(200),
  optedOut: z.boolean().default(false),
  blocked: z.boolean().default(false),
  preferred: z.boolean().default(false),
});
export type IdentityEdit = z.input<typeof IdentityEdit>;

export const CustomerUpdateInput = z.object({
  id: z.string().min(1).max(64),
  /** updatedAt the editor saw: a concurrent edit is refused with CONFLICT instead of silently overwritten. */
  expectedUpdatedAt: z.iso.datetime(),
  firstName: nameField,
  lastName: nameField,
  middleName: z.string().trim().max(80).nullable(),
  birthday: z.iso.date().nullable(),
  city: z.string().trim().max(80).nullable(),
  timeZone: z.string().refine(isTimeZone, 'unknown time zone'),
  consentService: z.boolean(),
  consentMarketing: z.boolean(),
  /** The full list of editable identities (email and phone); others (cards, messengers) are kept as they are. */
  identities: z.array(IdentityEdit).max(20),
});
export type CustomerUpdateInput = z.input<typeof CustomerUpdateInput>;
