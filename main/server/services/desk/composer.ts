// The composer's writes: replies through the durable outbox (with the warnings an agent must confirm),
// private notes, drafts kept on the hub, and retrying a failed send. Every write that adds to a timeline
// is logged as a sequenced event and pushed, so every desk shows it once.
import { z } from 'zod';
import type { AddNoteInput, Draft, SaveDraftInput, SendReplyInput, SendReplyResult, SendWarning } from '../../../../common/api/desk.ts';
import { Draft as DraftSchema } from '../../../../common/api/desk.ts';
import type { TimelineEvent } from '../../../../common/domain/timeline.ts';
import { inQuietHours } from '../../../../common/domain/time.ts';
import { IDENTITY_FOR_CHANNEL, OutboxSend, queueOutbound } from '../../channels/outbox.ts';
import type { Db } from '../../db/client.ts';
import { ServiceError } from '../../errors.ts';
import type { Clock } from '../../jobs/clock.ts';
import { enqueue } from '../../jobs/scheduler.ts';
import type { Realtime } from '../../realtime/broadcast.ts';
import { appendEvents } from '../../realtime/eventLog.ts';
import type { Viewer } from '../auth/viewer.ts';
import { readDeskSettings } from './settings.ts';
import type { ConversationNotifier } from './summaries.ts';
import type { Attachments } from '../attachments/service.ts';
import { messageEventById } from './timeline/messages.ts';
import { checkReply, recordReplyCheck } from '../voice/rules/replyCheck.ts';
import { noteEvent } from './timeline/notes.ts';

export interface ComposerDeps {
  db: Db;
  clock: Clock;
  realtime: Realtime;
  notifier: ConversationNotifier;
}

type Parsed<T extends z.ZodType> = z.output<T>;

/** Stores the events in the log and pushes them; returns the event for the caller's answer. */
export async function publish(deps: ComposerDeps, type: 'timeline.added' | 'timeline.updated', conversationId: string, event: TimelineEvent): Promise<TimelineEvent> {
  const stored = await appendEvents(deps.db, 'inbox', [{ type, payload: { conversationId, event } }], deps.clock.now());
  deps.realtime.deskEvents(stored);
  deps.notifier.touch([conversationId]);
  return event;
}

/** What the agent must confirm before this reply goes out; empty when nothing stands in the way. */
async function warningsFor(deps: ComposerDeps, viewer: Viewer, input: Parsed<typeof SendReplyInput>, customer: { id: string; timeZone: string }): Promise<SendWarning[]> {
  const warnings: SendWarning[] = [];
  const kind = IDENTITY_FOR_CHANNEL[input.channel];
  if (kind) {
    const identities = await deps.db.contactIdentity.findMany({ where: { customerId: customer.id, kind }, select: { optedOut: true, blocked: true } });
    if (identities.length > 0 && identities.every((i) => i.blocked)) warnings.push('blocked');
    if (identities.some((i) => i.optedOut)) warnings.push('opted_out');
  }
  const settings = await readDeskSettings(deps.db);
  if (inQuietHours(deps.clock.now(), customer.timeZone, settings.quietHours)) warnings.push('quiet_hours');
  if (input.seenMessageId) {
    const seen = await deps.db.message.findUnique({ where: { id: input.seenMessageId }, select: { createdAt: true, conversationId: true } });
    if (seen?.conversationId === input.conversationId) {
      const since = await deps.db.message.count({
        where: { conversationId: input.conversationId, direction: 'outbound', createdAt: { gt: seen.createdAt }, NOT: { authorId: viewer.userId } },
      });
      if (since > 0) warnings.push('another_agent_replied');
    }
  }
  return warnings;
}

/** Channels whose providers carry files; SMS cannot (MMS is not something our providers offer). */
const CARRIES_FILES: Record<string, boolean> = { email: true, telegram: true, webchat: true };

/** Refuses files a channel cannot carry, or that are not (or no longer) in the store, before anything is stored. */
async function checkAttachments(attachments: Attachments | undefined, input: Parsed<typeof SendReplyInput>): Promise<Parsed<typeof SendReplyInput>['attachments']> {
  if (input.attachments.length === 0) return [];
  if (!CARRIES_FILES[input.channel]) {
    throw new ServiceError('BAD_REQUEST', input.channel === 'sms' ? 'SMS cannot carry files' : `${input.channel} replies cannot carry files`, [
      { path: 'attachments', message: 'not supported by this channel' },
    ]);
  }
  const checked = [];
  for (const [index, file] of input.attachments.entries()) {
    const size = attachments ? await attachments.store.sizeOf(file.sha256) : null;
    if (size === null) {
      throw new ServiceError('BAD_REQUEST', `The file ${file.fileName} was not uploaded (or is gone): attach it again`, [{ path: `attachments.${index}`, message: 'not uploaded' }]);
    }
    // The stored size, not the one the desk says: meta is what downloads and limits trust.
    checked.push({ ...file, size });
  }
  return checked;
}

export async function sendReply(deps: ComposerDeps & { attachments?: Attachments }, viewer: Viewer, input: Parsed<typeof SendReplyInput>): Promise<SendReplyResult> {
  const earlier = await deps.db.message.findUnique({ where: { clientId: input.clientId }, select: { id: true, status: true } });
  if (earlier) {
    // A resend from a desk that lost the answer: the same message, not a second one.
    const event = await messageEventById(deps.db, earlier.id);
    return { sent: true, messageId: earlier.id, status: event!.payload.status, event: event! };
  }
  const conversation = await deps.db.conversation.findUnique({ where: { id: input.conversationId }, include: { customer: { select: { id: true, timeZone: true } } } });
  if (!conversation) throw new ServiceError('NOT_FOUND', 'Conversation not found');
  if (input.channel !== 'email' && input.subject) {
    // Only e-mail has subjects; elsewhere the provider would drop it without a word.
    throw new ServiceError('BAD_REQUEST', 'Only e-mail replies have a subject', [{ path: 'subject', message: 'e-mail only' }]);
  }
  const files = await checkAttachments(deps.attachments, input);
  const unconfirmed = (await warningsFor(deps, viewer, input, conversation.customer)).filter((w) => !input.acknowledged.includes(w));
  const voice = await checkReply(deps.db, input);
  if (unconfirmed.length > 0 || voice.block) return { sent: false, warnings: unconfirmed, ...(voice.block ? { voice: voice.block } : {}) };
  const queued = await queueOutbound(
    deps.db,
    {
      conversationId: conversation.id,
      channel: input.channel,
      body: input.body,
      ...(input.subject ? { subject: input.subject } : {}),
      authorId: viewer.userId,
      clientId: input.clientId,
      attachments: files,
    },
    deps.clock,
  );
  if (!queued.duplicate) {
    await recordReplyCheck(deps.db, voice, { id: queued.messageId, conversationId: conversation.id, agentId: viewer.userId, channel: input.channel, at: deps.clock.now() });
  }
  await deps.db.draft.deleteMany({ where: { conversationId: conversation.id, userId: viewer.userId } });
  const event = (await messageEventById(deps.db, queued.messageId))!;
  if (!queued.duplicate) await publish(deps, 'timeline.added', conversation.id, event);
  return { sent: true, messageId: queued.messageId, status: event.payload.status, event };
}

export async function addNote(deps: ComposerDeps, viewer: Viewer, input: Parsed<typeof AddNoteInput>): Promise<TimelineEvent> {
  const earlier = await deps.db.note.findUnique({ where: { clientId: input.clientId }, include: { author: { select: { displayName: true } } } });
  if (earlier) return noteEvent(earlier, earlier.author.displayName);
  const conversation = await deps.db.conversation.findUnique({ where: { id: input.conversationId }, select: { id: true, customerId: true } });
  if (!conversation) throw new ServiceError('NOT_FOUND', 'Conversation not found');
  const note = await deps.db.note.create({
    data: { conversationId: conversation.id, customerId: conversation.customerId, authorId: viewer.userId, body: input.body, clientId: input.clientId, createdAt: deps.clock.now() },
    include: { author: { select: { displayName: true } } },
  });
  await deps.db.draft.deleteMany({ where: { conversationId: conversation.id, userId: viewer.userId } });
  return publish(deps, 'timeline.added', conversation.id, noteEvent(note, note.author.displayName));
}

export async function readDraft(db: Db, viewer: Viewer, conversationId: string): Promise<Draft | null> {
  const row = await db.draft.findUnique({ where: { conversationId_userId: { conversationId, userId: viewer.userId } } });
  if (!row) return null;
  const parsed = DraftSchema.safeParse({ ...JSON.parse(row.content), updatedAt: row.updatedAt.toISOString() });
  return parsed.success ? parsed.data : null;
}

export async function saveDraft(db: Db, viewer: Viewer, input: Parsed<typeof SaveDraftInput>): Promise<Draft | null> {
  const key = { conversationId_userId: { conversationId: input.conversationId, userId: viewer.userId } };
  if (!input.draft || (input.draft.body.trim() === '' && !input.draft.subject)) {
    await db.draft.deleteMany({ where: { conversationId: input.conversationId, userId: viewer.userId } });
    return null;
  }
  if (!(await db.conversation.findUnique({ where: { id: input.conversationId }, select: { id: true } }))) throw new ServiceError('NOT_FOUND', 'Conversation not found');
  const content = JSON.stringify(input.draft);
  const row = await db.draft.upsert({ where: key, create: { conversationId: input.conversationId, userId: viewer.userId, content }, update: { content } });
  return { ...input.draft, updatedAt: row.updatedAt.toISOString() };
}

/** Sends a failed message again: the same message, back in the outbox with a fresh set of attempts. */
export async function retryMessage(deps: ComposerDeps, messageId: string): Promise<TimelineEvent> {
  const message = await deps.db.message.findUnique({ where: { id: messageId }, select: { id: true, status: true, direction: true, conversationId: true } });
  if (!message) throw new ServiceError('NOT_FOUND', 'Message not found');
  if (message.direction !== 'outbound' || message.status !== 'failed') throw new ServiceError('CONFLICT', 'Only a failed reply can be sent again');
  await deps.db.$transaction(async (tx) => {
    await tx.message.update({ where: { id: messageId }, data: { status: 'queued', failureReason: null } });
    // The finished send job still holds the message's key; free it so the new attempt can be queued.
    await tx.job.updateMany({ where: { dedupeKey: `send:${messageId}` }, data: { dedupeKey: null } });
    await enqueue(tx, OutboxSend, { messageId }, deps.clock, { dedupeKey: `send:${messageId}` });
  });
  const event = (await messageEventById(deps.db, messageId))!;
  return publish(deps, 'timeline.updated', message.conversationId, event);
}

/** A message's status moved (sent, delivered, failed …): desks replace the event in place. */
export async function publishMessageUpdate(deps: ComposerDeps, messageId: string, conversationId: string): Promise<void> {
  const event = await messageEventById(deps.db, messageId);
  if (event) await publish(deps, 'timeline.updated', conversationId, event);
}
