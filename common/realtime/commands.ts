// Every command a desk can send to the hub: its name (a verb), the schema its payload must pass and the
// type of its answer. Socket.io and `POST /api/commands/:name` both dispatch through this table.
import { z } from 'zod';
import { Me } from '../api/auth.ts';
import {
  MergeInput,
  SuggestionIdInput,
  SuggestionListInput,
  UndoMergeInput,
  type MatchRate,
  type MergeResult,
  type MergeSuggestionView,
} from '../api/identity.ts';
import {
  ChannelAccountSave,
  ChannelAccountToggle,
  ChannelTestInput,
  SimulateInboundInput,
  type ChannelAccountView,
  type ConnectionTestResult,
  type SimulateInboundResult,
} from '../api/channelSettings.ts';
import { CustomerDetail, CustomerGetInput, CustomerListPage, CustomerListQuery, CustomerUpdateInput } from '../api/customers.ts';
import {
  ActivityInput,
  AddNoteInput,
  AttachmentLinkInput,
  AssignInput,
  ConversationGetInput,
  ConversationIdInput,
  DeskSettings,
  EventsSinceInput,
  InboxFilter,
  InboxQuery,
  RetryMessageInput,
  SaveDraftInput,
  SearchInput,
  SendReplyInput,
  SetPresenceInput,
  SetStatusInput,
  TagInput,
  TimelineAtMessageInput,
  TimelineQuery,
  type AgentPresence,
  type AttachmentLink,
  type BulkResult,
  type ConversationDetail,
  type ConversationSummary,
  type DeskSettings as DeskSettingsValue,
  type Draft,
  type InboxCounts,
  type InboxPage,
  type SearchResult,
  type SendReplyResult,
  type TimelinePage,
} from '../api/desk.ts';
import type { TimelineEvent } from '../domain/timeline.ts';
import type { SequencedEvent } from './events.ts';
import { StoreGetInput, StoreView } from '../api/stores.ts';
import {
  CatalogSearchInput,
  StockCorrectInput,
  StockForProductInput,
  StoreStockListInput,
  type CatalogSearchResult,
  type ProductStock,
  type StockImportReport,
  type StoreStockPage,
  type StoreStockRow,
} from '../api/catalog.ts';
import {
  CustomerReservationsInput,
  ReservationCreateInput,
  ReservationFindInput,
  ReservationListInput,
  ReservationTransitionInput,
  type ReservationPage,
  type ReservationView,
} from '../api/reservations.ts';
import { LoyaltyAdjustInput, LoyaltyLedgerInput, LoyaltySettings, type LoyaltyEntryView, type LoyaltyLedgerPage } from '../api/loyalty.ts';
import { SetLocaleInput, TeamView, UserCreateInput, UserUpdateInput, UserView } from '../api/users.ts';
import {
  CalibrationInput,
  ReviewCommentInput,
  ReviewGetInput,
  ReviewListInput,
  ReviewOpenInput,
  ReviewRespondInput,
  ReviewSaveInput,
  SampleCriteria,
  SampleGetInput,
  ScorecardSaveInput,
  TrendsInput,
  type CalibrationResult,
  type ReviewPerson,
  type ReviewSummary,
  type ReviewView,
  type SampleSummary,
  type SampleView,
  type Scorecard,
  type TrendsResult,
} from '../api/review.ts';
import {
  TemplateArchiveInput,
  TemplateGetInput,
  TemplateListInput,
  TemplateRenderInput,
  TemplateReviewInput,
  TemplateSaveInput,
  type TemplateDetail,
  type TemplateRendered,
  type TemplateSummary,
} from '../api/templates.ts';
import { VoiceRulesRestoreInput, VoiceRulesSaveInput, type VoiceRulesVersionSummary } from '../api/voiceRules.ts';
import type { VoiceRuleSet } from '../api/voice.ts';
import type { Result } from '../result.ts';

const Empty = z.object({}).strict();

export const commandInputs = {
  'session.me': Empty,
  'session.setLocale': SetLocaleInput,
  'customer.list': CustomerListQuery,
  'customer.get': CustomerGetInput,
  'customer.update': CustomerUpdateInput,
  'customer.watch': CustomerGetInput,
  'customer.unwatch': CustomerGetInput,
  'store.list': Empty,
  'store.get': StoreGetInput,
  'user.list': Empty,
  'user.create': UserCreateInput,
  'user.update': UserUpdateInput,
  'team.list': Empty,
  'channel.list': Empty,
  'channel.save': ChannelAccountSave,
  'channel.setEnabled': ChannelAccountToggle,
  'channel.test': ChannelTestInput,
  'channel.simulateInbound': SimulateInboundInput,
  'identity.suggestions': SuggestionListInput,
  'identity.scan': Empty,
  'identity.merge': MergeInput,
  'identity.dismiss': SuggestionIdInput,
  'identity.undoMerge': UndoMergeInput,
  'identity.matchRate': Empty,
  'inbox.list': InboxQuery,
  'inbox.counts': InboxFilter.pick({ status: true }),
  'conversation.get': ConversationGetInput,
  'conversation.assign': AssignInput,
  'conversation.setStatus': SetStatusInput,
  'conversation.tag': TagInput,
  'conversation.markRead': ConversationIdInput,
  'conversation.saveDraft': SaveDraftInput,
  'conversation.reply': SendReplyInput,
  'conversation.addNote': AddNoteInput,
  'message.retry': RetryMessageInput,
  'attachment.link': AttachmentLinkInput,
  'timeline.page': TimelineQuery,
  'timeline.atMessage': TimelineAtMessageInput,
  'search.all': SearchInput,
  'presence.set': SetPresenceInput,
  'presence.list': Empty,
  'desk.activity': ActivityInput,
  'events.since': EventsSinceInput,
  'settings.desk.get': Empty,
  'settings.desk.save': DeskSettings,
  'catalog.search': CatalogSearchInput,
  'stock.forProduct': StockForProductInput,
  'stock.listStore': StoreStockListInput,
  'stock.correct': StockCorrectInput,
  'stock.imports': Empty,
  'stock.importGet': z.object({ id: z.string().min(1).max(100) }),
  'reservation.create': ReservationCreateInput,
  'reservation.transition': ReservationTransitionInput,
  'reservation.list': ReservationListInput,
  'reservation.find': ReservationFindInput,
  'reservation.forCustomer': CustomerReservationsInput,
  'loyalty.ledger': LoyaltyLedgerInput,
  'loyalty.adjust': LoyaltyAdjustInput,
  'settings.loyalty.get': Empty,
  'settings.loyalty.save': LoyaltySettings,
  'scorecard.get': Empty,
  'scorecard.save': ScorecardSaveInput,
  'review.sample': SampleCriteria,
  'review.samples': Empty,
  'review.sampleGet': SampleGetInput,
  'review.open': ReviewOpenInput,
  'review.save': ReviewSaveInput,
  'review.comment': ReviewCommentInput,
  'review.list': ReviewListInput,
  'review.get': ReviewGetInput,
  'review.respond': ReviewRespondInput,
  'review.trends': TrendsInput,
  'review.calibration': CalibrationInput,
  'review.agents': Empty,
  'template.list': TemplateListInput,
  'template.get': TemplateGetInput,
  'template.save': TemplateSaveInput,
  'template.review': TemplateReviewInput,
  'template.archive': TemplateArchiveInput,
  'template.render': TemplateRenderInput,
  'voice.rules.get': Empty,
  'voice.rules.save': VoiceRulesSaveInput,
  'voice.rules.history': Empty,
  'voice.rules.restore': VoiceRulesRestoreInput,
} as const;

export interface CommandOutputs {
  'session.me': Me;
  'session.setLocale': Me;
  'customer.list': CustomerListPage;
  'customer.get': CustomerDetail;
  'customer.update': CustomerDetail;
  'customer.watch': { watching: string };
  'customer.unwatch': { watching: null };
  'store.list': StoreView[];
  'store.get': StoreView;
  'user.list': UserView[];
  'user.create': UserView;
  'user.update': UserView;
  'team.list': TeamView[];
  'channel.list': ChannelAccountView[];
  'channel.save': ChannelAccountView;
  'channel.setEnabled': ChannelAccountView;
  'channel.test': ConnectionTestResult;
  'channel.simulateInbound': SimulateInboundResult;
  'identity.suggestions': MergeSuggestionView[];
  'identity.scan': { created: number };
  'identity.merge': MergeResult;
  'identity.dismiss': MergeSuggestionView;
  'identity.undoMerge': { survivorId: string; restoredId: string };
  'identity.matchRate': MatchRate;
  'inbox.list': InboxPage;
  'inbox.counts': InboxCounts;
  'conversation.get': ConversationDetail;
  'conversation.assign': BulkResult;
  'conversation.setStatus': BulkResult;
  'conversation.tag': BulkResult;
  'conversation.markRead': ConversationSummary;
  'conversation.saveDraft': Draft | null;
  'conversation.reply': SendReplyResult;
  'conversation.addNote': TimelineEvent;
  'message.retry': TimelineEvent;
  'attachment.link': AttachmentLink;
  'timeline.page': TimelinePage;
  'timeline.atMessage': TimelinePage & { customerId: string; focusId: string };
  'search.all': SearchResult;
  'presence.set': AgentPresence[];
  'presence.list': AgentPresence[];
  'desk.activity': { ok: true };
  /** `complete` false: the desk was away longer than events are kept, and reloads what it shows. */
  'events.since': { events: SequencedEvent[]; latestSeq: number; complete: boolean };
  'settings.desk.get': DeskSettingsValue;
  'settings.desk.save': DeskSettingsValue;
  'catalog.search': CatalogSearchResult;
  'stock.forProduct': ProductStock;
  'stock.listStore': StoreStockPage;
  'stock.correct': StoreStockRow;
  /** The latest imports, newest first. */
  'stock.imports': StockImportReport[];
  'stock.importGet': StockImportReport;
  'reservation.create': ReservationView;
  'reservation.transition': ReservationView;
  'reservation.list': ReservationPage;
  'reservation.find': ReservationView[];
  /** Open reservations first, then the latest closed ones. */
  'reservation.forCustomer': ReservationView[];
  'loyalty.ledger': LoyaltyLedgerPage;
  'loyalty.adjust': { entry: LoyaltyEntryView; balance: number };
  'settings.loyalty.get': LoyaltySettings;
  'settings.loyalty.save': LoyaltySettings;
  'scorecard.get': Scorecard;
  'scorecard.save': Scorecard;
  'review.sample': SampleView;
  /** The latest draws, newest first. */
  'review.samples': SampleSummary[];
  'review.sampleGet': SampleView;
  'review.open': ReviewView;
  'review.save': ReviewView;
  'review.comment': ReviewView;
  /** Most recently changed first. */
  'review.list': ReviewSummary[];
  'review.get': ReviewView;
  'review.respond': ReviewView;
  'review.trends': TrendsResult;
  'review.calibration': CalibrationResult;
  /** Whose work can be sampled: active users whose role answers conversations, by name. */
  'review.agents': ReviewPerson[];
  /** Folder, then name. */
  'template.list': TemplateSummary[];
  'template.get': TemplateDetail;
  'template.save': TemplateDetail;
  'template.review': TemplateDetail;
  'template.archive': TemplateDetail;
  'template.render': TemplateRendered;
  /** The rule set in force (the workspace's first one until a supervisor saves another). */
  'voice.rules.get': VoiceRuleSet;
  'voice.rules.save': VoiceRuleSet;
  /** Newest first. */
  'voice.rules.history': VoiceRulesVersionSummary[];
  /** The restored rules, saved as a new version. */
  'voice.rules.restore': VoiceRuleSet;
}

export type CommandName = keyof typeof commandInputs;
export type CommandInput<K extends CommandName> = z.input<(typeof commandInputs)[K]>;
export type ParsedCommandInput<K extends CommandName> = z.output<(typeof commandInputs)[K]>;
export type CommandOutput<K extends CommandName> = CommandOutputs[K];

export const commandNames = Object.keys(commandInputs) as CommandName[];
export const isCommandName = (name: string): name is CommandName => Object.hasOwn(commandInputs, name);
export type Ack<K extends CommandName> = (result: Result<CommandOutput<K>>) => void;
