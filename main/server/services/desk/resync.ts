// The catch-up a desk runs after a reconnect: the stored events after the last sequence number it saw,
// limited to what its user may receive. The log keeps 48 hours (jobs/cleanup.ts); a desk away longer is
// told the answer is incomplete and reloads what it shows instead.
import { z } from 'zod';
import type { EventsSinceInput } from '../../../../common/api/desk.ts';
import { TimelineEvent } from '../../../../common/domain/timeline.ts';
import type { CommandOutput } from '../../../../common/realtime/commands.ts';
import type { SequencedEvent } from '../../../../common/realtime/events.ts';
import { can } from '../../../../common/domain/policy.ts';
import type { Db } from '../../db/client.ts';
import type { Logger } from '../../logger.ts';
import type { Audience } from '../../realtime/eventLog.ts';
import type { Viewer } from '../auth/viewer.ts';

const TimelineChange = z.object({ conversationId: z.string().nullable(), event: TimelineEvent });

/** A stored row read back: the log is written by this code, but may hold rows of an older version. */
const StoredEvent = z.discriminatedUnion('type', [
  z.object({ seq: z.number().int(), type: z.literal('timeline.added'), payload: TimelineChange }),
  z.object({ seq: z.number().int(), type: z.literal('timeline.updated'), payload: TimelineChange }),
]) satisfies z.ZodType<SequencedEvent>;

/** The number of the last event ever appended (0 before the first), whether or not it is still kept. */
export async function latestSeq(db: Db): Promise<number> {
  const rows = await db.$queryRawUnsafe<Array<{ seq: number | bigint }>>(`SELECT seq FROM sqlite_sequence WHERE name = 'HubEvent'`);
  return Number(rows[0]?.seq ?? 0);
}

const audiencesOf = (viewer: Viewer): Audience[] => [`user:${viewer.userId}`, ...(can(viewer.role, 'conversations.read') ? (['inbox'] as const) : [])];

export async function eventsSince(db: Db, log: Logger, viewer: Viewer, input: z.output<typeof EventsSinceInput>): Promise<CommandOutput<'events.since'>> {
  // Read first: an event committed while the page is read is then either in the page or after latestSeq.
  const latest = await latestSeq(db);
  const oldest = await db.hubEvent.findFirst({ orderBy: { seq: 'asc' }, select: { seq: true } });
  // Anything between the desk's cursor and the oldest kept event was deleted; a cursor beyond the log
  // comes from another database (a reinstalled hub).
  let complete = input.afterSeq <= latest && input.afterSeq >= (oldest?.seq ?? latest + 1) - 1;

  const rows = await db.hubEvent.findMany({
    where: { seq: { gt: input.afterSeq }, audience: { in: audiencesOf(viewer) } },
    orderBy: { seq: 'asc' },
    take: input.limit,
  });
  const events: SequencedEvent[] = [];
  for (const row of rows) {
    const parsed = StoredEvent.safeParse({ seq: row.seq, type: row.type, payload: parseJson(row.payload) });
    if (parsed.success) events.push(parsed.data);
    else {
      // The desk cannot apply what it is not given: it reloads instead of silently missing a change.
      log.warn({ seq: row.seq, type: row.type }, 'stored hub event does not parse; resync marked incomplete');
      complete = false;
    }
  }
  return { events, latestSeq: latest, complete };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
