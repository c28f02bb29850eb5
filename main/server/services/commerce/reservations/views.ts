// Reservations as a role may see them: the customer's name (the store hands the item over to them) and
// their phone, masked for roles without full contact data. Every read that shows customer data is
// audited per customer (152-FZ: who looked at whom).
import type { ReservationView } from '../../../../../common/api/reservations.ts';
import { maskPhone } from '../../../../../common/domain/contacts.ts';
import { Channel, ReservationStatus } from '../../../../../common/domain/enums.ts';
import { can } from '../../../../../common/domain/policy.ts';
import { fullName } from '../../../../../common/domain/text.ts';
import type { Db } from '../../../db/client.ts';
import type { Prisma } from '../../../db/generated/client.ts';
import { newRowId } from '../../../db/sqlValues.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { noticeClientId } from './notice.ts';

export const viewInclude = {
  customer: { select: { firstName: true, lastName: true, middleName: true, identities: { where: { kind: 'phone' }, orderBy: [{ preferred: 'desc' }, { createdAt: 'asc' }], take: 1, select: { normalized: true } } } },
  product: { select: { name: true, sku: true, priceKopecks: true } },
  store: { select: { name: true, address: true } },
  // The requested step keeps why the customer was not told (notice.ts).
  events: { where: { status: 'requested' }, take: 1, select: { note: true } },
} satisfies Prisma.ReservationInclude;

type ViewRow = Prisma.ReservationGetPayload<{ include: typeof viewInclude }>;

/** Everything a view shows, however it was read (Prisma here, the writer's own lookups on create). */
export interface ReservationRecord {
  id: string;
  code: string;
  status: string;
  customerId: string;
  customer: { firstName: string; lastName: string; middleName: string | null };
  /** The customer's preferred phone (E.164), unmasked: masking is the presenter's job. */
  phone: string | null;
  productId: string;
  product: { name: string; sku: string; priceKopecks: number };
  storeId: string;
  store: { name: string; address: string };
  quantity: number;
  holdUntil: Date;
  conversationId: string | null;
  orderId: string | null;
  cancelReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function presentRecord(viewer: Viewer, record: ReservationRecord, notice: ReservationView['notice']): ReservationView {
  const fullContacts = can(viewer.role, 'customers.contacts.read_full');
  return {
    id: record.id,
    code: record.code,
    status: ReservationStatus.parse(record.status),
    customerId: record.customerId,
    customerName: fullName(record.customer),
    customerPhone: record.phone === null ? null : fullContacts ? record.phone : maskPhone(record.phone),
    productId: record.productId,
    productName: record.product.name,
    sku: record.product.sku,
    priceKopecks: record.product.priceKopecks,
    storeId: record.storeId,
    storeName: record.store.name,
    storeAddress: record.store.address,
    quantity: record.quantity,
    holdUntil: record.holdUntil.toISOString(),
    conversationId: record.conversationId,
    orderId: record.orderId,
    cancelReason: record.cancelReason,
    notice,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

/** The rows as the viewer may see them, in the same order. */
export async function presentReservations(db: Db, viewer: Viewer, rows: readonly ViewRow[]): Promise<ReservationView[]> {
  const notices = rows.length
    ? await db.message.findMany({ where: { clientId: { in: rows.map((r) => noticeClientId(r.id)) } }, select: { id: true, clientId: true, channel: true } })
    : [];
  const noticeOf = new Map(notices.map((m) => [m.clientId, m]));
  return rows.map((row) => {
    const sent = noticeOf.get(noticeClientId(row.id));
    const skipped = row.events[0]?.note ?? null;
    const notice = sent ? { channel: Channel.parse(sent.channel), messageId: sent.id, skippedReason: null } : skipped ? { channel: null, messageId: null, skippedReason: skipped } : null;
    return presentRecord(viewer, { ...row, phone: row.customer.identities[0]?.normalized ?? null }, notice);
  });
}

/** One audit row per customer shown, naming the reservations the view showed them through. */
export async function auditCustomerViews(db: Db, viewer: Viewer, via: string, rows: ReadonlyArray<{ id: string; customerId: string }>): Promise<void> {
  const byCustomer = new Map<string, string[]>();
  for (const row of rows) byCustomer.set(row.customerId, [...(byCustomer.get(row.customerId) ?? []), row.id]);
  if (byCustomer.size === 0) return;
  await db.auditEntry.createMany({
    data: [...byCustomer].map(([customerId, reservationIds]) => ({
      id: newRowId(),
      actorId: viewer.userId,
      actorRole: viewer.role,
      action: 'reservation.customer_view',
      subjectType: 'customer',
      subjectId: customerId,
      ip: viewer.ip,
      details: JSON.stringify({ via, reservationIds, contactsInFull: can(viewer.role, 'customers.contacts.read_full') }),
    })),
  });
}
