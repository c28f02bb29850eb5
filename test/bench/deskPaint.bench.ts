// The desk in a real browser at benchmark scale: how long opening the 100k-event customer's conversation
// takes until the timeline shows events, and whether scrolling back through 5,000 of them blocks the main
// thread (a PerformanceObserver collects long tasks, > 50 ms). Chromium from Debian through Playwright, the
// built desk served by a hub on a copy of the seeded database (BENCH_DB, as `npm run seed` makes it: the hub
// migrates and writes sessions and audit rows, so it never gets the original; else a scaled seed into a temp
// folder). BENCH_RENDERER_DIR points at a desk built elsewhere (`npx vite build --outDir …`) instead of
// dist/renderer. Baselines: the commands the open needs, alone over HTTP, in the same run; the open is split
// into the time a command was in flight and the rest (the desk's own work), from the socket's frames.
import { createClient } from '@libsql/client';
import { chromium } from '@playwright/test';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HubConfig } from '../../common/config.ts';
import { openDatabase } from '../../main/server/db/client.ts';
import { seedDemo } from '../../main/server/demo/index.ts';
import { DEMO_PASSWORD } from '../../main/server/demo/index.ts';
import { startHub } from '../../main/server/hub.ts';
import { createLogger } from '../../main/server/logger.ts';
import { distribution, scaled, tempDatabase, type BenchResult } from './harness.ts';

export const name = 'desk-paint';
export const description = 'desk in Chromium: open the 100k-event timeline (time to first events) and scroll back 5,000 events (long tasks)';

const SCROLL_EVENTS = 5_000;

/**
 * Installed before the desk loads: stamps every socket.io command the desk sends (`42<id>["name",…]`) and
 * every ack it gets (`43<id>[…]`) with performance.now(), so the open can be split into waiting on the hub
 * and the desk's own work. A string, not a function: the bench's TypeScript transform would add helpers
 * the page does not have.
 */
const TRACE_FRAMES = `(() => {
  const frames = (window.__frames = []);
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const m = typeof e.data === 'string' && /^43(?:\\/[^,]*,)?(\\d+)/.exec(e.data);
        if (m) frames.push({ dir: 'ack', id: m[1], at: performance.now(), bytes: e.data.length });
      });
    }
    send(data) {
      const m = typeof data === 'string' && /^42(?:\\/[^,]*,)?(\\d+)\\["([^"]+)"/.exec(data);
      if (m) frames.push({ dir: 'call', id: m[1], name: m[2], at: performance.now() });
      return super.send(data);
    }
  };
})();`;

/** The commands whose answers the first painted rows need (the others an open sends run beside them). */
const PAINT_COMMANDS = new Set(['conversation.get', 'timeline.page', 'timeline.atMessage']);

interface Frame {
  dir: 'call' | 'ack';
  id: string;
  name?: string;
  at: number;
  bytes?: number;
}

interface Round {
  name: string;
  sent: number;
  answered: number;
  bytes: number;
}

/** Commands sent in [from, to] paired with their acks. */
function rounds(frames: Frame[], from: number, to: number): Round[] {
  const acks = new Map(frames.filter((f) => f.dir === 'ack').map((f) => [f.id, f]));
  return frames
    .filter((f) => f.dir === 'call' && f.at >= from && f.at <= to)
    .flatMap((call) => {
      const ack = acks.get(call.id);
      return ack ? [{ name: call.name!, sent: call.at, answered: ack.at, bytes: ack.bytes ?? 0 }] : [];
    });
}

/** Milliseconds of [from, to] during which at least one of the rounds was in flight. */
function inFlight(list: Round[], from: number, to: number): number {
  const spans = list.map((r) => [Math.max(from, r.sent), Math.min(to, r.answered)] as const).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = from;
  for (const [a, b] of spans) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}
const rendererDir = resolve(process.env.BENCH_RENDERER_DIR ?? resolve(import.meta.dirname, '../../dist/renderer'));

async function database(): Promise<{ url: string; remove(): void }> {
  const seeded = process.env.BENCH_DB;
  if (seeded) {
    if (!existsSync(seeded)) throw new Error(`BENCH_DB=${seeded} does not exist`);
    const dir = mkdtempSync(join(tmpdir(), 'threadline-bench-paint-db-'));
    const copy = join(dir, 'threadline.db');
    copyFileSync(seeded, copy);
    if (existsSync(`${seeded}-wal`)) copyFileSync(`${seeded}-wal`, `${copy}-wal`);
    return { url: `file:${copy}`, remove: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const target = await tempDatabase('desk-paint');
  const seeding = await openDatabase(target.url);
  await seedDemo(seeding, { customers: scaled(100_000), messages: scaled(1_000_000), heavyCustomerEvents: scaled(100_000) }).finally(() => seeding.$disconnect());
  return target;
}

export async function run(): Promise<BenchResult> {
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('The desk is not built: run npm run build:renderer first');
  const target = await database();
  const raw = createClient({ url: target.url });
  const dataDir = mkdtempSync(join(tmpdir(), 'threadline-bench-paint-'));
  // Started inside the try: a browser that fails to launch still closes the hub and removes the copy.
  let hub: Awaited<ReturnType<typeof startHub>> | undefined;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    // Nothing is ingested here: the in-process writer, which starts at once, instead of its worker thread.
    hub = await startHub(HubConfig.parse({ port: 0, host: '127.0.0.1', dataDir, databaseUrl: target.url, rendererDir, logLevel: 'silent' }), {
      logger: createLogger('silent'),
      ingestThread: false,
    });
    const hubUrl = hub.url;
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    const heavy = String((await raw.execute('SELECT customerId FROM Message GROUP BY customerId ORDER BY count(*) DESC LIMIT 1')).rows[0]!.customerId);
    const conversationId = String((await raw.execute({ sql: 'SELECT id FROM Conversation WHERE customerId = ? ORDER BY lastActivityAt DESC LIMIT 1', args: [heavy] })).rows[0]!.id);
    const events = Number((await raw.execute({ sql: 'SELECT count(*) AS n FROM Message WHERE customerId = ?', args: [heavy] })).rows[0]!.n);

    // Baselines: the commands the open needs, each as a bare round trip (p50 of 20 after 5 warm-ups).
    const signIn = await fetch(`${hubUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'agent@demo.local', password: DEMO_PASSWORD }) });
    const token = ((await signIn.json()) as { data: { token: string } }).data.token;
    const commandP50 = async (command: string, input: unknown) => {
      const samples: number[] = [];
      for (let i = 0; i < 25; i++) {
        const start = performance.now();
        const answer = await fetch(`${hubUrl}/api/commands/${command}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
        if (!answer.ok) throw new Error(`${command}: HTTP ${answer.status} ${await answer.text()}`);
        await answer.arrayBuffer();
        if (i >= 5) samples.push(performance.now() - start);
      }
      return distribution(samples).p50;
    };
    const pageP50 = await commandP50('timeline.page', { customerId: heavy, limit: 50 });
    const conversationP50 = await commandP50('conversation.get', { conversationId });

    const page = await browser.newPage({ viewport: { width: 1360, height: 860 }, locale: 'ru-RU' });
    await page.addInitScript(TRACE_FRAMES);
    await page.goto(hubUrl);
    await page.getByLabel(/почта|e-mail/i).fill('agent@demo.local');
    await page.getByLabel(/пароль|password/i).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /войти|sign in/i }).click();
    await page.getByRole('navigation').waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false });
    });

    // Open: from the route change to the first frame painted with a timeline event, timed inside the page (a
    // test-driver wait polls with back-off and would add up to half a second): a MutationObserver sees the
    // row arrive, and a task queued from the next animation frame runs once that frame has been painted.
    const { openStart, paintedAt } = await page.evaluate(
      (id) =>
        new Promise<{ openStart: number; paintedAt: number }>((resolve) => {
          const start = performance.now();
          const observer = new MutationObserver(() => {
            if (!document.querySelector('[role="feed"] article')) return;
            observer.disconnect();
            requestAnimationFrame(() => setTimeout(() => resolve({ openStart: start, paintedAt: performance.now() })));
          });
          observer.observe(document.body, { childList: true, subtree: true });
          location.hash = `#/inbox/${id}`;
        }),
      conversationId,
    );
    const openMs = paintedAt - openStart;
    const openLongTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.splice(0));
    const frames = () => page.evaluate(() => (window as unknown as { __frames: Frame[] }).__frames.slice());
    const openRounds = rounds(await frames(), openStart, paintedAt);
    const waitMs = inFlight(openRounds.filter((r) => PAINT_COMMANDS.has(r.name)), openStart, paintedAt);
    const scrollStart = await page.evaluate(() => performance.now());

    // Scroll back one viewport per frame, inside the page (no test-driver queries during the run, which
    // would themselves be main-thread work), until 5,000 distinct events have passed on screen.
    const seen = await page.evaluate(async (target) => {
      const scroller = document.querySelector<HTMLElement>('.tl__scroller')!;
      const passed = new Set<string>();
      const start = performance.now();
      while (passed.size < target && performance.now() - start < 120_000) {
        scroller.scrollTop -= scroller.clientHeight;
        await new Promise<void>((r) => requestAnimationFrame(() => r()));
        for (const row of scroller.querySelectorAll('[data-event-id]')) passed.add(row.getAttribute('data-event-id')!);
      }
      return passed.size;
    }, SCROLL_EVENTS);
    const scrollEnd = await page.evaluate(() => performance.now());
    const scrollLongTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.splice(0));
    const scrollRounds = rounds(await frames(), scrollStart, scrollEnd).filter((r) => r.name === 'timeline.page');
    const opened = openRounds.map((r) => `${r.name} ${(r.sent - openStart).toFixed(0)}→${(r.answered - openStart).toFixed(0)} ms (${(r.bytes / 1024).toFixed(0)} KiB)`);
    return {
      figures: [
        { metric: 'open 100k-event conversation → first events painted', value: openMs, unit: 'ms', baseline: conversationP50 + pageP50 },
        { metric: '  of it waiting on the hub (a command in flight)', value: waitMs, unit: 'ms' },
        { metric: '  of it the desk working (the rest)', value: openMs - waitMs, unit: 'ms' },
        { metric: 'long tasks while opening (> 50 ms)', value: openLongTasks.length, unit: 'tasks', baseline: 0 },
        { metric: 'longest task while opening', value: Math.max(0, ...openLongTasks), unit: 'ms', baseline: 50 },
        { metric: `events scrolled back`, value: seen, unit: 'events', baseline: SCROLL_EVENTS },
        { metric: 'timeline pages fetched while scrolling', value: scrollRounds.length, unit: 'pages' },
        { metric: 'long tasks while scrolling (> 50 ms)', value: scrollLongTasks.length, unit: 'tasks', baseline: 0 },
        { metric: 'longest task while scrolling', value: Math.max(0, ...scrollLongTasks), unit: 'ms', baseline: 50 },
        { metric: 'conversation.get command alone p50 (baseline)', value: conversationP50, unit: 'ms' },
        { metric: 'timeline.page command alone p50 (baseline)', value: pageP50, unit: 'ms' },
      ],
      notes: [
        `customer with ${events.toLocaleString('en-US')} messages (plus orders and loyalty); Chromium ${browser.version()} headless, 1360×860, signed in as the demo agent`,
        'open: performance.now() in the page from the hash change to the first frame painted with a timeline row (MutationObserver, then the next frame); long tasks from a PerformanceObserver(longtask)',
        `open's commands (sent→answered, from the hash change): ${opened.join('; ') || 'none'}`,
        `waiting on the hub: the union of the times a command the rows need (${[...PAINT_COMMANDS].join(', ')}) was in flight, sent on the socket → its ack reached the page; the rest is the desk`,
        `scroll: one viewport up per animation frame, run inside the page, until ${SCROLL_EVENTS.toLocaleString('en-US')} distinct events have been on screen (older pages load as it goes); took ${((scrollEnd - scrollStart) / 1000).toFixed(1)} s`,
        'baselines: conversation.get and timeline.page (newest 50) each as a bare HTTP command, p50 of 20; the open\'s raw figure is their sum (the old sequential path)',
        `machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1 / 5 / 15 min) at the end: every figure here is CPU-bound`,
        'goals: open < 300 ms; no long task over 50 ms while scrolling',
      ],
    };
  } finally {
    await browser?.close();
    await hub?.close();
    raw.close();
    rmSync(dataDir, { recursive: true, force: true });
    target.remove();
  }
}
