// Reservations: units of one product held in one store for a caller, from the conversation to the till.
import { z } from 'zod';
import { Channel, ReservationStatus } from '../domain/enums.ts';

const Id = z.string().min(1).max(100);

export const ReservationCreateInput = z.object({
  customerId: Id,
  productId: Id,
  storeId: Id,
  quantity: z.number().int().min(1).max(100),
  /** Absent: the store's closing time tomorrow, in the store's time zone. */
  holdUntil: z.iso.datetime({ offset: true }).nullish(),
  /** The conversation the agent reserves from: the notice goes there. */
  conversationId: Id.nullish(),
  /** Tell the customer (code, store address, hours, hold-until) in their preferred allowed channel. */
  notify: z.boolean().default(true),
  /** A desk-generated id: a retry after a reconnect does not reserve twice. */
  clientId: z.string().uuid(),
});
export type ReservationCreateInput = z.input<typeof ReservationCreateInput>;

export const ReservationView = z.object({
  id: z.string(),
  code: z.string(),
  status: ReservationStatus,
  customerId: z.string(),
  /** Full name for roles that see customers; store staff see it too (they hand the item over). */
  customerName: z.string(),
  /** Masked for roles without customers.contacts.read_full: +7 *** ***-12-34. */
  customerPhone: z.string().nullable(),
  productId: z.string(),
  productName: z.string(),
  sku: z.string(),
  priceKopecks: z.number().int(),
  storeId: z.string(),
  storeName: z.string(),
  storeAddress: z.string(),
  quantity: z.number().int(),
  holdUntil: z.iso.datetime(),
  conversationId: z.string().nullable(),
  orderId: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** How the customer was told, or why not (no allowed channel). */
  notice: z.object({ channel: Channel.nullable(), messageId: z.string().nullable(), skippedReason: z.string().nullable() }).nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ReservationView = z.infer<typeof ReservationView>;

/** Moves a reservation on; each step is allowed only from the statuses before it. */
export const ReservationTransitionInput = z.object({
  id: Id,
  to: z.enum(['confirmed', 'ready', 'picked_up', 'cancelled']),
  /** Required when cancelling. */
  reason: z.string().trim().max(300).nullish(),
  /** The status the person saw: a double confirm or a race gets CONFLICT and changes nothing. */
  expectedStatus: ReservationStatus,
});
export type ReservationTransitionInput = z.input<typeof ReservationTransitionInput>;

export const ReservationListInput = z.object({
  /** Store staff may only ask for their own store; absent means their own store. */
  storeId: Id.nullish(),
  /** The queue: what still needs the store (requested, confirmed, ready) or everything. */
  scope: z.enum(['active', 'all']).default('active'),
  limit: z.number().int().min(1).max(200).default(100),
  cursor: z.string().max(200).nullish(),
});
export type ReservationListInput = z.input<typeof ReservationListInput>;

export const ReservationPage = z.object({ items: z.array(ReservationView), nextCursor: z.string().nullable() });
export type ReservationPage = z.infer<typeof ReservationPage>;

/** Find a caller's reservation in a store by its code or the last four digits of their phone. */
export const ReservationFindInput = z.object({
  storeId: Id.nullish(),
  query: z.string().trim().min(4).max(20),
});
export type ReservationFindInput = z.input<typeof ReservationFindInput>;

export const CustomerReservationsInput = z.object({ customerId: Id });
