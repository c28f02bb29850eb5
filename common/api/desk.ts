// The agent's desk: inbox views and filters, conversation actions, the customer timeline, the composer
// (sends, notes, drafts), search, presence, and the resync a desk runs after a reconnect.
import { z } from 'zod';
import { Channel, ConversationStatus, MessageStatus } from '../domain/enums.ts';
import { TimelineCursor, TimelineEvent } from '../domain/timeline.ts';
import { PageQuery, pageOf } from './paging.ts';
import { ReplyVoice, VoiceBlock } from './voiceRules.ts';

const Id = z.string().min(1).max(100);
/** A desk-generated id (uuid) that makes a write idempotent: a retry after a reconnect is not stored twice. */
const ClientId = z.string().uuid();

// ── Inbox ────────────────────────────────────────────────────────────────────────────────────────────

/** Which conversations a view shows: mine, nobody's, everyone's, or one team's ("team:<id>"). */
export const InboxView = z.union([z.enum(['mine', 'unassigned', 'all']), z.string().regex(/^team:[\w-]{1,100}$/)]);
export type InboxView = z.infer<typeof InboxView>;

export const InboxSort = z.enum(['last_activity', 'longest_waiting']);
export type InboxSort = z.infer<typeof InboxSort>;

export const InboxFilter = z.object({
  view: InboxView.default('all'),
  /** Open by default: what needs an answer. */
  status: ConversationStatus.default('open'),
  channel: Channel.nullish(),
  tag: z.string().trim().min(1).max(50).nullish(),
  storeId: Id.nullish(),
  /** Only conversations whose customer has waited at least this long for an answer. */
  waitingMinutes: z.number().int().min(1).max(60 * 24 * 30).nullish(),
  sort: InboxSort.default('last_activity'),
});
export type InboxFilter = z.input<typeof InboxFilter>;

export const InboxQuery = PageQuery.extend(InboxFilter.shape);
export type InboxQuery = z.input<typeof InboxQuery>;

export const ConversationSummary = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  status: ConversationStatus,
  /** The channel the conversation started on, and the one of its latest message. */
  channel: Channel,
  lastChannel: Channel.nullable(),
  subject: z.string().nullable(),
  /** The latest message or note, shortened, for the list. */
  preview: z.string().nullable(),
  lastDirection: z.enum(['inbound', 'outbound', 'note']).nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  teamId: z.string().nullable(),
  storeId: z.string().nullable(),
  tags: z.array(z.string()),
  unreadCount: z.number().int().nonnegative(),
  lastActivityAt: z.iso.datetime(),
  /** When the customer started waiting for an answer; null when they are not waiting. */
  waitingSince: z.iso.datetime().nullable(),
  snoozedUntil: z.iso.datetime().nullable(),
  /** First response due by (SLA); null once answered or when there is no target for the channel. */
  firstResponseDueAt: z.iso.datetime().nullable(),
  firstResponseAt: z.iso.datetime().nullable(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const InboxPage = pageOf(ConversationSummary);
export type InboxPage = z.infer<typeof InboxPage>;

/** Conversations per view for the sidebar: open ones, and of those the ones with unread messages. */
export const InboxCounts = z.object({
  views: z.array(z.object({ view: InboxView, open: z.number().int(), unread: z.number().int() })),
});
export type InboxCounts = z.infer<typeof InboxCounts>;

export const ConversationIdInput = z.object({ conversationId: Id });

export const ConversationIdsInput = z.object({
  /** One or many: every action works on a selection (bulk actions) as on one conversation. */
  conversationIds: z.array(Id).min(1).max(500),
});

export const AssignInput = ConversationIdsInput.extend({
  /** An agent, or null to unassign. */
  assigneeId: Id.nullable().optional(),
  /** A team (transfer), or null to take it out of any team. */
  teamId: Id.nullable().optional(),
}).refine((v) => v.assigneeId !== undefined || v.teamId !== undefined, { message: 'Give an assignee or a team', path: ['assigneeId'] });
export type AssignInput = z.input<typeof AssignInput>;

export const SetStatusInput = ConversationIdsInput.extend({
  status: ConversationStatus,
  /** Required for snoozed: when it reopens by itself. */
  snoozedUntil: z.iso.datetime().nullish(),
}).refine((v) => v.status !== 'snoozed' || !!v.snoozedUntil, { message: 'Snoozing needs a time to reopen', path: ['snoozedUntil'] });
export type SetStatusInput = z.input<typeof SetStatusInput>;

export const Tag = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .transform((t) => t.toLowerCase());

export const TagInput = ConversationIdsInput.extend({ add: z.array(Tag).max(20).default([]), remove: z.array(Tag).max(20).default([]) });
export type TagInput = z.input<typeof TagInput>;

export const BulkResult = z.object({ updated: z.number().int(), conversations: z.array(ConversationSummary) });
export type BulkResult = z.infer<typeof BulkResult>;

/**
 * Opens a conversation. `timeline` asks for the customer's timeline in the same answer (the newest events,
 * or the page around one message), so the desk paints it without waiting on a second command.
 */
export const ConversationGetInput = ConversationIdInput.extend({
  timeline: z
    .object({
      /** Open at this message (a search result) instead of the newest events. */
      atMessageId: Id.nullish(),
    })
    .nullish(),
});
export type ConversationGetInput = z.input<typeof ConversationGetInput>;

/** A conversation opened in the desk: its summary, the customer, and what the composer needs. */
export const ConversationDetail = z.object({
  conversation: ConversationSummary,
  /** Channels the customer can be answered on, with what the composer must warn about. */
  replyChannels: z.array(
    z.object({
      channel: Channel,
      /** Masked unless the role reads contacts in full. */
      to: z.string(),
      optedOut: z.boolean(),
      blocked: z.boolean(),
    }),
  ),
  /** The channel of the last inbound message: where a reply goes by default. */
  defaultChannel: Channel.nullable(),
  customerTimeZone: z.string(),
  /** Quiet hours in the customer's local time (composer warns inside them). */
  quietHours: z.object({ start: z.string(), end: z.string() }),
  /** The latest message id when opened: a send names it, and the hub says if another agent replied since. */
  lastMessageId: z.string().nullable(),
  draft: z.lazy(() => Draft).nullable(),
  /** The timeline as it opens, when the input asked for it; null otherwise. */
  timeline: z.lazy(() => OpenedTimeline).nullable(),
});
export type ConversationDetail = z.infer<typeof ConversationDetail>;

// ── Timeline ─────────────────────────────────────────────────────────────────────────────────────────

export const TimelineQuery = z
  .object({
    customerId: Id,
    /** Older events than this position (scrolling up). */
    before: TimelineCursor.nullish(),
    /** Newer events than this position (scrolling down, or catching up). */
    after: TimelineCursor.nullish(),
    /** Jump to a date: the page of events around this instant. */
    around: z.iso.datetime({ offset: true }).nullish(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .refine((q) => [q.before, q.after, q.around].filter(Boolean).length <= 1, { message: 'Give at most one of before, after, around', path: ['before'] });
export type TimelineQuery = z.input<typeof TimelineQuery>;

export const TimelinePage = z.object({
  /** Oldest first. */
  events: z.array(TimelineEvent),
  hasOlder: z.boolean(),
  hasNewer: z.boolean(),
});
export type TimelinePage = z.infer<typeof TimelinePage>;

/** Events in a page when the desk does not need more. */
export const TIMELINE_PAGE_SIZE = 50;

/** How many of the newest events a conversation opens with: back to its first unread message, within a page of 200. */
export const openingPageLimit = (unread: number): number => Math.min(200, Math.max(TIMELINE_PAGE_SIZE, unread + 10));

/** The first page of a conversation's timeline (ConversationDetail.timeline). */
export const OpenedTimeline = TimelinePage.extend({
  /** The event of the message it was opened at; null when it opened at the newest events. */
  focusId: z.string().nullable(),
});
export type OpenedTimeline = z.infer<typeof OpenedTimeline>;

/** Opens the timeline at one message (a search result): the page around it. */
export const TimelineAtMessageInput = z.object({ messageId: Id, limit: z.number().int().min(1).max(200).default(50) });

// ── Composer ─────────────────────────────────────────────────────────────────────────────────────────

export const ComposerMode = z.enum(['reply', 'note']);

export const Draft = z.object({
  mode: ComposerMode,
  channel: Channel.nullable(),
  body: z.string().max(20_000),
  subject: z.string().max(500).nullable().default(null),
  updatedAt: z.iso.datetime().optional(),
});
export type Draft = z.infer<typeof Draft>;

export const SaveDraftInput = z.object({ conversationId: Id, draft: Draft.omit({ updatedAt: true }).nullable() });
export type SaveDraftInput = z.input<typeof SaveDraftInput>;

/** What the composer was told and the agent confirmed: a send without them is refused with the warnings. */
export const SendWarning = z.enum(['opted_out', 'blocked', 'quiet_hours', 'another_agent_replied']);
export type SendWarning = z.infer<typeof SendWarning>;

// ── Attachments ──────────────────────────────────────────────────────────────────────────────────────

/** The limits the hub enforces; the desk checks them first to say so before uploading. */
export const ATTACHMENT_LIMITS = { fileBytes: 25 * 1024 * 1024, messageBytes: 35 * 1024 * 1024, perMessage: 10 } as const;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'not a sha256 hash');

/** A file in the hub's store, as `POST /api/attachments` answers and a reply or a message lists it. */
export const AttachmentRef = z.object({
  sha256: Sha256,
  fileName: z.string().trim().min(1).max(255),
  contentType: z.string().min(1).max(200),
  size: z.number().int().min(0).max(ATTACHMENT_LIMITS.fileBytes),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;

export const AttachmentLinkInput = z.object({ sha256: Sha256, fileName: z.string().min(1).max(255) });
export type AttachmentLinkInput = z.input<typeof AttachmentLinkInput>;

/** A short-lived signed URL (relative to the hub) an <img> or link can use without the session header. */
export const AttachmentLink = z.object({ url: z.string(), expiresAt: z.iso.datetime() });
export type AttachmentLink = z.infer<typeof AttachmentLink>;

export const SendReplyInput = z
  .object({
    clientId: ClientId,
    conversationId: Id,
    channel: Channel,
    /** May be empty when files are attached. */
    body: z.string().trim().max(20_000),
    subject: z.string().trim().max(500).nullish(),
    /** The latest message the agent saw when writing. */
    seenMessageId: Id.nullish(),
    /** Warnings the agent saw and chose to send anyway. */
    acknowledged: z.array(SendWarning).default([]),
    /** Files uploaded with `POST /api/attachments` first. */
    attachments: z.array(AttachmentRef).max(ATTACHMENT_LIMITS.perMessage).default([]),
    /** The brand-voice check the composer ran; the hub lints again with the rule set in force. */
    voice: ReplyVoice.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.body === '' && input.attachments.length === 0) ctx.addIssue({ code: 'custom', path: ['body'], message: 'The message is empty' });
    if (input.attachments.reduce((sum, file) => sum + file.size, 0) > ATTACHMENT_LIMITS.messageBytes) {
      ctx.addIssue({ code: 'custom', path: ['attachments'], message: 'The files together are larger than the limit for one message' });
    }
  });
export type SendReplyInput = z.input<typeof SendReplyInput>;

export const SendReplyResult = z.union([
  z.object({ sent: z.literal(true), messageId: z.string(), status: MessageStatus, event: TimelineEvent }),
  /** Nothing was stored: the agent must confirm these first. */
  z.object({
    sent: z.literal(false),
    warnings: z.array(SendWarning),
    /** Error-level brand-voice issues remain: only a justification lets the reply through (acknowledging cannot). */
    voice: VoiceBlock.optional(),
  }),
]);
export type SendReplyResult = z.infer<typeof SendReplyResult>;

export const RetryMessageInput = z.object({ messageId: Id });

export const AddNoteInput = z.object({
  clientId: ClientId,
  conversationId: Id,
  body: z.string().trim().min(1, 'The note is empty').max(20_000),
});
export type AddNoteInput = z.input<typeof AddNoteInput>;

// ── Search (Ctrl+K) ──────────────────────────────────────────────────────────────────────────────────

export const SearchInput = z.object({ q: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(50).default(10) });
export type SearchInput = z.input<typeof SearchInput>;

export const MessageHit = z.object({
  messageId: z.string(),
  conversationId: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  channel: Channel,
  direction: z.enum(['inbound', 'outbound']),
  at: z.iso.datetime(),
  /** Text around the match; `highlights` are [start, end) offsets into it. */
  snippet: z.string(),
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
});
export type MessageHit = z.infer<typeof MessageHit>;

export const SearchResult = z.object({
  customers: z.array(z.object({ id: z.string(), fullName: z.string(), city: z.string().nullable(), phoneMasked: z.string().nullable(), emailMasked: z.string().nullable() })),
  messages: z.array(MessageHit),
});
export type SearchResult = z.infer<typeof SearchResult>;

// ── Working together ─────────────────────────────────────────────────────────────────────────────────

export const Presence = z.enum(['online', 'away', 'offline']);
export type Presence = z.infer<typeof Presence>;

export const SetPresenceInput = z.object({ presence: Presence.exclude(['offline']) });

export const AgentPresence = z.object({ userId: z.string(), displayName: z.string(), presence: Presence });
export type AgentPresence = z.infer<typeof AgentPresence>;

/** This desk has a conversation open (viewing) and whether its agent is typing in it. */
export const ActivityInput = z.object({ conversationId: Id.nullable(), typing: z.boolean().default(false) });

// ── Resync ───────────────────────────────────────────────────────────────────────────────────────────

export const EventsSinceInput = z.object({ afterSeq: z.number().int().nonnegative(), limit: z.number().int().min(1).max(1000).default(500) });

// ── Workspace settings ───────────────────────────────────────────────────────────────────────────────

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM');

/** First-response targets per channel (minutes; null: no target) and the customer's quiet hours. */
export const DeskSettings = z.object({
  firstResponseMinutes: z.record(Channel, z.number().int().min(1).max(60 * 24 * 14).nullable()).default({
    webchat: 5,
    telegram: 15,
    sms: 30,
    email: 240,
    api: 240,
  }),
  /** The composer warns before a reply lands in the customer's local night (152-FZ asks for care; customers ask for sleep). */
  quietHours: z.object({ start: ClockTime, end: ClockTime }).default({ start: '21:00', end: '09:00' }),
});
export type DeskSettings = z.infer<typeof DeskSettings>;
