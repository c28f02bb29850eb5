// The hub restarts under an open desk: the desk reconnects, catches up from its cursor and shows what
// happened while it was away exactly once, without reloading the page; a reply typed while the hub was
// down waits in the desk's queue and goes out once.
import { composerOf, DemoData, sentMessage, simulateInbound, uniqueText } from '../fixtures/desk.ts';
import { DEMO, expect, signInAs, test } from '../fixtures/index.ts';

test('after a hub restart the desk catches up with no duplicate and no reload', async ({ page, hub, api }) => {
  const data = new DemoData(hub);
  const [target] = await data.customersWith(['phone'], [], 3).then((rows) => rows.slice(2));
  data.close();
  const before = uniqueText('Здравствуйте, я по поводу возврата.');
  await simulateInbound(api, { channel: 'sms', from: target!.phone, body: before });

  await signInAs(page, hub.url, DEMO.agent);
  await page.getByRole('navigation').getByRole('link', { name: 'Входящие' }).click();
  const list = page.getByRole('list', { name: 'Диалоги' });
  await list.getByRole('link', { name: target!.name, exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: target!.name })).toBeVisible();
  await expect(sentMessage(page, before)).toHaveCount(1);
  const connection = page.getByRole('status', { name: /^Связь с хабом/ });
  await expect(connection).toHaveAccessibleName(/Подключено/);

  // A marker a page load would wipe out.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  const confirm = page.getByRole('dialog', { name: 'Всё равно отправить?' });
  const offline = uniqueText('Пока хаб был недоступен: возврат оформим в магазине.');
  await hub.restart(async () => {
    await expect(connection).toHaveAccessibleName(/Переподключение|Нет связи|Подключение/);
    // A reply written while the hub is away waits in the desk's queue.
    const composer = composerOf(page);
    await composer.getByLabel('Канал ответа').selectOption('sms');
    await composer.getByLabel('Текст ответа').fill(offline);
    await composer.getByRole('button', { name: 'Отправить' }).click();
    const queue = composer.getByRole('list', { name: 'Ждут отправки' });
    // The customer's night (depending on when this runs) is confirmed before the reply is queued.
    await expect(confirm.or(queue)).toBeVisible();
    if (await confirm.isVisible()) await confirm.getByRole('button', { name: 'Отправить' }).click();
    await expect(queue).toContainText(offline);
  });
  // The customer writes again right after the restart, before or while the desk reconnects.
  const after = uniqueText('Спасибо! А чек нужен?');
  await simulateInbound(api, { channel: 'sms', from: target!.phone, body: after });

  await expect(connection).toHaveAccessibleName(/Подключено/, { timeout: 30_000 });
  await expect(confirm).toBeHidden();

  await expect(sentMessage(page, after)).toHaveCount(1);
  await expect(sentMessage(page, offline)).toHaveCount(1);
  await expect(sentMessage(page, offline)).toContainText(/Отправлено|Доставлено/);
  await expect(sentMessage(page, before)).toHaveCount(1);
  await expect(composerOf(page).getByRole('list', { name: 'Ждут отправки' })).toHaveCount(0);
  // The inbox row moved with the new message, once.
  await expect(list.getByRole('link', { name: target!.name, exact: true })).toHaveCount(1);
  await expect(list.getByRole('listitem').filter({ hasText: target!.name })).toContainText(/чек нужен|Пока хаб/);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // The hub stored each message once (the queued reply was not sent twice).
  const check = new DemoData(hub);
  const counts = await check.rows<{ body: string; n: number }>(
    'SELECT body, COUNT(*) AS n FROM Message WHERE customerId = (SELECT customerId FROM ContactIdentity WHERE kind = ? AND normalized = ?) AND body IN (?, ?, ?) GROUP BY body',
    ['phone', target!.phone, before, offline, after],
  );
  check.close();
  expect(counts.map((c) => Number(c.n))).toEqual([1, 1, 1]);
});
