// The agent's desk around one customer: the inbox filters, one timeline with every channel, purchases and
// loyalty interleaved, an SMS reply whose status changes in place, a second desk that sees it live, and
// the warning before writing to a channel the customer opted out of.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { composerOf, DemoData, recordedStatuses, recordStatuses, sendReply, sentMessage, SHOTS_DIR, simulateInbound, uniqueText } from '../fixtures/desk.ts';
import { DEMO, expect, signInAs, test } from '../fixtures/index.ts';

test.describe.configure({ mode: 'serial' });

let customer: { id: string; name: string; phone: string; timeZone: string };
let conversationUrl = '';

test.beforeAll(async ({ hub }) => {
  const data = new DemoData(hub);
  customer = await data.multichannelCustomer();
  data.close();
  mkdirSync(SHOTS_DIR, { recursive: true });
});

interface SeenRow {
  index: number;
  at: string;
  kind: 'message' | 'order' | 'loyalty' | 'other';
  channel: string | null;
}

/** Scrolls the timeline from its end to its start and returns every row it rendered on the way, by index. */
async function readWholeTimeline(page: Page): Promise<SeenRow[]> {
  const scroller = page.getByRole('region', { name: 'События ленты' });
  const seen = new Map<number, SeenRow>();
  for (let step = 0; step < 200; step++) {
    const rows = await scroller.evaluate(async (el) => {
      // Two frames: the virtualiser has rendered and measured what the last scroll revealed.
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return [...el.querySelectorAll('article[data-index]')].map((article) => {
        const time = article.querySelector('time');
        const label = article.querySelector('.tl-item__head [role="img"]')?.getAttribute('aria-label') ?? null;
        const text = article.textContent ?? '';
        return {
          index: Number(article.getAttribute('data-index')),
          at: time?.getAttribute('datetime') ?? '',
          kind: (label ? 'message' : /Заказ /.test(text) ? 'order' : /баллов/.test(text) ? 'loyalty' : 'other') as SeenRow['kind'],
          channel: label,
        };
      });
    });
    // Indexes shift when an older page is prepended: start over with what is on screen now.
    for (const row of rows) seen.set(row.index, row);
    const done = await scroller.evaluate((el) => el.scrollTop === 0);
    const older = page.getByRole('button', { name: 'Загрузить раньше' });
    if (done && !(await older.isVisible())) break;
    if (done) {
      seen.clear();
      await older.click();
      continue;
    }
    await scroller.evaluate((el) => el.scrollBy(0, -el.clientHeight * 0.7));
  }
  return [...seen.values()].sort((a, b) => a.index - b.index);
}

test('an agent filters the inbox and sees one customer’s e-mail, SMS and Telegram interleaved with a purchase and loyalty points', async ({ page, hub, api }) => {
  // The customer writes again by SMS now, so their conversation is at the top of the open SMS ones.
  const text = uniqueText('Добрый день! Где мой заказ?');
  await simulateInbound(api, { channel: 'sms', from: customer.phone, body: text });

  await signInAs(page, hub.url, DEMO.agent);
  await page.getByRole('navigation').getByRole('link', { name: 'Входящие' }).click();
  const filters = page.getByRole('group', { name: 'Фильтры' });
  await filters.getByLabel('Статус').selectOption({ label: 'Открыт' });
  await filters.getByLabel('Канал').selectOption({ label: 'SMS' });
  const list = page.getByRole('list', { name: 'Диалоги' });
  const row = list.getByRole('listitem').filter({ has: page.getByRole('link', { name: customer.name, exact: true }) });
  await expect(row).toBeVisible();
  await expect(row.getByRole('img', { name: 'SMS' })).toBeVisible();
  await expect(row).toContainText(text);
  // Every row left is an open SMS conversation.
  await expect(list.getByRole('listitem').first().getByRole('img', { name: 'SMS' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS_DIR}/inbox.png` });

  await row.getByRole('link', { name: customer.name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: customer.name })).toBeVisible();
  conversationUrl = page.url();
  await expect(sentMessage(page, text)).toBeVisible();
  // At this width the profile opens beside the timeline on demand.
  await page.getByRole('button', { name: 'Профиль' }).click();
  const profile = page.getByRole('complementary', { name: 'Профиль клиента' });
  await expect(profile).toBeVisible();
  const [firstName, lastName] = customer.name.split(' ');
  await expect(profile.getByRole('heading', { level: 2, name: new RegExp(`^${lastName} ${firstName}`) })).toBeVisible();
  await page.screenshot({ path: `${SHOTS_DIR}/conversation.png` });
  await profile.getByRole('button', { name: 'Закрыть' }).click();
  await expect(profile).toBeHidden();

  const rows = await readWholeTimeline(page);
  const channels = new Set(rows.filter((r) => r.kind === 'message').map((r) => r.channel));
  expect([...channels]).toEqual(expect.arrayContaining(['Почта', 'SMS', 'Telegram']));
  expect(rows.some((r) => r.kind === 'order')).toBe(true);
  expect(rows.some((r) => r.kind === 'loyalty')).toBe(true);
  // One timeline in time order, not one block per channel or kind.
  const times = rows.map((r) => Date.parse(r.at));
  expect(times).toEqual([...times].sort((a, b) => a - b));
  const switches = rows.filter((r) => r.kind === 'message').filter((r, i, all) => i > 0 && all[i - 1]!.channel !== r.channel).length;
  expect(switches).toBeGreaterThanOrEqual(2);
  // A purchase or loyalty entry sits between messages.
  const firstMessage = rows.findIndex((r) => r.kind === 'message');
  const lastMessage = rows.findLastIndex((r) => r.kind === 'message');
  expect(rows.some((r, i) => r.kind !== 'message' && i > firstMessage && i < lastMessage)).toBe(true);
});

test('an SMS reply changes status in place, and a second agent sees it and the typing live', async ({ page, hub, browser }) => {
  test.skip(!conversationUrl, 'needs the conversation opened by the previous test');
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signInAs(other, hub.url, DEMO.agent2);
  await other.goto(conversationUrl);
  await expect(other.getByRole('heading', { level: 1, name: customer.name })).toBeVisible();

  await signInAs(page, hub.url, DEMO.agent);
  await page.goto(conversationUrl);
  await expect(page.getByRole('heading', { level: 1, name: customer.name })).toBeVisible();
  // Each desk lists the other as viewing.
  await expect(other.getByRole('list', { name: /^Также смотрят:/ })).toBeVisible();

  // Typing shows in the other desk while the agent writes.
  const composer = composerOf(page);
  await composer.getByLabel('Канал ответа').selectOption('sms');
  await composer.getByLabel('Текст ответа').pressSequentially('Здравствуйте', { delay: 20 });
  await expect(other.getByText(/печатает…$/)).toBeVisible();

  // Record every status the reply shows, from the moment it appears.
  const reply = uniqueText('Заказ уже в пути, курьер позвонит за час.');
  await recordStatuses(page, reply);
  const mine = await sendReply(page, reply, { channel: 'sms' });
  await expect(mine).toContainText('Доставлено');
  await expect(sentMessage(page, reply)).toHaveCount(1);
  const statuses = await recordedStatuses(page, reply);
  expect(statuses.at(-1)).toMatch(/^Доставлено/);
  expect(statuses[0]).toMatch(/^(В очереди|Отправлено)/);

  // The other desk got the reply and its delivery without a reload, and the typing ended.
  await expect(sentMessage(other, reply)).toHaveCount(1);
  await expect(sentMessage(other, reply)).toContainText('Доставлено');
  await expect(other.getByText(/печатает…$/)).toBeHidden({ timeout: 15_000 });
  await otherContext.close();
});

test('the composer warns before writing to a channel the customer opted out of', async ({ page, hub, api }) => {
  const data = new DemoData(hub);
  const [target] = await data.customersWith(['phone'], [customer.id]);
  data.close();
  // The customer answers STOP: the hub marks the phone opted out.
  await simulateInbound(api, { channel: 'sms', from: target!.phone, body: 'STOP' });

  await signInAs(page, hub.url, DEMO.agent);
  await page.getByRole('navigation').getByRole('link', { name: 'Входящие' }).click();
  const list = page.getByRole('list', { name: 'Диалоги' });
  await list.getByRole('link', { name: target!.name, exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: target!.name })).toBeVisible();

  const composer = composerOf(page);
  await composer.getByLabel('Канал ответа').selectOption('sms');
  await expect(composer.getByLabel('Канал ответа').locator('option:checked')).toContainText('отписан');
  await expect(composer.getByText('Клиент отписался от этого канала.')).toBeVisible();

  // Sending asks first; cancelling sends nothing.
  const text = uniqueText('Напоминаем о заказе');
  await composer.getByLabel('Текст ответа').fill(text);
  await composer.getByRole('button', { name: 'Отправить' }).click();
  const dialog = page.getByRole('dialog', { name: 'Всё равно отправить?' });
  await expect(dialog.getByText('Клиент отписался от этого канала.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Отмена' }).click();
  await expect(dialog).toBeHidden();
  await expect(sentMessage(page, text)).toHaveCount(0);
  await expect(composer.getByLabel('Текст ответа')).toHaveValue(text);
});
