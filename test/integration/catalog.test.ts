// Catalogue search and stock per store on a real hub: names, brands, article numbers, barcodes, typos and
// the wrong keyboard layout; stores nearest to the customer first with "open now" on a controlled clock;
// store staff held to their own store; corrections with optimistic concurrency, and their live pushes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StockChanged } from '../../common/api/catalog.ts';
import { cityCentre } from '../../common/domain/geo.ts';
import { buildCatalog } from '../../main/server/demo/catalog.ts';
import { CITIES, STORES } from '../../main/server/demo/geography.ts';
import { Random } from '../../main/server/demo/random.ts';
import { invalidateCatalog } from '../../main/server/services/commerce/catalog/search.ts';
import { manualClock } from './fixtures/db.ts';
import { call, data, startTestHub, type DeskSocket, type TestHub } from './fixtures/hub.ts';
import { buildWorld, USERS } from './fixtures/world.ts';

// Monday 16:00 in Moscow, 23:00 in Vladivostok: the test stores are open 10:00–22:00 on Mondays.
const clock = manualClock(new Date('2026-11-23T13:00:00Z'));
let t: TestHub;
let world: Awaited<ReturnType<typeof buildWorld>>;
let agent: DeskSocket;
let staff: DeskSocket;
let supervisor: DeskSocket;
const agentPushes: StockChanged[] = [];
const staffPushes: StockChanged[] = [];
const ids = { card: '', nvidia: '', iphone: '', spb: '', kzn: '' };

const until = async (check: () => boolean, ms = 3000) => {
  for (const start = Date.now(); !check(); ) {
    if (Date.now() - start > ms) throw new Error('timed out waiting for a push');
    await new Promise((r) => setTimeout(r, 10));
  }
};

beforeAll(async () => {
  t = await startTestHub({}, { clock });
  const { db } = t.hub;
  world = await buildWorld(db);
  // The demo retailer's other stores (the world has its own MSK-01 and VVO-01).
  for (const s of STORES.filter((s) => s.code !== 'MSK-01' && s.code !== 'VVO-01')) {
    const store = await db.store.create({
      data: { code: s.code, name: s.name, address: s.address, city: s.city, latitude: s.latitude, longitude: s.longitude, timeZone: 'Europe/Moscow', openingHours: JSON.stringify(s.openingHours) },
    });
    if (s.code === 'SPB-01') ids.spb = store.id;
    if (s.code === 'KZN-01') ids.kzn = store.id;
  }
  // The demo catalogue as background, and three products the assertions name.
  await db.product.createMany({ data: buildCatalog(new Random(11), 500) });
  const make = (sku: string, barcode: string, name: string, brand: string, category: string, priceKopecks: number) =>
    db.product.create({ data: { sku, barcode, name, brand, category, priceKopecks } });
  ids.nvidia = (await make('7000001', '4601234567893', 'Видеокарта INNO3D NVIDIA GeForce RTX 4070 SUPER Twin X2 OC White 12 ГБ', 'INNO3D', 'graphics_card', 7_299_900)).id;
  ids.card = (await make('7000002', '8801643000009', 'Карта памяти Kingston Canvas Go! Plus microSDXC 256 ГБ', 'Kingston', 'accessory', 139_900)).id;
  ids.iphone = (await make('7000003', '1942530000005', 'Смартфон Nothing Phone (2a) 12/256 ГБ черный', 'Nothing', 'smartphone', 7_999_900)).id;
  // Written behind the hub's back after it indexed its (empty) catalogue at start, as an import would.
  invalidateCatalog(db);
  const level = (storeId: string, productId: string, onHand: number, reserved = 0) => db.stockLevel.create({ data: { storeId, productId, onHand, reserved } });
  await level(world.stores.msk.id, ids.nvidia, 5, 2);
  await level(world.stores.vvo.id, ids.nvidia, 3);
  await level(ids.spb, ids.nvidia, 10);
  await level(ids.kzn, ids.nvidia, 1, 3); // over-reserved: available is zero, never negative
  await level(world.stores.msk.id, ids.card, 7);
  await level(world.stores.msk.id, ids.iphone, 2);

  agent = await t.connect((await t.signIn(USERS.agent)).token);
  staff = await t.connect((await t.signIn(USERS.store_staff)).token);
  supervisor = await t.connect((await t.signIn(USERS.supervisor)).token);
  agent.on('stock.changed', (changes) => agentPushes.push(...changes));
  staff.on('stock.changed', (changes) => staffPushes.push(...changes));
});
afterAll(() => t.stop());

const search = async (q: string, limit = 20) => data(await call(agent, 'catalog.search', { q, limit }));

describe('catalog.search', () => {
  it('finds by name words in any order, with price and the stock available across stores', async () => {
    const result = await search('twin 4070 super inno3d');
    expect(result.items[0]).toMatchObject({ id: ids.nvidia, sku: '7000001', priceKopecks: 7_299_900, match: 'exact', totalAvailable: 3 + 3 + 10 + 0 });
    expect(result.understoodAs).toBeNull();
  });

  it('finds by brand', async () => {
    const result = await search('kingston');
    expect(result.items.length).toBeGreaterThan(1);
    expect(result.items.every((p) => p.brand === 'Kingston')).toBe(true);
    expect(result.items.map((p) => p.id)).toContain(ids.card);
  });

  it('puts the exact article number or barcode first', async () => {
    expect((await search('7000003')).items[0]).toMatchObject({ id: ids.iphone, match: 'exact' });
    expect((await search('4601234567893')).items[0]).toMatchObject({ id: ids.nvidia, match: 'exact' });
    // A beginning of an article number lists the products it starts.
    expect((await search('700000')).items.map((p) => p.id)).toEqual(expect.arrayContaining([ids.nvidia, ids.card, ids.iphone]));
  });

  it('matches Cyrillic case-insensitively, whole words before pieces of words', async () => {
    const result = await search('КАРТА');
    expect(result.items.slice(0, 2).every((p) => p.name.startsWith('Карта памяти'))).toBe(true);
    expect(result.items.map((p) => p.id)).toContain(ids.card);
    // «Видеокарта» holds «карта» too, after the products that have it as a word.
    expect(result.items.some((p) => p.name.startsWith('Видеокарта'))).toBe(true);
    expect((await search('смартфон nothing черный')).items[0]!.id).toBe(ids.iphone);
  });

  it('forgives typos', async () => {
    const result = await search('видиокарта');
    expect(result.items.length).toBeGreaterThan(0);
    expect(result.items.every((p) => p.name.startsWith('Видеокарта') && p.match === 'fuzzy')).toBe(true);
    expect((await search('kingstn canvas')).items[0]).toMatchObject({ id: ids.card, match: 'fuzzy' });
  });

  it('reads text typed in the wrong layout: «rfhnf» is «карта»', async () => {
    const result = await search('rfhnf');
    expect(result.understoodAs).toBe('карта');
    expect(result.items[0]).toMatchObject({ match: 'layout' });
    expect(result.items[0]!.name).toMatch(/^Карта памяти/);
  });

  it('forgives a wrong layout and a typo together: «мшвуф» finds NVIDIA', async () => {
    const result = await search('мшвуф');
    expect(result.understoodAs).toBe('videa');
    expect(result.items.length).toBeGreaterThan(0);
    expect(result.items.every((p) => p.name.includes('NVIDIA'))).toBe(true);
  });

  it('mixes layouts word by word, and finds nothing for nonsense', async () => {
    const result = await search('шттщ3в 4070 super');
    expect(result.understoodAs).toBe('inno3d 4070 super');
    expect(result.items.map((p) => p.id)).toContain(ids.nvidia);
    expect(await search('qqqqzzzz')).toEqual({ items: [], understoodAs: null });
  });

  it('sees products added after the index was built once it is invalidated', async () => {
    await t.hub.db.product.create({ data: { sku: '7000099', name: 'Проектор XGIMI Horizon S Pro', brand: 'XGIMI', category: 'accessory', priceKopecks: 19_999_900 } });
    invalidateCatalog(t.hub.db);
    expect((await search('проектор xgimi')).items.map((p) => p.sku)).toEqual(['7000099']);
  });

  it('validates the query', async () => {
    const bad = await call(agent, 'catalog.search', { q: '   ' });
    expect(!bad.ok && bad.error.code).toBe('BAD_REQUEST');
  });
});

describe('stock.forProduct', () => {
  it('lists every store nearest first to a Moscow customer, with distances', async () => {
    const stock = data(await call(agent, 'stock.forProduct', { productId: ids.nvidia, customerId: world.customers.fyodorova.id }));
    expect(stock.fromCity).toBe('Москва');
    const distances = stock.stores.map((s) => s.distanceKm!);
    expect(distances.every((d) => typeof d === 'number')).toBe(true);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    expect(stock.stores.slice(0, 4).every((s) => s.city === 'Москва')).toBe(true);
    expect(stock.stores.at(-1)!.city).toBe('Владивосток');
    expect(stock.stores.at(-1)!.distanceKm!).toBeGreaterThan(6300);
    const msk = stock.stores.find((s) => s.storeId === world.stores.msk.id)!;
    expect(msk).toMatchObject({ onHand: 5, reserved: 2, available: 3, storeCode: 'MSK-01' });
    expect(stock.stores.find((s) => s.storeId === ids.kzn)).toMatchObject({ onHand: 1, reserved: 3, available: 0 });
    expect(stock.product).toMatchObject({ id: ids.nvidia, totalAvailable: 16 });
  });

  it('orders by what is available when the customer is not given', async () => {
    const stock = data(await call(agent, 'stock.forProduct', { productId: ids.nvidia }));
    expect(stock.fromCity).toBeNull();
    expect(stock.stores.every((s) => s.distanceKm === null)).toBe(true);
    expect(stock.stores.slice(0, 3).map((s) => s.available)).toEqual([10, 3, 3]);
  });

  it('says which stores are open now in their own time zone', async () => {
    const stock = data(await call(agent, 'stock.forProduct', { productId: ids.nvidia }));
    const byId = new Map(stock.stores.map((s) => [s.storeId, s]));
    expect(byId.get(world.stores.msk.id)!.openNow).toBe(true); // 16:00 in Moscow
    expect(byId.get(world.stores.vvo.id)!.openNow).toBe(false); // 23:00 in Vladivostok
    clock.advance(-6 * 3600_000); // 10:00 in Moscow, 17:00 in Vladivostok
    const morning = data(await call(agent, 'stock.forProduct', { productId: ids.nvidia }));
    expect(morning.stores.find((s) => s.storeId === world.stores.vvo.id)!.openNow).toBe(true);
    clock.advance(6 * 3600_000);
  });

  it('shows store staff their own store only, and refuses unknown products', async () => {
    const stock = data(await call(staff, 'stock.forProduct', { productId: ids.nvidia, customerId: world.customers.fyodorova.id }));
    expect(stock.stores.map((s) => s.storeId)).toEqual([world.stores.msk.id]);
    const missing = await call(agent, 'stock.forProduct', { productId: 'nope' });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
  });
});

describe('stock.listStore', () => {
  it('pages a store by product name and filters by name or SKU', async () => {
    const first = data(await call(staff, 'stock.listStore', { storeId: world.stores.msk.id, limit: 2 }));
    expect(first.items.map((r) => r.name)).toEqual(['Видеокарта INNO3D NVIDIA GeForce RTX 4070 SUPER Twin X2 OC White 12 ГБ', 'Карта памяти Kingston Canvas Go! Plus microSDXC 256 ГБ']);
    const second = data(await call(staff, 'stock.listStore', { storeId: world.stores.msk.id, limit: 2, cursor: first.nextCursor }));
    expect(second).toMatchObject({ items: [{ productId: ids.iphone, onHand: 2, available: 2 }], nextCursor: null });
    const filtered = data(await call(staff, 'stock.listStore', { storeId: world.stores.msk.id, q: 'карта ПАМЯТИ' }));
    expect(filtered.items.map((r) => r.productId)).toEqual([ids.card]);
    const bySku = data(await call(staff, 'stock.listStore', { storeId: world.stores.msk.id, q: '7000003' }));
    expect(bySku.items.map((r) => r.productId)).toEqual([ids.iphone]);
  });

  it('refuses another store to store staff and a bad cursor to anyone', async () => {
    const other = await call(staff, 'stock.listStore', { storeId: world.stores.vvo.id });
    expect(!other.ok && other.error.code).toBe('FORBIDDEN');
    const bad = await call(agent, 'stock.listStore', { storeId: world.stores.vvo.id, cursor: 'garbage' });
    expect(!bad.ok && bad.error.code).toBe('BAD_REQUEST');
  });
});

describe('stock.correct', () => {
  it('sets the count, records the movement and the audit entry, and pushes stock.changed', async () => {
    const row = data(await call(staff, 'stock.correct', { storeId: world.stores.msk.id, productId: ids.nvidia, onHand: 4, expectedOnHand: 5, reason: 'Пересчёт витрины' }));
    expect(row).toMatchObject({ productId: ids.nvidia, onHand: 4, reserved: 2, available: 2 });
    const movement = await t.hub.db.stockMovement.findFirst({ where: { productId: ids.nvidia, source: 'correction' } });
    expect(movement).toMatchObject({ storeId: world.stores.msk.id, onHandFrom: 5, onHandTo: 4, reason: 'Пересчёт витрины', byUserId: world.users.store_staff });
    expect(await t.hub.db.auditEntry.count({ where: { action: 'stock.correct', subjectId: world.stores.msk.id } })).toBe(1);
    const expected = { storeId: world.stores.msk.id, productId: ids.nvidia, onHand: 4, reserved: 2, available: 2, source: 'correction' };
    await until(() => agentPushes.length > 0 && staffPushes.length > 0);
    expect(agentPushes).toContainEqual(expected);
    expect(staffPushes).toContainEqual(expected);
  });

  it('refuses a count that changed meanwhile with CONFLICT and changes nothing', async () => {
    const stale = await call(supervisor, 'stock.correct', { storeId: world.stores.msk.id, productId: ids.nvidia, onHand: 9, expectedOnHand: 5, reason: 'Приёмка' });
    expect(!stale.ok && stale.error).toMatchObject({ code: 'CONFLICT', fields: [{ path: 'expectedOnHand', message: 'now 4' }] });
    expect((await t.hub.db.stockLevel.findUnique({ where: { storeId_productId: { storeId: world.stores.msk.id, productId: ids.nvidia } } }))!.onHand).toBe(4);
  });

  it('counts a product new to the store from zero', async () => {
    const row = data(await call(supervisor, 'stock.correct', { storeId: world.stores.vvo.id, productId: ids.card, onHand: 6, expectedOnHand: 0, reason: 'Поставка без накладной' }));
    expect(row).toMatchObject({ onHand: 6, reserved: 0, available: 6 });
  });

  it('requires a reason and holds store staff to their own store', async () => {
    const noReason = await call(staff, 'stock.correct', { storeId: world.stores.msk.id, productId: ids.nvidia, onHand: 3, expectedOnHand: 4, reason: 'x' });
    expect(!noReason.ok && noReason.error.code).toBe('BAD_REQUEST');
    const otherStore = await call(staff, 'stock.correct', { storeId: world.stores.vvo.id, productId: ids.nvidia, onHand: 1, expectedOnHand: 3, reason: 'Пересчёт' });
    expect(!otherStore.ok && otherStore.error.code).toBe('FORBIDDEN');
  });
});

describe('geography', () => {
  it('knows the centre of every city the demo retailer has customers in', () => {
    expect(CITIES.filter((c) => !cityCentre(c.name)).map((c) => c.name)).toEqual([]);
  });
});
