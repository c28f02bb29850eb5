// The one way stock changes reach the desks: every writer of StockLevel (corrections, imports, the ERP/POS
// API, reservations) calls this after its commit with the rows as they are now.
import type { StockChanged } from '../../../../../common/api/catalog.ts';
import type { Realtime } from '../../../realtime/broadcast.ts';

export interface CommittedLevel {
  storeId: string;
  productId: string;
  onHand: number;
  reserved: number;
}

export const availableOf = (level: { onHand: number; reserved: number }) => Math.max(0, level.onHand - level.reserved);

export function stockChange(level: CommittedLevel, source: StockChanged['source']): StockChanged {
  return { storeId: level.storeId, productId: level.productId, onHand: level.onHand, reserved: level.reserved, available: availableOf(level), source };
}

export function publishStockChanges(realtime: Pick<Realtime, 'stockChanged'>, levels: readonly CommittedLevel[], source: StockChanged['source']): void {
  if (levels.length > 0) realtime.stockChanged(levels.map((l) => stockChange(l, source)));
}
