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
  'search.all': ['admin', 'agent', 'supervisor'],
  'presence.list': ['admin', 'agent', 'supervisor'],
  // Presence and activity are per desk: over HTTP the allowed roles get BAD_REQUEST instead of FORBIDDEN.
  'presence.set': ['admin', 'agent', 'supervisor'],
  'desk.activity': ['admin', 'agent', 'supervisor'],
  // Filtered by audience inside: every user has events of their own.
  'events.since': ALL,
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
