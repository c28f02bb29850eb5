// Suggested duplicates, merge and undo through the hub, and the evidence channels bring.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerSearchName } from '../../common/domain/text.ts';
import { telegramAdapter } from '../../main/server/channels/telegram/index.ts';
import { call, data, startTestHub, type DeskSocket, type TestHub } from './fixtures/hub.ts';
import { buildWorld, USERS } from './fixtures/world.ts';

let t: TestHub;
let world: Awaited<ReturnType<typeof buildWorld>>;
let supervisor: DeskSocket;

async function person(firstName: string, lastName: string, middleName: string, contacts: { phone?: string; email?: string }, city = 'Казань') {
  const name = { firstName, lastName, middleName };
  const c = await t.hub.db.customer.create({ data: { ...name, searchName: customerSearchName(name), city } });
  if (contacts.phone) await t.hub.db.contactIdentity.create({ data: { customerId: c.id, kind: 'phone', rawValue: contacts.phone, normalized: contacts.phone, preferred: true } });
  if (contacts.email) await t.hub.db.contactIdentity.create({ data: { customerId: c.id, kind: 'email', rawValue: contacts.email, normalized: contacts.email, preferred: true } });
  return c;
}

beforeAll(async () => {
  t = await startTestHub();
  world = await buildWorld(t.hub.db);
  supervisor = await t.connect((await t.signIn(USERS.supervisor)).token);
});
afterAll(() => t.stop());

describe('duplicate suggestions', () => {
  it('suggests same-named profiles only with evidence beyond the name', async () => {
    const older = await person('Ольга', 'Орлова', 'Петровна', { email: 'olga.orlova@mail.ru' });
    await t.hub.db.order.create({ data: { number: 'D-1', customerId: older.id, kind: 'online', channel: 'web', totalKopecks: 100_00, itemCount: 1, placedAt: new Date() } });
    const typo = await person('Ольга', 'Орлова', 'Петровна', { email: 'olga.orlova@mail.ry', phone: '+79001234567' });
    await person('Сергей', 'Кузнецов', 'Иванович', { phone: '+79005550000' }, 'Омск');
    await person('Сергей', 'Кузнецов', 'Иванович', { phone: '+79119998877' }, 'Тула'); // a name and nothing else

    expect(data(await call(supervisor, 'identity.scan', {}))).toEqual({ created: 1 });
    expect(data(await call(supervisor, 'identity.scan', {}))).toEqual({ created: 0 });
    const [suggestion] = data(await call(supervisor, 'identity.suggestions', { status: 'pending' }));
    expect(suggestion!.evidence.map((e) => e.kind).sort()).toEqual(['email_local_part', 'same_city', 'same_full_name']);
    expect(suggestion!.customers.map((c) => c.id).sort()).toEqual([older.id, typo.id].sort());
  });

  it('merges onto the chosen profile, then undoes it exactly', async () => {
    const [suggestion] = data(await call(supervisor, 'identity.suggestions', { status: 'pending' }));
    const survivor = suggestion!.customers.find((c) => c.orders === 1)!;
    const other = suggestion!.customers.find((c) => c.id !== survivor.id)!;
    const changed = new Promise((resolve) => supervisor.once('customer.changed', resolve));
    data(await call(supervisor, 'customer.watch', { id: other.id }));

    const merged = data(await call(supervisor, 'identity.merge', { suggestionId: suggestion!.id, survivorId: survivor.id }));
    await changed;
    const kept = data(await call(supervisor, 'customer.get', { id: survivor.id }));
    expect(kept.identities.map((i) => i.value).sort()).toEqual(['+79001234567', 'olga.orlova@mail.ru', 'olga.orlova@mail.ry']);
    expect(kept.identities.filter((i) => i.kind === 'email' && i.preferred)).toHaveLength(1);
    const gone = await call(supervisor, 'customer.get', { id: other.id });
    expect(!gone.ok && gone.error.code).toBe('NOT_FOUND');
    expect(data(await call(supervisor, 'identity.suggestions', { status: 'merged' }))[0]?.mergeId).toBe(merged.mergeId);
    expect(await t.hub.db.auditEntry.count({ where: { action: 'customer.merge', subjectId: survivor.id } })).toBe(1);

    data(await call(supervisor, 'identity.undoMerge', { mergeId: merged.mergeId }));
    const restored = data(await call(supervisor, 'customer.get', { id: other.id }));
    expect(restored.identities.map((i) => i.value).sort()).toEqual(['+79001234567', 'olga.orlova@mail.ry']);
    expect(restored.identities.every((i) => i.preferred)).toBe(true);
    expect(data(await call(supervisor, 'customer.get', { id: survivor.id })).identities.map((i) => i.value)).toEqual(['olga.orlova@mail.ru']);
    expect(data(await call(supervisor, 'identity.suggestions', { status: 'pending' })).map((s) => s.id)).toContain(suggestion!.id);
    const again = await call(supervisor, 'identity.undoMerge', { mergeId: merged.mergeId });
    expect(!again.ok && again.error.code).toBe('CONFLICT');
  });

  it('moves loyalty points with the profile and keeps every balance equal to its ledger', async () => {
    const a = await person('Иван', 'Лоялов', 'Ильич', { email: 'ivan.loyal@mail.ru' });
    const b = await person('Иван', 'Лоялов', 'Ильич', { email: 'ivan.loyal@yandex.ru' });
    for (const [c, points] of [[a, 300], [b, 200]] as const) {
      const account = await t.hub.db.loyaltyAccount.create({ data: { customerId: c.id, cardNumber: `22001111000${points}`, balance: points } });
      await t.hub.db.loyaltyLedgerEntry.create({ data: { accountId: account.id, kind: 'accrual', points } });
    }
    await call(supervisor, 'identity.scan', {});
    const suggestion = data(await call(supervisor, 'identity.suggestions', { status: 'pending' })).find((s) => s.customers.some((c) => c.id === a.id))!;
    const { mergeId } = data(await call(supervisor, 'identity.merge', { suggestionId: suggestion.id, survivorId: a.id }));
    expect(data(await call(supervisor, 'customer.get', { id: a.id })).loyalty?.balance).toBe(500);
    data(await call(supervisor, 'identity.undoMerge', { mergeId }));
    expect(data(await call(supervisor, 'customer.get', { id: a.id })).loyalty?.balance).toBe(300);
    expect(data(await call(supervisor, 'customer.get', { id: b.id })).loyalty?.balance).toBe(200);
  });

  it('dismisses a suggestion and refuses deciding it twice; agents may not merge', async () => {
    const agent = await t.connect((await t.signIn(USERS.agent)).token);
    const [suggestion] = data(await call(supervisor, 'identity.suggestions', { status: 'pending' }));
    const refused = await call(agent, 'identity.merge', { suggestionId: suggestion!.id, survivorId: suggestion!.customers[0].id });
    expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
    expect(data(await call(supervisor, 'identity.dismiss', { suggestionId: suggestion!.id })).status).toBe('dismissed');
    const twice = await call(supervisor, 'identity.merge', { suggestionId: suggestion!.id, survivorId: suggestion!.customers[0].id });
    expect(!twice.ok && twice.error.code).toBe('CONFLICT');
  });

  it('reports the match rate: profiles reachable on more than one channel', async () => {
    const rate = data(await call(supervisor, 'identity.matchRate', {}));
    expect(rate.profiles).toBe(await t.hub.db.customer.count({ where: { mergedIntoId: null } }));
    expect(rate.matched).toBeGreaterThanOrEqual(1); // Фёдорова: phone and e-mail
    expect(rate.rate).toBeCloseTo(rate.matched / rate.profiles);
  });
});

describe('evidence from channels', () => {
  const tgContact = (chatId: number, phone: string, isSender: boolean) => ({
    channel: 'telegram' as const,
    providerMessageId: `${chatId}:${Math.random()}`,
    from: { kind: 'telegram' as const, value: String(chatId), displayName: 'Алёна Ф.' },
    body: '',
    content: ['contact' as const],
    meta: { sharedContact: { phone, isSender } },
  });

  it('links a phone the customer shares from Telegram, or suggests a merge when it is someone else\'s profile', async () => {
    expect(telegramAdapter.kind).toBe('telegram');
    const unknownPhone = await t.hub.channels.ingest(tgContact(5001, '+79997776655', true));
    const sender = await t.hub.db.message.findUniqueOrThrow({ where: { id: unknownPhone.messageId } });
    expect(await t.hub.db.contactIdentity.findFirst({ where: { normalized: '+79997776655', customerId: sender.customerId } })).not.toBeNull();

    await t.hub.channels.ingest(tgContact(5002, '+79123456789', true)); // Фёдорова's phone
    const suggestions = data(await call(supervisor, 'identity.suggestions', { status: 'pending' }));
    const fromTelegram = suggestions.find((s) => s.evidence.some((e) => e.kind === 'telegram_contact'));
    expect(fromTelegram?.customers.map((c) => c.id)).toContain(world.customers.fyodorova.id);

    await t.hub.channels.ingest(tgContact(5003, '+79995550101', false)); // a friend's card: says nothing
    expect(await t.hub.db.contactIdentity.findFirst({ where: { normalized: '+79995550101' } })).toBeNull();
  });
});
