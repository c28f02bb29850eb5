// The durable, ordered log behind `desk.event`: an event is stored with its sequence number in the same
// transaction as the change it describes, and pushed only after that commit. A desk that reconnects asks
// `events.since` for what came after the last number it saw, so it misses nothing and applies nothing twice.
import type { Transaction } from '@libsql/client';
import type { SequencedEvent } from '../../../common/realtime/events.ts';
import type { Db } from '../db/client.ts';
import { sqlInstant } from '../db/sqlValues.ts';

/** Who may receive an event: desks that work conversations ("inbox"), or one user ("user:<id>"). */
export type Audience = 'inbox' | `user:${string}`;

export type UnsequencedEvent = SequencedEvent extends infer E ? (E extends SequencedEvent ? Omit<E, 'seq'> : never) : never;

type PrismaTx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** Appends through Prisma (inside the caller's transaction when given one); returns the events with their numbers. */
export async function appendEvents(db: Db | PrismaTx, audience: Audience, events: UnsequencedEvent[], at: Date): Promise<SequencedEvent[]> {
  const stored: SequencedEvent[] = [];
  for (const event of events) {
    const row = await db.hubEvent.create({ data: { at, type: event.type, audience, payload: JSON.stringify(event.payload) } });
    stored.push({ ...event, seq: row.seq } as SequencedEvent);
  }
  return stored;
}

/**
 * Appends from the ingest writer's own connection, inside its write transaction. The write lock is held,
 * so reading the last number and inserting the next ones cannot interleave with another writer.
 */
export async function appendEventsRaw(tx: Transaction, audience: Audience, events: UnsequencedEvent[], at: Date): Promise<SequencedEvent[]> {
  if (events.length === 0) return [];
  const last = await tx.execute(`SELECT seq FROM sqlite_sequence WHERE name = 'HubEvent'`);
  const first = Number(last.rows[0]?.seq ?? 0) + 1;
  const when = sqlInstant(at);
  await tx.execute({
    sql: `INSERT INTO HubEvent (seq, at, type, audience, payload) VALUES ${events.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
    args: events.flatMap((event, i) => [first + i, when, event.type, audience, JSON.stringify(event.payload)]),
  });
  return events.map((event, i) => ({ ...event, seq: first + i }) as SequencedEvent);
}
