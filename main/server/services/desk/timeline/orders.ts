// Purchases online and in stores, so the agent sees what the customer bought beside what they wrote.
import { OrderKind } from '../../../../../common/domain/enums.ts';
import type { TimelineEventOf } from '../../../../../common/domain/timeline.ts';
import type { Order } from '../../../db/generated/client.ts';
import { beyondCursor, eventId, orderFor, type TimelineSource } from './source.ts';

export function orderEvent(row: Order & { store: { name: string } | null }): TimelineEventOf<'order'> {
  return {
    kind: 'order',
    id: eventId('order', row.id),
    at: row.placedAt.toISOString(),
    customerId: row.customerId,
    payload: {
      orderId: row.id,
      number: row.number,
      kind: OrderKind.parse(row.kind),
      status: row.status,
      totalKopecks: row.totalKopecks,
      itemCount: row.itemCount,
      storeId: row.storeId,
      storeName: row.store?.name ?? null,
    },
  };
}

export const orderSource: TimelineSource<'order'> = {
  kind: 'order',
  async page(db, customerId, direction, cursor, limit) {
    const rows = await db.order.findMany({
      where: { customerId, ...beyondCursor('order', 'placedAt', cursor, direction) },
      orderBy: orderFor('placedAt', direction),
      take: limit,
      include: { store: { select: { name: true } } },
    });
    return rows.map(orderEvent);
  },
};
