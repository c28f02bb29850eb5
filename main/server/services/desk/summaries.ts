// ConversationSummary rows for the inbox and for live pushes, loaded for many conversations at once:
// one query for the conversations with their customer, assignee and tags, one for their latest entries.
import type { ConversationSummary, DeskSettings } from '../../../../common/api/desk.ts';
import { Channel, ConversationStatus } from '../../../../common/domain/enums.ts';
import type { Db } from '../../db/client.ts';
import type { Realtime } from '../../realtime/broadcast.ts';
import { firstResponseDue, readDeskSettings } from './settings.ts';

const PREVIEW_LENGTH = 140;

const preview = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
};

interface SummaryRow {
  id: string;
  customerId: string;
  status: string;
  channel: string;
  subject: string | null;
  assigneeId: string | null;
  teamId: string | null;
  storeId: string | null;
  unreadCount: number | bigint;
  lastActivityAt: string;
  waitingSince: string | null;
  snoozedUntil: string | null;
  firstResponseAt: string | null;
  createdAt: string;
  firstName: string;
  lastName: string;
  assigneeName: string | null;
  tags: string | null;
  messageBody: string | null;
  messageChannel: string | null;
  messageDirection: string | null;
  messageAt: string | null;
  noteBody: string | null;
  noteAt: string | null;
}

/** Tags travel joined by the unit separator, which no tag contains. */
const TAG_SEPARATOR = '\u001f';

const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());

// One statement for any number of conversations: the customer, the assignee, the tags and the newest
// message and note of each, every part found through an index (no per-row round trips).
const SUMMARY_SQL = (count: number) => `
  SELECT c.id, c.customerId, c.status, c.channel, c.subject, c.assigneeId, c.teamId, c.storeId, c.unreadCount,
         c.lastActivityAt, c.waitingSince, c.snoozedUntil, c.firstResponseAt, c.createdAt,
         cu.firstName, cu.lastName, u.displayName AS assigneeName,
         (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM ConversationTag t WHERE t.conversationId = c.id ORDER BY tag)) AS tags,
         m.body AS messageBody, m.channel AS messageChannel, m.direction AS messageDirection, m.createdAt AS messageAt,
         n.body AS noteBody, n.createdAt AS noteAt
    FROM Conversation c
    JOIN Customer cu ON cu.id = c.customerId
    LEFT JOIN User u ON u.id = c.assigneeId
    LEFT JOIN Message m ON m.id = (SELECT id FROM Message WHERE conversationId = c.id ORDER BY createdAt DESC, id DESC LIMIT 1)
    LEFT JOIN Note n ON n.id = (SELECT id FROM Note WHERE conversationId = c.id ORDER BY createdAt DESC, id DESC LIMIT 1)
   WHERE c.id IN (${Array(count).fill('?').join(', ')})`;

function toSummary(row: SummaryRow, settings: DeskSettings): ConversationSummary {
  // The newer of the last message and the last note is what the list previews.
  const noteIsLast = row.noteAt !== null && (row.messageAt === null || row.noteAt > row.messageAt);
  const lastBody = noteIsLast ? row.noteBody : row.messageBody;
  return {
    id: row.id,
    customerId: row.customerId,
    customerName: [row.firstName, row.lastName].filter(Boolean).join(' ') || '—',
    status: ConversationStatus.parse(row.status),
    channel: Channel.parse(row.channel),
    lastChannel: noteIsLast || !row.messageChannel ? null : Channel.parse(row.messageChannel),
    subject: row.subject,
    preview: lastBody === null ? null : preview(lastBody),
    lastDirection: noteIsLast ? 'note' : row.messageDirection === null ? null : (row.messageDirection as ConversationSummary['lastDirection']),
    assigneeId: row.assigneeId,
    assigneeName: row.assigneeName,
    teamId: row.teamId,
    storeId: row.storeId,
    tags: row.tags ? row.tags.split(TAG_SEPARATOR) : [],
    unreadCount: Number(row.unreadCount),
    lastActivityAt: iso(row.lastActivityAt)!,
    waitingSince: iso(row.waitingSince),
    snoozedUntil: iso(row.snoozedUntil),
    firstResponseDueAt:
      firstResponseDue(settings, { channel: row.channel, createdAt: new Date(row.createdAt), firstResponseAt: row.firstResponseAt === null ? null : new Date(row.firstResponseAt) })?.toISOString() ?? null,
    firstResponseAt: iso(row.firstResponseAt),
  };
}

export async function loadSummaries(db: Db, ids: readonly string[]): Promise<ConversationSummary[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const [rows, settings] = await Promise.all([db.$queryRawUnsafe<SummaryRow[]>(SUMMARY_SQL(unique.length), ...unique), readDeskSettings(db)]);
  const byId = new Map(rows.map((row) => [row.id, toSummary(row, settings)]));
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
    // Nobody to tell (a hub ingesting at night): a desk that connects loads its list fresh anyway.
    if (!realtime.agentsOnline()) return;
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
