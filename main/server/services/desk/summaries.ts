// ConversationSummary rows for the inbox and for live pushes, loaded for many conversations at once:
// one query for the conversations with their customer, assignee and tags, one for their latest entries.
import type { ConversationSummary } from '../../../../common/api/desk.ts';
import { Channel, ConversationStatus } from '../../../../common/domain/enums.ts';
import type { Db } from '../../db/client.ts';
import type { Realtime } from '../../realtime/broadcast.ts';
import { firstResponseDue, readDeskSettings } from './settings.ts';

const PREVIEW_LENGTH = 140;

const preview = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
};

interface LatestEntry {
  conversationId: string;
  body: string;
  channel: string | null;
  direction: string;
}

async function latestEntries(db: Db, ids: string[]): Promise<Map<string, LatestEntry>> {
  if (ids.length === 0) return new Map();
  const marks = ids.map(() => '?').join(', ');
  // The newest message or note per conversation, each found through its (conversationId, createdAt) index.
  const rows = await db.$queryRawUnsafe<LatestEntry[]>(
    `SELECT conversationId, body, channel, direction FROM (
       SELECT conversationId, body, channel, direction, createdAt, row_number() OVER (PARTITION BY conversationId ORDER BY createdAt DESC, id DESC) AS rank
         FROM (SELECT conversationId, body, channel, direction, createdAt, id FROM Message WHERE conversationId IN (${marks})
               UNION ALL
               SELECT conversationId, body, NULL AS channel, 'note' AS direction, createdAt, id FROM Note WHERE conversationId IN (${marks})))
      WHERE rank = 1`,
    ...ids,
    ...ids,
  );
  return new Map(rows.map((r) => [r.conversationId, r]));
}

export async function loadSummaries(db: Db, ids: readonly string[]): Promise<ConversationSummary[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const [rows, latest, settings] = await Promise.all([
    db.conversation.findMany({
      where: { id: { in: unique } },
      include: { customer: { select: { firstName: true, lastName: true } }, assignee: { select: { displayName: true } }, tags: { select: { tag: true } } },
    }),
    latestEntries(db, unique),
    readDeskSettings(db),
  ]);
  const byId = new Map(rows.map((row) => {
    const last = latest.get(row.id);
    const summary: ConversationSummary = {
      id: row.id,
      customerId: row.customerId,
      customerName: [row.customer.firstName, row.customer.lastName].filter(Boolean).join(' ') || '—',
      status: ConversationStatus.parse(row.status),
      channel: Channel.parse(row.channel),
      lastChannel: last?.channel ? Channel.parse(last.channel) : null,
      subject: row.subject,
      preview: last ? preview(last.body) : null,
      lastDirection: last ? (last.direction as ConversationSummary['lastDirection']) : null,
      assigneeId: row.assigneeId,
      assigneeName: row.assignee?.displayName ?? null,
      teamId: row.teamId,
      storeId: row.storeId,
      tags: row.tags.map((t) => t.tag).sort(),
      unreadCount: row.unreadCount,
      lastActivityAt: row.lastActivityAt.toISOString(),
      waitingSince: row.waitingSince?.toISOString() ?? null,
      snoozedUntil: row.snoozedUntil?.toISOString() ?? null,
      firstResponseDueAt: firstResponseDue(settings, row)?.toISOString() ?? null,
      firstResponseAt: row.firstResponseAt?.toISOString() ?? null,
    };
    return [row.id, summary] as const;
  }));
  // In the order asked for: callers page and sort before loading.
  return unique.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Pushes fresh summaries of conversations that changed. Changes from a burst (an ingest batch, a bulk
 * action) are gathered for a moment and loaded with one query set, not one per message.
 */
export function conversationNotifier(db: Db, realtime: Realtime, log: { warn(obj: object, msg: string): void }, delayMs = 15) {
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  const flush = async () => {
    timer = null;
    const ids = [...pending];
    pending = new Set();
    try {
      realtime.conversationChanged(await loadSummaries(db, ids));
    } catch (error) {
      // A push is a courtesy: desks reload their lists after a reconnect anyway.
      log.warn({ err: error, count: ids.length }, 'conversation summaries not pushed');
    }
  };
  return {
    touch(ids: Iterable<string>) {
      for (const id of ids) pending.add(id);
      timer ??= setTimeout(() => void flush(), delayMs);
    },
  };
}
export type ConversationNotifier = ReturnType<typeof conversationNotifier>;
