// Drawing a sample of conversations to review: per agent, from the conversations started in the period
// on the chosen channels, either at random (seeded, so a draw can be repeated) or those where the voice
// rules found the most. A conversation is credited to the agent who wrote most of its replies.
import type { z } from 'zod';
import type { SampleCriteria, SampleView } from '../../../../../common/api/review.ts';
import type { Db } from '../../../db/client.ts';
import { sqlInstant } from '../../../db/sqlValues.ts';
import { Random } from '../../../demo/random.ts';
import { ServiceError } from '../../../errors.ts';
import { audit } from '../../audit/audit.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { getSample } from './samples.ts';

export interface Candidate {
  conversationId: string;
  agentId: string;
  findings: number;
}

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(',');

/** Every conversation the criteria allow, credited to its agent, ordered by agent and conversation id. */
export async function sampleCandidates(db: Db, criteria: SampleCriteria): Promise<Candidate[]> {
  const channelFilter = criteria.channels.length > 0 ? `AND c.channel IN (${placeholders(criteria.channels)})` : '';
  const agentFilter = criteria.agentIds.length > 0 ? `AND agentId IN (${placeholders(criteria.agentIds)})` : '';
  const rows = await db.$queryRawUnsafe<{ conversationId: string; agentId: string; findings: number | bigint }[]>(
    `WITH authored AS (
       SELECT m.conversationId, m.authorId AS agentId, COUNT(*) AS replies,
              COALESCE(SUM(v.errors), 0) + COALESCE(SUM(v.warnings), 0) AS findings
         FROM Conversation c
         JOIN Message m ON m.conversationId = c.id AND m.direction = 'outbound' AND m.authorId IS NOT NULL
         LEFT JOIN MessageVoiceCheck v ON v.messageId = m.id
        WHERE c.createdAt >= ? AND c.createdAt < ? ${channelFilter}
        GROUP BY m.conversationId, m.authorId),
     credited AS (
       SELECT conversationId, agentId, findings,
              ROW_NUMBER() OVER (PARTITION BY conversationId ORDER BY replies DESC, agentId) AS rank
         FROM authored)
     SELECT conversationId, agentId, findings FROM credited WHERE rank = 1 ${agentFilter}
      ORDER BY agentId, conversationId`,
    sqlInstant(new Date(criteria.from)),
    sqlInstant(new Date(criteria.to)),
    ...criteria.channels,
    ...criteria.agentIds,
  );
  return rows.map((row) => ({ ...row, findings: Number(row.findings) }));
}

/** Picks per agent; `candidates` arrive ordered by agent and conversation id, so a seed decides alone. */
export function pick(all: readonly Candidate[], criteria: SampleCriteria & { seed: number }): Candidate[] {
  const byAgent = new Map<string, Candidate[]>();
  for (const candidate of all) byAgent.set(candidate.agentId, [...(byAgent.get(candidate.agentId) ?? []), candidate]);
  const random = new Random(criteria.seed);
  return [...byAgent.values()].flatMap((own) => {
    if (criteria.mode === 'random') return random.shuffle([...own]).slice(0, criteria.perAgent);
    return own
      .filter((c) => c.findings > 0)
      .sort((a, b) => b.findings - a.findings || a.conversationId.localeCompare(b.conversationId))
      .slice(0, criteria.perAgent);
  });
}

export async function drawSample(db: Db, viewer: Viewer, input: z.output<typeof SampleCriteria>, now: Date): Promise<SampleView> {
  // A draw without a seed gets one, stored with the criteria, so it can be repeated exactly.
  const criteria = { ...input, seed: input.seed ?? Math.floor(Math.random() * 2 ** 31) };
  const picked = pick(await sampleCandidates(db, criteria), criteria);
  if (picked.length === 0) throw new ServiceError('NOT_FOUND', 'No conversation matches: try a longer period, other agents or channels, or random mode');
  const sample = await db.reviewSample.create({
    data: {
      criteria: JSON.stringify(criteria),
      createdById: viewer.userId,
      createdAt: now,
      items: { create: picked.map(({ conversationId, agentId }) => ({ conversationId, agentId })) },
    },
  });
  await audit(db, viewer, { action: 'review.sample', subjectType: 'review_sample', subjectId: sample.id, details: { ...criteria, conversations: picked.length } });
  return getSample(db, viewer, sample.id);
}
