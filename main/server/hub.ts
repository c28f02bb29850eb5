// The hub: one process owning the database, HTTP and socket.io on one port. Started by `npm run serve`
// (main/headless.ts), by the Electron shell in-process, and by the integration and e2e tests.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import { Server } from 'socket.io';
import type { HubConfig } from '../../common/config.ts';
import packageJson from '../../package.json' with { type: 'json' };
import { databaseUrlFor, openDatabase, type Db } from './db/client.ts';
import { openIngestThread } from './services/inbox/ingestThread.ts';
import { openIngestWriter, type IngestWriter } from './services/inbox/ingestWriter.ts';
import { conversationWakeJob } from './services/desk/actions.ts';
import { publishMessageUpdate } from './services/desk/composer.ts';
import { conversationNotifier } from './services/desk/summaries.ts';
import { migrate, readMigrations } from './db/migrator.ts';
import { registerInboundApi } from './http/inboundApi.ts';
import { registerAttachmentRoutes } from './http/attachments.ts';
import { registerStockImportRoute } from './http/stockImport.ts';
import { catalogIndex } from './services/commerce/catalog/search.ts';
import { openStockWriter } from './services/commerce/catalog/stockWriter.ts';
import { registerRoutes } from './http/routes.ts';
import { registerSecurityHeaders } from './http/security.ts';
import { createLogger, type Logger } from './logger.ts';
import { createRealtime, type HubServer } from './realtime/broadcast.ts';
import { registerSocketHandlers } from './realtime/socket.ts';
import { channelAccounts, type ChannelAccounts } from './channels/accounts.ts';
import type { ChannelContext } from './channels/contract.ts';
import type { HubServices } from './commands/handlers.ts';
import { channelContext, registerChannelRoutes, startChannelReaders } from './channels/runtime.ts';
import { fileSecretStore, type SecretSealer } from './channels/secrets.ts';
import { registerVisitorNamespace, type WebchatConfig } from './channels/webchat/index.ts';
import { outboxSendJob } from './channels/outbox.ts';
import { channelAdapters } from './channels/registry.ts';
import { systemClock, type Clock } from './jobs/clock.ts';
import { createScheduler, type Scheduler } from './jobs/scheduler.ts';
import { loadLinkSecret, signLink } from './services/attachments/signing.ts';
import type { Attachments } from './services/attachments/service.ts';
import { createAttachmentStore } from './services/attachments/store.ts';
import { startCleanup } from './jobs/cleanup.ts';
import { offsetClock, registerTestClockRoute } from './http/testClock.ts';
import { startLoyaltyExpiry } from './services/commerce/loyalty/expiry.ts';
import { startPrescoring } from './services/voice/review/prescore.ts';
import { reservationExpiryJob } from './services/commerce/reservations/expiry.ts';
import { announceReserved, openReservationWriter, type ReservationWriter } from './services/commerce/reservations/writer.ts';

export interface RunningHub {
  url: string;
  port: number;
  db: Db;
  log: Logger;
  scheduler: Scheduler;
  channels: ChannelContext;
  /** The one writer of inbound messages (group commit). */
  inbound: IngestWriter;
  /** The one writer of new reservations (group commit). */
  reservations: ReservationWriter;
  accounts: ChannelAccounts;
  /** The demo sign-ins when demo mode is on and the demo users exist. */
  demoSignIns: { email: string; role: string }[] | null;
  close(): Promise<void>;
}

export interface HubOptions {
  /** Where the migration folders are; the Electron bundle passes its packaged copy. */
  migrationsDir?: string;
  logger?: Logger;
  /** Tests pass a controllable clock (holds, snoozes and expiries depend on it). */
  clock?: Clock;
  /** Encrypts the channel secrets file; the Electron shell passes one backed by safeStorage. */
  secretSealer?: SecretSealer;
  /** The ingest writer on its own thread (default), off the event loop that serves desks and webhooks.
   *  Suites that start hundreds of hubs run it in-process: the same writer, faster to start. */
  ingestThread?: boolean;
}

const defaultMigrationsDir = () => fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

export async function startHub(config: HubConfig, options: HubOptions = {}): Promise<RunningHub> {
  const log = options.logger ?? createLogger(config.logLevel);
  mkdirSync(config.dataDir, { recursive: true });
  const databaseUrl = config.databaseUrl ?? databaseUrlFor(config.dataDir);

  const migrated = await migrate(databaseUrl, readMigrations(options.migrationsDir ?? defaultMigrationsDir()));
  if (migrated.applied.length > 0) log.info({ applied: migrated.applied }, 'database migrated');
  const db = await openDatabase(databaseUrl);
  // --test-clock (loopback only, checked by HubConfig): a clock an admin moves forward over HTTP.
  const testClock = config.testClock && !options.clock ? offsetClock() : null;
  const clock = options.clock ?? testClock ?? systemClock;

  let demoSignIns: RunningHub['demoSignIns'] = null;
  if (config.demo) {
    // Loaded only in demo mode: the generator and its name lists are not needed by a production hub.
    const { DEMO_USERS, seedDemo } = await import('./demo/index.ts');
    if ((await db.user.count()) === 0) {
      log.info('empty database: generating the demo retailer');
      const summary = await seedDemo(db);
      log.info({ summary }, 'demo data ready');
    }
    const present = await db.user.findMany({ where: { email: { in: DEMO_USERS.map((u: { email: string }) => u.email) } }, select: { email: true, role: true } });
    demoSignIns = present.length > 0 ? present : null;
  }

  const app = Fastify({ loggerInstance: log as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), bodyLimit: 1024 * 1024, trustProxy: false });
  registerSecurityHeaders(app);
  const io: HubServer = new Server(app.server, { serveClient: false, maxHttpBufferSize: 1024 * 1024, cors: { origin: false } });
  const realtime = createRealtime(io);
  const notifier = conversationNotifier(db, realtime, log);
  const composerDeps = { db, clock, realtime, notifier };
  const onMessageChanged = (messageId: string, conversationId: string) => publishMessageUpdate(composerDeps, messageId, conversationId);
  const openInbound = (options.ingestThread ?? true) ? openIngestThread : openIngestWriter;
  const inbound = await openInbound(databaseUrl, clock, {
    log,
    onCommitted(stored) {
      realtime.deskEvents(stored.flatMap(({ result }) => (result.event ? [result.event] : [])));
      realtime.messageReceived(
        stored.map(({ message, result }) => ({ messageId: result.messageId, conversationId: result.conversationId, customerId: result.customerId, channel: message.channel, newCustomer: result.newCustomer })),
      );
      notifier.touch(stored.map(({ result }) => result.conversationId));
    },
  });

  const reservations = await openReservationWriter(databaseUrl, clock, { log, onCommitted: (made) => announceReserved(realtime, made) });

  const accounts = channelAccounts(db, channelAdapters, fileSecretStore(config.dataDir, options.secretSealer), log);
  await accounts.refresh();
  // One store for every channel's files and the desk's uploads, under the data folder.
  const attachments: Attachments = { store: createAttachmentStore(resolve(config.dataDir, 'attachments')), linkSecret: loadLinkSecret(config.dataDir) };
  const linkFor = (file: { sha256: string; fileName: string }, sub: string, ttlMs: number) => signLink(attachments.linkSecret, file, sub, clock.now(), ttlMs).url;
  const demo: HubServices['demo'] = { channels: null };
  const services: HubServices = { db, log, clock, realtime, notifier, accounts, attachments, demo, reservations };
  registerRoutes(app, { ...services, sessionHours: config.sessionHours, version: packageJson.version });
  registerAttachmentRoutes(app, { db, log, clock, attachments, sessionHours: config.sessionHours });
  registerSocketHandlers(io, { ...services, sessionHours: config.sessionHours });
  const channelDeps = { db, log, clock, realtime, adapters: channelAdapters, accounts, inbound, onMessageChanged, attachments: attachments.store };
  const channels = channelContext(channelDeps);
  registerChannelRoutes(app, channels, channelDeps);
  // Stock files from the desk and counts from the ERP/POS share one bulk writer (its own connection).
  const stockWriter = openStockWriter(databaseUrl);
  registerStockImportRoute(app, { db, log, clock, realtime, writer: stockWriter, sessionHours: config.sessionHours });
  registerInboundApi(app, { db, log, clock, inbound, stock: { writer: stockWriter, realtime } });
  const stopVisitors = registerVisitorNamespace(io, {
    ctx: channels,
    db,
    log,
    accounts: () => accounts.list('webchat') as Array<{ id: string; config: WebchatConfig }>,
    isAgentOnline: () => realtime.agentsOnline(),
    watchAgentsOnline: (listener) => realtime.watchAgentsOnline(listener),
    onVisitorTyping: (event) => realtime.visitorTyping(event),
    linkFor,
  });

  const scheduler = createScheduler(db, log, clock);
  scheduler.register(
    outboxSendJob({
      db,
      clock,
      adapters: channelAdapters,
      accountFor: async (channel) => accounts.first(channel),
      attachments: attachments.store,
      linkFor,
      onStatus: (change) => {
        realtime.messageStatus({
          messageId: change.messageId,
          conversationId: change.conversationId,
          status: change.status,
          failureReason: change.failureReason ?? null,
          ...(change.deliveredVia ? { deliveredVia: change.deliveredVia } : {}),
        });
        void onMessageChanged(change.messageId, change.conversationId).catch((error: unknown) => log.warn({ err: error }, 'timeline update not pushed'));
      },
    }),
  );
  scheduler.register(conversationWakeJob({ db, clock, notifier }));
  scheduler.register(reservationExpiryJob({ db, clock, realtime, log }));
  if (testClock) registerTestClockRoute(app, { db, clock: testClock, scheduler, sessionHours: config.sessionHours });

  await startCleanup(scheduler, { db, clock, log });
  await startLoyaltyExpiry(scheduler, { db, clock, log, realtime });
  await startPrescoring(scheduler, { db, clock, log });

  if (config.rendererDir) {
    const root = resolve(config.rendererDir);
    if (!existsSync(root)) throw new Error(`The desk is not built: ${root} is missing (run npm run build:renderer)`);
    await app.register(fastifyStatic, { root, index: 'index.html', wildcard: true });
  }

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  log.info({ url }, 'hub listening');

  // The demo's providers are local simulators speaking the real wire formats; they need the hub's URL.
  if (config.demo) demo.channels = await (await import('./demo/channels.ts')).startDemoChannels({ db, log, accounts, hubUrl: url });
  const stopReaders = await startChannelReaders(channels, channelDeps);
  scheduler.start();
  // Built in slices in the background, so the first product search does not wait for it.
  catalogIndex(db).catch((error: unknown) => log.warn({ err: error }, 'catalogue index not built at start; the first search builds it'));

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    db,
    log,
    scheduler,
    channels,
    inbound,
    reservations,
    accounts,
    demoSignIns,
    close() {
      // Drain: stop accepting, tell desks (they reconnect to the next hub), then close the database.
      closing ??= (async () => {
        await scheduler.stop();
        await stopReaders();
        await demo.channels?.stop();
        stopVisitors();
        // server.close() ends the connections idle at that moment; one whose response was still finishing (a
        // streamed file's last tick) would otherwise stay open for the whole keep-alive timeout (72 s).
        const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
        await new Promise<void>((resolve) => io.close(() => resolve()));
        clearInterval(sweep);
        await app.close();
        await inbound.close();
        await stockWriter.close();
        await reservations.close();
        await db.$disconnect();
        log.info('hub stopped');
      })();
      return closing;
    },
  };
}
