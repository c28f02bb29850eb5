import { DEMO, expect, signInAs, test } from '../fixtures/index.ts';

const SMS_ACCOUNT = 'SMS (симулятор Twilio)';

test('an admin sees the SMS channel with its secret set, and a simulated inbound SMS reaches the hub', async ({ page, hub, api }) => {
  await signInAs(page, hub.url, DEMO.admin);
  await page.getByRole('navigation').getByRole('link', { name: 'Настройки' }).click();
  await expect(page).toHaveURL(/#\/settings\/channels$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Каналы' })).toBeVisible();

  const card = page.getByRole('article', { name: SMS_ACCOUNT });
  await expect(card).toBeVisible();
  await expect(card.getByText('SMS', { exact: true })).toBeVisible();
  await expect(card.getByRole('switch', { name: `Включить канал «${SMS_ACCOUNT}»` })).toHaveAttribute('aria-checked', 'true');
  await expect(card.getByText('Auth Token: задан')).toBeVisible();

  // Test connection reads the simulated Twilio account with the stored secret and says so on the card.
  await card.getByRole('button', { name: `Проверить подключение канала «${SMS_ACCOUNT}»` }).click();
  await expect(card.getByRole('status')).toHaveText(/^Подключение работает: Twilio account .* is active$/);
  await expect(card.getByRole('button', { name: `Проверить подключение канала «${SMS_ACCOUNT}»` })).toBeEnabled();

  // The edit dialog says the secret is set but never holds its value.
  await card.getByRole('button', { name: `Изменить канал «${SMS_ACCOUNT}»` }).click();
  const dialog = page.getByRole('dialog', { name: `Канал «${SMS_ACCOUNT}»` });
  const token = dialog.getByLabel('Auth Token');
  await expect(token).toHaveAttribute('type', 'password');
  await expect(token).toHaveValue('');
  await expect(dialog.getByText('Задан — оставьте пустым, чтобы не менять')).toBeVisible();
  await expect(dialog.getByLabel('Тип канала')).toHaveCount(0);
  // The dialog tests the form as typed: the blank secret is the stored one.
  await dialog.getByRole('button', { name: 'Проверить подключение' }).click();
  await expect(dialog.getByRole('status')).toHaveText(/^Подключение работает/);
  await dialog.getByRole('button', { name: 'Отмена' }).click();
  await expect(dialog).toBeHidden();

  // Nor does the hub send it to a desk.
  const { token: adminToken } = await api.signIn(DEMO.admin);
  const list = await api.command(adminToken, 'channel.list', {});
  expect(list.ok).toBe(true);
  const sms = list.ok ? list.data.find((a) => a.name === SMS_ACCOUNT) : undefined;
  expect(sms?.secretsSet).toContain('authToken');
  expect(JSON.stringify(sms)).not.toMatch(/authToken"\s*:/);

  // Simulate an inbound SMS and see the hub confirm it.
  const simulate = page.getByRole('region', { name: 'Проверка входящих' });
  await simulate.getByLabel('Канал').selectOption('sms');
  await simulate.getByLabel('Текст сообщения').fill('Проверка связи из e2e');
  await simulate.getByRole('button', { name: 'Отправить тестовое сообщение' }).click();
  await expect(simulate.getByText(/SMS от \+7 [\d -]+: «Проверка связи из e2e»/)).toBeVisible();
  await expect(simulate.getByText(/Хаб принял сообщение/)).toBeVisible({ timeout: 15_000 });
});

test('an agent has no Settings link and cannot open channel settings', async ({ page, hub }) => {
  await signInAs(page, hub.url, DEMO.agent);
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Клиенты' })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Настройки' })).toHaveCount(0);
  await page.goto(`${hub.url}/#/settings/channels`);
  await expect(page.getByText('Нет доступа к этому разделу')).toBeVisible();
  await expect(page.getByRole('switch')).toHaveCount(0);
});
