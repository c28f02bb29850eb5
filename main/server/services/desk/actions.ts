// What agents do to conversations, one or many at a time (bulk actions are the same commands with more
// ids): assign and transfer, change status (snooze until a time, which a durable job ends), tag, mark read.
import { z } from 'zod';
import type { AssignInput, BulkResult, ConversationSummary, SetStatusInput, TagInput } from '../../../../common/api/desk.ts';
import { can } from '../../../../common/domain/policy.ts';
import { Role } from '../../../../common/domain/enums.ts';
import type { Db } from '../../db/client.ts';
import { ServiceError } from '../../errors.ts';
import type { Clock } from '../../jobs/clock.ts';
import { enqueue, type JobKind, type JobSpec } from '../../jobs/scheduler.ts';
import { audit } from '../audit/audit.ts';
import type { Viewer } from '../auth/viewer.ts';
import { loadSummaries, type ConversationNotifier } from './summaries.ts';

type Parsed<T extends z.ZodType> = z.output<T>;

export interface ActionDeps {
  db: Db;
  clock: Clock;
  notifier: ConversationNotifier;
}

async function existingIds(db: Db, ids: readonly string[]): Promise<string[]> {
  const found = await db.conversation.findMany({ where: { id: { in: [...ids] } }, select: { id: true } });
  if (found.length !== new Set(ids).size) throw new ServiceError('NOT_FOUND', 'Some of these conversations no longer exist; reload the list');
  return found.map((c) => c.id);
}

async function finish(deps: ActionDeps, ids: string[], updated: number): Promise<BulkResult> {
  deps.notifier.touch(ids);
  return { updated, conversations: await loadSummaries(deps.db, ids) };
}

export async function assignConversations(deps: ActionDeps, viewer: Viewer, input: Parsed<typeof AssignInput>): Promise<BulkResult> {
  const ids = await existingIds(deps.db, input.conversationIds);
  if (input.assigneeId) {
    const user = await deps.db.user.findUnique({ where: { id: input.assigneeId }, select: { role: true, disabled: true } });
    if (!user || user.disabled || !can(Role.parse(user.role), 'conversations.read')) {
      throw new ServiceError('BAD_REQUEST', 'Conversations can be assigned only to active agents, supervisors or admins', [{ path: 'assigneeId', message: 'not an agent' }]);
    }
  }
  if (input.teamId && !(await deps.db.team.findUnique({ where: { id: input.teamId } }))) {
    throw new ServiceError('BAD_REQUEST', 'No such team', [{ path: 'teamId', message: 'unknown team' }]);
  }
  const data = {
    ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId } : {}),
    ...(input.teamId !== undefined ? { teamId: input.teamId } : {}),
  };
  const { count } = await deps.db.conversation.updateMany({ where: { id: { in: ids } }, data });
  await audit(deps.db, viewer, { action: 'conversation.assign', subjectType: 'conversation', subjectId: ids.length === 1 ? ids[0] : undefined, details: { count: ids.length, ...data } });
  return finish(deps, ids, count);
}

export const ConversationWake: JobSpec<{ conversationId: string; snoozedUntil: string }> = {
  kind: 'conversation.wake',
  payload: z.object({ conversationId: z.string(), snoozedUntil: z.string() }),
  maxAttempts: 5,
};

export async function setConversationStatus(deps: ActionDeps, viewer: Viewer, input: Parsed<typeof SetStatusInput>): Promise<BulkResult> {
  const ids = await existingIds(deps.db, input.conversationIds);
  const now = deps.clock.now();
  const until = input.status === 'snoozed' ? new Date(input.snoozedUntil!) : null;
  if (until && until <= now) throw new ServiceError('BAD_REQUEST', 'Snooze until a time in the future', [{ path: 'snoozedUntil', message: 'in the past' }]);
  const count = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.conversation.updateMany({
      where: { id: { in: ids } },
      data: { status: input.status, snoozedUntil: until, ...(input.status === 'resolved' ? { unreadCount: 0 } : {}) },
    });
    // One wake-up per conversation and time: snoozing again to another time schedules another, and the
    // earlier one finds the conversation no longer snoozed until its time and does nothing.
    if (until) for (const id of ids) await enqueue(tx, ConversationWake, { conversationId: id, snoozedUntil: until.toISOString() }, deps.clock, { runAt: until, dedupeKey: `wake:${id}:${until.getTime()}` });
    return count;
  });
  await audit(deps.db, viewer, { action: 'conversation.status', subjectType: 'conversation', subjectId: ids.length === 1 ? ids[0] : undefined, details: { count: ids.length, status: input.status, snoozedUntil: until?.toISOString() ?? null } });
  return finish(deps, ids, count);
}

export function conversationWakeJob(deps: ActionDeps): JobKind<{ conversationId: string; snoozedUntil: string }> {
  return {
    ...ConversationWake,
    async run({ conversationId, snoozedUntil }) {
      const { count } = await deps.db.conversation.updateMany({
        where: { id: conversationId, status: 'snoozed', snoozedUntil: new Date(snoozedUntil) },
        data: { status: 'open', snoozedUntil: null },
      });
      if (count > 0) deps.notifier.touch([conversationId]);
    },
  };
}

export async function tagConversations(deps: ActionDeps, viewer: Viewer, input: Parsed<typeof TagInput>): Promise<BulkResult> {
  const ids = await existingIds(deps.db, input.conversationIds);
  await deps.db.$transaction(async (tx) => {
    if (input.remove.length > 0) await tx.conversationTag.deleteMany({ where: { conversationId: { in: ids }, tag: { in: input.remove } } });
    for (const tag of input.add) {
      for (const conversationId of ids) {
        await tx.conversationTag.upsert({ where: { conversationId_tag: { conversationId, tag } }, create: { conversationId, tag }, update: {} });
      }
    }
    // Tags change what the inbox shows: the summary's updatedAt moves so list caches see it.
    await tx.conversation.updateMany({ where: { id: { in: ids } }, data: { updatedAt: deps.clock.now() } });
  });
  await audit(deps.db, viewer, { action: 'conversation.tag', subjectType: 'conversation', subjectId: ids.length === 1 ? ids[0] : undefined, details: { count: ids.length, add: input.add, remove: input.remove } });
  return finish(deps, ids, ids.length);
}

export async function markRead(deps: ActionDeps, conversationId: string): Promise<ConversationSummary> {
  await existingIds(deps.db, [conversationId]);
  await deps.db.conversation.update({ where: { id: conversationId }, data: { unreadCount: 0 } });
  deps.notifier.touch([conversationId]);
  return (await loadSummaries(deps.db, [conversationId]))[0]!;
}

