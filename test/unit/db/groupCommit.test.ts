import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { openGroupCommit } from '../../../main/server/db/groupCommit.ts';
import { ServiceError } from '../../../main/server/errors.ts';

/** A writer over an in-memory "table": doubles each item, refuses negatives, fails a whole batch holding 13. */
function doubling(order: string[] = []) {
  const batches: number[][] = [];
  const writer = openGroupCommit<number, number>({
    what: 'test',
    write: async (batch) => {
      if (batch.includes(13)) throw new Error('unlucky batch');
      batches.push([...batch]);
      return batch.map((n) => (n < 0 ? new ServiceError('BAD_REQUEST', `negative: ${n}`) : n * 2));
    },
    onCommitted: (batch) => order.push(`pushed ${batch.join(',')}`),
  });
  return { writer, batches };
}

describe('openGroupCommit', () => {
  it('puts what arrives together into one commit and answers each caller with its own result', async () => {
    const { writer, batches } = doubling();
    const results = await Promise.all([1, 2, 3].map((n) => writer.submit(n)));
    expect(results).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(writer.stats()).toEqual({ commits: 1, items: 3 });
  });

  it('gathers a burst that arrives over a few turns of the event loop', async () => {
    const { writer, batches } = doubling();
    const first = writer.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const second = writer.submit(2);
    await Promise.all([first, second]);
    expect(batches).toEqual([[1, 2]]);
  });

  it('refuses one item without failing its neighbours', async () => {
    const { writer } = doubling();
    const outcomes = await Promise.allSettled([writer.submit(1), writer.submit(-1), writer.submit(2)]);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([2, 'negative: -1', 4]);
  });

  it('writes a failed batch one by one, so only the bad item fails', async () => {
    const { writer, batches } = doubling();
    const outcomes = await Promise.allSettled([writer.submit(5), writer.submit(13), writer.submit(7)]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(batches).toEqual([[5], [7]]);
  });

  it('tells about a commit before the callers continue', async () => {
    const order: string[] = [];
    const { writer } = doubling(order);
    await Promise.all([writer.submit(1).then(() => order.push('answered 1')), writer.submit(2).then(() => order.push('answered 2'))]);
    expect(order).toEqual(['pushed 1,2', 'answered 1', 'answered 2']);
  });

  it('finishes what is queued on close and refuses what comes after', async () => {
    const { writer } = doubling();
    const queued = writer.submit(4);
    await writer.close();
    await expect(queued).resolves.toBe(8);
    await expect(writer.submit(1)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await sleep(1);
  });
});
