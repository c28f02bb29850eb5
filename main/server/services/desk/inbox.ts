// The inbox: conversations of one view (mine, unassigned, all, a team) with filters, keyset-paged by last
// activity (newest first) or by waiting time (longest first), and the counts beside each view.
import type { z } from 'zod';
import type { InboxCounts, InboxPage, InboxQuery } from '../../../../common/api/desk.ts';
import type { ConversationStatus } from '../../../../common/domain/enums.ts';
import type { Db } from '../../db/client.ts';
import type { Prisma } from '../../db/generated/client.ts';
import { decodeCursor, encodeCursor } from '../../db/keyset.ts';
import type { Viewer } from '../auth/viewer.ts';
import { loadSummaries } from './summaries.ts';

type ParsedInboxQuery = z.output<typeof InboxQuery>;

function viewWhere(view: string, viewer: Viewer): Prisma.ConversationWhereInput {
  if (view === 'mine') return { assigneeId: viewer.userId };
  if (view === 'unassigned') return { assigneeId: null };
  if (view.startsWith('team:')) return { teamId: view.slice('team:'.length) };
  return {};
}

export async function listInbox(db: Db, viewer: Viewer, query: ParsedInboxQuery, now: Date): Promise<InboxPage> {
  const where: Prisma.ConversationWhereInput = {
    ...viewWhere(query.view, viewer),
    status: query.status,
    ...(query.channel ? { channel: query.channel } : {}),
    ...(query.storeId ? { storeId: query.storeId } : {}),
    ...(query.tag ? { tags: { some: { tag: query.tag.toLowerCase() } } } : {}),
    ...(query.waitingMinutes ? { waitingSince: { lte: new Date(now.getTime() - query.waitingMinutes * 60_000) } } : {}),
  };
  const byWaiting = query.sort === 'longest_waiting';
  if (byWaiting) where.waitingSince = { not: null, ...(where.waitingSince as object | undefined) };
  const after = query.cursor ? decodeCursor(query.cursor, 2) : null;
  const keyset: Prisma.ConversationWhereInput | null = after
    ? byWaiting
      ? { OR: [{ waitingSince: { gt: new Date(after[0] as string) } }, { waitingSince: new Date(after[0] as string), id: { gt: after[1] as string } }] }
      : { OR: [{ lastActivityAt: { lt: new Date(after[0] as string) } }, { lastActivityAt: new Date(after[0] as string), id: { lt: after[1] as string } }] }
    : null;
  const rows = await db.conversation.findMany({
    where: keyset ? { AND: [where, keyset] } : where,
    orderBy: byWaiting ? [{ waitingSince: 'asc' }, { id: 'asc' }] : [{ lastActivityAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    select: { id: true, lastActivityAt: true, waitingSince: true },
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor([(byWaiting ? last.waitingSince! : last.lastActivityAt).toISOString(), last.id]) : null;
  return { items: await loadSummaries(db, page.map((r) => r.id)), nextCursor };
}

interface CountRow {
  assigneeId: string | null;
  teamId: string | null;
  total: number | bigint;
  unread: number | bigint;
}

export async function inboxCounts(db: Db, viewer: Viewer, status: ConversationStatus): Promise<InboxCounts> {
  const rows = await db.$queryRawUnsafe<CountRow[]>(
    `SELECT assigneeId, teamId, count(*) AS total, sum(unreadCount > 0) AS unread FROM Conversation WHERE status = ? GROUP BY assigneeId, teamId`,
    status,
  );
  const teams = await db.team.findMany({ select: { id: true }, orderBy: { name: 'asc' } });
  const tally = (match: (row: CountRow) => boolean) =>
    rows.filter(match).reduce((sum, row) => ({ open: sum.open + Number(row.total), unread: sum.unread + Number(row.unread ?? 0) }), { open: 0, unread: 0 });
  return {
    views: [
      { view: 'mine', ...tally((r) => r.assigneeId === viewer.userId) },
      { view: 'unassigned', ...tally((r) => r.assigneeId === null) },
      { view: 'all', ...tally(() => true) },
      ...teams.map((team) => ({ view: `team:${team.id}`, ...tally((r) => r.teamId === team.id) })),
    ],
  };
}
