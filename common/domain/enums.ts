// The lists of values the data model stores as strings (prisma/schema.prisma): one place for each.
import { z } from 'zod';

export const Role = z.enum(['agent', 'store_staff', 'supervisor', 'marketer', 'admin']);
export type Role = z.infer<typeof Role>;

export const IdentityKind = z.enum(['email', 'phone', 'telegram', 'webchat', 'loyalty_card']);
export type IdentityKind = z.infer<typeof IdentityKind>;

export const Channel = z.enum(['email', 'sms', 'telegram', 'webchat', 'api']);
export type Channel = z.infer<typeof Channel>;

export const ConversationStatus = z.enum(['open', 'pending', 'snoozed', 'resolved']);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

export const MessageDirection = z.enum(['inbound', 'outbound']);
export type MessageDirection = z.infer<typeof MessageDirection>;

export const MessageStatus = z.enum(['received', 'queued', 'sent', 'delivered', 'read', 'failed']);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const LoyaltyEntryKind = z.enum(['accrual', 'redemption', 'expiry', 'adjustment']);
export type LoyaltyEntryKind = z.infer<typeof LoyaltyEntryKind>;

export const LoyaltyTier = z.enum(['base', 'silver', 'gold', 'platinum']);
export type LoyaltyTier = z.infer<typeof LoyaltyTier>;

export const OrderKind = z.enum(['online', 'in_store', 'phone']);
export type OrderKind = z.infer<typeof OrderKind>;

export const SalesChannel = z.enum(['web', 'app', 'store', 'phone']);
export type SalesChannel = z.infer<typeof SalesChannel>;

export const Locale = z.enum(['ru', 'en']);
export type Locale = z.infer<typeof Locale>;

/** requested → confirmed (by the store) → ready (for pickup) → picked_up; cancelled or expired end it early. */
export const ReservationStatus = z.enum(['requested', 'confirmed', 'ready', 'picked_up', 'cancelled', 'expired']);
export type ReservationStatus = z.infer<typeof ReservationStatus>;

/** Why a store's on-hand count changed outside sales and reservations. */
export const StockMovementSource = z.enum(['correction', 'import', 'api']);
export type StockMovementSource = z.infer<typeof StockMovementSource>;
