// Group commit for the hub's hot writers (inbound messages, reservations): callers submit one item each,
// the items that arrive together share one write transaction, and each caller is answered only after
// that commit. A local libsql call runs synchronously on the thread that makes it, so while a batch
// writes nothing else is read; whatever arrived meanwhile goes into the next batch.
import { setImmediate as nextMacrotask, setTimeout as sleep } from 'node:timers/promises';
import { createClient, type Client, type InArgs, type InValue, type Transaction } from '@libsql/client';
import { ServiceError } from '../errors.ts';

/** All a writer logs: a pino logger on the main thread, or a relay to it from a worker thread. */
export interface WriterLog {
  warn(detail: Record<string, unknown>, message: string): void;
}

export interface GroupCommitOptions<In, Out> {
  /** Writes the batch in one transaction (writeTransaction); per item its result, or a ServiceError that refuses it alone. */
  write(batch: readonly In[]): Promise<Array<Out | ServiceError>>;
  /**
   * Told what one commit wrote (the live pushes), right after its callers' promises settle and before
   * their continuations run: what it sends synchronously leaves ahead of the answers.
   */
  onCommitted?(batch: readonly In[], results: ReadonlyArray<Out | ServiceError>): void;
  log?: WriterLog;
  /** Names the writer in its log lines. */
  what: string;
}

export interface GroupCommit<In, Out> {
  submit(item: In): Promise<Out>;
  /** Commits so far and the items they carried: how well group commit batches under load. */
  stats(): { commits: number; items: number };
  /** Waits for what is queued; afterwards every submit is refused. */
  close(): Promise<void>;
}

/** Keeps the write lock short for everyone else's writes. */
const MAX_BATCH = 256;
/**
 * The longest the first item of a batch waits for others. Reading a burst's frames takes the thread
 * ~0.1 ms each, so 200 desks at once take ~20 ms to read; a shorter wait splits them into two commits
 * and the second waits for the first one's answers and pushes.
 */
const GATHER_MS = 25;
/** Items of one burst (webhooks, desks) come in over a few milliseconds, in turns with quiet gaps between them. */
const SETTLE_MS = 2;

export function openGroupCommit<In, Out>(options: GroupCommitOptions<In, Out>): GroupCommit<In, Out> {
  const { write, onCommitted, log, what } = options;
  let queue: Array<{ item: In; resolve(result: Out): void; reject(error: unknown): void }> = [];
  let running: Promise<void> | null = null;
  let closed = false;
  const counts = { commits: 0, items: 0 };

  /**
   * The first item waits SETTLE_MS, and as long as the wait brought more (a burst of webhooks or desks)
   * they wait on, 1 ms at a time, up to GATHER_MS, and share one commit: back-to-back batches would cost
   * the later one the earlier one's commit, answers and pushes, and each commit has a fixed cost. A timer,
   * not a spin of event-loop turns: the thread sleeps while the burst's senders need the CPU to send the
   * rest of it. A lone item pays ~2 ms.
   */
  async function gather(): Promise<void> {
    const start = performance.now();
    let seen = queue.length;
    await sleep(SETTLE_MS);
    while (queue.length > seen && queue.length < MAX_BATCH && performance.now() - start < GATHER_MS) {
      seen = queue.length;
      await sleep(1);
    }
  }

  async function commit(batch: typeof queue): Promise<void> {
    const results = await write(batch.map((p) => p.item));
    counts.commits++;
    counts.items += batch.length;
    batch.forEach((p, i) => {
      const outcome = results[i]!;
      if (outcome instanceof ServiceError) p.reject(outcome);
      else p.resolve(outcome);
    });
    try {
      onCommitted?.(batch.map((p) => p.item), results);
    } catch (error) {
      // Committed already: a failed push must not turn the answers into errors.
      log?.warn({ err: error }, `live push after ${what} failed`);
    }
  }

  async function drain(): Promise<void> {
    await gather();
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(batch.length);
      try {
        await commit(batch);
      } catch (error) {
        if (batch.length === 1) {
          batch[0]!.reject(error);
          continue;
        }
        // One bad item must not cost its neighbours: write each alone, so only it fails.
        log?.warn({ err: error, size: batch.length }, `${what} batch failed; writing its items one by one`);
        for (const p of batch) await commit([p]).catch((single: unknown) => p.reject(single));
      }
      await nextMacrotask();
    }
  }

  function kick(): void {
    running ??= drain().finally(() => {
      running = null;
      if (queue.length > 0) kick();
    });
  }

  return {
    submit(item) {
      if (closed) return Promise.reject(new ServiceError('UNAVAILABLE', 'The hub is shutting down'));
      return new Promise<Out>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        kick();
      });
    },
    stats: () => ({ ...counts }),
    async close() {
      closed = true;
      while (running) await running;
    },
  };
}

export interface SqlGroupCommitOptions<In, Out> extends Omit<GroupCommitOptions<In, Out>, 'write'> {
  /** Writes the batch inside the transaction the writer opened (and commits after it). */
  write(tx: Transaction, batch: readonly In[]): Promise<Array<Out | ServiceError>>;
}

/**
 * A group commit on a database connection of its own: one connection, because the writer's transactions
 * are serial by design and its pragmas stay on it; closing the writer closes the connection.
 */
export async function openSqlGroupCommit<In, Out>(url: string, options: SqlGroupCommitOptions<In, Out>): Promise<GroupCommit<In, Out>> {
  const client = createClient({ url, concurrency: 1, timeout: 5000 });
  await client.execute('PRAGMA synchronous = NORMAL');
  const writer = openGroupCommit<In, Out>({ ...options, write: (batch) => writeTransaction(client, (tx) => options.write(tx, batch)) });
  return {
    ...writer,
    async close() {
      await writer.close();
      client.close();
    },
  };
}

/** Runs `body` in one write transaction on `client` and commits it. */
async function writeTransaction<T>(client: Client, body: (tx: Transaction) => Promise<T>): Promise<T> {
  const tx = await client.transaction('write');
  try {
    const result = await body(tx);
    await tx.commit();
    return result;
  } finally {
    tx.close();
  }
}

export type Row = Record<string, InValue>;

/** `rows` groups of `columns` placeholders: "(?, ?), (?, ?)". */
export const placeholders = (columns: number, rows: number) => Array.from({ length: rows }, () => `(${Array(columns).fill('?').join(', ')})`).join(', ');

export async function select(tx: Transaction, sql: string, args: InArgs): Promise<Row[]> {
  return (await tx.execute({ sql, args })).rows as unknown as Row[];
}

/** One multi-row INSERT of `rows` (all with the same keys, in order); `suffix` may add ON CONFLICT … RETURNING. */
export async function insertRows(tx: Transaction, table: string, rows: Row[], suffix = ''): Promise<Row[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!);
  const result = await tx.execute({
    sql: `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${placeholders(columns.length, rows.length)} ${suffix}`,
    args: rows.flatMap((row) => columns.map((c) => row[c]!)),
  });
  return result.rows as unknown as Row[];
}
