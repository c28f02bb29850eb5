// The role × command matrix, checked on the hub over HTTP (the same dispatcher as socket.io).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../common/domain/enums.ts';
import type { CommandName } from '../../common/realtime/commands.ts';
import { commandNames } from '../../common/realtime/commands.ts';
import { startTestHub, type TestHub } from './fixtures/hub.ts';
import { buildWorld, USERS } from './fixtures/world.ts';

let t: TestHub;
let world: Awaited<ReturnType<typeof buildWorld>>;
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  t = await startTestHub();
  world = await buildWorld(t.hub.db);
  for (const [role, email] of Object.entries(USERS)) tokens[role as Role] = (await t.signIn(email)).token;
});
afterAll(() => t.stop());

const ALL: Role[] = ['admin', 'agent', 'supervisor', 'marketer', 'store_staff'];
const allowed: Record<CommandName, Role[]> = {
  'session.me': ALL,
  'session.setLocale': ALL,
  'customer.list': ALL,
  'customer.get': ALL,
  'customer.update': ['admin', 'agent', 'supervisor'],
  // Watching needs a socket: over HTTP the allowed roles get BAD_REQUEST instead of FORBIDDEN.
  'customer.watch': ALL,
  'customer.unwatch': ALL,
  'store.list': ALL,
  'store.get': ALL,
  'user.list': ['admin'],
  'user.create': ['admin'],
  'user.update': ['admin'],
  'team.list': ['admin', 'agent', 'supervisor'],
  'channel.list': ['admin'],
  'channel.save': ['admin'],
  'channel.setEnabled': ['admin'],
  'channel.test': ['admin'],
  'channel.simulateInbound': ['admin'],
  'identity.suggestions': ['admin', 'supervisor'],
  'identity.scan': ['admin', 'supervisor'],
  'identity.merge': ['admin', 'supervisor'],
  'identity.dismiss': ['admin', 'supervisor'],
  'identity.undoMerge': ['admin', 'supervisor'],
  'identity.matchRate': ALL,
  'inbox.list': ['admin', 'agent', 'supervisor'],
  'inbox.counts': ['admin', 'agent', 'supervisor'],
  'conversation.get': ['admin', 'agent', 'supervisor'],
  'conversation.assign': ['admin', 'agent', 'supervisor'],
  'conversation.setStatus': ['admin', 'agent', 'supervisor'],
  'conversation.tag': ['admin', 'agent', 'supervisor'],
  'conversation.markRead': ['admin', 'agent', 'supervisor'],
  'conversation.saveDraft': ['admin', 'agent', 'supervisor'],
  'conversation.reply': ['admin', 'agent', 'supervisor'],
  'conversation.addNote': ['admin', 'agent', 'supervisor'],
  'message.retry': ['admin', 'agent', 'supervisor'],
  'attachment.link': ['admin', 'agent', 'supervisor'],
  'timeline.page': ['admin', 'agent', 'supervisor'],
  'timeline.atMessage': ['admin', 'agent', 'supervisor'],
  'settings.desk.get': ['admin', 'supervisor'],
  'settings.desk.save': ['admin', 'supervisor'],
  'loyalty.ledger': ['admin', 'agent', 'supervisor', 'marketer'],
  'loyalty.adjust': ['admin', 'agent', 'supervisor'],
  'settings.loyalty.get': ['admin', 'supervisor'],
  'settings.loyalty.save': ['admin', 'supervisor'],
  'reservation.create': ['admin', 'agent', 'supervisor'],
  // Cancelling is open to agents (on the customer's request); the store's steps to store staff: marketers do neither.
  'reservation.transition': ['admin', 'agent', 'supervisor', 'store_staff'],
  'reservation.list': ['admin', 'supervisor', 'store_staff'],
  'reservation.find': ['admin', 'supervisor', 'store_staff'],
  // Part of the customer's history, and what an agent reserving for the caller must see; not the store's business.
  'reservation.forCustomer': ['admin', 'agent', 'supervisor', 'marketer'],
  'search.all': ['admin', 'agent', 'supervisor'],
  'presence.list': ['admin', 'agent', 'supervisor'],
  // Presence and activity are per desk: over HTTP the allowed roles get BAD_REQUEST instead of FORBIDDEN.
  'presence.set': ['admin', 'agent', 'supervisor'],
  'desk.activity': ['admin', 'agent', 'supervisor'],
  // Filtered by audience inside: every user has events of their own.
  'events.since': ALL,
  // Agents insert approved templates; authors (marketing too) write them; supervisors and admins review.
  'template.list': ['admin', 'agent', 'supervisor', 'marketer'],
  'template.get': ['admin', 'agent', 'supervisor', 'marketer'],
  'template.render': ['admin', 'agent', 'supervisor', 'marketer'],
  'template.save': ['admin', 'supervisor', 'marketer'],
  'template.review': ['admin', 'supervisor'],
  'template.archive': ['admin', 'supervisor', 'marketer'],
  'catalog.search': ALL,
  'stock.forProduct': ALL,
  // Store staff: their own store only (the service refuses another store).
  'stock.listStore': ALL,
  'stock.correct': ['admin', 'supervisor', 'store_staff'],
  'stock.imports': ['admin', 'supervisor'],
  'stock.importGet': ['admin', 'supervisor'],
  // Agents read the scorecard and their own reviews (the service filters); supervisors run reviews.
  'scorecard.get': ['admin', 'agent', 'supervisor'],
  'scorecard.save': ['admin', 'supervisor'],
  'review.sample': ['admin', 'supervisor'],
  'review.samples': ['admin', 'supervisor'],
  'review.sampleGet': ['admin', 'supervisor'],
  'review.open': ['admin', 'supervisor'],
  'review.save': ['admin', 'supervisor'],
  'review.comment': ['admin', 'supervisor'],
  'review.list': ['admin', 'agent', 'supervisor'],
  'review.get': ['admin', 'agent', 'supervisor'],
  'review.respond': ['admin', 'agent', 'supervisor'],
  'review.trends': ['admin', 'supervisor'],
  'review.calibration': ['admin', 'supervisor'],
  'review.agents': ['admin', 'supervisor'],
  // Every desk that answers customers lints with the rules; only supervisors and admins change them.
  'voice.rules.get': ['admin', 'agent', 'supervisor'],
  'voice.rules.save': ['admin', 'supervisor'],
  'voice.rules.history': ['admin', 'supervisor'],
  'voice.rules.restore': ['admin', 'supervisor'],
};

describe('policy matrix', () => {
  it('covers every command', () => {
    expect(Object.keys(allowed).sort()).toEqual([...commandNames].sort());
  });

  for (const role of ALL) {
    for (const command of commandNames) {
      const expected = allowed[command].includes(role);
      it(`${role} ${expected ? 'may' : 'may not'} ${command}`, async () => {
        const payload: Record<string, unknown> = {
          'session.setLocale': { locale: 'en' },
          'customer.get': { id: world.customers.ivanov.id },
          'customer.watch': { id: world.customers.ivanov.id },
          'customer.unwatch': { id: world.customers.ivanov.id },
          'store.get': { id: world.stores.msk.id },
          // Deliberately invalid bodies: an allowed role gets BAD_REQUEST, never a change.
          'customer.update': { id: world.customers.ivanov.id },
          'user.create': { email: 'bad' },
          'user.update': { id: '' },
          'channel.save': { kind: 'sms' },
          'channel.setEnabled': { id: '' },
          'channel.simulateInbound': { channel: 'sms' },
          'identity.merge': { suggestionId: 'none', survivorId: 'none' },
          'identity.dismiss': { suggestionId: 'none' },
          'identity.undoMerge': { mergeId: 'none' },
          'conversation.assign': { conversationIds: ['none'], assigneeId: null },
          'conversation.setStatus': { conversationIds: ['none'], status: 'resolved' },
          'conversation.tag': { conversationIds: ['none'], add: ['x'] },
          'conversation.markRead': { conversationId: 'none' },
          'conversation.saveDraft': { conversationId: 'none', draft: null },
          'conversation.reply': { clientId: '00000000-0000-4000-8000-000000000000', conversationId: 'none', channel: 'sms', body: 'x' },
          'conversation.addNote': { clientId: '00000000-0000-4000-8000-000000000001', conversationId: 'none', body: 'x' },
          'message.retry': { messageId: 'none' },
          'attachment.link': { sha256: '0'.repeat(64), fileName: 'x.pdf' },
          'timeline.page': { customerId: world.customers.ivanov.id },
          'timeline.atMessage': { messageId: 'none' },
          'settings.desk.save': { quietHours: { start: '25:00', end: '09:00' } },
          'catalog.search': { q: 'rtx' },
          'stock.forProduct': { productId: 'none' },
          'stock.listStore': { storeId: world.stores.msk.id },
          'stock.correct': { storeId: world.stores.msk.id, productId: 'none', onHand: 1, expectedOnHand: 0, reason: '' },
          'stock.importGet': { id: 'none' },
          'loyalty.ledger': { customerId: world.customers.ivanov.id },
          'loyalty.adjust': { customerId: world.customers.ivanov.id, points: 0, reason: 'policy check', clientId: '00000000-0000-4000-8000-000000000002' },
          'settings.loyalty.save': { tiers: [], pointsLifetimeDays: 0, goodwillDailyLimit: {} },
          'reservation.create': { customerId: world.customers.ivanov.id, productId: 'none', storeId: world.stores.msk.id, quantity: 0, clientId: '00000000-0000-4000-8000-000000000003' },
          'reservation.transition': { id: 'none', to: 'cancelled', expectedStatus: 'requested', reason: 'policy check' },
          'reservation.find': { query: 'ABCDEF' },
          'reservation.forCustomer': { customerId: world.customers.ivanov.id },
          'template.get': { id: 'none' },
          'template.save': { key: 'policy_check', name: 'x', folder: 'x', variants: [] },
          'template.review': { versionId: 'none', decision: 'approve' },
          'template.archive': { id: 'none', archived: true },
          'template.render': { templateId: 'none', customerId: world.customers.ivanov.id, channel: 'sms', locale: 'ru' },
          'scorecard.save': { criteria: [], basedOnVersion: 0 },
          'review.sample': { from: 'none', to: 'none' },
          'review.sampleGet': { id: 'none' },
          'review.open': { conversationId: 'none' },
          'review.save': { reviewId: 'none', scores: [] },
          'review.comment': { reviewId: 'none', messageId: 'none', body: 'policy check' },
          'review.get': { id: 'none' },
          'review.respond': { reviewId: 'none', response: 'acknowledged' },
          'review.trends': { from: 'none', to: 'none' },
          'review.calibration': { from: 'none', to: 'none' },
          'voice.rules.save': { rules: [], expectedVersion: 0 },
          'voice.rules.restore': { version: 0 },
        };
        const res = await t.post(`/api/commands/${command}`, payload[command] ?? {}, tokens[role]);
        if (expected) expect(res.body.ok || (!res.body.ok && res.body.error.code !== 'FORBIDDEN')).toBe(true);
        else expect(!res.body.ok && res.body.error.code).toBe('FORBIDDEN');
      });
    }
  }

  it('refuses every command without a session', async () => {
    expect((await t.post('/api/commands/customer.list', {})).status).toBe(401);
  });
});
