// The desk in a real browser at benchmark scale: how long opening the 100k-event customer's conversation
// takes until the timeline shows events, and whether scrolling back through 5,000 of them blocks the main
// thread (a PerformanceObserver collects long tasks, > 50 ms). Chromium from Debian through Playwright, the
// built desk served by a hub on the seeded database (BENCH_DB, as `npm run seed` makes it; else a scaled
// seed into a temp folder). Baseline: the timeline.page command alone over HTTP, in the same run.
import { createClient } from '@libsql/client';
import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
const rendererDir = resolve(import.meta.dirname, '../../dist/renderer');

async function database(): Promise<{ url: string; remove(): void }> {
  if (process.env.BENCH_DB) {
    if (!existsSync(process.env.BENCH_DB)) throw new Error(`BENCH_DB=${process.env.BENCH_DB} does not exist`);
    return { url: `file:${process.env.BENCH_DB}`, remove: () => undefined };
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
  const hub = await startHub(HubConfig.parse({ port: 0, host: '127.0.0.1', dataDir, databaseUrl: target.url, rendererDir, logLevel: 'silent' }), { logger: createLogger('silent') });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const heavy = String((await raw.execute('SELECT customerId FROM Message GROUP BY customerId ORDER BY count(*) DESC LIMIT 1')).rows[0]!.customerId);
    const conversationId = String((await raw.execute({ sql: 'SELECT id FROM Conversation WHERE customerId = ? ORDER BY lastActivityAt DESC LIMIT 1', args: [heavy] })).rows[0]!.id);
    const events = Number((await raw.execute({ sql: 'SELECT count(*) AS n FROM Message WHERE customerId = ?', args: [heavy] })).rows[0]!.n);

    // Baseline: the first timeline page as a bare command round trip.
    const signIn = await fetch(`${hub.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'agent@demo.local', password: DEMO_PASSWORD }) });
    const token = ((await signIn.json()) as { data: { token: string } }).data.token;
    const commandMs: number[] = [];
    for (let i = 0; i < 25; i++) {
      const start = performance.now();
      await fetch(`${hub.url}/api/commands/timeline.page`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ customerId: heavy, limit: 50 }) });
      if (i >= 5) commandMs.push(performance.now() - start);
    }

    const page = await browser.newPage({ viewport: { width: 1360, height: 860 }, locale: 'ru-RU' });
    await page.goto(hub.url);
    await page.getByLabel(/почта|e-mail/i).fill('agent@demo.local');
    await page.getByLabel(/пароль|password/i).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /войти|sign in/i }).click();
    await page.getByRole('navigation').waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false });
    });

    // Open: from the route change to the first timeline event on screen.
    const openStart = await page.evaluate((id) => {
      const start = performance.now();
      location.hash = `#/inbox/${id}`;
      return start;
    }, conversationId);
    const feed = page.getByRole('feed');
    await feed.locator('article').first().waitFor();
    const openMs = (await page.evaluate(() => performance.now())) - openStart;
    const openLongTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.splice(0));

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
    const scrollLongTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.splice(0));
    const command = distribution(commandMs);
    return {
      figures: [
        { metric: 'open 100k-event conversation → first events painted', value: openMs, unit: 'ms', baseline: command.p50 },
        { metric: 'long tasks while opening (> 50 ms)', value: openLongTasks.length, unit: 'tasks', baseline: 0 },
        { metric: 'longest task while opening', value: Math.max(0, ...openLongTasks), unit: 'ms', baseline: 50 },
        { metric: `events scrolled back`, value: seen, unit: 'events', baseline: SCROLL_EVENTS },
        { metric: 'long tasks while scrolling (> 50 ms)', value: scrollLongTasks.length, unit: 'tasks', baseline: 0 },
        { metric: 'longest task while scrolling', value: Math.max(0, ...scrollLongTasks), unit: 'ms', baseline: 50 },
        { metric: 'timeline.page command alone p50 (baseline)', value: command.p50, unit: 'ms' },
      ],
      notes: [
        `customer with ${events.toLocaleString('en-US')} messages (plus orders and loyalty); Chromium ${browser.version()} headless, 1360×860, signed in as the demo agent`,
        'open: performance.now() from the hash change to the first timeline row in the DOM, in the page; long tasks from a PerformanceObserver(longtask)',
        'scroll: one viewport up per animation frame, run inside the page, until 5,000 distinct events have been on screen (older pages load as it goes); baseline is the first timeline page as a bare HTTP command (p50 of 20)',
        'goals: open < 300 ms; no long task over 50 ms while scrolling',
      ],
    };
  } finally {
    await browser.close();
    await hub.close();
    raw.close();
    rmSync(dataDir, { recursive: true, force: true });
    target.remove();
  }
}
