import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerDetail, CustomerListPage } from '../../common/api/customers.ts';
import { call, data, startTestHub, type DeskSocket, type TestHub } from './fixtures/hub.ts';
import { buildWorld, USERS } from './fixtures/world.ts';

let t: TestHub;
let world: Awaited<ReturnType<typeof buildWorld>>;
let agent: DeskSocket;
let staff: DeskSocket;

beforeAll(async () => {
  t = await startTestHub();
  world = await buildWorld(t.hub.db);
  agent = await t.connect((await t.signIn(USERS.agent)).token);
  staff = await t.connect((await t.signIn(USERS.store_staff)).token);
});
afterAll(() => t.stop());

const search = async (q: string) => data(await call(agent, 'customer.list', { q })).items.map((c) => c.fullName);

describe('customer list', () => {
  it('pages through every customer by keyset without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: CustomerListPage = data(await call(agent, 'customer.list', { limit: 20, cursor }));
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(48);
    expect(new Set(seen).size).toBe(48);
  });

  it('finds names in Cyrillic by any part, folding case and ё', async () => {
    expect(await search('фёдорова')).toEqual(['Фёдорова Алёна']);
    expect(await search('ФЕДОРОВА')).toEqual(['Фёдорова Алёна']);
    expect(await search('алена фед')).toEqual(['Фёдорова Алёна']);
    expect(await search('Smith')).toEqual(['Smith John']);
    expect(await search('Ив')).toContain('Иванов Иван');
  });

  it('finds a phone written in any format, an e-mail and a loyalty card', async () => {
    for (const q of ['+7 912 345-67-89', '8 (912) 345-67-89', '89123456789', '79123456789', '+79123456789']) {
      expect(await search(q), q).toEqual(['Фёдорова Алёна']);
    }
    expect(await search('67-89')).toEqual(['Фёдорова Алёна']);
    expect(await search('Alena.F@Example.ru')).toEqual(['Фёдорова Алёна']);
    expect(await search('2200 1234 5678 9012')).toEqual(['Фёдорова Алёна']);
  });

  it('masks contacts in lists for every role', async () => {
    const [item] = data(await call(agent, 'customer.list', { q: 'фёдорова' })).items;
    expect(item?.phoneMasked).toBe('+7 *** ***-67-89');
    expect(item?.emailMasked).toBe('a***@example.ru');
    expect(item).toMatchObject({ loyaltyTier: 'gold', loyaltyBalance: 1500, city: 'Москва' });
  });

  it('reads a page in a constant number of statements whatever its size', async () => {
    const { openDatabase } = await import('../../main/server/db/client.ts');
    const counted: string[] = [];
    const db = await openDatabase(`file:${t.dataDir}/threadline.db`, { onQuery: (sql) => counted.push(sql) });
    const { listCustomers } = await import('../../main/server/services/customers/customerList.ts');
    const viewer = { userId: world.users.agent!, role: 'agent' as const, storeId: null, sessionId: 's', ip: null };
    const statements = async (limit: number) => {
      counted.length = 0;
      await listCustomers(db, viewer, { limit });
      return counted.length;
    };
    expect(await statements(5)).toBe(await statements(40));
    expect(await statements(40)).toBe(2);
    await db.$disconnect();
  });

  it('answers an empty page for no match and refuses a forged cursor', async () => {
    expect(await search('несуществующий')).toEqual([]);
    const forged = await call(agent, 'customer.list', { cursor: 'garbage' });
    expect(!forged.ok && forged.error.code).toBe('BAD_REQUEST');
  });
});

describe('customer page', () => {
  it('shows an agent full contacts and loyalty, and audits the read', async () => {
    const c = data(await call(agent, 'customer.get', { id: world.customers.fyodorova.id }));
    expect(c.identities.find((i) => i.kind === 'phone')?.value).toBe('+79123456789');
    // The 200 redeemed came out of the lot expiring first (in 10 days): 800 of its 1000 are left to expire.
    expect(c.loyalty).toMatchObject({ balance: 1500, tier: 'gold', expiringSoon: 800 });
    expect(c.recentOrders).toHaveLength(2);
    const audits = await t.hub.db.auditEntry.count({ where: { action: 'customer.contacts.read', subjectId: c.id } });
    expect(audits).toBeGreaterThan(0);
  });

  it('shows store staff masked contacts, no loyalty history and only their store orders', async () => {
    const c = data(await call(staff, 'customer.get', { id: world.customers.fyodorova.id }));
    expect(c.identities.find((i) => i.kind === 'phone')?.value).toBe('+7 *** ***-67-89');
    expect(c.identities.every((i) => i.masked)).toBe(true);
    expect(c.loyalty).toBeNull();
    expect(c.recentOrders.map((o) => o.storeName)).toEqual(['Москва, Тверская']);
    expect(await t.hub.db.auditEntry.count({ where: { action: 'customer.read_masked', subjectId: c.id } })).toBe(1);
  });

  it('keeps store staff to their own store', async () => {
    const own = data(await call(staff, 'store.list', {}));
    expect(own.map((s) => s.code)).toEqual(['MSK-01']);
    const other = await call(staff, 'store.get', { id: world.stores.vvo.id });
    expect(!other.ok && other.error.code).toBe('FORBIDDEN');
    const edit = await call(staff, 'customer.update', { id: world.customers.ivanov.id } as never);
    expect(!edit.ok && edit.error.code).toBe('FORBIDDEN');
  });
});

describe('customer edit', () => {
  const editable = (c: CustomerDetail) => ({
    id: c.id,
    expectedUpdatedAt: c.updatedAt,
    firstName: c.firstName,
    lastName: c.lastName,
    middleName: c.middleName,
    birthday: c.birthday,
    city: c.city,
    timeZone: c.timeZone,
    consentService: c.consentService,
    consentMarketing: c.consentMarketing,
    identities: c.identities.filter((i) => i.kind === 'phone' || i.kind === 'email').map((i) => ({ id: i.id, kind: i.kind as 'phone' | 'email', value: i.value, preferred: i.preferred, optedOut: i.optedOut, blocked: i.blocked })),
  });

  it('rejects an invalid phone and e-mail with field errors and saves nothing', async () => {
    const before = data(await call(agent, 'customer.get', { id: world.customers.ivanov.id }));
    const input = editable(before);
    const result = await call(agent, 'customer.update', {
      ...input,
      firstName: 'Пётр',
      identities: [...input.identities, { kind: 'phone', value: '12345' }, { kind: 'email', value: 'not-an-email' }],
    });
    expect(!result.ok && result.error.code).toBe('BAD_REQUEST');
    expect(!result.ok && result.error.fields).toEqual([
      { path: 'identities.1.value', message: 'invalid phone number' },
      { path: 'identities.2.value', message: 'invalid email address' },
    ]);
    const after = data(await call(agent, 'customer.get', { id: world.customers.ivanov.id }));
    expect(after.firstName).toBe('Иван');
    expect(after.updatedAt).toBe(before.updatedAt);
  });

  it('refuses a contact that belongs to another customer', async () => {
    const before = data(await call(agent, 'customer.get', { id: world.customers.smith.id }));
    const result = await call(agent, 'customer.update', { ...editable(before), identities: [{ kind: 'phone', value: '8 903 111-22-33' }] });
    expect(!result.ok && result.error.fields?.[0]).toEqual({ path: 'identities.0.value', message: 'belongs to another customer' });
  });

  it('saves a valid edit, normalises the phone, audits it and pushes it live to another desk', async () => {
    const other = await t.connect((await t.signIn(USERS.supervisor)).token);
    data(await call(other, 'customer.watch', { id: world.customers.ivanov.id }));
    const changed = new Promise<{ id: string }>((resolve) => other.once('customer.changed', resolve));

    const before = data(await call(agent, 'customer.get', { id: world.customers.ivanov.id }));
    const saved = data(
      await call(agent, 'customer.update', {
        ...editable(before),
        firstName: 'Пётр',
        city: 'Казань',
        timeZone: 'Europe/Moscow',
        identities: [...editable(before).identities, { kind: 'phone', value: '8 (999) 000-11-22' }],
      }),
    );
    expect(saved.fullName).toBe('Иванов Пётр');
    expect(saved.identities.map((i) => i.value)).toContain('+79990001122');
    expect((await changed).id).toBe(world.customers.ivanov.id);
    const seenByOther = data(await call(other, 'customer.get', { id: world.customers.ivanov.id }));
    expect(seenByOther.city).toBe('Казань');
    expect(await search('петр')).toContain('Иванов Пётр');

    const entry = await t.hub.db.auditEntry.findFirstOrThrow({ where: { action: 'customer.update', subjectId: world.customers.ivanov.id } });
    expect(JSON.parse(entry.details!)).toMatchObject({ fields: ['firstName', 'city'], identitiesAdded: 1 });
    expect(entry.details).not.toContain('+7999');
  });

  it('refuses an edit based on a stale version', async () => {
    const before = data(await call(agent, 'customer.get', { id: world.customers.smith.id }));
    data(await call(agent, 'customer.update', { ...editable(before), city: 'Тверь' }));
    const stale = await call(agent, 'customer.update', { ...editable(before), city: 'Омск' });
    expect(!stale.ok && stale.error.code).toBe('CONFLICT');
  });
});
