// Telling the customer about a new reservation: code, store, address, the hours of the day the hold ends
// and the hold-until time on the store's clock, in the channel they may be written to — the conversation
// the agent reserved from when that channel is allowed, else their preferred contact that is neither
// opted out nor blocked — and only with their consent to service messages (152-FZ: consent per purpose).
// The message goes through the durable outbox like any reply, authored by the agent.
//
// Where the outcome lives without a column of its own: a sent notice is the message whose clientId is
// `reservation-notice:<id>` (unique, so a retry cannot send twice); a skipped one writes its reason code
// into the note of the reservation's 'requested' step, a note no person writes (the create input has none).
import type { ReservationView } from '../../../../../common/api/reservations.ts';
import type { OpeningHours as Hours } from '../../../../../common/api/stores.ts';
import { OpeningHours } from '../../../../../common/api/stores.ts';
import { Channel, IdentityKind, type Locale } from '../../../../../common/domain/enums.ts';
import { hoursOnHoldDay } from '../../../../../common/domain/reservations.ts';
import { reservationNoticeTemplate } from '../../../../../common/domain/templates/library.ts';
import { renderTemplate } from '../../../../../common/domain/templates/render.ts';
import { IDENTITY_FOR_CHANNEL, queueOutbound } from '../../../channels/outbox.ts';
import { ServiceError } from '../../../errors.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { approvedVariant } from '../../voice/templates/library.ts';
import { publish } from '../../desk/composer.ts';
import type { ConversationNotifier } from '../../desk/summaries.ts';
import { messageEventById } from '../../desk/timeline/messages.ts';
import type { ReservationDeps } from './steps.ts';

export const noticeClientId = (reservationId: string) => `reservation-notice:${reservationId}`;

/** Why a customer was not told; the desk translates the code. */
export type NoticeSkip = 'no_service_consent' | 'no_allowed_channel' | 'notice_failed';

export interface NoticeDeps extends ReservationDeps {
  notifier: ConversationNotifier;
}

/** Customers have no language of their own yet: the retailer writes to them in Russian. */
const CUSTOMER_LOCALE: Locale = 'ru';

const CHANNEL_FOR_IDENTITY = new Map(
  (Object.entries(IDENTITY_FOR_CHANNEL) as Array<[Channel, IdentityKind | null]>).flatMap(([channel, kind]) => (kind ? [[kind, channel] as const] : [])),
);

const CLOSED_THAT_DAY: Record<Locale, string> = { ru: 'в этот день магазин не работает', en: 'closed that day' };

function holdUntilText(at: Date, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { timeZone, day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

function parseHours(text: string): Hours {
  try {
    const parsed = OpeningHours.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export interface ReservationFacts {
  code: string;
  holdUntil: Date;
  quantity: number;
  product: { name: string };
  store: { name: string; address: string; timeZone: string; openingHours: string };
}

/** A reservation's template values (code, hold-until on the store's clock, store, its hours that day); the template preview fills them the same way. */
export function reservationValues(reservation: ReservationFacts, locale: Locale) {
  const day = hoursOnHoldDay(parseHours(reservation.store.openingHours), reservation.store.timeZone, reservation.holdUntil);
  return {
    'reservation.code': reservation.code,
    'reservation.holdUntil': holdUntilText(reservation.holdUntil, reservation.store.timeZone, locale),
    'product.name': reservation.quantity > 1 ? `${reservation.product.name} × ${reservation.quantity}` : reservation.product.name,
    'store.name': reservation.store.name,
    'store.address': reservation.store.address,
    'store.hours': day ? `${day.open}–${day.close}` : CLOSED_THAT_DAY[locale],
  };
}

/** Tells the customer, or records why not; returns which. Never throws for the customer's settings: the reservation stands either way. */
export async function notifyCustomer(deps: NoticeDeps, viewer: Viewer, reservationId: string): Promise<NonNullable<ReservationView['notice']>> {
  const reservation = await deps.db.reservation.findUniqueOrThrow({
    where: { id: reservationId },
    include: {
      customer: { select: { firstName: true, consentService: true, identities: { orderBy: [{ preferred: 'desc' }, { updatedAt: 'desc' }] } } },
      product: { select: { name: true } },
      store: { select: { name: true, address: true, timeZone: true, openingHours: true } },
    },
  });
  const skip = async (reason: NoticeSkip) => {
    await deps.db.reservationEvent.updateMany({ where: { reservationId, status: 'requested' }, data: { note: reason } });
    return { channel: null, messageId: null, skippedReason: reason };
  };

  if (!reservation.customer.consentService) return skip('no_service_consent');
  const usable = reservation.customer.identities.filter((i) => !i.optedOut && !i.blocked);
  const conversation = reservation.conversationId
    ? await deps.db.conversation.findUnique({ where: { id: reservation.conversationId }, select: { id: true, channel: true } })
    : null;
  const channelUsable = (channel: Channel) => usable.some((i) => i.kind === IDENTITY_FOR_CHANNEL[channel]);
  const fromConversation = conversation && channelUsable(Channel.parse(conversation.channel)) ? Channel.parse(conversation.channel) : null;
  const preferred = usable.map((i) => CHANNEL_FOR_IDENTITY.get(IdentityKind.parse(i.kind))).find((c) => c !== undefined) ?? null;
  const channel = fromConversation ?? preferred;
  if (!channel) return skip('no_allowed_channel');

  // The library's approved wording when a supervisor has approved one; the built-in text otherwise.
  const values = { 'customer.firstName': reservation.customer.firstName, ...reservationValues(reservation, CUSTOMER_LOCALE) };
  const template =
    (await approvedVariant(deps, { key: 'reservation_notice', channel, locale: CUSTOMER_LOCALE, values })) ?? reservationNoticeTemplate(CUSTOMER_LOCALE, channel);
  const body = renderTemplate(template.body, values, { channel });
  const subject = template.subject ? renderTemplate(template.subject, values, { channel }).text : undefined;

  try {
    const conversationId = conversation?.id ?? (await conversationFor(deps, reservation.customerId, channel));
    const queued = await queueOutbound(
      deps.db,
      { conversationId, channel, body: body.text, ...(subject ? { subject } : {}), authorId: viewer.userId, clientId: noticeClientId(reservationId) },
      deps.clock,
    );
    const event = await messageEventById(deps.db, queued.messageId);
    if (event && !queued.duplicate) await publish(deps, 'timeline.added', conversationId, event);
    return { channel, messageId: queued.messageId, skippedReason: null };
  } catch (error) {
    deps.log.warn({ err: error, reservationId, channel }, 'reservation notice not queued');
    return skip(error instanceof ServiceError && error.code === 'BAD_REQUEST' ? 'no_allowed_channel' : 'notice_failed');
  }
}

/** The customer's latest conversation on the channel, or a new one (resolved: nothing waits for an answer yet). */
async function conversationFor(deps: NoticeDeps, customerId: string, channel: Channel): Promise<string> {
  const latest = await deps.db.conversation.findFirst({ where: { customerId, channel }, orderBy: [{ lastActivityAt: 'desc' }, { id: 'desc' }], select: { id: true } });
  if (latest) return latest.id;
  const now = deps.clock.now();
  const created = await deps.db.conversation.create({ data: { customerId, channel, status: 'resolved', lastActivityAt: now, createdAt: now }, select: { id: true } });
  return created.id;
}
