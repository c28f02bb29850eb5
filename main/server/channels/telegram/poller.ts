// Long polling (getUpdates) for desks without a public address. Each update goes to ingest in order, and
// the offset that confirms it to Telegram moves only once ingest has committed it: after a crash Telegram
// hands the unconfirmed updates out again (it keeps them 24 h) and ingest's idempotency drops repeats.
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { ChannelContext } from '../contract.ts';
import { ServiceError } from '../../errors.ts';
import { BotApiError, callBotApi } from './client.ts';
import type { TelegramConfig } from './config.ts';
import { updateToMessage } from './wire.ts';

export interface PollerOptions {
  /** First and longest wait after a failure; doubled per failure in between. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Where an earlier run stopped, as persisted from `onOffset`. */
  offset?: number;
  /** The offset moved past committed updates: the caller persists it so a restart resumes there. */
  onOffset?(offset: number): void;
  /** A getUpdates call answered and its batch was handed to ingest. */
  onPolled?(): void;
}

export interface TelegramPoller {
  /** Aborts the pending getUpdates, lets an ingest in progress finish, and resolves when the loop has ended. */
  stop(): Promise<void>;
  /** The next update_id asked for (0 before the first is confirmed). */
  readonly offset: number;
}

// Only update_id is read up front: a malformed update must not hide the valid ones in the same batch.
const UpdateBatch = z.array(z.looseObject({ update_id: z.number().int() }));

/** Ingest refused the message itself (empty, bad sender): retrying it would block every later update. */
const isRejection = (error: unknown) => error instanceof z.ZodError || (error instanceof ServiceError && error.code === 'BAD_REQUEST');

export function startTelegramPolling(
  ctx: ChannelContext,
  account: { id: string; config: TelegramConfig },
  { minBackoffMs = 1000, maxBackoffMs = 60_000, ...options }: PollerOptions = {},
): TelegramPoller {
  const { config } = account;
  const stopping = new AbortController();
  const log = ctx.log.child({ channel: 'telegram', accountId: account.id });
  let offset = options.offset ?? 0;
  let failures = 0;

  async function backOff(error: unknown): Promise<void> {
    failures += 1;
    const retryAfterMs = error instanceof BotApiError && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : undefined;
    const delay = retryAfterMs ?? Math.min(maxBackoffMs, minBackoffMs * 2 ** (failures - 1));
    log.warn({ err: error instanceof Error ? error.message : String(error), delayMs: delay, failures }, 'Telegram polling failed; retrying');
    await sleep(delay, undefined, { signal: stopping.signal }).catch(() => undefined);
  }

  /** Hands the batch to ingest in order; false when a failure means fetching again from the same offset. */
  async function ingestBatch(updates: Array<{ update_id: number }>): Promise<boolean> {
    for (const update of updates) {
      try {
        const message = updateToMessage(update, account.id);
        if (message) await ctx.ingest(message);
      } catch (error) {
        if (!isRejection(error)) {
          await backOff(error);
          return false;
        }
        log.warn({ updateId: update.update_id, err: error instanceof Error ? error.message : String(error) }, 'Telegram update rejected; skipped');
      }
      offset = update.update_id + 1;
    }
    return true;
  }

  async function loop(): Promise<void> {
    while (!stopping.signal.aborted) {
      let updates: Array<{ update_id: number }>;
      try {
        const result = await callBotApi(
          config,
          'getUpdates',
          { offset, timeout: config.pollTimeoutSeconds, allowed_updates: ['message'] },
          // The server holds the call up to pollTimeoutSeconds: only a longer silence means it is lost.
          { timeoutMs: (config.pollTimeoutSeconds + 10) * 1000, signal: stopping.signal },
        );
        updates = UpdateBatch.parse(result);
      } catch (error) {
        if (stopping.signal.aborted) break;
        // 409: a webhook is set, and Telegram serves an update either way, never both.
        if (error instanceof BotApiError && error.errorCode === 409) {
          log.info('Telegram webhook active; deleting it to poll instead');
          await callBotApi(config, 'deleteWebhook', { drop_pending_updates: false }).catch(backOff);
          continue;
        }
        await backOff(error);
        continue;
      }
      const before = offset;
      const complete = await ingestBatch(updates);
      if (offset !== before) options.onOffset?.(offset);
      if (complete) {
        failures = 0;
        options.onPolled?.();
      }
    }
  }

  const running = loop();
  return {
    async stop() {
      stopping.abort();
      await running;
    },
    get offset() {
      return offset;
    },
  };
}
