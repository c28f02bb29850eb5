import type { CustomerDetail } from '../../../common/api/customers.ts';
import { DEMO, expect, signInAs, test, type HubApi } from '../fixtures/index.ts';

/** A demo customer with a Russian phone, read through the hub's API as an agent. */
async function customerWithPhone(api: HubApi): Promise<CustomerDetail & { phone: string }> {
  const { token } = await api.signIn(DEMO.agent);
  const page = await api.command(token, 'customer.list', { q: 'ова', limit: 50 });
  if (!page.ok) throw new Error(page.error.message);
  for (const item of page.data.items) {
    if (!item.phoneMasked?.startsWith('+7')) continue;
    const detail = await api.command(token, 'customer.get', { id: item.id });
    if (!detail.ok) continue;
    const phone = detail.data.identities.find((i) => i.kind === 'phone' && i.value.startsWith('+7'));
    if (phone) return { ...detail.data, phone: phone.value };
  }
  throw new Error('no demo customer with a Russian phone');
}

/** +79123456789 → 8 (912) 345-67-89 and +7 912 345 67 89 */
const phoneFormats = (e164: string) => {
  const d = e164.slice(2);
  return [`8 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`, `+7 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8)}`, `8${d}`];
};

test('an agent finds a customer by a Cyrillic surname and by a phone in several formats', async ({ page, hub, api }) => {
  const customer = await customerWithPhone(api);
  await signInAs(page, hub.url, DEMO.agent);
  await page.getByRole('navigation').getByRole('link', { name: 'Клиенты' }).click();
  const search = page.getByLabel('Поиск клиентов');
  const table = page.getByRole('table', { name: 'Клиенты' });

  await search.fill(customer.lastName.toLowerCase().replace(/ё/g, 'е'));
  await expect(table.getByRole('link', { name: customer.fullName })).toBeVisible();

  for (const format of phoneFormats(customer.phone)) {
    await search.fill(format);
    await expect(table.getByRole('link', { name: customer.fullName })).toBeVisible();
    await expect(table.getByRole('row')).toHaveCount(2); // header + the one customer
  }

  await search.fill('Несуществующийклиент');
  await expect(page.getByText('Нет клиентов по запросу «Несуществующийклиент»')).toBeVisible();
});

test('an edit in one desk appears live in another desk showing the customer', async ({ page, hub, api, browser }) => {
  const customer = await customerWithPhone(api);
  await signInAs(page, hub.url, DEMO.agent);
  await page.goto(`${hub.url}/#/customers/${customer.id}`);
  await expect(page.getByRole('heading', { level: 1, name: customer.fullName })).toBeVisible();

  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signInAs(other, hub.url, DEMO.supervisor);
  await other.goto(`${hub.url}/#/customers/${customer.id}`);
  await expect(other.getByRole('heading', { level: 1, name: customer.fullName })).toBeVisible();

  const newCity = customer.city === 'Калуга' ? 'Тула' : 'Калуга';
  await page.getByRole('button', { name: 'Изменить' }).click();
  await page.getByLabel('Город').fill(newCity);
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Изменения сохранены.')).toBeVisible();

  await expect(other.getByText('Карточку только что изменили на другом рабочем месте — показаны свежие данные.')).toBeVisible();
  await expect(other.getByRole('main').getByText(newCity).first()).toBeVisible();
  await otherContext.close();
});

test('an invalid phone gets a field error and nothing is saved', async ({ page, hub, api }) => {
  const customer = await customerWithPhone(api);
  await signInAs(page, hub.url, DEMO.agent);
  await page.goto(`${hub.url}/#/customers/${customer.id}`);
  await page.getByRole('button', { name: 'Изменить' }).click();
  await page.getByRole('button', { name: 'Добавить телефон' }).click();
  const phones = page.getByLabel(/^Телефон \d+$/);
  await phones.last().fill('12345');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Неверный номер телефона')).toBeVisible();

  const { token } = await api.signIn(DEMO.agent);
  const after = await api.command(token, 'customer.get', { id: customer.id });
  expect(after.ok && after.data.updatedAt).toBe(customer.updatedAt);
});
