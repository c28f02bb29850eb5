// The retailer itself — teams, staff, stores, catalogue, stock — written before any customer, and the
// handles the customer generator needs to refer to it.
import type { OpeningHours, Weekday } from '../../../common/api/stores.ts';
import { buildCatalog, inSentence, type ProductCategory } from './catalog.ts';
import { cityNamed, STORES } from './geography.ts';
import type { IdFactory } from './ids.ts';
import type { Sex } from './people.ts';
import type { Random } from './random.ts';
import type { RowBatch } from './rowBatch.ts';
import { DAY, HISTORY_DAYS, HOUR } from './time.ts';
import { DEMO_TEAMS, DEMO_USERS, type DemoTeam } from './users.ts';

const CATALOG_SIZE = 500;

export interface StoreRef {
  id: string;
  city: string;
  /** «на Тверской». */
  place: string;
  address: string;
  /** «ежедневно с 10:00 до 22:00», for agents' answers. */
  hours: string;
}

export interface ProductRef {
  id: string;
  /** The name as it sits inside a sentence: «видеокарта MSI …», and «видеокарту MSI …». */
  inSentence: string;
  inSentenceAccusative: string;
  category: ProductCategory;
  priceKopecks: number;
}

export interface StaffRef {
  id: string;
  firstName: string;
  sex: Sex;
}

export interface ReferenceData {
  stores: StoreRef[];
  storesByCity: Map<string, StoreRef[]>;
  productsByCategory: Map<ProductCategory, ProductRef[]>;
  teamIds: Record<DemoTeam, string>;
  agents: { first: StaffRef; second: StaffRef; supervisor: StaffRef };
}

const WEEKDAY_NAMES: Record<Weekday, string> = { mon: 'пн', tue: 'вт', wed: 'ср', thu: 'чт', fri: 'пт', sat: 'сб', sun: 'вс' };
const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Opening hours in words, runs of days with equal hours grouped: «пн–пт с 09:00 до 21:00, вс — выходной». */
function describeHours(hours: OpeningHours): string {
  const slot = (day: Weekday) => {
    const h = hours[day];
    return h ? `с ${h.open} до ${h.close}` : 'выходной';
  };
  if (WEEK.every((day) => slot(day) === slot('mon'))) return `ежедневно ${slot('mon')}`;
  const runs: string[] = [];
  for (let start = 0; start < WEEK.length; ) {
    let end = start;
    while (end + 1 < WEEK.length && slot(WEEK[end + 1] as Weekday) === slot(WEEK[start] as Weekday)) end++;
    const first = WEEK[start] as Weekday;
    const days = end > start ? `${WEEKDAY_NAMES[first]}–${WEEKDAY_NAMES[WEEK[end] as Weekday]}` : WEEKDAY_NAMES[first];
    runs.push(hours[first] ? `${days} ${slot(first)}` : `${days} — выходной`);
    start = end + 1;
  }
  return runs.join(', ');
}

/** Units a store keeps of a product: few expensive cards and laptops, boxes of cables. */
const SHELF_DEPTH: Record<ProductCategory, number> = { graphics_card: 6, laptop: 5, smartphone: 10, accessory: 30 };

export function writeReferenceData(random: Random, ids: IdFactory, batch: RowBatch, now: Date, passwordHash: string): ReferenceData {
  const opened = new Date(now.getTime() - (HISTORY_DAYS + 90) * DAY);

  const teamIds = {} as Record<DemoTeam, string>;
  for (const [key, name] of Object.entries(DEMO_TEAMS) as [DemoTeam, string][]) {
    teamIds[key] = ids.next('team');
    batch.add('Team', { id: teamIds[key], name, createdAt: opened });
  }

  const stores: StoreRef[] = [];
  const storeIdByCode = new Map<string, string>();
  for (const seed of STORES) {
    const id = ids.next('store');
    storeIdByCode.set(seed.code, id);
    batch.add('Store', {
      id,
      code: seed.code,
      name: seed.name,
      address: seed.address,
      city: seed.city,
      latitude: seed.latitude,
      longitude: seed.longitude,
      timeZone: cityNamed(seed.city).timeZone,
      openingHours: JSON.stringify(seed.openingHours),
      createdAt: opened,
    });
    stores.push({ id, city: seed.city, place: seed.place, address: seed.address, hours: describeHours(seed.openingHours) });
  }

  const productsByCategory = new Map<ProductCategory, ProductRef[]>();
  for (const product of buildCatalog(random, CATALOG_SIZE)) {
    const id = ids.next('product');
    const createdAt = new Date(opened.getTime() + random.next() * (now.getTime() - opened.getTime() - 30 * DAY));
    batch.add('Product', { id, ...product, createdAt, updatedAt: new Date(now.getTime() - random.int(1, 30) * DAY) });
    const list = productsByCategory.get(product.category) ?? [];
    list.push({ id, ...inSentence(product.name, product.brand), category: product.category, priceKopecks: product.priceKopecks });
    productsByCategory.set(product.category, list);

    for (const store of stores) {
      // The two capitals' stores carry most of the range, the others a good part of it.
      const carried = store.city === 'Москва' || store.city === 'Санкт-Петербург' ? 0.8 : 0.55;
      if (!random.chance(carried)) continue;
      const onHand = random.chance(0.08) ? 0 : random.int(1, SHELF_DEPTH[product.category]);
      const reserved = onHand > 0 && random.chance(0.12) ? random.int(1, Math.min(onHand, 3)) : 0;
      batch.add('StockLevel', { storeId: store.id, productId: id, onHand, reserved, updatedAt: new Date(now.getTime() - random.int(1, 72) * HOUR) });
    }
  }

  const staff = new Map<string, StaffRef>();
  for (const user of DEMO_USERS) {
    const id = ids.next('user');
    const storeId = user.storeCode ? storeIdByCode.get(user.storeCode) : null;
    if (storeId === undefined) throw new Error(`Demo user ${user.email} works in an unknown store ${user.storeCode}`);
    batch.add('User', {
      id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      passwordHash,
      teamId: user.team ? teamIds[user.team] : null,
      storeId,
      disabled: false,
      locale: 'ru',
      createdAt: opened,
      updatedAt: opened,
    });
    staff.set(user.email, { id, firstName: user.displayName.split(' ')[0] ?? user.displayName, sex: user.sex });
  }
  const staffRef = (email: string): StaffRef => {
    const ref = staff.get(email);
    if (!ref) throw new Error(`DEMO_USERS lacks ${email}`);
    return ref;
  };

  const storesByCity = new Map<string, StoreRef[]>();
  for (const store of stores) storesByCity.set(store.city, [...(storesByCity.get(store.city) ?? []), store]);

  return {
    stores,
    storesByCity,
    productsByCategory,
    teamIds,
    agents: {
      first: staffRef('agent@demo.local'),
      second: staffRef('agent2@demo.local'),
      supervisor: staffRef('supervisor@demo.local'),
    },
  };
}
