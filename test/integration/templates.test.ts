// The template library on a real hub: versions and the supervisor's review (four eyes, agents refused),
// what each role lists, saves refused with the exact line and column of the problem, rendering with the
// customer's real data and marked gaps, the audit trail, the push to open desks, and the reservation
// notice taking the approved wording from the library.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateDetail, TemplateSaveInput, TemplatesChanged } from '../../common/api/templates.ts';
import { DEFAULT_TEMPLATES } from '../../common/domain/templates/library.ts';
import { IdFactory } from '../../main/server/demo/ids.ts';
import { writeDemoTemplates } from '../../main/server/demo/templates.ts';
import { listTemplates } from '../../main/server/services/voice/templates/library.ts';
import { manualClock, tempDb } from './fixtures/db.ts';
import { call, data, startTestHub, type DeskSocket, type TestHub } from './fixtures/hub.ts';
import { buildWorld, USERS } from './fixtures/world.ts';

// Monday 13:00 in Moscow; the test stores open on Mondays (10:00–22:00) and Saturdays.
const clock = manualClock(new Date('2026-11-23T10:00:00Z'));
let t: TestHub;
let world: Awaited<ReturnType<typeof buildWorld>>;
let agent: DeskSocket;
let supervisor: DeskSocket;
let admin: DeskSocket;
let marketer: DeskSocket;
const agentPushes: TemplatesChanged[] = [];
const marketerPushes: TemplatesChanged[] = [];

const until = async (check: () => boolean, ms = 3000) => {
  for (const start = Date.now(); !check(); ) {
    if (Date.now() - start > ms) throw new Error('timed out waiting for a push');
    await new Promise((r) => setTimeout(r, 10));
  }
};

const pickup = (sms: string): TemplateSaveInput => ({
  key: 'pickup_reminder',
  name: 'Напоминание о самовывозе',
  folder: 'Брони/Напоминания',
  tags: ['бронь', 'напоминание'],
  variants: [
    { channel: 'sms', locale: 'ru', body: sms },
    { channel: 'telegram', locale: 'ru', body: '{{customer.firstName}}, бронь {{reservation.code}} ждёт Вас: {{store.address}}. На карте {{loyalty.balance}} баллов.' },
    { channel: 'email', locale: 'en', subject: 'Reservation {{reservation.code}}', body: 'Hello {{customer.firstName}},\nyour item waits at {{store.address}}.\n{{agent.firstName}}' },
  ],
});

const latestVersionId = (detail: TemplateDetail) => detail.versions[0]!.id;

beforeAll(async () => {
  t = await startTestHub({}, { clock });
  world = await buildWorld(t.hub.db);
  agent = await t.connect((await t.signIn(USERS.agent)).token);
  supervisor = await t.connect((await t.signIn(USERS.supervisor)).token);
  admin = await t.connect((await t.signIn(USERS.admin)).token);
  marketer = await t.connect((await t.signIn(USERS.marketer)).token);
  agent.on('templates.changed', (event) => agentPushes.push(event));
  marketer.on('templates.changed', (event) => marketerPushes.push(event));
});
afterAll(() => t.stop());

describe('versions and review', () => {
  let template: TemplateDetail;

  it('saves a new template as version 1 waiting for review, which agents do not see', async () => {
    template = data(await call(marketer, 'template.save', pickup('Ампер: бронь {{reservation.code}} ждёт Вас до {{reservation.holdUntil}}.')));
    expect(template).toMatchObject({ key: 'pickup_reminder', approvedVersion: null, latestVersion: 1, latestStatus: 'pending', folder: 'Брони/Напоминания' });
    expect(template.versions).toHaveLength(1);
    expect(template.versions[0]).toMatchObject({ version: 1, status: 'pending', superseded: false, createdBy: { id: world.users.marketer, name: 'Test marketer' }, reviewedBy: null });

    expect(data(await call(agent, 'template.list', {})).map((s) => s.key)).not.toContain('pickup_reminder');
    expect(await call(agent, 'template.get', { id: template.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const render = await call(agent, 'template.render', { templateId: template.id, customerId: world.customers.fyodorova.id, channel: 'sms', locale: 'ru' });
    expect(render).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const authors = data(await call(supervisor, 'template.list', { includePending: true }));
    expect(authors.find((s) => s.key === 'pickup_reminder')).toMatchObject({ latestStatus: 'pending', approvedVersion: null });
    await until(() => agentPushes.some((p) => p.templateId === template.id) && marketerPushes.some((p) => p.templateId === template.id));
  });

  it('refuses a second template with the same key, and a changed key', async () => {
    const again = await call(supervisor, 'template.save', pickup('Ампер: бронь {{reservation.code}}.'));
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: [{ path: 'key' }] } });
    const renamed = await call(supervisor, 'template.save', { ...pickup('Ампер: бронь {{reservation.code}}.'), id: template.id, key: 'pickup_other' });
    expect(renamed).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', fields: [{ path: 'key' }] } });
  });

  it('refuses agents everything but reading approved templates, on the hub', async () => {
    expect(await call(agent, 'template.save', pickup('Ампер: {{reservation.code}}'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(agent, 'template.review', { versionId: latestVersionId(template), decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(agent, 'template.archive', { id: template.id, archived: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(agent, 'template.list', { includePending: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Marketing writes templates but does not approve them.
    expect(await call(marketer, 'template.review', { versionId: latestVersionId(template), decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('lets nobody approve a version they wrote, and makes an approved version the one agents use', async () => {
    const own = data(await call(supervisor, 'template.save', { ...pickup('Ампер: бронь {{reservation.code}} ждёт Вас в {{store.name}}.'), id: template.id }));
    expect(own.versions.map((v) => [v.version, v.status, v.superseded])).toEqual([
      [2, 'pending', false],
      [1, 'pending', true],
    ]);
    expect(await call(supervisor, 'template.review', { versionId: latestVersionId(own), decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Only the newest version can be reviewed.
    expect(await call(admin, 'template.review', { versionId: own.versions[1]!.id, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    clock.advance(60_000);
    template = data(await call(admin, 'template.review', { versionId: latestVersionId(own), decision: 'approve', note: 'Коротко и ясно' }));
    expect(template).toMatchObject({ approvedVersion: 2, latestVersion: 2, latestStatus: 'approved' });
    expect(template.versions[0]).toMatchObject({ status: 'approved', reviewedBy: { id: world.users.admin, name: 'Test admin' }, reviewedAt: clock.now().toISOString(), reviewNote: 'Коротко и ясно' });
    expect(await call(admin, 'template.review', { versionId: latestVersionId(own), decision: 'reject', note: 'поздно' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const forAgent = data(await call(agent, 'template.get', { id: template.id }));
    expect(forAgent.versions.map((v) => v.version)).toEqual([2]);
    expect(data(await call(agent, 'template.list', { channel: 'sms' })).map((s) => s.key)).toContain('pickup_reminder');
  });

  it('keeps the approved version live while a newer one waits and after it is rejected', async () => {
    const v3 = data(await call(marketer, 'template.save', { ...pickup('Ампер: бронь {{reservation.code}} скоро закончится!'), id: template.id }));
    expect(v3).toMatchObject({ approvedVersion: 2, latestVersion: 3, latestStatus: 'pending' });
    const rendered = data(await call(agent, 'template.render', { templateId: template.id, customerId: world.customers.fyodorova.id, channel: 'sms', locale: 'ru' }));
    expect(rendered.version).toBe(2);

    const noNote = await call(supervisor, 'template.review', { versionId: latestVersionId(v3), decision: 'reject' });
    expect(noNote).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', fields: [{ path: 'note' }] } });
    const rejected = data(await call(supervisor, 'template.review', { versionId: latestVersionId(v3), decision: 'reject', note: 'Без восклицательных знаков' }));
    expect(rejected).toMatchObject({ approvedVersion: 2, latestStatus: 'rejected' });
    expect(data(await call(agent, 'template.render', { templateId: template.id, customerId: world.customers.fyodorova.id, channel: 'sms', locale: 'ru' })).version).toBe(2);
  });

  it('does not make a new version when only the name, folder or tags change', async () => {
    const before = await t.hub.db.templateVersion.count({ where: { templateId: template.id } });
    const renamed = data(await call(supervisor, 'template.save', { ...pickup('Ампер: бронь {{reservation.code}} ждёт Вас в {{store.name}}.'), id: template.id, name: 'Самовывоз: напоминание', tags: ['бронь'] }));
    // Version 3 was rejected, so the live text is version 2's: saving it again leaves nothing to review.
    expect(renamed).toMatchObject({ name: 'Самовывоз: напоминание', tags: ['бронь'], latestVersion: 3, approvedVersion: 2 });
    expect(await t.hub.db.templateVersion.count({ where: { templateId: template.id } })).toBe(before);
  });

  it('filters the list by folder, tag, channel and search', async () => {
    const list = async (input: Record<string, unknown>) => data(await call(agent, 'template.list', input)).map((s) => s.key);
    expect(await list({ folder: 'Брони' })).toEqual(['pickup_reminder']);
    expect(await list({ tag: 'бронь' })).toEqual(['pickup_reminder']);
    expect(await list({ q: 'САМОВЫВОЗ' })).toEqual(['pickup_reminder']);
    expect(await list({ q: 'брон' })).toEqual(['pickup_reminder']);
    expect(await list({ channel: 'webchat' })).toEqual([]);
    // An API conversation answers like web chat; e-mail exists in English only, which still counts.
    expect(await list({ channel: 'email' })).toEqual(['pickup_reminder']);
  });

  it('archives: agents lose the template, authors keep its history', async () => {
    const archived = data(await call(marketer, 'template.archive', { id: template.id, archived: true }));
    expect(archived.archived).toBe(true);
    expect(data(await call(agent, 'template.list', {}))).toEqual([]);
    expect(await call(agent, 'template.render', { templateId: template.id, customerId: world.customers.fyodorova.id, channel: 'sms', locale: 'ru' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(data(await call(supervisor, 'template.list', { includePending: true }))[0]).toMatchObject({ key: 'pickup_reminder', archived: true });
    data(await call(marketer, 'template.archive', { id: template.id, archived: false }));
    expect(data(await call(agent, 'template.list', {})).map((s) => s.key)).toEqual(['pickup_reminder']);
  });

  it('audits every save, review and archive with who did it', async () => {
    const rows = await t.hub.db.auditEntry.findMany({ where: { subjectType: 'template', subjectId: template.id }, orderBy: { at: 'asc' } });
    const actions = rows.map((r) => [r.action, r.actorRole]);
    expect(actions).toEqual([
      ['template.save', 'marketer'],
      ['template.save', 'supervisor'],
      ['template.approve', 'admin'],
      ['template.save', 'marketer'],
      ['template.reject', 'supervisor'],
      ['template.save', 'supervisor'],
      ['template.archive', 'marketer'],
      ['template.restore', 'marketer'],
    ]);
    expect(JSON.parse(rows[4]!.details!)).toMatchObject({ key: 'pickup_reminder', version: 3, note: 'Без восклицательных знаков' });
  });
});

describe('bad input', () => {
  const save = (body: string, channel: 'sms' | 'telegram' = 'telegram') =>
    call(supervisor, 'template.save', { key: 'broken', name: 'Broken', folder: 'Test', variants: [{ channel, locale: 'ru', body }] });

  it('refuses an unknown variable with its line and column', async () => {
    const result = await save('Здравствуйте!\nБаланс: {{loyalty.balanse}} баллов');
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    if (result.ok) return;
    expect(result.error.fields).toEqual([{ path: 'variants.0.body', message: 'line 2, column 9: unknown variable "loyalty.balanse"' }]);
  });

  it('refuses unbalanced braces where they are', async () => {
    const result = await save('{{customer.firstName, здравствуйте!\nВаш заказ готов }}');
    if (result.ok) throw new Error('saved a broken template');
    expect(result.error.fields?.map((f) => f.message)).toEqual(['line 1, column 1: "{{" is not closed by "}}" on the same line', 'line 2, column 17: "}}" has no "{{" before it']);
  });

  it('refuses an SMS over three segments at the character where the fourth begins', async () => {
    const result = await save('Ампер: ' + 'очень длинный текст '.repeat(12), 'sms');
    if (result.ok) throw new Error('saved an SMS of four segments');
    expect(result.error.fields).toHaveLength(1);
    // UCS-2 segments of a long SMS hold 67 characters: the fourth starts at character 202 (line 1, column 202).
    expect(result.error.fields![0]).toEqual({ path: 'variants.0.body', message: 'line 1, column 202: the text is over the channel limit' });
    expect(await t.hub.db.template.count({ where: { key: 'broken' } })).toBe(0);
  });
});

describe('rendering with real data', () => {
  let templateId: string;

  beforeAll(async () => {
    const saved = data(await call(marketer, 'template.save', {
      key: 'reservation_and_points',
      name: 'Бронь и баллы',
      folder: 'Тест',
      variants: [
        { channel: 'sms', locale: 'ru', body: 'Ампер: {{customer.firstName}}, бронь {{reservation.code}} до {{reservation.holdUntil}}, {{store.address}}, {{store.hours}}. Баллов: {{loyalty.balance}}.' },
        {
          channel: 'email',
          locale: 'en',
          subject: '{{loyalty.expiringSoon}} points expire {{loyalty.expiryDate}}',
          body: 'Hello {{customer.firstName}},\nyou have {{loyalty.balance}} points ({{loyalty.tier}}). Your last order {{order.number}} was {{order.total}}.\n{{agent.firstName}}',
        },
        { channel: 'telegram', locale: 'ru', body: 'Заказ {{order.number}} приедет {{order.deliveryDate}}. Телефон магазина: {{store.phone}}.' },
      ],
    }));
    templateId = saved.id;
    data(await call(supervisor, 'template.review', { versionId: saved.versions[0]!.id, decision: 'approve' }));
    const product = await t.hub.db.product.create({ data: { sku: 'TPL-1', name: 'Ноутбук ASUS', brand: 'ASUS', category: 'laptop', priceKopecks: 89_990_00 } });
    await t.hub.db.reservation.create({
      data: { code: 'KX7P2M', customerId: world.customers.fyodorova.id, productId: product.id, storeId: world.stores.msk.id, quantity: 1, status: 'confirmed', holdUntil: new Date('2026-11-23T18:00:00Z') },
    });
  });

  it('fills an SMS with the customer, their open reservation and loyalty, and counts its segments', async () => {
    const r = data(await call(agent, 'template.render', { templateId, customerId: world.customers.fyodorova.id, channel: 'sms', locale: 'ru' }));
    // The hold ends at 21:00 on the Moscow store's clock, on a Monday it is open 10:00–22:00.
    expect(r.body.text).toMatch(/^Ампер: Алёна, бронь KX7P2M до 23 ноября(,| в) 21:00, ул\. Тверская, 1, 10:00–22:00\. Баллов: 1 500\.$/);
    expect(r.missing).toEqual([]);
    expect(r.subject).toBeNull();
    expect(r.sms).toEqual({ encoding: 'UCS-2', segments: 2, chars: Array.from(r.body.text).length });
    expect(r.overLimit).toBe(false);
    expect(r.body.segments.find((s) => s.variable === 'reservation.code')).toEqual({ text: 'KX7P2M', variable: 'reservation.code', missing: false });
  });

  it('formats e-mail values in English and signs with the agent who writes', async () => {
    const r = data(await call(agent, 'template.render', { templateId, customerId: world.customers.fyodorova.id, channel: 'email', locale: 'en' }));
    // 1,000 points expire in ten days, 200 of them already spent: 800 go, on the lot's date in the customer's zone.
    const lot = await t.hub.db.loyaltyLedgerEntry.findFirstOrThrow({ where: { points: 1000, account: { customerId: world.customers.fyodorova.id } } });
    const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Moscow', day: 'numeric', month: 'long' }).format(lot.expiresAt!);
    expect(r.subject?.text).toBe(`800 points expire ${day}`);
    expect(r.body.text).toBe('Hello Алёна,\nyou have 1,500 points (gold). Your last order T-0 was 19,990 ₽.\nTest');
    expect(r.sms).toBeNull();
  });

  it('marks what the customer does not have instead of inventing it', async () => {
    const r = data(await call(agent, 'template.render', { templateId, customerId: world.customers.ivanov.id, channel: 'sms', locale: 'ru' }));
    expect(r.missing).toEqual(['reservation.code', 'reservation.holdUntil', 'store.address', 'store.hours', 'loyalty.balance']);
    expect(r.body.text).toContain('бронь {{reservation.code}}');
    expect(r.body.segments.filter((s) => s.missing).map((s) => s.variable)).toEqual(r.missing);
    // Data the hub does not keep (delivery dates, store phones) is always missing.
    const tg = data(await call(agent, 'template.render', { templateId, customerId: world.customers.fyodorova.id, channel: 'telegram', locale: 'ru' }));
    expect(tg.missing).toEqual(['order.deliveryDate', 'store.phone']);
    expect(tg.body.text).toBe('Заказ T-0 приедет {{order.deliveryDate}}. Телефон магазина: {{store.phone}}.');
  });

  it('says when a template has no variant for the channel and locale', async () => {
    const r = await call(agent, 'template.render', { templateId, customerId: world.customers.fyodorova.id, channel: 'webchat', locale: 'en' });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '"Бронь и баллы" has no web chat variant in English' } });
  });

  it('previews unsaved text for authors only, and says where a draft breaks', async () => {
    const draft = { draft: { subject: null, body: 'Здравствуйте, {{customer.firstName}}!' }, customerId: world.customers.smith.id, channel: 'webchat' as const, locale: 'ru' as const };
    expect(data(await call(marketer, 'template.render', draft)).body.text).toBe('Здравствуйте, John!');
    expect(await call(agent, 'template.render', draft)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const broken = await call(marketer, 'template.render', { ...draft, draft: { subject: null, body: 'Здравствуйте,\n{{customer.name}}' } });
    expect(broken).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', fields: [{ path: 'draft.body', message: 'line 2, column 1: unknown variable "customer.name"' }] } });
  });

  it('audits each render as a read of the customer without contact data', async () => {
    const rows = await t.hub.db.auditEntry.findMany({ where: { subjectType: 'customer', subjectId: world.customers.ivanov.id, actorId: world.users.agent } });
    expect(rows.map((r) => r.action)).toEqual(['customer.read_masked']);
    expect(JSON.parse(rows[0]!.details!)).toMatchObject({ via: 'template.render', templateId });
  });
});

describe('the reservation notice', () => {
  it('uses the approved library wording of reservation_notice, else the built-in one', async () => {
    const product = await t.hub.db.product.create({ data: { sku: 'TPL-2', name: 'Видеокарта RTX 4070', brand: 'MSI', category: 'graphics_card', priceKopecks: 64_990_00 } });
    await t.hub.db.stockLevel.create({ data: { storeId: world.stores.msk.id, productId: product.id, onHand: 5, reserved: 0 } });
    const reserve = () =>
      call(agent, 'reservation.create', { customerId: world.customers.fyodorova.id, productId: product.id, storeId: world.stores.msk.id, quantity: 1, notify: true, clientId: crypto.randomUUID() });
    const noticeBody = async (made: Awaited<ReturnType<typeof reserve>>) => {
      const id = data(made).notice?.messageId;
      return (await t.hub.db.message.findUniqueOrThrow({ where: { id: id! } })).body;
    };

    expect(await noticeBody(await reserve())).toMatch(/^Ампер: бронь [A-Z0-9]{6} до /);

    const saved = data(await call(supervisor, 'template.save', {
      key: 'reservation_notice',
      name: 'Бронь оформлена',
      folder: 'Брони/Уведомления',
      variants: [{ channel: 'sms', locale: 'ru', body: 'Ампер: {{customer.firstName}}, Ваша бронь {{reservation.code}} ждёт Вас до {{reservation.holdUntil}}: {{store.address}}.' }],
    }));
    // Waiting for review: the built-in wording still goes out.
    expect(await noticeBody(await reserve())).toMatch(/^Ампер: бронь /);
    data(await call(admin, 'template.review', { versionId: saved.versions[0]!.id, decision: 'approve' }));
    expect(await noticeBody(await reserve())).toMatch(/^Ампер: Алёна, Ваша бронь [A-Z0-9]{6} ждёт Вас до \d+ ноября(,| в) \d\d:\d\d: ул\. Тверская, 1\.$/);

    // Wording that needs a value the notice does not have is never sent with a {{placeholder}} in it.
    const needsPoints = data(await call(supervisor, 'template.save', {
      id: saved.id,
      key: 'reservation_notice',
      name: 'Бронь оформлена',
      folder: 'Брони/Уведомления',
      variants: [{ channel: 'sms', locale: 'ru', body: 'Ампер: бронь {{reservation.code}}. На карте {{loyalty.balance}} баллов.' }],
    }));
    data(await call(admin, 'template.review', { versionId: needsPoints.versions[0]!.id, decision: 'approve' }));
    expect(await noticeBody(await reserve())).toMatch(/^Ампер: бронь [A-Z0-9]{6} до /);
  });
});

describe('the demo library', () => {
  it('writes the starting library as approved first versions and one template waiting for a supervisor', async () => {
    const temp = await tempDb();
    try {
      const users = new Map<string, string>();
      for (const role of ['agent', 'supervisor', 'admin', 'marketer'] as const) {
        users.set(role, (await temp.db.user.create({ data: { email: `${role}@demo.test`, displayName: role, role, passwordHash: '-' } })).id);
      }
      const authors = { supervisorId: users.get('supervisor')!, adminId: users.get('admin')!, marketerId: users.get('marketer')! };
      expect(await writeDemoTemplates(temp.db, new IdFactory(7), new Date('2026-11-23T12:00:00Z'), authors)).toBe(DEFAULT_TEMPLATES.length + 1);
      const viewer = (role: 'agent' | 'supervisor') => ({ userId: users.get(role)!, role, storeId: null, sessionId: 's', ip: null });

      const forAgents = await listTemplates(temp.db, viewer('agent'), {});
      expect(forAgents.map((s) => s.key).sort()).toEqual(DEFAULT_TEMPLATES.map((d) => d.key).sort());
      expect(forAgents.every((s) => s.approvedVersion === 1 && s.latestStatus === 'approved')).toBe(true);
      const versions = await temp.db.templateVersion.findMany({ where: { status: 'approved' } });
      expect(versions.every((v) => v.createdById === users.get('supervisor') && v.reviewedById === users.get('admin'))).toBe(true);

      const waiting = (await listTemplates(temp.db, viewer('supervisor'), { includePending: true })).filter((s) => s.latestStatus === 'pending');
      expect(waiting).toMatchObject([{ key: 'gift_card', approvedVersion: null, latestVersion: 1 }]);
      expect(await temp.db.templateVersion.findFirst({ where: { status: 'pending' } })).toMatchObject({ createdById: users.get('marketer') });
    } finally {
      await temp.cleanup();
    }
  });
});
