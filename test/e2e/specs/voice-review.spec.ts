// Issue 7 end to end, with a supervisor's desk and an agent's side by side: the supervisor adds a forbidden
// phrase with a replacement to the brand-voice rules; the agent's composer, already open on an SMS
// conversation, flags the phrase in the text typed before the rule existed, and its one-click fix applies
// the replacement; "/" inserts an approved SMS template and the counter shows the encoding and segments;
// the reply goes out. The supervisor then draws a sample, scores every criterion of one conversation,
// comments on a message and submits; the agent reads the review with the comment in My reviews and
// acknowledges it, and the supervisor's open review follows live.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { smsSegments } from '../../../common/domain/sms.ts';
import { foldForSearch } from '../../../common/domain/text.ts';
import { composerOf, DemoData, SHOTS_DIR, simulateInbound, uniqueText } from '../fixtures/desk.ts';
import { DEMO, expect, signInAs, test } from '../fixtures/index.ts';

// Reduced motion: the trend charts are drawn at once instead of animating, so a screenshot shows them whole.
const DESK = { viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' } as const;
/** A spot with nothing under it: the page's bottom-right corner. */
const VIEWPORT_CORNER = { x: DESK.viewport.width - 1, y: DESK.viewport.height - 1 };
/** Not in the default rule set (common/domain/voice/defaultRules.ts): only the supervisor's new rule flags it. */
const PHRASE = 'к сожалению';
const REPLACEMENT = 'увы';
const TYPED = `Здравствуйте, ${PHRASE}, заказ задерживается.`;
const FIXED = `Здравствуйте, ${REPLACEMENT}, заказ задерживается.`;

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS_DIR, `${name}.png`) });

/** The approved template with the shortest Russian SMS text, and a "/" query only its name starts with. */
async function smsTemplate(data: DemoData): Promise<{ name: string; query: string }> {
  const rows = await data.rows<{ name: string; body: string }>(
    `SELECT t.name, json_extract(v.value, '$.body') AS body
       FROM Template t JOIN TemplateVersion tv ON tv.id = t.approvedVersionId, json_each(tv.variants) v
      WHERE t.archived = 0 AND json_extract(v.value, '$.channel') = 'sms' AND json_extract(v.value, '$.locale') = 'ru'
      ORDER BY length(body), t.name`,
  );
  for (const { name } of rows) {
    const query = foldForSearch(name.split(/\s+/)[0]!).slice(0, 5);
    if (rows.filter((other) => foldForSearch(other.name).startsWith(query)).length === 1) return { name, query };
  }
  throw new Error('the demo has no approved SMS template whose name can be picked by its first word');
}

/**
 * Sends what the composer holds and waits for it in the timeline, confirming the warnings the desk may
 * raise first (the customer's night depends on when the suite runs).
 */
async function send(page: Page, composer: Locator, sent: Locator) {
  await composer.getByRole('button', { name: 'Отправить' }).click();
  const confirm = page.getByRole('dialog', { name: 'Всё равно отправить?' });
  await expect(confirm.or(sent)).toBeVisible();
  if (await confirm.isVisible()) await confirm.getByRole('button', { name: 'Отправить' }).click();
  await expect(sent).toBeVisible();
}

test('a supervisor’s new voice rule reaches an open composer live, and a review goes from the sample to the agent’s acknowledgement', async ({ browser, hub, api }) => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS_DIR, { recursive: true });
  const agentUser = (await api.signIn(DEMO.agent)).user;
  const supervisorUser = (await api.signIn(DEMO.supervisor)).user;

  const data = new DemoData(hub);
  const [customer] = await data.customersWith(['phone'], []);
  const template = await smsTemplate(data);
  data.close();
  // The customer's SMS puts their conversation on top of the inbox, answered by SMS by default.
  await simulateInbound(api, { channel: 'sms', from: customer!.phone, body: uniqueText('Когда привезут мой заказ?') });

  const agentContext = await browser.newContext(DESK);
  const supervisorContext = await browser.newContext(DESK);
  const desk = await agentContext.newPage();
  const boss = await supervisorContext.newPage();
  try {
    // ── The agent's composer is open and holds a text the rules in force do not mind. ──
    await signInAs(desk, hub.url, DEMO.agent);
    await desk.getByRole('navigation').getByRole('link', { name: 'Входящие' }).click();
    await desk.getByRole('list', { name: 'Диалоги' }).getByRole('link', { name: customer!.name, exact: true }).first().click();
    await expect(desk.getByRole('heading', { level: 1, name: customer!.name })).toBeVisible();
    const composer = composerOf(desk);
    const body = composer.getByLabel('Текст ответа');
    await expect(composer.getByLabel('Канал ответа')).toHaveValue('sms');
    await body.fill(TYPED);
    const voice = composer.getByRole('region', { name: 'Голос бренда' });
    await expect(voice).toContainText('Голос бренда: замечаний нет.');

    // ── The supervisor adds the phrase with its replacement as a warning and saves a new version. ──
    await signInAs(boss, hub.url, DEMO.supervisor);
    await boss.getByRole('navigation').getByRole('link', { name: 'Настройки' }).click();
    await boss.getByRole('navigation', { name: 'Разделы настроек' }).getByRole('link', { name: 'Голос бренда' }).click();
    await expect(boss.getByRole('heading', { level: 1, name: 'Голос бренда' })).toBeVisible();
    const rulesTitle = boss.getByRole('heading', { level: 2, name: /^Правила \(версия \d+\)$/ });
    const version = Number(/\d+/.exec((await rulesTitle.textContent()) ?? '')![0]);
    await boss.getByLabel('Вид нового правила').selectOption({ label: 'Запрещённые фразы' });
    await boss.getByRole('button', { name: 'Добавить правило' }).click();
    const dialog = boss.getByRole('dialog', { name: 'Новое правило: Запрещённые фразы' });
    await dialog.getByRole('textbox', { name: 'Название', exact: true }).fill('Без «к сожалению»');
    await dialog.getByLabel('Уровень').selectOption({ label: 'Предупреждение' });
    await dialog.getByLabel('Фраза 1').fill(PHRASE);
    await dialog.getByLabel('Замена 1').fill(REPLACEMENT);
    await shot(boss, 'voice-settings-rule-dialog');
    await dialog.getByRole('button', { name: 'Применить' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(boss.getByRole('row', { name: /Без «к сожалению»/ })).toContainText('Предупреждение');
    await boss.getByLabel('Что изменилось').fill('«к сожалению» → «увы»');
    await boss.getByRole('button', { name: `Сохранить как версию ${version + 1}` }).click();
    const saved = boss.getByText(`Сохранено как версия ${version + 1}.`);
    await expect(saved).toBeVisible();
    await saved.scrollIntoViewIfNeeded();
    await shot(boss, 'voice-settings');

    // ── The agent's open composer flags the phrase without a reload; the fix applies the replacement. ──
    await expect(voice).toContainText(`Мы не пишем «${PHRASE}»: лучше «${REPLACEMENT}».`);
    await expect(voice).toContainText('1 предупреждение');
    // The underline is decoration behind the textarea (hidden from assistive technology, which reads the list).
    await expect(composer.locator('.voice-mark--warning')).toHaveText(PHRASE);
    await shot(desk, 'composer-lint');
    await composer.getByRole('button', { name: `Исправить: заменить «${PHRASE}» на «${REPLACEMENT}»` }).click();
    await expect(body).toHaveValue(FIXED);
    await expect(voice).toContainText('Голос бренда: замечаний нет.');

    // ── "/" and the start of a template's name, Enter: the template is filled in for this customer. ──
    await body.press('Control+End');
    await body.pressSequentially(` /${template.query}`);
    const picker = desk.getByRole('listbox', { name: 'Шаблоны' });
    await expect(picker.getByRole('option', { selected: true })).toContainText(template.name);
    await shot(desk, 'composer-template-picker');
    await body.press('Enter');
    await expect(picker).toHaveCount(0);
    await expect(composer.getByRole('status').filter({ hasText: `Вставлен шаблон «${template.name}».` })).toBeVisible();
    await expect(body).toHaveValue(new RegExp(`^${FIXED} \\S`));
    const reply = await body.inputValue();
    expect(reply).not.toContain(`/${template.query}`);
    const sms = smsSegments(reply);
    expect(sms.encoding).toBe('UCS-2');
    await expect(composer.getByText(`UCS-2 · ${sms.segments} SMS · осталось ${sms.remainingInSegment} символов`)).toBeVisible();

    await send(desk, composer, desk.getByRole('region', { name: 'События ленты' }).getByRole('article').filter({ hasText: FIXED }));
    await expect(body).toHaveValue('');

    // ── The supervisor draws a sample of the agent's conversations and opens one nobody has started. ──
    await boss.getByRole('navigation').getByRole('link', { name: 'Оценка диалогов' }).click();
    const draw = boss.getByRole('form', { name: 'Новая выборка' });
    await draw.getByRole('checkbox', { name: agentUser.displayName }).check();
    await draw.getByLabel('Диалогов на оператора').fill('10');
    await draw.getByRole('button', { name: 'Сделать выборку' }).click();
    const items = boss.getByRole('region', { name: /диалог(а|ов)? в выборке$/ });
    const fresh = items.getByRole('row').filter({ hasText: 'Не начата' }).first();
    await expect(fresh).toBeVisible();
    await boss.getByRole('heading', { level: 1, name: 'Оценка диалогов' }).scrollIntoViewIfNeeded();
    await shot(boss, 'review-samples');
    const open = fresh.getByRole('link', { name: new RegExp(`^Оценить диалог оператора ${agentUser.displayName} с клиентом `) });
    const reviewed = (await open.getAttribute('aria-label'))!.replace(/^.* с клиентом /, '');
    await open.click();
    const reviewHeading = boss.getByRole('heading', { level: 1, name: `${agentUser.displayName} — ${reviewed}` });
    await expect(reviewHeading).toBeVisible();

    // Every criterion at its top score, a comment on one of the agent's messages, submit.
    const scorecard = boss.getByRole('region', { name: 'Скоркарта' });
    const scores = scorecard.getByRole('spinbutton', { name: /: оценка от 0 до \d+$/ });
    await expect(scores.first()).toBeVisible();
    for (const score of await scores.all()) await score.fill((await score.getAttribute('max'))!);
    await expect(scorecard.getByText('Итог 100 из 100')).toBeVisible();
    const thread = boss.getByRole('region', { name: 'Диалог' });
    await thread.getByRole('button', { name: `Прокомментировать сообщение: ${agentUser.displayName}` }).first().click();
    const comment = uniqueText('Хорошо, что назвали срок; в следующий раз добавьте номер заказа.');
    await thread.getByLabel('Комментарий для оператора').fill(comment);
    await thread.getByRole('button', { name: 'Добавить комментарий' }).click();
    await expect(thread.getByRole('list', { name: 'Комментарии к этому сообщению' }).filter({ hasText: comment })).toBeVisible();
    await reviewHeading.scrollIntoViewIfNeeded();
    await shot(boss, 'review-editor');
    await scorecard.getByRole('button', { name: 'Отправить оценку' }).click();
    await expect(scorecard.getByText('Отправлено. Оператор уже видит оценку.')).toBeVisible();
    await expect(boss.getByText('Ждёт ответа', { exact: true })).toBeVisible();

    // ── The agent reads the review with the comment and acknowledges it. ──
    await desk.getByRole('navigation').getByRole('link', { name: 'Мои оценки' }).click();
    const newest = desk.getByRole('list', { name: 'Оценки ваших диалогов' }).getByRole('listitem').first();
    await expect(newest).toContainText('Ждёт ответа');
    await expect(newest).toContainText('Итог 100 из 100');
    await expect(newest).toContainText(supervisorUser.displayName);
    await expect(newest).toContainText('1 комментарий');
    await shot(desk, 'my-reviews');
    await newest.getByRole('link', { name: new RegExp(`^Оценка от ${supervisorUser.displayName}, `) }).click();
    await expect(desk.getByRole('heading', { level: 1, name: `Ваш диалог с клиентом ${reviewed}` })).toBeVisible();
    await expect(desk.getByRole('list', { name: 'Комментарии к этому сообщению' }).filter({ hasText: comment })).toBeVisible();
    await shot(desk, 'my-review');
    await desk.getByRole('button', { name: 'Подтвердить' }).click();
    await expect(desk.getByText('Вы подтвердили эту оценку.')).toBeVisible();
    await expect(desk.getByRole('button', { name: 'Подтвердить' })).toHaveCount(0);

    // The supervisor's open review follows without a reload.
    await expect(boss.getByText('Подтверждена', { exact: true })).toBeVisible();

    // ── The rest of the supervisor's screens, for the visual check. ──
    await boss.getByRole('link', { name: 'К выборкам' }).click();
    await boss.getByRole('button', { name: 'Динамика' }).click();
    await expect(boss.getByRole('figure', { name: /^Линейный график: Средний итог по операторам/ })).toBeVisible();
    await shot(boss, 'review-trends');
    await boss.getByRole('navigation').getByRole('link', { name: 'Шаблоны' }).click();
    await boss.getByRole('list', { name: 'Шаблоны' }).getByRole('button', { name: new RegExp(`^${template.name}`) }).click();
    const editor = boss.getByRole('form', { name: 'Редактор шаблона' });
    await editor.getByRole('tab', { name: 'SMS · RU' }).click();
    await expect(editor.getByRole('tabpanel', { name: 'SMS · RU' }).getByText(/^UCS-2 · \d+ сегмент/)).toBeVisible();
    await boss.getByRole('heading', { level: 1, name: 'Шаблоны' }).scrollIntoViewIfNeeded();
    // The pointer rests where the template was clicked: off the list, so no row shows a stray hover.
    await boss.mouse.move(VIEWPORT_CORNER.x, VIEWPORT_CORNER.y);
    await shot(boss, 'templates-editor');
  } finally {
    await agentContext.close();
    await supervisorContext.close();
  }
});
