import { DEMO, expect, signInAs, test } from '../fixtures/index.ts';

test('store staff see their own store and masked contacts, and the hub refuses more', async ({ page, hub, api }) => {
  const staff = await api.signIn(DEMO.storeStaff);
  const agent = await api.signIn(DEMO.agent);

  await signInAs(page, hub.url, DEMO.storeStaff);
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Мой магазин' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: staff.user.storeName! })).toBeVisible();

  // Checked on the hub, not just hidden: another store and unmasked contacts are refused.
  const stores = await api.command(agent.token, 'store.list', {});
  const otherStore = stores.ok ? stores.data.find((s) => s.id !== staff.user.storeId) : undefined;
  expect(otherStore).toBeDefined();
  const refused = await api.command(staff.token, 'store.get', { id: otherStore!.id });
  expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
  const ownList = await api.command(staff.token, 'store.list', {});
  expect(ownList.ok && ownList.data.map((s) => s.id)).toEqual([staff.user.storeId]);

  const list = await api.command(staff.token, 'customer.list', { q: 'ова', limit: 5 });
  const first = list.ok ? list.data.items.find((c) => c.phoneMasked) : undefined;
  expect(first).toBeDefined();
  const detail = await api.command(staff.token, 'customer.get', { id: first!.id });
  expect(detail.ok && detail.data.identities.every((i) => i.masked && !/\d{5}/.test(i.value))).toBe(true);
  expect(detail.ok && detail.data.loyalty).toBeNull();
  const edit = await api.command(staff.token, 'customer.update', { id: first!.id } as never);
  expect(!edit.ok && edit.error.code).toBe('FORBIDDEN');

  // And the desk shows the masked phone.
  await page.goto(`${hub.url}/#/customers/${first!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: first!.fullName })).toBeVisible();
  await expect(page.getByText(first!.phoneMasked!).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Изменить' })).toHaveCount(0);
});

test('invalid and unknown commands get error results with codes', async ({ api }) => {
  const { token } = await api.signIn(DEMO.agent);
  const bad = await api.command(token, 'customer.list', { limit: -5 } as never);
  expect(!bad.ok && bad.error.code).toBe('BAD_REQUEST');
  expect(!bad.ok && bad.error.fields?.[0]?.path).toBe('limit');
  const unknown = await api.command(token, 'customer.drop' as never, {} as never);
  expect(!unknown.ok && unknown.error.code).toBe('UNKNOWN_COMMAND');
  const forbidden = await api.command(token, 'user.list', {});
  expect(!forbidden.ok && forbidden.error.code).toBe('FORBIDDEN');
});

test('the desk reconnects by itself when the hub restarts', async ({ page, hub }) => {
  await signInAs(page, hub.url, DEMO.agent);
  await expect(page.getByRole('status', { name: /Связь с хабом: Подключено/ })).toBeVisible();
  await hub.restart();
  await expect(page.getByRole('status', { name: /Связь с хабом: Подключено/ })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('navigation').getByRole('link', { name: 'Клиенты' }).click();
  await expect(page.getByRole('table', { name: 'Клиенты' }).getByRole('row').nth(1)).toBeVisible();
});
