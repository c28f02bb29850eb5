// The enabled account a channel sends from, its stored settings validated by the adapter's schema.
import type { Channel } from '../../../common/domain/enums.ts';
import type { Db } from '../db/client.ts';
import type { AdapterRegistry } from './registry.ts';

export function accountLookup(db: Db, adapters: AdapterRegistry) {
  return async (channel: Channel): Promise<{ id: string; config: unknown } | null> => {
    const adapter = adapters[channel];
    if (!adapter) return null;
    const account = await db.channelAccount.findFirst({ where: { kind: channel, enabled: true }, orderBy: { createdAt: 'asc' } });
    if (!account) return null;
    const config = adapter.configSchema.safeParse(JSON.parse(account.config));
    if (!config.success) throw new Error(`The ${channel} account "${account.name}" has invalid settings: ${config.error.issues[0]?.message}`);
    return { id: account.id, config: config.data };
  };
}
