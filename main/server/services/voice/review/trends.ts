// Weekly average review totals per agent and per channel: two SQL aggregates over the submitted reviews
// (by when they were submitted), weeks starting on Monday in UTC.
import type { z } from 'zod';
import type { TrendPoint, TrendsInput, TrendsResult } from '../../../../../common/api/review.ts';
import { Channel } from '../../../../../common/domain/enums.ts';
import type { Db } from '../../../db/client.ts';
import { sqlInstant } from '../../../db/sqlValues.ts';
import { peopleByIds } from './people.ts';

interface Row {
  key: string;
  week: string;
  average: number;
  count: number | bigint;
}

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(',');

export async function reviewTrends(db: Db, input: z.output<typeof TrendsInput>): Promise<TrendsResult> {
  const filters = [
    input.agentIds.length > 0 ? `AND r.agentId IN (${placeholders(input.agentIds)})` : '',
    input.channels.length > 0 ? `AND c.channel IN (${placeholders(input.channels)})` : '',
  ].join(' ');
  const aggregate = (key: 'r.agentId' | 'c.channel') =>
    db.$queryRawUnsafe<Row[]>(
      // 'weekday 0' moves to the coming Sunday (or stays on one); six days back is that week's Monday.
      `SELECT ${key} AS key, date(r.submittedAt, 'weekday 0', '-6 days') AS week, AVG(r.total) AS average, COUNT(*) AS count
         FROM Review r JOIN Conversation c ON c.id = r.conversationId
        WHERE r.status IN ('submitted', 'acknowledged', 'disputed') AND r.total IS NOT NULL
          AND r.submittedAt >= ? AND r.submittedAt < ? ${filters}
        GROUP BY key, week ORDER BY key, week`,
      sqlInstant(new Date(input.from)),
      sqlInstant(new Date(input.to)),
      ...input.agentIds,
      ...input.channels,
    );
  const [byAgent, byChannel] = await Promise.all([aggregate('r.agentId'), aggregate('c.channel')]);
  const grouped = (rows: Row[]) => {
    const series = new Map<string, TrendPoint[]>();
    for (const row of rows) series.set(row.key, [...(series.get(row.key) ?? []), { week: row.week, average: Math.round(row.average * 10) / 10, count: Number(row.count) }]);
    return [...series];
  };
  const people = await peopleByIds(db, byAgent.map((r) => r.key));
  return {
    weeks: [...new Set(byChannel.map((r) => r.week))].sort(),
    agents: grouped(byAgent)
      .map(([agentId, points]) => ({ agent: people(agentId), points }))
      .sort((a, b) => a.agent.name.localeCompare(b.agent.name)),
    channels: grouped(byChannel).map(([channel, points]) => ({ channel: Channel.parse(channel), points })),
  };
}
