// The values a template is filled with for one customer, all read from the database: their name, their
// loyalty account (the same ledger replay the profile shows), their open reservation with its store, their
// latest order, and the first name of the agent who writes. What the customer does not have stays out of
// the map, so the template shows it as a missing {{placeholder}} instead of an invented value.
import type { Locale } from '../../../../../common/domain/enums.ts';
import { LoyaltyEntryKind, LoyaltyTier } from '../../../../../common/domain/enums.ts';
import { pointsExpiringWithin } from '../../../../../common/domain/loyalty.ts';
import { can } from '../../../../../common/domain/policy.ts';
import { ACTIVE_RESERVATION_STATUSES } from '../../../../../common/domain/reservations.ts';
import type { TemplateVariableName } from '../../../../../common/domain/templates/variables.ts';
import { fullName } from '../../../../../common/domain/text.ts';
import type { Db } from '../../../db/client.ts';
import { notFound } from '../../../errors.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { reservationValues } from '../../commerce/reservations/notice.ts';
import { EXPIRING_WINDOW_DAYS } from '../../customers/customerDetail.ts';

export type CustomerValues = Partial<Record<TemplateVariableName, string>>;

const TIER_WORDS: Record<LoyaltyTier, Record<Locale, string>> = {
  base: { ru: 'базовый', en: 'base' },
  silver: { ru: 'серебряный', en: 'silver' },
  gold: { ru: 'золотой', en: 'gold' },
  platinum: { ru: 'платиновый', en: 'platinum' },
};

const intlLocale = (locale: Locale) => (locale === 'ru' ? 'ru-RU' : 'en-GB');
// Russian groups digits with a no-break space, which is not in the GSM-7 alphabet: one in an English SMS
// would double its cost. A plain space reads the same.
const plainSpaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const points = (n: number, locale: Locale) => plainSpaces(new Intl.NumberFormat(intlLocale(locale)).format(n));
const roubles = (kopecks: number, locale: Locale) => `${points(Math.round(kopecks / 100), locale)} ₽`;
const dayMonth = (at: Date, timeZone: string, locale: Locale) => new Intl.DateTimeFormat(intlLocale(locale), { timeZone, day: 'numeric', month: 'long' }).format(at);

export interface ValuesFor {
  customerId: string;
  /** The conversation the text goes to: a reservation made from it comes before the customer's others. */
  conversationId?: string | undefined;
  locale: Locale;
  now: Date;
}

export async function customerValues(db: Db, viewer: Viewer, { customerId, conversationId, locale, now }: ValuesFor): Promise<CustomerValues> {
  // Loyalty and orders are the customer's history: a role that may not read it gets them as missing.
  const history = can(viewer.role, 'customers.history.read');
  const customer = await db.customer.findFirst({
    where: { id: customerId, mergedIntoId: null },
    select: {
      firstName: true,
      lastName: true,
      middleName: true,
      timeZone: true,
      loyalty: { select: { tier: true, balance: true, entries: { select: { createdAt: true, kind: true, points: true, expiresAt: true } } } },
      orders: { orderBy: { placedAt: 'desc' }, take: 1, select: { number: true, totalKopecks: true } },
    },
  });
  if (!customer) throw notFound('Customer');
  const agent = await db.user.findUnique({ where: { id: viewer.userId }, select: { displayName: true } });

  const values: CustomerValues = {
    'customer.firstName': customer.firstName,
    'customer.lastName': customer.lastName ?? undefined,
    'customer.fullName': fullName(customer),
    'agent.firstName': agent?.displayName.trim().split(/\s+/)[0],
  };

  const loyalty = history ? customer.loyalty : null;
  if (loyalty) {
    const expiring = pointsExpiringWithin(
      loyalty.entries.map((e) => ({ at: e.createdAt, kind: LoyaltyEntryKind.parse(e.kind), points: e.points, expiresAt: e.expiresAt })),
      now,
      EXPIRING_WINDOW_DAYS,
    );
    values['loyalty.balance'] = points(loyalty.balance, locale);
    values['loyalty.tier'] = TIER_WORDS[LoyaltyTier.catch('base').parse(loyalty.tier)][locale];
    // No points expiring soon is not "0 points expire": a notice about it has nothing to say.
    if (expiring.points > 0 && expiring.nextExpiryAt) {
      values['loyalty.expiringSoon'] = points(expiring.points, locale);
      values['loyalty.expiryDate'] = dayMonth(expiring.nextExpiryAt, customer.timeZone, locale);
    }
  }

  const order = history ? customer.orders[0] : undefined;
  if (order) {
    values['order.number'] = order.number;
    values['order.total'] = roubles(order.totalKopecks, locale);
  }

  const reservation = await activeReservation(db, customerId, conversationId);
  if (reservation) {
    Object.assign(values, reservationValues(reservation, locale));
    values['product.price'] = roubles(reservation.product.priceKopecks, locale);
  }
  return values;
}

/** The open reservation made from this conversation, else the customer's latest open one. */
async function activeReservation(db: Db, customerId: string, conversationId: string | undefined) {
  const select = {
    code: true,
    holdUntil: true,
    quantity: true,
    product: { select: { name: true, priceKopecks: true } },
    store: { select: { name: true, address: true, timeZone: true, openingHours: true } },
  } as const;
  const open = { customerId, status: { in: [...ACTIVE_RESERVATION_STATUSES] } };
  const fromConversation = conversationId ? await db.reservation.findFirst({ where: { ...open, conversationId }, orderBy: { createdAt: 'desc' }, select }) : null;
  return fromConversation ?? db.reservation.findFirst({ where: open, orderBy: { createdAt: 'desc' }, select });
}
