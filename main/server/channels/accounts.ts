// Configured channel accounts: settings from the database merged with their secrets, validated by the
// adapter's schema. Webhook routes need them synchronously, so enabled accounts are cached and the cache
// is refreshed whenever an account is saved. Secret fields may be nested ("imap.password").
// Readers' positions (ChannelAccount.state) and "last sync" are written here too, off the ingest path.
import type { z } from 'zod';
import type { ChannelAccountView, ChannelTestInput, ConnectionTestResult } from '../../../common/api/channelSettings.ts';
import { Channel } from '../../../common/domain/enums.ts';
import type { Db } from '../db/client.ts';
import { ServiceError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { runConnectionTest } from './connectionTest.ts';
import type { ChannelAdapter, ReaderHooks } from './contract.ts';
import type { AdapterRegistry } from './registry.ts';
import type { SecretStore } from './secrets.ts';

/** Webhooks and polls can arrive hundreds of times a second; "last sync" needs no finer grain than this. */
const SYNC_WRITE_INTERVAL_MS = 5_000;

export interface LoadedAccount {
  id: string;
  name: string;
  kind: Channel;
  config: unknown;
}

export interface SaveAccountInput {
  id?: string;
  kind: Channel;
  name: string;
  enabled?: boolean;
  settings: Record<string, unknown>;
  /** Only the secrets being changed; absent or empty ones keep their stored value. */
  secrets?: Record<string, string>;
}

export interface ChannelAccounts {
  refresh(): Promise<void>;
  list(kind: Channel): LoadedAccount[];
  /** The account a channel sends from: the oldest enabled one. */
  first(kind: Channel): LoadedAccount | null;
  save(input: SaveAccountInput): Promise<ChannelAccountView>;
  setEnabled(id: string, enabled: boolean): Promise<ChannelAccountView>;
  /** Every account, enabled or not, as Settings shows it. */
  views(): Promise<ChannelAccountView[]>;
  /**
   * Tests a saved account as stored (the result is recorded as its last error, or clears it), or a form
   * as typed, whose blank secrets fall back to the saved account's (nothing is recorded for a form).
   */
  test(input: z.output<typeof ChannelTestInput>): Promise<ConnectionTestResult>;
  /** The account synced (a poll answered, a webhook accepted): sets lastSyncAt, at most every few seconds. */
  synced(id: string): void;
  /**
   * What a reader's `start` gets: its saved state (checked against `schema`; undefined on a first start or
   * when unreadable), where to save the next (not awaited: serialised per account, the latest wins) and
   * where to report a sync.
   */
  readerHooks<S>(id: string, schema: z.ZodType<S> | undefined): Promise<ReaderHooks<S>>;
  /** Waits for state and sync writes still in flight (a hub stopping). */
  flush(): Promise<void>;
}

type Json = Record<string, unknown>;

function setPath(target: Json, path: string, value: unknown): Json {
  const [head, ...rest] = path.split('.');
  if (!head) return target;
  if (rest.length === 0) return { ...target, [head]: value };
  const child = typeof target[head] === 'object' && target[head] !== null ? (target[head] as Json) : {};
  return { ...target, [head]: setPath(child, rest.join('.'), value) };
}

function withoutPath(target: Json, path: string): Json {
  const [head, ...rest] = path.split('.');
  if (!head || !(head in target)) return target;
  if (rest.length === 0) {
    const { [head]: _removed, ...kept } = target;
    return kept;
  }
  const child = target[head];
  return typeof child === 'object' && child !== null ? { ...target, [head]: withoutPath(child as Json, rest.join('.')) } : target;
}

export function channelAccounts(db: Db, adapters: AdapterRegistry, secrets: SecretStore, log: Logger): ChannelAccounts {
  let cache: LoadedAccount[] = [];
  const writes = new Set<Promise<unknown>>();
  const lastSyncWrite = new Map<string, number>();
  const stateWrites = new Map<string, { next: string | undefined; running: boolean }>();

  const track = (write: Promise<unknown>) => {
    writes.add(write);
    void write.finally(() => writes.delete(write));
  };

  const adapterFor = (kind: string) => {
    const parsed = Channel.safeParse(kind);
    return parsed.success ? adapters[parsed.data] : undefined;
  };
  const merged = (settings: Json, stored: Record<string, string>) =>
    Object.entries(stored).reduce((config, [path, value]) => setPath(config, path, value), settings);

  async function refresh() {
    const rows = await db.channelAccount.findMany({ where: { enabled: true }, orderBy: { createdAt: 'asc' } });
    const loaded: LoadedAccount[] = [];
    for (const row of rows) {
      const adapter = adapterFor(row.kind);
      if (!adapter) continue;
      const parsed = adapter.configSchema.safeParse(merged(JSON.parse(row.config) as Json, secrets.get(row.id)));
      if (!parsed.success) {
        // One broken account must not take the other channels down: it is reported and skipped.
        const reason = `invalid settings: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`;
        log.error({ accountId: row.id, kind: row.kind }, reason);
        await db.channelAccount.update({ where: { id: row.id }, data: { lastError: reason, lastErrorAt: new Date() } });
        continue;
      }
      loaded.push({ id: row.id, name: row.name, kind: adapter.kind, config: parsed.data });
    }
    cache = loaded;
  }

  async function views(where: { id?: string } = {}): Promise<ChannelAccountView[]> {
    const rows = await db.channelAccount.findMany({ where, orderBy: { createdAt: 'asc' } });
    const counts = await db.message.groupBy({ by: ['channelAccountId', 'direction', 'status'], where: { channelAccountId: { in: rows.map((r) => r.id) } }, _count: true });
    return rows.flatMap((row): ChannelAccountView[] => {
      const adapter = adapterFor(row.kind);
      if (!adapter) return [];
      const stored = secrets.get(row.id);
      const mine = counts.filter((c) => c.channelAccountId === row.id);
      const sum = (pick: (c: (typeof mine)[number]) => boolean) => mine.filter(pick).reduce((n, c) => n + c._count, 0);
      return [
        {
          id: row.id,
          kind: adapter.kind,
          name: row.name,
          enabled: row.enabled,
          settings: JSON.parse(row.config) as Json,
          secretsSet: adapter.secretFields.filter((f) => Boolean(stored[f])),
          secretFields: [...adapter.secretFields],
          lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
          lastError: row.lastError,
          lastErrorAt: row.lastErrorAt?.toISOString() ?? null,
          counts: { inbound: sum((c) => c.direction === 'inbound'), outbound: sum((c) => c.direction === 'outbound'), failed: sum((c) => c.status === 'failed') },
          updatedAt: row.updatedAt.toISOString(),
        },
      ];
    });
  }

  /** Settings without stray secrets, the secrets to keep, and the config they make: what save and test share. */
  function prepare(adapter: ChannelAdapter<unknown>, stored: Record<string, string>, input: { settings: Json; secrets?: Record<string, string> }) {
    const unknownSecret = Object.keys(input.secrets ?? {}).find((f) => !adapter.secretFields.includes(f));
    if (unknownSecret) throw new ServiceError('BAD_REQUEST', 'Unknown secret field', [{ path: `secrets.${unknownSecret}`, message: 'not a secret of this channel' }]);
    const changed = Object.fromEntries(Object.entries(input.secrets ?? {}).filter(([, v]) => v !== ''));
    const nextSecrets = { ...stored, ...changed };
    // Secrets typed into settings by mistake are moved out, never stored in the database.
    const settings = adapter.secretFields.reduce((s, f) => withoutPath(s, f), input.settings);
    const parsed = adapter.configSchema.safeParse(merged(settings, nextSecrets));
    if (!parsed.success) {
      throw new ServiceError(
        'BAD_REQUEST',
        'Some settings are invalid',
        parsed.error.issues.map((issue) => {
          const path = issue.path.map(String).join('.');
          return { path: adapter.secretFields.includes(path) ? `secrets.${path}` : `settings.${path}`, message: issue.message };
        }),
      );
    }
    return { settings, nextSecrets, secretsChanged: Object.entries(changed).some(([f, v]) => stored[f] !== v), config: parsed.data };
  }

  async function drainState(id: string, entry: { next: string | undefined; running: boolean }) {
    while (entry.next !== undefined) {
      const state = entry.next;
      entry.next = undefined;
      // A lost write costs only re-reading from an older position, which ingest deduplicates.
      await db.channelAccount.updateMany({ where: { id }, data: { state } }).catch((error: unknown) => log.warn({ err: error, accountId: id }, 'reader state not saved'));
    }
    entry.running = false;
  }

  async function loadState<S>(id: string, schema: z.ZodType<S>): Promise<S | undefined> {
    const row = await db.channelAccount.findUnique({ where: { id }, select: { state: true } });
    if (!row?.state) return undefined;
    try {
      return schema.parse(JSON.parse(row.state));
    } catch (error) {
      // Starting over from the provider's own notion of "new" beats a reader that cannot start.
      log.error({ accountId: id, err: error instanceof Error ? error.message : String(error) }, 'saved reader state unreadable; ignored');
      return undefined;
    }
  }

  function saveState(id: string, state: unknown) {
    const entry = stateWrites.get(id) ?? { next: undefined, running: false };
    stateWrites.set(id, entry);
    entry.next = JSON.stringify(state);
    if (entry.running) return;
    entry.running = true;
    track(drainState(id, entry));
  }

  function synced(id: string) {
    const now = Date.now();
    if (now - (lastSyncWrite.get(id) ?? 0) < SYNC_WRITE_INTERVAL_MS) return;
    lastSyncWrite.set(id, now);
    track(db.channelAccount.updateMany({ where: { id }, data: { lastSyncAt: new Date(now) } }).catch((error: unknown) => log.warn({ err: error, accountId: id }, 'last sync not recorded')));
  }

  async function test(input: z.output<typeof ChannelTestInput>): Promise<ConnectionTestResult> {
    const existing = input.id ? await db.channelAccount.findUnique({ where: { id: input.id } }) : null;
    const form = input.form ?? (existing ? { kind: existing.kind, settings: JSON.parse(existing.config) as Json } : null);
    if (!form) throw new ServiceError('NOT_FOUND', 'Channel account not found');
    const adapter = adapterFor(form.kind);
    if (!adapter) throw new ServiceError('BAD_REQUEST', `Threadline cannot connect ${form.kind} accounts yet`);
    if (existing && existing.kind !== adapter.kind) throw new ServiceError('BAD_REQUEST', 'The kind of an account cannot change', [{ path: 'kind', message: 'cannot change' }]);
    const { config } = prepare(adapter, existing ? secrets.get(existing.id) : {}, form);
    const result = await runConnectionTest(adapter, { id: existing?.id ?? 'unsaved', config });
    // Only the saved settings' outcome says anything about the account as it runs.
    if (existing && !input.form) {
      await db.channelAccount.update({
        where: { id: existing.id },
        data: result.ok ? { lastError: null, lastErrorAt: null } : { lastError: `Test connection: ${result.reason}`, lastErrorAt: new Date() },
      });
    }
    return result;
  }

  async function viewOf(id: string) {
    const [view] = await views({ id });
    if (!view) throw new ServiceError('NOT_FOUND', 'Channel account not found');
    return view;
  }

  return {
    refresh,
    list: (kind) => cache.filter((a) => a.kind === kind),
    test,
    synced,
    async readerHooks(id, schema) {
      return { state: schema ? await loadState(id, schema) : undefined, saveState: (state) => saveState(id, state), synced: () => synced(id) };
    },
    async flush() {
      while (writes.size > 0) await Promise.all(writes);
    },
    first: (kind) => cache.find((a) => a.kind === kind) ?? null,
    views: () => views(),
    async save(input) {
      const adapter = adapters[input.kind];
      if (!adapter) throw new ServiceError('BAD_REQUEST', `Threadline cannot connect ${input.kind} accounts yet`);
      const existing = input.id ? await db.channelAccount.findUnique({ where: { id: input.id } }) : null;
      if (existing && existing.kind !== input.kind) throw new ServiceError('BAD_REQUEST', 'The kind of an account cannot change', [{ path: 'kind', message: 'cannot change' }]);
      const { settings, nextSecrets, secretsChanged } = prepare(adapter, existing ? secrets.get(existing.id) : {}, input);
      const config = JSON.stringify(settings);
      // A position in one mailbox or bot means nothing in another: a reader of changed settings starts afresh.
      const moved = !existing || secretsChanged || existing.config !== config;
      const data = { kind: input.kind, name: input.name, enabled: input.enabled ?? true, config, lastError: null, lastErrorAt: null, ...(moved ? { state: null } : {}) };
      const row = input.id
        ? await db.channelAccount.upsert({ where: { id: input.id }, create: { id: input.id, ...data }, update: data })
        : await db.channelAccount.create({ data });
      secrets.set(row.id, nextSecrets);
      await refresh();
      return viewOf(row.id);
    },
    async setEnabled(id, enabled) {
      await db.channelAccount.update({ where: { id }, data: { enabled } }).catch(() => {
        throw new ServiceError('NOT_FOUND', 'Channel account not found');
      });
      await refresh();
      return viewOf(id);
    },
  };
}
