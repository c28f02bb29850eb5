import type { Locator } from '@playwright/test';
import { formatPhone } from '../../../common/domain/contacts.ts';
import { DEMO, expect, signInAs, test, type HubApi } from '../fixtures/index.ts';

/** The e-mails and phones of a customer as its page shows them. */
async function contactsOf(api: HubApi, token: string, id: string): Promise<string[]> {
  const detail = await api.command(token, 'customer.get', { id });
  if (!detail.ok) throw new Error(`customer.get ${id}: ${detail.error.message}`);
  return detail.data.identities
    .filter((i) => !i.masked && (i.kind === 'email' || i.kind === 'phone'))
    .map((i) => (i.kind === 'phone' ? formatPhone(i.value) : i.value));
}

const customerIdOf = async (link: Locator) => ((await link.getAttribute('href')) ?? '').replace(/^.*#\/customers\//, '');

test('a supervisor merges a suggested duplicate, sees it under Merged, and undoes it', async ({ page, hub, api }) => {
  const { token } = await api.signIn(DEMO.supervisor);
  await signInAs(page, hub.url, DEMO.supervisor);
  await page.getByRole('navigation').getByRole('link', { name: 'Дубликаты' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Дубликаты' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /Сопоставлено .* профилей: .* из / })).toBeVisible();

  const tabs = page.getByRole('tablist', { name: 'Статус предложений' });
  const pending = page.getByRole('list', { name: 'Предложения: Ожидают решения' });
  const empty = page.getByText('Похожих профилей не найдено');
  await expect(pending.or(empty)).toBeVisible();
  if (await empty.isVisible()) {
    await page.getByRole('button', { name: 'Найти дубликаты' }).click();
    await expect(page.getByRole('status').filter({ hasText: /Найдено \d+ нов/ })).toBeVisible();
  }

  // The first suggestion: two profiles, the older one kept by default.
  const card = pending.getByRole('article').first();
  await expect(card.getByRole('list', { name: 'Почему похожи' }).getByRole('listitem').first()).toBeVisible();
  const profiles = card.getByRole('region');
  await expect(profiles).toHaveCount(2);
  const ids = [await customerIdOf(profiles.nth(0).getByRole('link')), await customerIdOf(profiles.nth(1).getByRole('link'))];
  const details = await Promise.all(ids.map((id) => api.command(token, 'customer.get', { id })));
  const created = details.map((d) => (d.ok ? d.data.createdAt : ''));
  const olderIndex = created[1]! < created[0]! ? 1 : 0;
  const keptId = ids[olderIndex]!;
  const mergedId = ids[1 - olderIndex]!;
  await expect(profiles.nth(olderIndex).getByRole('radio')).toBeChecked();
  await expect(profiles.nth(1 - olderIndex).getByRole('radio')).not.toBeChecked();
  const contacts = [...(await contactsOf(api, token, keptId)), ...(await contactsOf(api, token, mergedId))];
  expect(contacts.length).toBeGreaterThan(1);

  await card.getByRole('button', { name: /^Объединить профили/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Объединить профили?' });
  await expect(dialog).toContainText('контакты, обращения, заказы и баллы лояльности');
  await expect(dialog).toContainText('можно отменить');
  await dialog.getByRole('button', { name: 'Объединить', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Профили объединены' })).toBeVisible();
  await expect(pending.locator(`a[href$="/customers/${mergedId}"]`)).toHaveCount(0);

  // Under Merged.
  await tabs.getByRole('tab', { name: /Объединены/ }).click();
  const merged = page.getByRole('list', { name: 'Предложения: Объединены' });
  const mergedCard = merged.getByRole('article').filter({ has: page.locator(`a[href$="/customers/${mergedId}"]`) });
  await expect(mergedCard).toBeVisible();

  // The kept profile has both profiles' contacts.
  await mergedCard.locator(`a[href$="/customers/${keptId}"]`).click();
  const contactList = page.getByRole('list', { name: 'Контакты' });
  await expect(contactList).toBeVisible();
  for (const value of contacts) await expect(contactList.getByText(value, { exact: true }).first()).toBeVisible();
  // The merged profile is gone while merged.
  await page.goto(`${hub.url}/#/customers/${mergedId}`);
  await expect(page.getByText('Клиент не найден')).toBeVisible();

  // Undo.
  await page.goto(`${hub.url}/#/duplicates?tab=merged`);
  await expect(mergedCard).toBeVisible();
  await mergedCard.getByRole('button', { name: /^Отменить объединение/ }).click();
  const undo = page.getByRole('dialog', { name: 'Отменить объединение?' });
  await undo.getByRole('button', { name: 'Отменить объединение', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Объединение отменено' })).toBeVisible();
  await expect(mergedCard).toHaveCount(0);

  // Back under Pending, and the second profile opens again.
  await tabs.getByRole('tab', { name: /Ожидают решения/ }).click();
  await expect(pending.getByRole('article').filter({ has: page.locator(`a[href$="/customers/${mergedId}"]`) })).toBeVisible();
  await page.goto(`${hub.url}/#/customers/${mergedId}`);
  const restored = details[1 - olderIndex]!;
  await expect(page.getByRole('heading', { level: 1, name: restored.ok ? restored.data.fullName : '' })).toBeVisible();
});
