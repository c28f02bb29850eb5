// 200 desks reserve the last 50 units of one product in one store at the same moment. The hub (demo data)
// runs on the main thread; the 200 socket.io clients are spread over worker threads so the bench's own
// event loop is not what limits them. Each worker connects its clients, then all workers fire at one
// agreed instant (performance.timeOrigin + now, the same clock in every thread). Exactly 50 must win and
// the store must hold exactly 50. Baseline, with the same 200 clients in the same run and the same burst:
// a bare socket.io server in the same process that only acknowledges (the raw socket.io round trip), and
// `session.me`, the hub's cheapest command (session check + one read).
// One burst's p95 on this two-core machine swings by 2× from burst to burst (the hub, two client threads
// and V8's helpers share the cores), so the race runs BURSTS times, each on a product of its own with
// fresh units, and the figures are the median over bursts, with the best and worst beside them.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { Server } from 'socket.io';
import { DEMO_PASSWORD } from '../../main/server/demo/index.ts';
import { startTestHub } from '../integration/fixtures/hub.ts';
import type { PrismaClient, Product } from '../../main/server/db/generated/client.ts';
import { distribution, percentile, type BenchResult } from './harness.ts';

export const name = 'reserve';
export const description = '200 concurrent socket.io clients reserve the last 50 units of one product in one store: exactly 50 win, p50/p95/max vs the raw socket.io round trip (bare echo server) and session.me';

const CLIENTS = 200;
const UNITS = 50;
/** Two, not more, on two cores: with four, the raw round trip's p95 doubled while threads waited for a core. */
const WORKERS = 2;
const BURSTS = 7;
/** Between bursts: every desk has parsed the previous burst's pushes before the next one starts. */
const QUIET_MS = 300;
const SIGN_INS = ['agent@demo.local', 'agent2@demo.local', 'supervisor@demo.local', 'admin@demo.local'];

interface WorkerInput {
  ioClientPath: string;
  hubUrl: string;
  rawUrl: string;
  tokens: string[];
  clients: number;
  payload: { customerId: string; storeId: string };
  firstClient: number;
}

interface Burst {
  ms: number[];
  ok: boolean[];
  codes: string[];
}

// Plain CommonJS so the worker needs no TypeScript loader; it only talks to 127.0.0.1.
const WORKER_SOURCE = String.raw`
const { parentPort, workerData: d } = require('node:worker_threads');
const { randomUUID } = require('node:crypto');
const { io } = require(d.ioClientPath);
const clock = () => performance.timeOrigin + performance.now();
const connect = (url, auth) => new Promise((resolve, reject) => {
  const s = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 10000 });
  s.once('connect', () => resolve(s));
  s.once('connect_error', reject);
});
// Every client emits at the agreed instant; each answer is timed from its own emit.
// Sleep until 2 ms before the instant, then spin: a timer wakes up to a millisecond late, and client
// threads spinning for the whole lead on two cores would starve the hub just as the burst lands.
async function burst(sockets, at, event, payloadOf) {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - clock() - 2)));
  while (clock() < at) {}
  return Promise.all(sockets.map((s, i) => new Promise((resolve) => {
    const t0 = performance.now();
    s.emit(event, payloadOf(i), (result) => resolve({ ms: performance.now() - t0, ok: result.ok, code: result.ok ? '' : result.error.code + ': ' + result.error.message }));
  }))).then((answers) => ({ ms: answers.map((a) => a.ms), ok: answers.map((a) => a.ok), codes: answers.map((a) => a.code) }));
}
(async () => {
  const sockets = [];
  const raw = [];
  for (let i = 0; i < d.clients; i++) sockets.push(await connect(d.hubUrl, { token: d.tokens[(d.firstClient + i) % d.tokens.length] }));
  for (let i = 0; i < d.clients; i++) raw.push(await connect(d.rawUrl, {}));
  // Warm each connection and the hub's session path once, unmeasured.
  await Promise.all(sockets.map((s) => new Promise((r) => s.emit('session.me', {}, r))));
  await Promise.all(raw.map((s) => new Promise((r) => s.emit('echo', {}, r))));
  parentPort.postMessage({ ready: true });
  parentPort.on('message', async (go) => {
    const out = go.kind === 'reserve'
      ? await burst(sockets, go.at, 'reservation.create', () => ({ ...d.payload, productId: go.productId, quantity: 1, notify: false, clientId: randomUUID() }))
      : go.kind === 'raw'
        ? await burst(raw, go.at, 'echo', () => ({ ...d.payload, productId: go.productId, quantity: 1, notify: false, clientId: randomUUID() }))
        : await burst(sockets, go.at, 'session.me', () => ({}));
    parentPort.postMessage({ kind: go.kind, ...out });
    if (go.last) {
      for (const s of [...sockets, ...raw]) s.disconnect();
      parentPort.close();
    }
  });
})().catch((error) => { throw error; });
`;

interface Lane {
  worker: Worker;
  next(): Promise<Burst & { kind: string }>;
}

function startLane(input: WorkerInput): Promise<Lane> {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: input });
  type Message = Burst & { kind: string; ready?: boolean };
  const queue: Array<{ resolve(message: Message): void; reject(error: unknown): void }> = [];
  const waiting: Message[] = [];
  let failed: unknown = null;
  worker.on('message', (message: Message) => {
    const take = queue.shift();
    if (take) take.resolve(message);
    else waiting.push(message);
  });
  worker.once('error', (error) => {
    failed = error;
    for (const take of queue.splice(0)) take.reject(error);
  });
  const next = () => new Promise<Message>((resolve, reject) => {
    const early = waiting.shift();
    if (early) return resolve(early);
    if (failed) return reject(failed);
    queue.push({ resolve, reject });
  });
  return next().then(() => ({ worker, next }));
}

async function fire(lanes: Lane[], kind: 'reserve' | 'raw' | 'session', productId: string, last = false): Promise<Burst> {
  await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  // 50 ms ahead: every worker has the message well before the instant comes.
  const at = performance.timeOrigin + performance.now() + 50;
  for (const lane of lanes) lane.worker.postMessage({ kind, at, last, productId });
  const parts = await Promise.all(lanes.map((lane) => lane.next()));
  return { ms: parts.flatMap((p) => p.ms), ok: parts.flatMap((p) => p.ok), codes: parts.flatMap((p) => p.codes) };
}

/** The raw round trip: socket.io on the same loop and transport as the hub, answering the same payload at once. */
async function startRawEcho(): Promise<{ url: string; close(): Promise<void> }> {
  const io = new Server({ serveClient: false, transports: ['websocket'] });
  io.on('connection', (socket) => socket.on('echo', (_payload: unknown, ack: (result: { ok: true }) => void) => ack({ ok: true })));
  const { createServer } = await import('node:http');
  const http = createServer();
  io.attach(http);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, close: () => new Promise((resolve) => void io.close(() => resolve())) };
}

/** The figures of one reservation burst, after checking it sold exactly what there was. */
async function checkedBurst(db: PrismaClient, storeId: string, productId: string, burst: Burst) {
  const won = burst.ok.filter(Boolean).length;
  const refused = burst.codes.filter((c) => c !== '');
  const unexpected = refused.filter((c) => c !== `CONFLICT: Only 0 available in this store`);
  const level = await db.stockLevel.findUniqueOrThrow({ where: { storeId_productId: { storeId, productId } } });
  const held = await db.reservation.aggregate({ where: { storeId, productId, status: 'requested' }, _sum: { quantity: true } });
  if (won !== UNITS || level.reserved !== UNITS || level.onHand - level.reserved !== 0 || held._sum.quantity !== UNITS || unexpected.length > 0) {
    throw new Error(`oversold or undersold: ${won} won, reserved ${level.reserved}, available ${level.onHand - level.reserved}, held ${held._sum.quantity}; unexpected refusals: ${unexpected.slice(0, 3).join(' | ')}`);
  }
  return { won, refused: refused.length, oversold: Math.max(0, level.reserved - level.onHand), ...distribution(burst.ms), max: Math.max(...burst.ms) };
}

const median = (xs: readonly number[]) => percentile(xs, 50);

export async function run(): Promise<BenchResult> {
  const t = await startTestHub({ logLevel: 'silent', demo: true });
  const rawEcho = await startRawEcho();
  try {
    const { db } = t.hub;
    const store = await db.store.findFirstOrThrow({ orderBy: { code: 'asc' } });
    // An unmeasured warm-up burst (JIT, statement paths), the writer alone, then the measured races: each on
    // a product of its own, so every race is for the last 50 units with none held.
    const products = await db.product.findMany({ where: { category: 'graphics_card' }, orderBy: { sku: 'asc' }, take: BURSTS + 2 });
    if (products.length < BURSTS + 2) throw new Error(`the demo catalogue has fewer than ${BURSTS + 2} graphics cards`);
    const [warm, alone, ...raced] = products as [Product, Product, ...Product[]];
    const customer = await db.customer.findFirstOrThrow({ where: { mergedIntoId: null }, orderBy: { id: 'asc' } });
    // The last 50 units, none held: any reservations the demo made on these products in this store go first.
    for (const { id } of products) {
      await db.reservation.deleteMany({ where: { storeId: store.id, productId: id } });
      await db.stockLevel.upsert({
        where: { storeId_productId: { storeId: store.id, productId: id } },
        create: { storeId: store.id, productId: id, onHand: UNITS, reserved: 0 },
        update: { onHand: UNITS, reserved: 0 },
      });
    }
    const tokens: string[] = [];
    for (const email of SIGN_INS) tokens.push((await t.signIn(email, DEMO_PASSWORD)).token);

    const ioClientPath = createRequire(import.meta.url).resolve('socket.io-client');
    const perWorker = CLIENTS / WORKERS;
    const lanes = await Promise.all(
      Array.from({ length: WORKERS }, (_, w) =>
        startLane({ ioClientPath, hubUrl: t.hub.url, rawUrl: rawEcho.url, tokens, clients: perWorker, payload: { customerId: customer.id, storeId: store.id }, firstClient: w * perWorker }),
      ),
    );
    await fire(lanes, 'reserve', warm.id);
    // The same race without sockets, sessions or pushes: 200 calls straight into the reservation writer, to
    // show what the atomic path itself costs on this machine (while the sockets are idle).
    const actor = await db.user.findUniqueOrThrow({ where: { email: SIGN_INS[0]! }, select: { id: true, role: true } });
    const direct = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const t0 = performance.now();
        const input = { customerId: customer.id, productId: alone.id, storeId: store.id, quantity: 1, notify: false, clientId: crypto.randomUUID() };
        const won = await t.hub.reservations.reserve({ input, actor: { userId: actor.id, role: 'agent', ip: null } }).then(() => true, () => false);
        return { ms: performance.now() - t0, won };
      }),
    );
    const directLevel = await db.stockLevel.findUniqueOrThrow({ where: { storeId_productId: { storeId: store.id, productId: alone.id } } });
    if (direct.filter((d) => d.won).length !== UNITS || directLevel.reserved !== UNITS) throw new Error(`writer alone: ${direct.filter((d) => d.won).length} won, reserved ${directLevel.reserved}`);
    const w = distribution(direct.map((d) => d.ms));

    const races: Array<Awaited<ReturnType<typeof checkedBurst>>> = [];
    const commits: number[] = [];
    const echoes: Array<ReturnType<typeof distribution> & { max: number }> = [];
    for (const product of raced) {
      const before = t.hub.reservations.stats().commits;
      races.push(await checkedBurst(db, store.id, product.id, await fire(lanes, 'reserve', product.id)));
      commits.push(t.hub.reservations.stats().commits - before);
      const echo = await fire(lanes, 'raw', product.id);
      echoes.push({ ...distribution(echo.ms), max: Math.max(...echo.ms) });
    }
    const session = distribution((await fire(lanes, 'session', warm.id, true)).ms);

    const of = <K extends 'p50' | 'p95' | 'max'>(xs: ReadonlyArray<Record<K, number>>, k: K) => xs.map((x) => x[k]);
    const range = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)} ms`;
    return {
      figures: [
        { metric: `reservation.create p50 (median of ${BURSTS} bursts)`, value: median(of(races, 'p50')), unit: 'ms', baseline: median(of(echoes, 'p50')) },
        { metric: `reservation.create p95 (median of ${BURSTS} bursts)`, value: median(of(races, 'p95')), unit: 'ms', baseline: median(of(echoes, 'p95')) },
        { metric: 'reservation.create p95, best burst', value: Math.min(...of(races, 'p95')), unit: 'ms', baseline: Math.min(...of(echoes, 'p95')) },
        { metric: 'reservation.create p95, worst burst', value: Math.max(...of(races, 'p95')), unit: 'ms', baseline: Math.max(...of(echoes, 'p95')) },
        { metric: 'reservation.create max (median of bursts)', value: median(of(races, 'max')), unit: 'ms', baseline: median(of(echoes, 'max')) },
        { metric: 'session.me p95 (one burst)', value: session.p95, unit: 'ms', baseline: median(of(echoes, 'p95')) },
        { metric: 'reservations won, every burst', value: Math.min(...races.map((r) => r.won)), unit: 'of 200', baseline: UNITS },
        { metric: 'oversold, worst burst (reserved − on hand, if > 0)', value: Math.max(...races.map((r) => r.oversold)), unit: 'units', baseline: 0 },
        { metric: 'writer transactions per burst (median)', value: median(commits), unit: 'commits' },
        { metric: 'writer alone, 200 concurrent: p95', value: w.p95, unit: 'ms' },
      ],
      notes: [
        `${CLIENTS} socket.io clients (websocket) in ${WORKERS} worker threads, signed in as ${SIGN_INS.length} demo users, all emitting reservation.create for 1 unit at one instant; ${UNITS} units on hand in ${store.code}; ${BURSTS} bursts, each on another product, ${QUIET_MS} ms apart`,
        `every burst: ${UNITS} won, ${CLIENTS - UNITS} refused with CONFLICT "Only 0 available in this store", reserved = on hand = ${UNITS}, available 0`,
        `p95 per burst: ${races.map((r) => r.p95.toFixed(1)).join(', ')} ms (raw round trip: ${echoes.map((e) => e.p95.toFixed(1)).join(', ')}); range ${range(of(races, 'p95'))}`,
        `writer transactions per burst: ${commits.join(', ')}`,
        'latency: each answer from its own emit, in the client thread; notify off (the customer notice is a separate outbox send); one unmeasured burst of the same shape on another product first warms the path',
        'writer alone: 200 reserve() calls made at once in the hub process (no socket.io, session check, dispatch or pushes), 50 units of another product: exactly 50 won',
        `raw: a bare socket.io server in the hub's process that acknowledges at once, ${CLIENTS} more clients in the same threads, the same burst shape and payload, right after each race; session.me (session check + one read) is the hub's own cheapest command for comparison`,
      ],
    };
  } finally {
    await rawEcho.close();
    await t.stop();
  }
}
