// One customer as a role may see it. Unmasked contact data is returned only to roles allowed to read it,
// and every read of a customer is audited with whether contacts were shown in full.
import type { CustomerDetail, IdentityView, LoyaltySummary, OrderSummary } from '../../../../common/api/customers.ts';
import { maskIdentity } from '../../../../common/domain/contacts.ts';
import { IdentityKind, LoyaltyTier, OrderKind, SalesChannel } from '../../../../common/domain/enums.ts';
import { pointsExpiringWithin } from '../../../../common/domain/loyalty.ts';
import { can } from '../../../../common/domain/policy.ts';
import { fullName } from '../../../../common/domain/text.ts';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import { audit } from '../audit/audit.ts';
import type { Viewer } from '../auth/viewer.ts';

const RECENT_ORDERS = 5;
export const EXPIRING_WINDOW_DAYS = 30;
const dateOnly = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** `now` is the hub's clock: what expires "soon" is judged from it. */
export async function getCustomer(db: Db, viewer: Viewer, id: string, now = new Date()): Promise<CustomerDetail> {
  const fullContacts = can(viewer.role, 'customers.contacts.read_full');
  const history = can(viewer.role, 'customers.history.read');

  const customer = await db.customer.findFirst({
    where: { id, mergedIntoId: null },
    include: {
      identities: { orderBy: [{ kind: 'asc' }, { createdAt: 'asc' }] },
      // The whole ledger: only its replay knows which accrued points are still held and when they expire.
      loyalty: { include: { entries: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { createdAt: true, points: true, expiresAt: true } } } },
      orders: {
        // Store staff see what happened in their own store only.
        where: history ? {} : { storeId: viewer.storeId ?? '-' },
        orderBy: { placedAt: 'desc' },
        take: RECENT_ORDERS,
        include: { store: { select: { name: true } } },
      },
    },
  });
  if (!customer) throw notFound('Customer');

  await audit(db, viewer, {
    action: fullContacts ? 'customer.contacts.read' : 'customer.read_masked',
    subjectType: 'customer',
    subjectId: customer.id,
  });

  const identities: IdentityView[] = customer.identities.map((i) => {
    const kind = IdentityKind.parse(i.kind);
    return {
      id: i.id,
      kind,
      value: fullContacts ? i.normalized : maskIdentity(kind, i.normalized),
      masked: !fullContacts,
      verified: i.verified,
      optedOut: i.optedOut,
      blocked: i.blocked,
      preferred: i.preferred,
    };
  });

  let loyalty: LoyaltySummary | null = null;
  if (customer.loyalty && history) {
    const expiring = pointsExpiringWithin(
      customer.loyalty.entries.map((e) => ({ at: e.createdAt, points: e.points, expiresAt: e.expiresAt })),
      now,
      EXPIRING_WINDOW_DAYS,
    );
    loyalty = {
      cardNumber: fullContacts ? customer.loyalty.cardNumber : maskIdentity('loyalty_card', customer.loyalty.cardNumber),
      tier: LoyaltyTier.catch('base').parse(customer.loyalty.tier),
      balance: customer.loyalty.balance,
      expiringSoon: expiring.points,
      nextExpiryAt: expiring.nextExpiryAt?.toISOString() ?? null,
    };
  }

  const recentOrders: OrderSummary[] = customer.orders.map((o) => ({
    id: o.id,
    number: o.number,
    kind: OrderKind.parse(o.kind),
    channel: SalesChannel.parse(o.channel),
    storeName: o.store?.name ?? null,
    totalKopecks: o.totalKopecks,
    itemCount: o.itemCount,
    placedAt: o.placedAt.toISOString(),
  }));

  return {
    id: customer.id,
    firstName: customer.firstName,
    lastName: customer.lastName,
    middleName: customer.middleName,
    fullName: fullName(customer),
    birthday: dateOnly(customer.birthday),
    city: customer.city,
    timeZone: customer.timeZone,
    consentService: customer.consentService,
    consentMarketing: customer.consentMarketing,
    consentUpdatedAt: customer.consentUpdatedAt?.toISOString() ?? null,
    identities,
    loyalty,
    recentOrders,
    createdAt: customer.createdAt.toISOString(),
    updatedAt: customer.updatedAt.toISOString(),
  };
}
