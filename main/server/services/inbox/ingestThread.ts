// The ingest writer on its own thread. A local libsql call runs synchronously on the thread that makes it,
// so on the hub's main thread every commit stalled webhook parsing, socket pushes and desk commands; on a
// worker the main thread only parses requests and answers them, while the worker group-commits. Same
// contract as openIngestWriter (test/bench/ingest.bench.ts measures both).
import type { Worker } from 'node:worker_threads';
import type { InboundMessage, ParsedInboundMessage } from '../../../../common/api/channels.ts';
import type { FieldError } from '../../../../common/result.ts';
import { ServiceError } from '../../errors.ts';
import type { Clock } from '../../jobs/clock.ts';
import type { Logger } from '../../logger.ts';
import { startWorkerThread } from '../../workerThread.ts';
import type { IngestResult } from './ingest.ts';
import type { IngestWriter, IngestWriterOptions } from './ingestWriter.ts';

/** A failure as it crosses the thread boundary: ServiceErrors keep their code and field errors. */
export interface WireError {
  code: ServiceError['code'] | null;
  message: string;
  fields?: FieldError[];
}

export type ToWorker = { type: 'ingest'; id: number; message: InboundMessage; now: number } | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'done'; id: number; result: IngestResult }
  | { type: 'failed'; id: number; error: WireError }
  | { type: 'committed'; stored: Array<{ message: ParsedInboundMessage; result: IngestResult }>; stats: { commits: number; messages: number } }
  | { type: 'log'; level: 'warn'; message: string; detail: Record<string, unknown> }
  | { type: 'closed' };

export const toWireError = (error: unknown): WireError =>
  error instanceof ServiceError
    ? { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) }
    : { code: null, message: error instanceof Error ? error.message : String(error) };

const fromWireError = (error: WireError): Error => (error.code ? new ServiceError(error.code, error.message, error.fields) : new Error(error.message));

export async function openIngestThread(url: string, clock: Clock, options: Omit<IngestWriterOptions, 'log'> & { log?: Logger } = {}): Promise<IngestWriter> {
  const { log, onCommitted } = options;
  const pending = new Map<number, { resolve(result: IngestResult): void; reject(error: unknown): void }>();
  let nextId = 1;
  let stats = { commits: 0, messages: 0 };
  let closing: Promise<void> | null = null;
  let worker = await spawn();

  function spawn(): Promise<Worker> {
    const thread = startWorkerThread('ingest-worker', { url });
    return new Promise<Worker>((resolve, reject) => {
      let ready = false;
      thread.on('message', (event: FromWorker) => {
        switch (event.type) {
          case 'ready':
            ready = true;
            resolve(thread);
            break;
          case 'done':
            pending.get(event.id)?.resolve(event.result);
            pending.delete(event.id);
            break;
          case 'failed':
            pending.get(event.id)?.reject(fromWireError(event.error));
            pending.delete(event.id);
            break;
          case 'committed':
            stats = event.stats;
            try {
              onCommitted?.(event.stored);
            } catch (error) {
              // Committed already: a failed push must not turn acknowledgements into errors.
              log?.warn({ err: error }, 'live push after ingest failed');
            }
            break;
          case 'log':
            log?.[event.level](event.detail, event.message);
            break;
          case 'closed':
            break;
        }
      });
      thread.on('error', (error) => {
        if (!ready) reject(error);
        else log?.error({ err: error }, 'ingest thread failed');
      });
      thread.on('exit', (code) => {
        if (!ready) reject(new Error(`ingest thread exited with ${code} before it was ready`));
        // Whatever was in flight has no answer: the callers retry (providers redeliver unacknowledged webhooks).
        for (const [id, waiting] of pending) {
          waiting.reject(new ServiceError('UNAVAILABLE', 'The ingest writer stopped; try again'));
          pending.delete(id);
        }
        if (!closing && ready) {
          log?.error({ code }, 'ingest thread exited; starting a new one');
          void spawn().then(
            (fresh) => (worker = fresh),
            (error: unknown) => log?.error({ err: error }, 'ingest thread could not be restarted'),
          );
        }
      });
    });
  }

  return {
    ingest(message) {
      if (closing) return Promise.reject(new ServiceError('UNAVAILABLE', 'The hub is shutting down'));
      const id = nextId++;
      return new Promise<IngestResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: 'ingest', id, message, now: clock.now().getTime() } satisfies ToWorker);
      });
    },
    stats: () => ({ ...stats }),
    close() {
      closing ??= new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage({ type: 'close' } satisfies ToWorker);
      });
      return closing;
    },
  };
}
