// What each command needs and which service answers it. Edges stay thin: the payload is already parsed
// by its schema from common/realtime/commands.ts and the permission checked before `run` is called.
import type { CommandName, CommandOutput, ParsedCommandInput } from '../../../common/realtime/commands.ts';
import type { Permission } from '../../../common/domain/policy.ts';
import type { ChannelAccounts } from '../channels/accounts.ts';
import type { Db } from '../db/client.ts';
import type { DemoChannels } from '../demo/channels.ts';
import { audit } from '../services/audit/audit.ts';
import { ServiceError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from '../jobs/clock.ts';
import type { ConversationNotifier } from '../services/desk/summaries.ts';
import { rooms, type Realtime } from '../realtime/broadcast.ts';
import { getMe, setLocale } from '../services/auth/me.ts';
import { assignConversations, markRead, setConversationStatus, tagConversations } from '../services/desk/actions.ts';
import { attachmentLink, type Attachments } from '../services/attachments/service.ts';
import { addNote, retryMessage, saveDraft, sendReply } from '../services/desk/composer.ts';
import { getConversation } from '../services/desk/conversation.ts';
import { readDeskSettings, saveDeskSettings } from '../services/desk/settings.ts';
import { inboxCounts, listInbox } from '../services/desk/inbox.ts';
import { timelineAtMessage, timelinePage } from '../services/desk/timeline/timeline.ts';
import type { Viewer } from '../services/auth/viewer.ts';
import { getCustomer } from '../services/customers/customerDetail.ts';
import { listPresence } from '../services/desk/presence.ts';
import { eventsSince } from '../services/desk/resync.ts';
import { searchAll } from '../services/desk/search.ts';
import { listCustomers } from '../services/customers/customerList.ts';
import { updateCustomer } from '../services/customers/customerUpdate.ts';
import { matchRate } from '../services/identity/matchRate.ts';
import { dismissSuggestion, mergeCustomers, undoMerge } from '../services/identity/merge.ts';
import { listSuggestions, presentSuggestion, scanForDuplicates } from '../services/identity/suggestions.ts';
import { getStore, listStores } from '../services/stores/stores.ts';
import { createUser, listTeams, listUsers, updateUser } from '../services/users/users.ts';

/** What the hub gives every command besides the viewer. */
export interface HubServices {
  db: Db;
  log: Logger;
  clock: Clock;
  realtime: Realtime;
  /** Pushes fresh summaries of conversations that changed. */
  notifier: ConversationNotifier;
  accounts: ChannelAccounts;
  /** The hub's attachment store and the key its download links are signed with. */
  attachments: Attachments;
  /** Filled in demo mode once the simulators run. */
  demo: { channels: DemoChannels | null };
}

export interface CommandContext extends HubServices {
  viewer: Viewer;
  /** Present over socket.io only: subscribe this desk to live updates. */
  rooms?: { join(room: string): void; leave(room: string): void };
  /** Present over socket.io only: presence, viewing and typing are kept per desk. */
  socketId?: string;
}

interface Handler<K extends CommandName> {
  /** null: any signed-in user. */
  permission: Permission | null;
  run(ctx: CommandContext, input: ParsedCommandInput<K>): Promise<CommandOutput<K>>;
}

type Handlers = { [K in CommandName]: Handler<K> };

function socketOnly(ctx: CommandContext) {
  if (!ctx.rooms) throw new ServiceError('BAD_REQUEST', 'Live updates need a socket connection');
  return ctx.rooms;
}

function deskSocket(ctx: CommandContext) {
  if (!ctx.socketId) throw new ServiceError('BAD_REQUEST', 'Presence and activity need a socket connection');
  return ctx.socketId;
}

/** The socket connected before its user's role allowed conversations: it was never tracked as a desk. */
const notADesk = () => new ServiceError('BAD_REQUEST', 'Reconnect this desk to share presence and activity');

export const handlers: Handlers = {
  'session.me': { permission: null, run: (ctx) => getMe(ctx.db, ctx.viewer) },
  'session.setLocale': { permission: null, run: (ctx, input) => setLocale(ctx.db, ctx.viewer, input.locale) },

  'customer.list': { permission: 'customers.read', run: (ctx, input) => listCustomers(ctx.db, ctx.viewer, input) },
  'customer.get': { permission: 'customers.read', run: (ctx, input) => getCustomer(ctx.db, ctx.viewer, input.id) },
  'customer.update': {
    permission: 'customers.edit',
    async run(ctx, input) {
      const customer = await updateCustomer(ctx.db, ctx.viewer, input);
      ctx.realtime.customerChanged({ id: customer.id, updatedAt: customer.updatedAt, byUserId: ctx.viewer.userId });
      return customer;
    },
  },
  'customer.watch': {
    permission: 'customers.read',
    async run(ctx, input) {
      socketOnly(ctx).join(rooms.customer(input.id));
      return { watching: input.id };
    },
  },
  'customer.unwatch': {
    permission: 'customers.read',
    async run(ctx, input) {
      socketOnly(ctx).leave(rooms.customer(input.id));
      return { watching: null };
    },
  },

  'store.list': { permission: null, run: (ctx) => listStores(ctx.db, ctx.viewer) },
  'store.get': { permission: null, run: (ctx, input) => getStore(ctx.db, ctx.viewer, input.id) },

  'user.list': { permission: 'users.manage', run: (ctx) => listUsers(ctx.db) },
  'user.create': { permission: 'users.manage', run: (ctx, input) => createUser(ctx.db, ctx.viewer, input) },
  'user.update': {
    permission: 'users.manage',
    async run(ctx, input) {
      const { user, endedSessions } = await updateUser(ctx.db, ctx.viewer, input);
      ctx.realtime.endSessions(endedSessions, input.disabled ? 'disabled' : 'signed_out');
      return user;
    },
  },
  // Agents transfer conversations to teams and see per-team inbox views, so they read the team list too.
  'team.list': { permission: 'conversations.read', run: (ctx) => listTeams(ctx.db) },

  'inbox.list': { permission: 'conversations.read', run: (ctx, input) => listInbox(ctx.db, ctx.viewer, input, ctx.clock.now()) },
  'inbox.counts': { permission: 'conversations.read', run: (ctx, input) => inboxCounts(ctx.db, ctx.viewer, input.status) },
  'conversation.get': { permission: 'conversations.read', run: (ctx, input) => getConversation(ctx.db, ctx.viewer, input.conversationId) },
  'conversation.assign': { permission: 'conversations.read', run: (ctx, input) => assignConversations(ctx, ctx.viewer, input) },
  'conversation.setStatus': { permission: 'conversations.read', run: (ctx, input) => setConversationStatus(ctx, ctx.viewer, input) },
  'conversation.tag': { permission: 'conversations.read', run: (ctx, input) => tagConversations(ctx, ctx.viewer, input) },
  'conversation.markRead': { permission: 'conversations.read', run: (ctx, input) => markRead(ctx, input.conversationId) },
  'conversation.saveDraft': { permission: 'conversations.read', run: (ctx, input) => saveDraft(ctx.db, ctx.viewer, input) },
  'conversation.reply': { permission: 'conversations.read', run: (ctx, input) => sendReply(ctx, ctx.viewer, input) },
  'conversation.addNote': { permission: 'conversations.read', run: (ctx, input) => addNote(ctx, ctx.viewer, input) },
  'message.retry': { permission: 'conversations.read', run: (ctx, input) => retryMessage(ctx, input.messageId) },
  'attachment.link': { permission: 'conversations.read', run: (ctx, input) => attachmentLink(ctx, ctx.viewer, input) },
  'timeline.page': { permission: 'conversations.read', run: (ctx, input) => timelinePage(ctx.db, ctx.viewer, input) },
  'settings.desk.get': { permission: 'workspace.manage', run: (ctx) => readDeskSettings(ctx.db) },
  'settings.desk.save': { permission: 'workspace.manage', run: (ctx, input) => saveDeskSettings(ctx.db, ctx.viewer, input) },
  'timeline.atMessage': { permission: 'conversations.read', run: (ctx, input) => timelineAtMessage(ctx.db, ctx.viewer, input.messageId, input.limit) },

  'identity.suggestions': { permission: 'identity.merge', run: (ctx, input) => listSuggestions(ctx.db, ctx.viewer, input.status) },
  'identity.scan': { permission: 'identity.merge', run: (ctx) => scanForDuplicates(ctx.db) },
  'identity.merge': {
    permission: 'identity.merge',
    async run(ctx, input) {
      const result = await mergeCustomers(ctx.db, ctx.viewer, input.suggestionId, input.survivorId);
      for (const id of [result.survivorId, result.mergedId]) ctx.realtime.customerChanged({ id, updatedAt: new Date().toISOString(), byUserId: ctx.viewer.userId });
      return result;
    },
  },
  'identity.dismiss': {
    permission: 'identity.merge',
    async run(ctx, input) {
      const row = await dismissSuggestion(ctx.db, ctx.viewer, input.suggestionId);
      const view = await presentSuggestion(ctx.db, ctx.viewer, row);
      if (!view) throw new ServiceError('NOT_FOUND', 'One of the profiles no longer exists');
      return view;
    },
  },
  'identity.undoMerge': {
    permission: 'identity.merge',
    async run(ctx, input) {
      const result = await undoMerge(ctx.db, ctx.viewer, input.mergeId);
      for (const id of [result.survivorId, result.restoredId]) ctx.realtime.customerChanged({ id, updatedAt: new Date().toISOString(), byUserId: ctx.viewer.userId });
      return result;
    },
  },
  'identity.matchRate': { permission: 'customers.read', run: (ctx) => matchRate(ctx.db) },
  'search.all': { permission: 'conversations.read', run: (ctx, input) => searchAll(ctx.db, ctx.viewer, input) },
  'presence.set': {
    permission: 'conversations.read',
    run(ctx, input) {
      if (!ctx.realtime.presence.set(deskSocket(ctx), input.presence)) throw notADesk();
      return listPresence(ctx.db, ctx.realtime.presence);
    },
  },
  'presence.list': { permission: 'conversations.read', run: (ctx) => listPresence(ctx.db, ctx.realtime.presence) },
  'desk.activity': {
    permission: 'conversations.read',
    async run(ctx, input) {
      if (!ctx.realtime.activity.set(deskSocket(ctx), input.conversationId, input.typing)) throw notADesk();
      return { ok: true };
    },
  },
  // Any signed-in user: the service filters the log by what this user may receive.
  'events.since': { permission: null, run: (ctx, input) => eventsSince(ctx.db, ctx.log, ctx.viewer, input) },

  'channel.list': { permission: 'channels.manage', run: (ctx) => ctx.accounts.views() },
  'channel.save': {
    permission: 'channels.manage',
    async run(ctx, input) {
      const view = await ctx.accounts.save(input);
      // Which secrets changed, never their values.
      await audit(ctx.db, ctx.viewer, {
        action: 'channel.save',
        subjectType: 'channel_account',
        subjectId: view.id,
        details: { kind: view.kind, secretsChanged: Object.keys(input.secrets).filter((k) => input.secrets[k] !== '') },
      });
      return view;
    },
  },
  'channel.setEnabled': {
    permission: 'channels.manage',
    async run(ctx, input) {
      const view = await ctx.accounts.setEnabled(input.id, input.enabled);
      await audit(ctx.db, ctx.viewer, { action: 'channel.set_enabled', subjectType: 'channel_account', subjectId: view.id, details: { enabled: input.enabled } });
      return view;
    },
  },
  'channel.test': {
    permission: 'channels.manage',
    async run(ctx, input) {
      const result = await ctx.accounts.test(input);
      // The outcome, never the settings tried: a form's secrets as typed must not reach the audit log.
      await audit(ctx.db, ctx.viewer, {
        action: 'channel.test',
        subjectType: 'channel_account',
        subjectId: input.id,
        details: { kind: input.form?.kind ?? null, unsaved: input.form !== undefined, ok: result.ok, ...(result.ok ? {} : { reason: result.reason.slice(0, 500) }) },
      });
      return result;
    },
  },
  'channel.simulateInbound': {
    permission: 'channels.manage',
    run(ctx, input) {
      if (!ctx.demo.channels) throw new ServiceError('BAD_REQUEST', 'Simulated messages are available only in demo mode');
      return ctx.demo.channels.simulateInbound(input);
    },
  },
};
