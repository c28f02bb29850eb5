// The ingest writer's thread (see ingestThread.ts): runs openIngestWriter on its own connection and
// answers the main thread message by message. The hub's clock lives on the main thread, so each message
// carries the instant it was received, and a batch is stamped with the latest of them.
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { openIngestWriter } from './ingestWriter.ts';
import { toWireError, type FromWorker, type ToWorker } from './ingestThread.ts';

const port = parentPort;
if (!port) throw new Error('ingestWorker runs only as a worker thread');
const { url } = z.object({ url: z.string() }).parse(workerData);
const post = (event: FromWorker) => port.postMessage(event);
let counts = () => ({ commits: 0, messages: 0 });

// The receipt instant of the last message in: a test's clock may stand anywhere, so never the worker's own.
let latest = 0;

// Not top-level await: the Electron bundle of this file is CommonJS.
void openIngestWriter(
  url,
  { now: () => new Date(latest) },
  {
    // Errors do not clone across threads faithfully: their text goes.
    log: { warn: (detail, message) => post({ type: 'log', level: 'warn', message, detail: { ...detail, err: String(detail.err) } }) },
    onCommitted: (stored) => post({ type: 'committed', stored, stats: counts() }),
  },
).then((writer) => {
  counts = () => writer.stats();
  port.on('message', (event: ToWorker) => {
    if (event.type === 'close') {
      void writer.close().then(() => {
        post({ type: 'closed' });
        port.close();
      });
      return;
    }
    latest = event.now;
    writer.ingest(event.message).then(
      (result) => post({ type: 'done', id: event.id, result }),
      (error: unknown) => post({ type: 'failed', id: event.id, error: toWireError(error) }),
    );
  });
  post({ type: 'ready' });
});
