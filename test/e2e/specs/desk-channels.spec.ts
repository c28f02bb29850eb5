// Issue 4's "reply on each channel", from the desk: one customer answered by e-mail, SMS, Telegram and web
// chat, each reply leaving through the outbox with its status updating live. SMS and Telegram go to the
// demo's simulators; the demo has no mail server, so this spec runs an SMTP sink and an admin sets up the
// mailbox and a web chat in Settings → Channels (through the hub's API, as the settings page does).
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { startSmtpSink, type SmtpSink } from '../../integration/fixtures/mailServers.ts';
import { DemoData, recordedStatuses, recordStatuses, sendReply, sentMessage, simulateInbound, uniqueText } from '../fixtures/desk.ts';
import { DEMO, expect, signInAs, test } from '../fixtures/index.ts';

let smtp: SmtpSink;

test.beforeAll(async ({ hub, api }) => {
  smtp = await startSmtpSink();
  const { token } = await api.signIn(DEMO.admin);
  const mail = await api.command(token, 'channel.save', {
    kind: 'email',
    name: 'Почта e2e (SMTP-приёмник)',
    enabled: true,
    settings: {
      address: 'support@amper.example',
      displayName: 'Ампер — служба заботы',
      // Nothing listens here: this spec only sends; the reader's failures show on the channel card.
      imap: { host: '127.0.0.1', port: 9, secure: false, user: 'support', pollSeconds: 3600 },
      smtp: { host: smtp.host, port: smtp.port, secure: false },
      attachmentsDir: join(hub.dataDir, 'mail-attachments'),
    },
    secrets: { imapPassword: 'unused' },
  });
  expect(mail.ok, JSON.stringify(mail)).toBe(true);
  const chat = await api.command(token, 'channel.save', {
    kind: 'webchat',
    name: 'Веб-чат e2e',
    enabled: true,
    settings: {},
    secrets: { tokenSecret: 'e2e-webchat-token-secret-0123456789abcdef' },
  });
  expect(chat.ok, JSON.stringify(chat)).toBe(true);
});

test.afterAll(async ({ api }) => {
  await smtp?.close();
  // Leave the shared hub as the demo made it: switch the two accounts off.
  const { token } = await api.signIn(DEMO.admin);
  const list = await api.command(token, 'channel.list', {});
  for (const account of list.ok ? list.data : []) {
    if (account.name.endsWith('e2e') || account.name.startsWith('Почта e2e')) await api.command(token, 'channel.setEnabled', { id: account.id, enabled: false });
  }
});

test('an agent replies by e-mail, SMS, Telegram and web chat and sees each status update live', async ({ page, hub, api }) => {
  const data = new DemoData(hub);
  const [customer] = await data.customersWith(['email', 'telegram', 'webchat'], []);
  const [email] = await data.rows<{ normalized: string }>("SELECT normalized FROM ContactIdentity WHERE customerId = ? AND kind = 'email'", [customer!.id]);
  data.close();
  // The customer writes by Telegram, so their conversation is on top of the inbox.
  await simulateInbound(api, { channel: 'telegram', from: (await telegramOf(hub, customer!.id))!, body: uniqueText('Добрый день! Ответьте, пожалуйста, где удобнее') });

  await signInAs(page, hub.url, DEMO.agent);
  await page.getByRole('navigation').getByRole('link', { name: 'Входящие' }).click();
  await page.getByRole('list', { name: 'Диалоги' }).getByRole('link', { name: customer!.name, exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: customer!.name })).toBeVisible();

  const replies = {
    sms: uniqueText('Ответ по SMS: заказ готов к выдаче.'),
    telegram: uniqueText('Ответ в Telegram: заказ готов к выдаче.'),
    email: uniqueText('Ответ письмом: заказ готов к выдаче.'),
    webchat: uniqueText('Ответ в веб-чат: заказ готов к выдаче.'),
  } as const;
  // What each provider reports last: the SMS network a delivery receipt, the others that it was sent.
  const final = { sms: 'Доставлено', telegram: 'Отправлено', email: 'Отправлено', webchat: 'Отправлено' } as const;

  for (const channel of ['sms', 'telegram', 'email', 'webchat'] as const) {
    await recordStatuses(page, replies[channel]);
    const row = await sendReply(page, replies[channel], { channel, ...(channel === 'email' ? { subject: 'Ваш заказ' } : {}) });
    await expect(row.getByRole('img', { name: { sms: 'SMS', telegram: 'Telegram', email: 'Почта', webchat: 'Веб-чат' }[channel] })).toBeVisible();
    await expect(row).toContainText(final[channel]);
    await expect(sentMessage(page, replies[channel])).toHaveCount(1);
    const statuses = await recordedStatuses(page, replies[channel]);
    expect(statuses.at(-1), `${channel}: ${statuses.join(' → ')}`).toMatch(new RegExp(`^${final[channel]}`));
  }

  // The e-mail reached the mail server, addressed to the customer.
  await expect.poll(() => smtp.received.filter((m) => m.to.includes(email!.normalized)).length).toBe(1);
  const mail = await simpleParser(smtp.received.find((m) => m.to.includes(email!.normalized))!.raw);
  expect(mail.subject).toBe('Ваш заказ');
  expect(mail.text).toContain(replies.email);
});

async function telegramOf(hub: { dataDir: string }, customerId: string): Promise<string | undefined> {
  const data = new DemoData(hub);
  const [row] = await data.rows<{ normalized: string }>("SELECT normalized FROM ContactIdentity WHERE customerId = ? AND kind = 'telegram'", [customerId]);
  data.close();
  return row?.normalized;
}
