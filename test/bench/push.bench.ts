// Webhook accepted → message pushed to 200 connected agent sockets, at a steady 500 signed SMS webhooks/s.
// The hub runs on the main thread; the outside world (the Twilio side POSTing webhooks and the 200 desks
// listening over the Socket.IO protocol) runs in a worker thread, so the clients do not share the hub's event
// loop. Times are taken on one clock (timeOrigin + now). message.received carries only the message id, so
// after the run each id is looked up by its provider id (the MessageSid) to find the webhook it came from.
// Baseline: the raw socket.io round trip (emit → ack on a bare socket.io server), measured in the same run.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { Server } from 'socket.io';
import { computeTwilioSignature } from '../../main/server/channels/sms/signature.ts';
import { hashPassword } from '../../main/server/services/auth/passwords.ts';
import { startTestHub, TEST_PASSWORD } from '../integration/fixtures/hub.ts';
import { distribution, scaled, type BenchResult } from './harness.ts';

export const name = 'push';
export const description = 'webhook accepted → message.received on 200 agent sockets at 500 msg/s: p50/p99 vs raw socket.io round trip';

const SOCKETS = 200;
const AGENTS = 2;
const RATE = 500;
const ECHOES = 2_000;
const SENDERS = 2_000;
const ACCOUNT = 'sms-bench';
const ACCOUNT_SID = `AC${'a'.repeat(32)}`;
const AUTH_TOKEN = 'bench-auth-token';
const TO = '+74950000000';
/** After the last webhook is answered, how long to wait for the remaining pushes before giving up. */
const DRAIN_MS = 15_000;

interface WorkerInput {
  ioClientPath: string;
  wsPath: string;
  hubUrl: string;
  echoUrl: string;
  tokens: string[];
  sockets: number;
  rate: number;
  echoes: number;
  drainMs: number;
  hooks: { path: string; body: string; signature: string }[];
}

interface WorkerOutput {
  echoMs: number[];
  connectMs: number;
  postStart: number[];
  postAccepted: number[];
  postStatus: number[];
  sendSeconds: number;
  /** Distinct message ids in order of first arrival; arrivals point into it. */
  ids: string[];
  arrivalId: Int32Array;
  arrivalAt: Float64Array;
}

// Plain CommonJS so the worker needs no TypeScript loader; it only touches 127.0.0.1.
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { io } = require(workerData.ioClientPath);
const clock = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const connect = (url, auth) => new Promise((resolve, reject) => {
  const s = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 10000 });
  s.once('connect', () => resolve(s));
  s.once('connect_error', reject);
});
// A desk as the hub sees it: Engine.IO 4 / Socket.IO 5 over a websocket (open, connect with the session
// token, pong every ping) that receives every frame the hub sends it. It does not JSON-parse them: 200 desks
// parsing 500 messages a second in one bench thread would measure that thread, not the hub (each real
// desk parses its own frames on its own machine). message.received frames are scanned for their ids.
const WebSocket = require(workerData.wsPath);
const RECEIVED = Buffer.from('42["message.received",');
const MESSAGE_ID = Buffer.from('"messageId":"');
function connectDesk(url, token, onReceived) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws') + '/socket.io/?EIO=4&transport=websocket');
    ws.once('error', reject);
    ws.on('message', (data) => {
      const at = clock();
      if (data[0] === 0x30) ws.send('40' + JSON.stringify({ token })); // open → connect to "/"
      else if (data[0] === 0x32) ws.send('3'); // ping → pong
      else if (data[0] === 0x34 && data[1] === 0x30) resolve(ws); // connected
      else if (data[0] === 0x34 && data[1] === 0x34) reject(new Error(data.toString())); // connect error
      else if (data.indexOf(RECEIVED) === 0) {
        for (let at0 = data.indexOf(MESSAGE_ID); at0 !== -1; at0 = data.indexOf(MESSAGE_ID, at0 + 1)) {
          const from = at0 + MESSAGE_ID.length;
          onReceived(data.toString('latin1', from, data.indexOf(0x22, from)), at);
        }
      }
    });
  });
}
function post(agent, url, headers, body) {
  const u = new URL(url);
  if (u.hostname !== '127.0.0.1') return Promise.reject(new Error('loopback only'));
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode));
    });
    req.once('error', reject);
    req.setTimeout(540000, () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}
(async () => {
  const d = workerData;
  // 1. The raw socket.io round trip, one emit in flight at a time.
  const echo = await connect(d.echoUrl, {});
  const echoMs = [];
  for (let i = 0; i < d.echoes + 100; i++) {
    const t0 = performance.now();
    await new Promise((r) => echo.emit('echo', i, r));
    if (i >= 100) echoMs.push(performance.now() - t0);
  }
  echo.disconnect();

  // 2. The desks: every arrival of message.received on every socket, with its time.
  const ids = [];
  const index = new Map();
  const total = d.hooks.length * d.sockets;
  const arrivalId = new Int32Array(total);
  const arrivalAt = new Float64Array(total);
  let arrivals = 0;
  const received = (messageId, at) => {
    let k = index.get(messageId);
    if (k === undefined) { k = ids.length; ids.push(messageId); index.set(messageId, k); }
    if (arrivals < total) { arrivalId[arrivals] = k; arrivalAt[arrivals] = at; arrivals++; }
  };
  const sockets = [];
  const c0 = performance.now();
  for (let i = 0; i < d.sockets; i += 20) {
    const batch = [];
    for (let j = i; j < Math.min(d.sockets, i + 20); j++) batch.push(connectDesk(d.hubUrl, d.tokens[j % d.tokens.length], received));
    sockets.push(...(await Promise.all(batch)));
  }
  const connectMs = performance.now() - c0;
  await sleep(200);

  // 3. The Twilio side: webhooks on a fixed schedule (i / rate s after the start), never waiting for replies.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const n = d.hooks.length;
  const postStart = new Array(n).fill(0), postAccepted = new Array(n).fill(0), postStatus = new Array(n).fill(0);
  const pending = [];
  const s0 = performance.now();
  let next = 0;
  while (next < n) {
    const due = Math.min(n, Math.floor(((performance.now() - s0) * d.rate) / 1000) + 1);
    for (; next < due; next++) {
      const i = next;
      const h = d.hooks[i];
      postStart[i] = clock();
      pending.push(post(agent, d.hubUrl + h.path, { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': h.signature }, h.body)
        .then((status) => { postAccepted[i] = clock(); postStatus[i] = status; }, () => { postAccepted[i] = clock(); postStatus[i] = -1; }));
    }
    await sleep(1);
  }
  const sendSeconds = (performance.now() - s0) / 1000;
  await Promise.all(pending);
  const deadline = performance.now() + d.drainMs;
  while (arrivals < total && performance.now() < deadline) await sleep(20);
  for (const s of sockets) s.close();
  agent.destroy();
  parentPort.postMessage({ echoMs, connectMs, postStart, postAccepted, postStatus, sendSeconds, ids, arrivalId: arrivalId.slice(0, arrivals), arrivalAt: arrivalAt.slice(0, arrivals) });
})().catch((error) => { throw error; });
`;

function runWorld(input: WorkerInput): Promise<WorkerOutput> {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: input });
  return new Promise((resolve, reject) => {
    const limit = setTimeout(() => {
      void worker.terminate();
      reject(new Error('push bench worker did not finish within its time limit'));
    }, 600_000 + input.drainMs);
    worker.once('message', (output: WorkerOutput) => {
      clearTimeout(limit);
      void worker.terminate();
      resolve(output);
    });
    worker.once('error', (error) => {
      clearTimeout(limit);
      reject(error);
    });
  });
}

/** A bare socket.io server on loopback that acks every `echo` with its payload. */
async function startEchoServer() {
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  io.on('connection', (socket) => socket.on('echo', (payload: unknown, ack: (p: unknown) => void) => ack(payload)));
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => void io.close(() => resolve())),
  };
}

export async function run(): Promise<BenchResult> {
  const count = scaled(RATE * 10);
  // As in production: the ingest writer on its own thread.
  const t = await startTestHub({ logLevel: 'silent' }, { ingestThread: true });
  const echo = await startEchoServer();
  try {
    await t.hub.accounts.save({
      id: ACCOUNT,
      kind: 'sms',
      name: 'SMS (bench)',
      settings: { accountSid: ACCOUNT_SID, fromNumber: TO, apiBaseUrl: 'http://127.0.0.1:9', webhookBaseUrl: t.hub.url },
      secrets: { authToken: AUTH_TOKEN },
    });
    const passwordHash = await hashPassword(TEST_PASSWORD);
    const tokens: string[] = [];
    for (let a = 0; a < AGENTS; a++) {
      const email = `bench-agent-${a}@test.local`;
      await t.hub.db.user.create({ data: { email, displayName: `Bench agent ${a}`, role: 'agent', passwordHash } });
      tokens.push((await t.signIn(email)).token);
    }

    const path = `/webhooks/sms/${ACCOUNT}/inbound`;
    const sids: string[] = [];
    const hooks = Array.from({ length: count }, (_, i) => {
      const params = {
        MessageSid: `SM${(0xb0000000 + i).toString(16).padStart(32, '0')}`,
        AccountSid: ACCOUNT_SID,
        From: `+7916${String(2_000_000 + (i % SENDERS)).padStart(7, '0')}`,
        To: TO,
        Body: `Добрый день! Где мой заказ № ${700_000 + i}?`,
      };
      sids.push(params.MessageSid);
      return { path, body: new URLSearchParams(params).toString(), signature: computeTwilioSignature(AUTH_TOKEN, `${t.hub.url}${path}`, params) };
    });

    const out = await runWorld({
      ioClientPath: createRequire(import.meta.url).resolve('socket.io-client'),
      wsPath: createRequire(import.meta.url).resolve('ws'),
      hubUrl: t.hub.url,
      echoUrl: echo.url,
      tokens,
      sockets: SOCKETS,
      rate: RATE,
      echoes: ECHOES,
      drainMs: DRAIN_MS,
      hooks,
    });
    const failed = out.postStatus.filter((s) => s !== 200).length;
    if (failed > 0) throw new Error(`${failed} webhooks were not answered 200`);

    // message id → the webhook it came from, by provider id.
    const bySid = new Map(sids.map((sid, i) => [sid, i]));
    const rows = await t.hub.db.message.findMany({ where: { providerMessageId: { in: sids } }, select: { id: true, providerMessageId: true, createdAt: true } });
    const hookOf = new Map(rows.map((r) => [r.id, bySid.get(r.providerMessageId ?? '')!]));
    const ingestStartOf = new Map(rows.map((r) => [r.id, r.createdAt.getTime()]));
    const fromAccepted: number[] = [];
    const fromPost: number[] = [];
    const fromIngest: number[] = [];
    let beforeReply = 0;
    for (let k = 0; k < out.arrivalId.length; k++) {
      const id = out.ids[out.arrivalId[k]!]!;
      const hook = hookOf.get(id);
      if (hook === undefined) continue;
      const at = out.arrivalAt[k]!;
      fromAccepted.push(at - out.postAccepted[hook]!);
      fromPost.push(at - out.postStart[hook]!);
      fromIngest.push(at - ingestStartOf.get(id)!);
      if (at < out.postAccepted[hook]!) beforeReply++;
    }
    const expected = count * SOCKETS;
    const accepted = distribution(fromAccepted);
    const posted = distribution(fromPost);
    const ingested = distribution(fromIngest);
    const rtt = distribution(out.echoMs);
    const webhookMs = distribution(out.postStart.map((s, i) => out.postAccepted[i]! - s));

    return {
      figures: [
        { metric: 'webhook accepted → pushed p50', value: accepted.p50, unit: 'ms', baseline: rtt.p50 },
        { metric: 'webhook accepted → pushed p99', value: accepted.p99, unit: 'ms', baseline: rtt.p99 },
        { metric: 'webhook POST start → pushed p50', value: posted.p50, unit: 'ms', baseline: rtt.p50 },
        { metric: 'webhook POST start → pushed p99', value: posted.p99, unit: 'ms', baseline: rtt.p99 },
        { metric: 'ingest start (Message.createdAt) → pushed p50', value: ingested.p50, unit: 'ms', baseline: rtt.p50 },
        { metric: 'ingest start (Message.createdAt) → pushed p99', value: ingested.p99, unit: 'ms', baseline: rtt.p99 },
        { metric: 'webhook response time p50', value: webhookMs.p50, unit: 'ms' },
        { metric: 'webhook response time p99', value: webhookMs.p99, unit: 'ms' },
        { metric: 'achieved webhook rate', value: count / out.sendSeconds, unit: 'msg/s', baseline: RATE },
        { metric: 'deliveries received', value: fromAccepted.length, unit: 'events', baseline: expected },
      ],
      notes: [
        `${count.toLocaleString('en-US')} signed SMS webhooks at a steady ${RATE}/s from ${SENDERS.toLocaleString('en-US')} senders; ${SOCKETS} desk sockets (the Socket.IO protocol over ws, frames received but not JSON-parsed) signed in as ${AGENTS} agents, connected in ${(out.connectMs / 1000).toFixed(1)} s`,
        `latency per delivery (message × socket): from the webhook's HTTP 200 reaching the sender, and from the POST's start; ${beforeReply.toLocaleString('en-US')} deliveries (${((100 * beforeReply) / Math.max(1, fromAccepted.length)).toFixed(1)}%) arrived before the 200 did (negative "accepted" latency)`,
        'ingest start: Message.createdAt (the hub clock read as ingestInbound starts, ms resolution, same host clock): isolates commit + push from the HTTP queue',
        `hub on the main thread; webhook sender and all ${SOCKETS} socket clients in one worker thread (2 cores shared); message ids matched to webhooks by MessageSid after the run`,
        `raw: emit → ack round trip on a bare socket.io server, ${ECHOES.toLocaleString('en-US')} sequential calls from the same worker, same run; goal p99 < 100 ms`,
      ],
    };
  } finally {
    await echo.close();
    await t.stop();
  }
}
