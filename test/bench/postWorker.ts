// Posts requests from a worker thread: the load generator gets its own core, as a provider's servers
// would be other machines, so the hub's event loop is not also spent on building and sending requests.
import { Agent } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { postLoopback, runPool, type LoopbackPost } from './harness.ts';

const { requests, concurrency } = workerData as { requests: LoopbackPost[]; concurrency: number };
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
try {
  const start = performance.now();
  await runPool(requests.length, concurrency, async (i) => {
    const r = requests[i]!;
    const status = await postLoopback(agent, r.url, r.headers, r.body);
    if (status !== 200) throw new Error(`request ${i} (${new URL(r.url).pathname}) answered ${status}`);
  });
  parentPort!.postMessage({ ms: performance.now() - start });
} catch (error) {
  parentPort!.postMessage({ error: (error as Error).message });
} finally {
  agent.destroy();
}
