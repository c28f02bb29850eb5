// Search (Ctrl+K) across message text with ё/е folded, opening the timeline at the message found; and a
// keyboard-only pass through the inbox: j/k to move, ? for the help, e to resolve.
import { mkdirSync } from 'node:fs';
import { DemoData, SHOTS_DIR, simulateInbound, uniqueText } from '../fixtures/desk.ts';
import { DEMO, expect, signInAs, test } from '../fixtures/index.ts';

test.beforeAll(() => mkdirSync(SHOTS_DIR, { recursive: true }));

test('search finds a word written with «ё» when typed with «е» and opens the timeline at that message', async ({ page, hub }) => {
  const data = new DemoData(hub);
  // A seeded message whose word the customer or agent wrote with ё (at least one, whatever the seed).
  // («Щёлковское шоссе»: a store's address, so every seed has it.)
  const [hit] = await data.rows<{ n: number }>("SELECT COUNT(*) AS n FROM Message WHERE body LIKE '%Щёлковском%'");
  data.close();
  expect(Number(hit!.n)).toBeGreaterThan(0);

  await signInAs(page, hub.url, DEMO.agent);
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Поиск' });
  const box = palette.getByRole('combobox', { name: 'Поиск клиентов и сообщений' });
  await expect(box).toBeFocused();
  await box.fill('щелковском');
  const results = palette.getByRole('listbox', { name: 'Результаты поиска' });
  const messages = results.getByRole('group', { name: 'Сообщения' });
  const option = messages.getByRole('option').filter({ hasText: 'Щёлковском' }).first();
  await expect(option).toBeVisible();
  // The snippet keeps the original letters and marks the match.
  await expect(option.locator('mark').first()).toHaveText('Щёлковском');
  await page.screenshot({ path: `${SHOTS_DIR}/search.png` });

  const snippet = (await option.locator('mark').first().evaluate((mark) => mark.parentElement?.textContent ?? '')).replace(/^…|…$/g, '').trim();
  await option.click();
  await expect(palette).toBeHidden();
  await expect(page).toHaveURL(/#\/inbox\/[^?]+\?message=/);
  // The timeline opens at that message and marks it.
  const focused = page.getByRole('region', { name: 'События ленты' }).locator('article[aria-current="true"]');
  await expect(focused).toHaveClass(/tl__row--highlight/);
  await expect(focused).toContainText('Щёлковском');
  await expect(focused).toContainText(snippet.slice(0, 40));
  await expect(focused).toBeInViewport();
});

test('keyboard only: j/k move through the inbox, ? shows the shortcuts, e resolves the conversation', async ({ page, hub, api }) => {
  const data = new DemoData(hub);
  const [target] = await data.customersWith(['phone'], [], 1).then(async (rows) => {
    // Someone other than the customers the other desk specs use: the last one with a phone.
    const last = await data.rows<{ id: string; name: string; phone: string }>(
      `SELECT c.id, c.firstName || ' ' || c.lastName AS name, p.normalized AS phone FROM Customer c
         JOIN ContactIdentity p ON p.customerId = c.id AND p.kind = 'phone' AND p.blocked = 0 AND p.optedOut = 0
        WHERE c.mergedIntoId IS NULL AND c.id <> ? ORDER BY c.id DESC LIMIT 1`,
      [rows[0]!.id],
    );
    return last;
  });
  data.close();
  const text = uniqueText('Подскажите, пожалуйста, график работы магазина');
  await simulateInbound(api, { channel: 'sms', from: target!.phone, body: text });

  await signInAs(page, hub.url, DEMO.agent);
  await page.getByRole('navigation').getByRole('link', { name: 'Входящие' }).click();
  const list = page.getByRole('list', { name: 'Диалоги' });
  await expect(list.getByRole('listitem').first()).toContainText(text);
  const second = await list.getByRole('listitem').nth(1).getByRole('link').textContent();

  // Nothing focused: the keys go to the desk.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('j');
  await expect(page.getByRole('heading', { level: 1, name: target!.name })).toBeVisible();
  await page.keyboard.press('j');
  await expect(page.getByRole('heading', { level: 1, name: second! })).toBeVisible();
  await page.keyboard.press('k');
  const pane = page.getByRole('region', { name: 'Диалог', exact: true });
  await expect(pane.getByRole('heading', { level: 1, name: target!.name })).toBeVisible();
  await expect(list.getByRole('link', { name: target!.name, exact: true })).toHaveAttribute('aria-current', 'page');

  await page.keyboard.press('Shift+?');
  const help = page.getByRole('dialog', { name: 'Горячие клавиши' });
  await expect(help).toBeVisible();
  const table = help.getByRole('table', { name: 'Горячие клавиши' });
  for (const action of ['Следующий диалог', 'Предыдущий диалог', 'Решить (открытый или выбранные диалоги)', 'Поиск клиентов и сообщений']) {
    await expect(table.getByRole('row').filter({ hasText: action })).toBeVisible();
  }
  await page.screenshot({ path: `${SHOTS_DIR}/shortcuts.png` });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.keyboard.press('e');
  await expect(pane.getByText('Решён', { exact: true })).toBeVisible();
  // It leaves the open conversations.
  await expect(list.getByRole('link', { name: target!.name, exact: true })).toHaveCount(0);
});
