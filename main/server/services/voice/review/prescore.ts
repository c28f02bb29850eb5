// The automatic pre-score's raw material: every outbound agent message checked against the rule set in
// force, one MessageVoiceCheck row each. Runs as a durable recurring job (and on demand for one
// conversation when a supervisor opens it), in keyset batches: one read and one set-based upsert per
// batch, with the rules compiled once — per-row Prisma calls would cost a millisecond each.
import { z } from 'zod';
import type { LintIssue, VoiceRuleSet } from '../../../../../common/api/voice.ts';
import type { Channel } from '../../../../../common/domain/enums.ts';
import { compileRules, type Linter } from '../../../../../common/domain/voice/lint.ts';
import { textLocale } from '../../../../../common/domain/voice/textLocale.ts';
import type { Db } from '../../../db/client.ts';
import { sqlInstant } from '../../../db/sqlValues.ts';
import type { Clock } from '../../../jobs/clock.ts';
import { startRecurring } from '../../../jobs/recurring.ts';
import type { JobSpec, Scheduler } from '../../../jobs/scheduler.ts';
import type { Logger } from '../../../logger.ts';
import { rulesInForce } from '../rules.ts';

export const PRESCORE_BATCH = 1000;
/** Stored per message; a message with more is a pasted log, and the counts still say how many there were. */
export const MAX_STORED_ISSUES = 200;
/** New agent messages wait at most this long for their check (a supervisor opening one checks it at once). */
export const PRESCORE_INTERVAL_MS = 5 * 60_000;

export interface PrescoreOptions {
  /** Only these conversations (a review being opened); default every conversation. */
  conversationIds?: readonly string[];
  batchSize?: number;
  now?: Date;
  /** The rule set already compiled (the hub caches the one in force); compiled here otherwise. */
  linter?: Linter;
}

export interface PrescoreRun {
  checked: number;
  batches: number;
}

interface MessageRow {
  id: string;
  conversationId: string;
  authorId: string;
  channel: string;
  body: string;
}

/** Checks the outbound agent messages without a check for this rule-set version; run again, it finds none. */
export async function prescoreMessages(db: Db, ruleSet: VoiceRuleSet, options: PrescoreOptions = {}): Promise<PrescoreRun> {
  const linter = options.linter ?? compileRules(ruleSet.rules);
  const batchSize = options.batchSize ?? PRESCORE_BATCH;
  const scope = options.conversationIds;
  if (scope && scope.length === 0) return { checked: 0, batches: 0 };
  const inScope = scope ? `AND m.conversationId IN (${scope.map(() => '?').join(',')})` : '';
  const run: PrescoreRun = { checked: 0, batches: 0 };
  let after = '';
  for (;;) {
    const rows = await db.$queryRawUnsafe<MessageRow[]>(
      `SELECT m.id, m.conversationId, m.authorId, m.channel, m.body FROM Message m
        WHERE m.id > ? AND m.direction = 'outbound' AND m.authorId IS NOT NULL ${inScope}
          AND NOT EXISTS (SELECT 1 FROM MessageVoiceCheck v WHERE v.messageId = m.id AND v.ruleSetVersion = ?)
        ORDER BY m.id LIMIT ?`,
      after,
      ...(scope ?? []),
      ruleSet.version,
      batchSize,
    );
    if (rows.length === 0) return run;
    const checks = rows.map((row) => {
      const issues = linter(row.body, { channel: row.channel as Channel, locale: textLocale(row.body) });
      const count = (severity: LintIssue['severity']) => issues.reduce((n, issue) => n + (issue.severity === severity ? 1 : 0), 0);
      return [row.id, row.conversationId, row.authorId, row.channel, count('error'), count('warning'), count('hint'), JSON.stringify(issues.slice(0, MAX_STORED_ISSUES))];
    });
    // One statement per batch: the rows travel as one JSON parameter. The composer's justification
    // (why an agent sent despite an error) is kept when a newer rule set re-checks the message.
    await db.$executeRawUnsafe(
      `INSERT INTO MessageVoiceCheck (messageId, conversationId, agentId, channel, ruleSetVersion, errors, warnings, hints, issues, checkedAt)
       SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, ?, value ->> 4, value ->> 5, value ->> 6, value ->> 7, ?
         FROM json_each(?) WHERE true
       ON CONFLICT (messageId) DO UPDATE SET ruleSetVersion = excluded.ruleSetVersion, errors = excluded.errors, warnings = excluded.warnings,
         hints = excluded.hints, issues = excluded.issues, checkedAt = excluded.checkedAt`,
      ruleSet.version,
      sqlInstant(options.now ?? new Date()),
      JSON.stringify(checks),
    );
    run.checked += rows.length;
    run.batches += 1;
    after = rows[rows.length - 1]!.id;
    if (rows.length < batchSize) return run;
  }
}

/** Checks one conversation's agent messages against the rule set in force; answers its version. */
export async function prescoreConversation(db: Db, conversationId: string, now: Date): Promise<number> {
  const { ruleSet, lint } = await rulesInForce(db);
  await prescoreMessages(db, ruleSet, { conversationIds: [conversationId], now, linter: lint });
  return ruleSet.version;
}

export const PrescoreJob: JobSpec<Record<string, never>> = { kind: 'voice.prescore', payload: z.object({}).strict(), maxAttempts: 3 };

/** Registers the recurring job and queues its first run now: a hub that was down catches up at start. */
export async function startPrescoring(scheduler: Scheduler, deps: { db: Db; clock: Clock; log: Logger }): Promise<void> {
  const { db, clock, log } = deps;
  await startRecurring(scheduler, deps, {
    spec: PrescoreJob,
    key: 'voice.prescore',
    intervalMs: PRESCORE_INTERVAL_MS,
    async run() {
      const { ruleSet, lint } = await rulesInForce(db);
      const run = await prescoreMessages(db, ruleSet, { now: clock.now(), linter: lint });
      if (run.checked > 0) log.info({ ...run, ruleSetVersion: ruleSet.version }, 'agent messages checked against the voice rules');
    },
  });
}
