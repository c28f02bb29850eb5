// The one timeline event model: everything that happened with a customer, interleaved by time. Each
// event has a kind and a payload whose schema is chosen by that kind. A new kind (reservations, marketing
// cascades …) adds its payload schema here, one source on the hub and one item view in the desk; the
// timeline's paging, ordering and list code never change.
import { z } from 'zod';
import { Channel, LoyaltyEntryKind, MessageDirection, MessageStatus, OrderKind, ReservationStatus } from './enums.ts';

const Attachment = z.object({
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string(),
});

export const timelinePayloads = {
  message: z.object({
    messageId: z.string(),
    conversationId: z.string(),
    channel: Channel,
    direction: MessageDirection,
    body: z.string(),
    subject: z.string().nullable(),
    status: MessageStatus,
    failureReason: z.string().nullable(),
    /** The agent who wrote an outbound message; null for the customer's messages and automatic sends. */
    authorId: z.string().nullable(),
    authorName: z.string().nullable(),
    attachments: z.array(Attachment),
    /** Sanitised HTML of an e-mail, shown in a sandboxed frame; null for plain text. */
    html: z.string().nullable(),
    /** Remote images the sanitiser held back until the agent allows them. */
    remoteImages: z.number().int().nonnegative(),
    /** The reply reached the customer through another channel (a web-chat reply e-mailed to a visitor who left). */
    deliveredVia: Channel.nullable(),
    /** An auto-reply or bounce. */
    automatic: z.boolean(),
  }),
  note: z.object({
    noteId: z.string(),
    conversationId: z.string(),
    authorId: z.string(),
    authorName: z.string(),
    body: z.string(),
  }),
  order: z.object({
    orderId: z.string(),
    number: z.string(),
    kind: OrderKind,
    status: z.string(),
    totalKopecks: z.number().int(),
    itemCount: z.number().int(),
    storeId: z.string().nullable(),
    storeName: z.string().nullable(),
  }),
  loyalty: z.object({
    entryId: z.string(),
    entryKind: LoyaltyEntryKind,
    /** Signed: accruals positive, redemptions and expiries negative. */
    points: z.number().int(),
    reason: z.string().nullable(),
    orderId: z.string().nullable(),
  }),
  /** One step of a reservation: made, confirmed by the store, ready, picked up, cancelled or expired. */
  reservation: z.object({
    reservationId: z.string(),
    code: z.string(),
    status: ReservationStatus,
    productName: z.string(),
    storeName: z.string(),
    quantity: z.number().int(),
    holdUntil: z.string(),
    /** Who moved it on; null for the hub itself (expiry). */
    byName: z.string().nullable(),
    note: z.string().nullable(),
  }),
} as const;

export type TimelineKind = keyof typeof timelinePayloads;
export const TimelineKind = z.enum(Object.keys(timelinePayloads) as [TimelineKind, ...TimelineKind[]]);

const eventOf = <K extends TimelineKind>(kind: K) =>
  z.object({
    kind: z.literal(kind),
    /** Unique across kinds ("message:<id>"): the list's key and the tie-breaker of the order. */
    id: z.string(),
    /** ISO instant the event happened; the timeline's order. */
    at: z.string(),
    customerId: z.string(),
    payload: timelinePayloads[kind],
  });

export const TimelineEvent = z.discriminatedUnion('kind', [eventOf('message'), eventOf('note'), eventOf('order'), eventOf('loyalty'), eventOf('reservation')]);
export type TimelineEvent = z.infer<typeof TimelineEvent>;
export type TimelineEventOf<K extends TimelineKind> = Extract<TimelineEvent, { kind: K }>;

/** The timeline's order: oldest first, ties broken by id, the same on the hub and in the desk. */
export function compareTimeline(a: Pick<TimelineEvent, 'at' | 'id'>, b: Pick<TimelineEvent, 'at' | 'id'>): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A position in a timeline: the (at, id) of an event; pages start after or before it. */
export const TimelineCursor = z.object({ at: z.string().datetime({ offset: true }), id: z.string().min(1).max(200) });
export type TimelineCursor = z.infer<typeof TimelineCursor>;
