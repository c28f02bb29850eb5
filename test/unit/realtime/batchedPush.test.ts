import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { batchedPush } from '../../../main/server/realtime/batchedPush.ts';

describe('batchedPush', () => {
  it('sends the first announcement after a quiet interval on the next turn, merged with the rest of that turn', async () => {
    const sent: number[][] = [];
    const push = batchedPush<number>(50, (items) => sent.push(items));
    push.add([1]);
    push.add([2, 3]);
    expect(sent).toEqual([]);
    await nextTurn();
    expect(sent).toEqual([[1, 2, 3]]);
  });

  it('merges what comes within the interval into one later send, in order', async () => {
    const sent: Array<{ items: number[]; at: number }> = [];
    const push = batchedPush<number>(200, (items) => sent.push({ items, at: performance.now() }));
    push.add([1]);
    await nextTurn();
    push.add([2]);
    push.add([3]);
    await sleep(5);
    push.add([4]);
    expect(sent.map((s) => s.items)).toEqual([[1]]);
    while (sent.length < 2) await sleep(10);
    expect(sent.map((s) => s.items)).toEqual([[1], [2, 3, 4]]);
    // Not before the interval since the previous send has passed (give or take a timer's rounding).
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(190);
  });

  it('sends nothing for empty announcements', async () => {
    const sent: number[][] = [];
    const push = batchedPush<number>(10, (items) => sent.push(items));
    push.add([]);
    await sleep(20);
    expect(sent).toEqual([]);
  });
});
