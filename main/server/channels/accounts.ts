// Configured channel accounts: settings from the database merged with their secrets, validated by the
// adapter's schema. Webhook routes need them synchronously, so enabled accounts are cached and the cache
// is refreshed whenever an account is saved.
import type { Channel } from '../../../common/domain/enums.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { AdapterRegistry } from './registry.ts';
import type { SecretStore } from './secrets.ts';

export interface LoadedAccount {
  id: string;
  name: string;
  kind: Channel;
  config: unknown;
}

export interface ChannelAccounts {
  refresh(): Promise<void>;
  list(kind: Channel): LoadedAccount[];
  /** The account a channel sends from: the oldest enabled one. */
  first(kind: Channel): LoadedAccount | null;
  /** Creates or replaces an account's settings, keeping secret fields out of the database. */
  save(input: { id?: string; kind: Channel; name: string; enabled?: boolean; config: Record<string, unknown> }): Promise<LoadedAccount>;
}

export function channelAccounts(db: Db, adapters: AdapterRegistry, secrets: SecretStore, log: Logger): ChannelAccounts {
  let cache: LoadedAccount[] = [];

  async function refresh() {
    const rows = await db.channelAccount.findMany({ where: { enabled: true }, orderBy: { createdAt: 'asc' } });
    const loaded: LoadedAccount[] = [];
    for (const row of rows) {
      const adapter = adapters[row.kind as Channel];
      if (!adapter) continue;
      const parsed = adapter.configSchema.safeParse({ ...JSON.parse(row.config), ...secrets.get(row.id) });
      if (!parsed.success) {
        // One broken account must not take the other channels down: it is reported and skipped.
        const reason = `invalid settings: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`;
        log.error({ accountId: row.id, kind: row.kind }, reason);
        await db.channelAccount.update({ where: { id: row.id }, data: { lastError: reason, lastErrorAt: new Date() } });
        continue;
      }
      loaded.push({ id: row.id, name: row.name, kind: row.kind as Channel, config: parsed.data });
    }
    cache = loaded;
  }

  return {
    refresh,
    list: (kind) => cache.filter((a) => a.kind === kind),
    first: (kind) => cache.find((a) => a.kind === kind) ?? null,
    async save(input) {
      const adapter = adapters[input.kind];
      if (!adapter) throw new Error(`No adapter for ${input.kind}`);
      const config = adapter.configSchema.parse(input.config) as Record<string, unknown>;
      const secret = Object.fromEntries(adapter.secretFields.flatMap((f) => (typeof config[f] === 'string' ? [[f, config[f] as string]] : [])));
      const plain = Object.fromEntries(Object.entries(input.config).filter(([f]) => !adapter.secretFields.includes(f)));
      const data = { kind: input.kind, name: input.name, enabled: input.enabled ?? true, config: JSON.stringify(plain) };
      const row = input.id
        ? await db.channelAccount.upsert({ where: { id: input.id }, create: { id: input.id, ...data }, update: data })
        : await db.channelAccount.create({ data });
      secrets.set(row.id, secret);
      await refresh();
      return { id: row.id, name: row.name, kind: input.kind, config };
    },
  };
}
