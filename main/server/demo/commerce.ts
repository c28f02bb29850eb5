// A customer's purchases and loyalty account. The ledger is replayed in time order with points kept in
// lots (first to expire, first spent), so every balance is exactly the sum of its entries and expiries
// happen when they would have.
import type { LoyaltyEntryKind, LoyaltyTier, OrderKind, SalesChannel } from '../../../common/domain/enums.ts';
import { accrualPoints, defaultLoyaltySettings, PointLots, TIER_WINDOW_DAYS, tierFor } from '../../../common/domain/loyalty.ts';
import type { GenerationContext } from './context.ts';
import type { CustomerProfile } from './customers.ts';
import type { ProductRef } from './reference.ts';
import { DAY, HOUR, MINUTE } from './time.ts';

export interface PlacedOrder {
  id: string;
  number: string;
  placedAt: Date;
  /** The most expensive line: what the customer would ask about. */
  mainProduct: ProductRef;
}

interface LoyaltySnapshot {
  at: Date;
  balance: number;
}

export interface LoyaltyHistory {
  tier: LoyaltyTier;
  /** Balance after every entry, in time order: what a message at some moment can quote. */
  balances: LoyaltySnapshot[];
  /** Accrual lots with their expiry, in time order: the points a reminder can warn about. */
  accruals: { at: Date; points: number; expiresAt: Date }[];
}

export interface Purchases {
  orders: PlacedOrder[];
  loyalty: LoyaltyHistory | null;
}

const ORDER_KINDS = [
  ['online', 50],
  ['in_store', 38],
  ['phone', 12],
] as const;
const CATEGORY_MIX = [
  ['accessory', 45],
  ['graphics_card', 20],
  ['smartphone', 20],
  ['laptop', 15],
] as const;

/** Points are accrued once the 14-day return period is over, and live as long as the default rules say; welcome points for 90 days. */
const ACCRUAL_DELAY = 14 * DAY;
const POINTS_LIFETIME = defaultLoyaltySettings.pointsLifetimeDays * DAY;
const WELCOME_LIFETIME = 90 * DAY;

/** A product from a category drawn by how often each sells. */
export function pickProduct(ctx: GenerationContext): ProductRef {
  const category = ctx.random.weighted(CATEGORY_MIX);
  const list = ctx.reference.productsByCategory.get(category);
  if (!list) throw new Error(`No demo products in ${category}`);
  return ctx.random.pick(list);
}

function orderCount(ctx: GenerationContext, customer: CustomerProfile, heavy: boolean, duplicate: boolean): number {
  const { random } = ctx;
  if (heavy) return 30;
  if (duplicate) return random.chance(0.3) ? 1 : 0;
  if (random.chance(0.3)) return 0;
  // New customers have had less time to buy.
  const ageShare = (ctx.now.getTime() - customer.createdAt.getTime()) / (730 * DAY);
  return Math.min(20, 1 + Math.floor(random.exponential(1.6 * Math.max(0.2, ageShare))));
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

export function generatePurchases(ctx: GenerationContext, customer: CustomerProfile, options: { heavy: boolean; duplicate: boolean }): Purchases {
  const { random, ids, batch, reference } = ctx;
  const now = ctx.now.getTime();
  const from = customer.createdAt.getTime();
  const count = orderCount(ctx, customer, options.heavy, options.duplicate);
  const times = Array.from({ length: count }, () => from + random.next() * Math.max(0, now - HOUR - from)).sort((a, b) => a - b);

  const orders: (PlacedOrder & { totalKopecks: number })[] = [];
  for (const time of times) {
    const placedAt = new Date(time);
    const kind: OrderKind = random.weighted(ORDER_KINDS);
    const channel: SalesChannel = kind === 'in_store' ? 'store' : kind === 'phone' ? 'phone' : random.chance(0.7) ? 'web' : 'app';
    const storeId = kind === 'in_store' ? (random.chance(0.85) ? customer.homeStore : random.pick(reference.stores)).id : null;
    const id = ids.next('order');
    const number = `${twoDigits(placedAt.getUTCFullYear() % 100)}${twoDigits(placedAt.getUTCMonth() + 1)}${twoDigits(placedAt.getUTCDate())}-${String(++ctx.sequence.order).padStart(6, '0')}`;

    const lines = 1 + (random.chance(0.35) ? random.int(1, 3) : 0);
    let totalKopecks = 0;
    let itemCount = 0;
    let mainProduct: ProductRef | null = null;
    const items = [];
    for (let line = 0; line < lines; line++) {
      const product = pickProduct(ctx);
      const quantity = product.category === 'accessory' && random.chance(0.2) ? random.int(2, 3) : 1;
      // Some lines were bought at a promotion price, rounded to whole roubles.
      const unitPriceKopecks = random.chance(0.3) ? Math.round((product.priceKopecks * (0.85 + random.next() * 0.12)) / 100) * 100 : product.priceKopecks;
      totalKopecks += quantity * unitPriceKopecks;
      itemCount += quantity;
      if (!mainProduct || product.priceKopecks > mainProduct.priceKopecks) mainProduct = product;
      items.push({ id: ids.next('orderItem'), orderId: id, productId: product.id, quantity, unitPriceKopecks });
    }
    batch.add('Order', { id, number, customerId: customer.id, kind, storeId, channel, status: 'completed', totalKopecks, itemCount, placedAt, createdAt: placedAt });
    for (const item of items) batch.add('OrderItem', item);
    orders.push({ id, number, placedAt, mainProduct: mainProduct as ProductRef, totalKopecks });
  }

  const loyalty = customer.loyaltyCard ? writeLoyalty(ctx, customer, orders) : null;
  return { orders, loyalty };
}

interface LedgerEvent {
  at: number;
  kind: LoyaltyEntryKind;
  /** Positive for accruals and goodwill, negative for spending; redemptions are capped by the balance. */
  points: number;
  reason: string;
  orderId: string | null;
  /** How long accrued points live; null for goodwill that never expires. */
  lifetime: number | null;
  byStaff: boolean;
}

function writeLoyalty(ctx: GenerationContext, customer: CustomerProfile, orders: readonly (PlacedOrder & { totalKopecks: number })[]): LoyaltyHistory {
  const { random, ids, batch } = ctx;
  const now = ctx.now.getTime();
  const accountId = ids.next('loyaltyAccount');
  const opened = Math.min(now - MINUTE, customer.createdAt.getTime() + random.next() * 2 * DAY);
  const spentLastYear = orders.filter((o) => o.placedAt.getTime() > now - TIER_WINDOW_DAYS * DAY).reduce((sum, o) => sum + o.totalKopecks, 0);
  const tier = tierFor(spentLastYear, defaultLoyaltySettings);
  const accrued = (totalKopecks: number) => accrualPoints(totalKopecks, tier, defaultLoyaltySettings);

  const events: LedgerEvent[] = [
    { at: opened, kind: 'accrual', points: 500, reason: 'Приветственные баллы', orderId: null, lifetime: WELCOME_LIFETIME, byStaff: false },
  ];
  for (const order of orders) {
    const placed = order.placedAt.getTime();
    if (placed < opened) continue;
    const rubles = Math.floor(order.totalKopecks / 100);
    if (random.chance(0.25)) {
      events.push({ at: placed, kind: 'redemption', points: -Math.floor(rubles * 0.3), reason: `Оплата баллами заказа № ${order.number}`, orderId: order.id, lifetime: null, byStaff: false });
    }
    if (placed + ACCRUAL_DELAY < now) {
      events.push({ at: placed + ACCRUAL_DELAY, kind: 'accrual', points: accrued(order.totalKopecks), reason: `Начисление за заказ № ${order.number}`, orderId: order.id, lifetime: POINTS_LIFETIME, byStaff: false });
    }
    if (random.chance(0.04)) {
      const goodwill = random.chance(0.7);
      events.push({
        at: Math.min(now - MINUTE, placed + random.int(2, 10) * DAY),
        kind: 'adjustment',
        points: goodwill ? random.pick([300, 500, 1000]) : -accrued(order.totalKopecks),
        reason: goodwill ? `Компенсация за задержку доставки заказа № ${order.number}` : `Списание баллов за возвращённый товар по заказу № ${order.number}`,
        orderId: order.id,
        lifetime: null,
        byStaff: true,
      });
    }
  }
  events.sort((a, b) => a.at - b.at);

  const lots = new PointLots();
  const balances: LoyaltySnapshot[] = [];
  const accruals: LoyaltyHistory['accruals'] = [];
  let balance = 0;
  const entry = (kind: LoyaltyEntryKind, points: number, at: number, reason: string, orderId: string | null, expiresAt: number | null, byStaff: boolean) => {
    balance += points;
    batch.add('LoyaltyLedgerEntry', {
      id: ids.next('ledgerEntry'),
      accountId,
      kind,
      points,
      reason,
      orderId,
      expiresAt: expiresAt === null ? null : new Date(expiresAt),
      createdById: byStaff ? ctx.reference.agents.supervisor.id : null,
      createdAt: new Date(at),
    });
    balances.push({ at: new Date(at), balance });
  };
  const expireUntil = (time: number) => {
    for (const lot of lots.expireUntil(time)) entry('expiry', -lot.remaining, lot.expiresAt, 'Истёк срок действия баллов', null, null, false);
  };

  for (const event of events) {
    expireUntil(event.at);
    if (event.points > 0) {
      const expiresAt = event.lifetime === null ? null : event.at + event.lifetime;
      lots.credit(event.points, expiresAt);
      entry(event.kind, event.points, event.at, event.reason, event.orderId, expiresAt, event.byStaff);
      if (expiresAt !== null) accruals.push({ at: new Date(event.at), points: event.points, expiresAt: new Date(expiresAt) });
    } else {
      const taken = lots.debit(-event.points);
      if (taken > 0) entry(event.kind, -taken, event.at, event.reason, event.orderId, null, event.byStaff);
    }
  }
  expireUntil(now);

  const last = balances.at(-1);
  batch.add('LoyaltyAccount', {
    id: accountId,
    customerId: customer.id,
    cardNumber: customer.loyaltyCard as string,
    tier,
    balance,
    // The replay above wrote every expiry up to now; the expiry job carries on from here.
    expiredThrough: ctx.now,
    createdAt: new Date(opened),
    updatedAt: last ? last.at : new Date(opened),
  });
  return { tier, balances, accruals };
}
