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
import { searchCatalog } from '../services/commerce/catalog/search.ts';
import { correctStock, listStoreStock, stockForProduct } from '../services/commerce/catalog/stock.ts';
import { publishStockChanges } from '../services/commerce/catalog/publish.ts';
import { getStockImport, listStockImports } from '../services/commerce/catalog/importReports.ts';
import { adjustPoints } from '../services/commerce/loyalty/adjust.ts';
import { ledgerPage } from '../services/commerce/loyalty/ledgerPage.ts';
import { readLoyaltySettings, saveLoyaltySettings } from '../services/commerce/loyalty/settings.ts';
import { createReservation, customerReservations, findReservations, listReservations, transitionReservation } from '../services/commerce/reservations/service.ts';
import type { ReservationWriter } from '../services/commerce/reservations/writer.ts';
import { createUser, listTeams, listUsers, updateUser } from '../services/users/users.ts';
import { getTemplate, listTemplates } from '../services/voice/templates/library.ts';
import { renderForCustomer } from '../services/voice/templates/render.ts';
import { archiveTemplate, reviewVersion } from '../services/voice/templates/review.ts';
import { saveTemplate } from '../services/voice/templates/save.ts';
import type { TemplateDetail } from '../../../common/api/templates.ts';
import { calibration } from '../services/voice/review/calibration.ts';
import { commentOnMessage, getReview, listReviews, openReview, respondToReview, saveReview } from '../services/voice/review/reviews.ts';
import { reviewableAgents } from '../services/voice/review/people.ts';
import { getSample, listSamples } from '../services/voice/review/samples.ts';
import { drawSample } from '../services/voice/review/sampling.ts';
import { currentScorecard, saveScorecard } from '../services/voice/review/scorecard.ts';
import { reviewTrends } from '../services/voice/review/trends.ts';
import type { ReviewView } from '../../../common/api/review.ts';
import type { VoiceRuleSet } from '../../../common/api/voice.ts';
import { readRules, restoreRules, rulesHistory, saveRules } from '../services/voice/rules.ts';

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
  /** The one writer of new reservations (group commit). */
  reservations: ReservationWriter;
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

const announceReview = (ctx: CommandContext, review: ReviewView) =>
  ctx.realtime.reviewChanged({ id: review.id, conversationId: review.conversationId, agentId: review.agent.id, reviewerId: review.reviewer.id, status: review.status });

function voiceRulesChanged(ctx: CommandContext, ruleSet: VoiceRuleSet): VoiceRuleSet {
  ctx.realtime.voiceRulesChanged({ version: ruleSet.version });
  return ruleSet;
}

function templatesChanged(ctx: CommandContext, template: TemplateDetail): TemplateDetail {
  ctx.realtime.templatesChanged({ templateId: template.id, key: template.key });
  return template;
}

/** The socket connected before its user's role allowed conversations: it was never tracked as a desk. */
const notADesk = () => new ServiceError('BAD_REQUEST', 'Reconnect this desk to share presence and activity');

export const handlers: Handlers = {
  'session.me': { permission: null, run: (ctx) => getMe(ctx.db, ctx.viewer) },
  'session.setLocale': { permission: null, run: (ctx, input) => setLocale(ctx.db, ctx.viewer, input.locale) },

  'customer.list': { permission: 'customers.read', run: (ctx, input) => listCustomers(ctx.db, ctx.viewer, input) },
  'customer.get': { permission: 'customers.read', run: (ctx, input) => getCustomer(ctx.db, ctx.viewer, input.id, ctx.clock.now()) },
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

  'catalog.search': { permission: 'catalog.read', run: (ctx, input) => searchCatalog(ctx.db, input) },
  // Store staff get their own store's row only: the service filters the stores by the viewer.
  'stock.forProduct': { permission: 'catalog.read', run: (ctx, input) => stockForProduct(ctx.db, ctx.viewer, input, ctx.clock.now()) },
  'stock.listStore': { permission: 'catalog.read', run: (ctx, input) => listStoreStock(ctx.db, ctx.viewer, input) },
  'stock.correct': {
    permission: 'stock.correct',
    async run(ctx, input) {
      const { row, level } = await correctStock(ctx.db, ctx.viewer, input, ctx.clock.now());
      publishStockChanges(ctx.realtime, [level], 'correction');
      return row;
    },
  },
  'stock.imports': { permission: 'stock.import', run: (ctx) => listStockImports(ctx.db) },
  'stock.importGet': { permission: 'stock.import', run: (ctx, input) => getStockImport(ctx.db, input.id) },

  'reservation.create': { permission: 'reservations.create', run: (ctx, input) => createReservation(ctx, ctx.viewer, input) },
  // Cancelling is allowed with reservations.manage or reservations.create (an agent, on the customer's
  // request); the other steps need reservations.manage. The service decides per step.
  'reservation.transition': { permission: null, run: (ctx, input) => transitionReservation(ctx, ctx.viewer, input) },
  'reservation.list': { permission: 'reservations.manage', run: (ctx, input) => listReservations(ctx, ctx.viewer, input) },
  'reservation.find': { permission: 'reservations.manage', run: (ctx, input) => findReservations(ctx, ctx.viewer, input) },
  // customers.history.read or reservations.create: checked by the service.
  'reservation.forCustomer': { permission: null, run: (ctx, input) => customerReservations(ctx, ctx.viewer, input) },

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
  'conversation.get': { permission: 'conversations.read', run: (ctx, input) => getConversation(ctx.db, ctx.viewer, input) },
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
  'loyalty.ledger': { permission: 'customers.history.read', run: (ctx, input) => ledgerPage(ctx.db, ctx.viewer, input, ctx.clock.now()) },
  'loyalty.adjust': { permission: 'loyalty.adjust', run: (ctx, input) => adjustPoints(ctx, ctx.viewer, input) },
  'settings.loyalty.get': { permission: 'workspace.manage', run: (ctx) => readLoyaltySettings(ctx.db) },
  'settings.loyalty.save': { permission: 'workspace.manage', run: (ctx, input) => saveLoyaltySettings(ctx.db, ctx.viewer, input) },

  // Agents read the scorecard too: their reviews are scored on it.
  'scorecard.get': { permission: 'conversations.read', run: (ctx) => currentScorecard(ctx.db) },
  'scorecard.save': { permission: 'voice.manage', run: (ctx, input) => saveScorecard(ctx.db, ctx.viewer, input) },
  'review.sample': { permission: 'reviews.manage', run: (ctx, input) => drawSample(ctx.db, ctx.viewer, input, ctx.clock.now()) },
  'review.samples': { permission: 'reviews.manage', run: (ctx) => listSamples(ctx.db) },
  'review.sampleGet': { permission: 'reviews.manage', run: (ctx, input) => getSample(ctx.db, ctx.viewer, input.id) },
  'review.open': { permission: 'reviews.manage', run: (ctx, input) => openReview(ctx.db, ctx.viewer, input, ctx.clock.now()) },
  'review.save': {
    permission: 'reviews.manage',
    async run(ctx, input) {
      const review = await saveReview(ctx.db, ctx.viewer, input, ctx.clock.now());
      if (input.submit) announceReview(ctx, review);
      return review;
    },
  },
  'review.comment': { permission: 'reviews.manage', run: (ctx, input) => commentOnMessage(ctx.db, ctx.viewer, input, ctx.clock.now()) },
  // Agents see the submitted reviews of their own work; 'all' needs reviews.manage (checked by the service).
  'review.list': { permission: 'conversations.read', run: (ctx, input) => listReviews(ctx.db, ctx.viewer, input) },
  'review.get': { permission: 'conversations.read', run: (ctx, input) => getReview(ctx.db, ctx.viewer, input.id) },
  'review.respond': {
    permission: 'conversations.read',
    async run(ctx, input) {
      const review = await respondToReview(ctx.db, ctx.viewer, input, ctx.clock.now());
      announceReview(ctx, review);
      return review;
    },
  },
  'review.trends': { permission: 'reviews.manage', run: (ctx, input) => reviewTrends(ctx.db, input) },
  'review.calibration': { permission: 'reviews.manage', run: (ctx, input) => calibration(ctx.db, input) },
  'review.agents': { permission: 'reviews.manage', run: (ctx) => reviewableAgents(ctx.db) },
  'timeline.atMessage': { permission: 'conversations.read', run: (ctx, input) => timelineAtMessage(ctx.db, ctx.viewer, input.messageId, input.limit) },

  // Agents list and render approved templates; authors and reviewers see every version. The services decide.
  'template.list': { permission: null, run: (ctx, input) => listTemplates(ctx.db, ctx.viewer, input) },
  'template.get': { permission: null, run: (ctx, input) => getTemplate(ctx.db, ctx.viewer, input.id) },
  'template.render': { permission: null, run: (ctx, input) => renderForCustomer(ctx.db, ctx.viewer, input, ctx.clock.now()) },
  'template.save': { permission: 'templates.author', run: async (ctx, input) => templatesChanged(ctx, await saveTemplate(ctx.db, ctx.viewer, input)) },
  'template.review': { permission: 'voice.manage', run: async (ctx, input) => templatesChanged(ctx, await reviewVersion(ctx.db, ctx.viewer, input, ctx.clock.now())) },
  'template.archive': { permission: 'templates.author', run: async (ctx, input) => templatesChanged(ctx, await archiveTemplate(ctx.db, ctx.viewer, input.id, input.archived)) },

  // conversations.read (to lint) or voice.manage (to edit): checked by the service.
  'voice.rules.get': { permission: null, run: (ctx) => readRules(ctx.db, ctx.viewer) },
  'voice.rules.save': { permission: 'voice.manage', run: async (ctx, input) => voiceRulesChanged(ctx, await saveRules(ctx.db, ctx.viewer, input, ctx.clock.now())) },
  'voice.rules.history': { permission: 'voice.manage', run: (ctx) => rulesHistory(ctx.db) },
  'voice.rules.restore': { permission: 'voice.manage', run: async (ctx, input) => voiceRulesChanged(ctx, await restoreRules(ctx.db, ctx.viewer, input, ctx.clock.now())) },

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
