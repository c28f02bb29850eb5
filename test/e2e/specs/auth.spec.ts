import { DEMO, DEMO_PASSWORD, expect, signInAs, test } from '../fixtures/index.ts';

const roles = [
  { email: DEMO.admin, role: 'Администратор' },
  { email: DEMO.agent, role: 'Оператор' },
  { email: DEMO.supervisor, role: 'Супервайзер' },
  { email: DEMO.marketer, role: 'Маркетолог' },
  { email: DEMO.storeStaff, role: 'Сотрудник магазина' },
];

test.describe('sign-in', () => {
  for (const { email, role } of roles) {
    test(`${email} signs in, sees their name and role, and signs out`, async ({ page, hub, api }) => {
      const me = (await api.signIn(email)).user;
      await signInAs(page, hub.url, email);
      const banner = page.getByRole('banner');
      await expect(banner.getByText(me.displayName)).toBeVisible();
      await expect(banner.getByText(role)).toBeVisible();
      await expect(page.getByRole('status', { name: /Связь с хабом: Подключено/ })).toBeVisible();
      const usersLink = page.getByRole('navigation').getByRole('link', { name: 'Пользователи' });
      await expect(usersLink).toHaveCount(email === DEMO.admin ? 1 : 0);

      await page.getByRole('button', { name: 'Выйти' }).click();
      await expect(page.getByRole('button', { name: 'Войти' })).toBeVisible();
    });
  }

  test('a wrong password gets the generic error and no session', async ({ page, hub }) => {
    await page.goto(hub.url);
    await page.getByLabel('Электронная почта').fill(DEMO.agent);
    await page.getByRole('textbox', { name: 'Пароль', exact: true }).fill(`${DEMO_PASSWORD}-wrong`);
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(page.getByText('Неверная почта или пароль.')).toBeVisible();
    await expect(page.getByRole('navigation')).toHaveCount(0);
  });
});

test('the language switch changes the desk and is remembered', async ({ page, hub }) => {
  await signInAs(page, hub.url, DEMO.agent);
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Клиенты' })).toBeVisible();
  await page.getByLabel('Язык интерфейса').selectOption('en');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Customers' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Customers' })).toBeVisible();
  await page.getByLabel('Interface language').selectOption('ru');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Клиенты' })).toBeVisible();
});

test('an admin creates a store-staff user who can then sign in', async ({ page, hub, browser }) => {
  await signInAs(page, hub.url, DEMO.admin);
  await page.getByRole('navigation').getByRole('link', { name: 'Пользователи' }).click();
  await page.getByRole('button', { name: 'Новый пользователь' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Электронная почта').fill('new.seller@demo.local');
  await dialog.getByLabel('Имя и фамилия').fill('Ольга Новикова');
  await dialog.getByRole('combobox', { name: 'Роль', exact: true }).selectOption('store_staff');
  await dialog.getByRole('combobox', { name: 'Магазин', exact: true }).selectOption({ index: 1 });
  await dialog.getByLabel('Начальный пароль').fill('seller-password-1');
  await dialog.getByRole('button', { name: 'Создать' }).click();
  await expect(page.getByRole('row', { name: /Ольга Новикова/ })).toBeVisible();

  const other = await browser.newContext();
  const sellerPage = await other.newPage();
  await sellerPage.goto(hub.url);
  await sellerPage.getByLabel('Электронная почта').fill('new.seller@demo.local');
  await sellerPage.getByRole('textbox', { name: 'Пароль', exact: true }).fill('seller-password-1');
  await sellerPage.getByRole('button', { name: 'Войти' }).click();
  await expect(sellerPage.getByRole('banner').getByText('Сотрудник магазина')).toBeVisible();
  await other.close();
});
