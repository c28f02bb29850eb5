// Samples as supervisors see them: the list of draws, and one draw's conversations with what the rules
// found in each and how far its review has got. A handful of set queries per page, never one per item.
import { SampleCriteria, type SampleItemView, type SampleSummary, type SampleView } from '../../../../../common/api/review.ts';
import { Channel } from '../../../../../common/domain/enums.ts';
import type { Db } from '../../../db/client.ts';
import { notFound } from '../../../errors.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { peopleByIds, reviewStatus, type PersonLookup } from './people.ts';

const REVIEWED = { not: 'draft' } as const;

export async function listSamples(db: Db, limit = 50): Promise<SampleSummary[]> {
  const samples = await db.reviewSample.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit, include: { items: { select: { conversationId: true } } } });
  return summaries(db, samples, await peopleByIds(db, samples.map((s) => s.createdById)));
}

export async function getSample(db: Db, viewer: Viewer, id: string): Promise<SampleView> {
  const sample = await db.reviewSample.findUnique({ where: { id }, include: { items: true } });
  if (!sample) throw notFound('Sample');
  const conversationIds = sample.items.map((i) => i.conversationId);
  const [conversations, findings, reviews] = await Promise.all([
    db.conversation.findMany({
      where: { id: { in: conversationIds } },
      select: { id: true, channel: true, subject: true, createdAt: true, customer: { select: { firstName: true, lastName: true } } },
    }),
    db.messageVoiceCheck.groupBy({
      by: ['conversationId', 'agentId'],
      where: { conversationId: { in: conversationIds } },
      _count: { _all: true },
      _sum: { errors: true, warnings: true },
    }),
    db.review.findMany({ where: { conversationId: { in: conversationIds } }, select: { id: true, conversationId: true, reviewerId: true, status: true, total: true } }),
  ]);
  const agentMessages = await db.message.groupBy({
    by: ['conversationId', 'authorId'],
    where: { conversationId: { in: conversationIds }, direction: 'outbound', authorId: { in: [...new Set(sample.items.map((i) => i.agentId))] } },
    _count: { _all: true },
  });
  const people = await peopleByIds(db, [sample.createdById, ...sample.items.map((i) => i.agentId)]);
  const byId = new Map(conversations.map((c) => [c.id, c]));
  const items: SampleItemView[] = sample.items.flatMap((item) => {
    const conversation = byId.get(item.conversationId);
    // A conversation deleted with its customer (a data-deletion request) leaves the sample.
    if (!conversation) return [];
    const found = findings.find((f) => f.conversationId === item.conversationId && f.agentId === item.agentId);
    const mine = reviews.find((r) => r.conversationId === item.conversationId && r.reviewerId === viewer.userId);
    return [
      {
        conversationId: item.conversationId,
        agent: people(item.agentId),
        channel: Channel.parse(conversation.channel),
        subject: conversation.subject,
        customerName: [conversation.customer.firstName, conversation.customer.lastName].filter(Boolean).join(' '),
        startedAt: conversation.createdAt.toISOString(),
        agentMessages: agentMessages.find((m) => m.conversationId === item.conversationId && m.authorId === item.agentId)?._count._all ?? 0,
        errors: found?._sum.errors ?? 0,
        warnings: found?._sum.warnings ?? 0,
        myReview: mine ? { id: mine.id, status: reviewStatus(mine.status), total: mine.total } : null,
        reviewCount: reviews.filter((r) => r.conversationId === item.conversationId && r.status !== 'draft').length,
      },
    ];
  });
  const [summary] = await summaries(db, [sample], people);
  return { ...summary!, items };
}

interface SampleRow {
  id: string;
  criteria: string;
  createdById: string;
  createdAt: Date;
  items: { conversationId: string }[];
}

/** Reviewed: some supervisor submitted a review of the conversation from this sample. */
async function summaries(db: Db, samples: SampleRow[], people: PersonLookup): Promise<SampleSummary[]> {
  const reviewed = await db.review.findMany({ where: { sampleId: { in: samples.map((s) => s.id) }, status: REVIEWED }, select: { sampleId: true, conversationId: true } });
  return samples.map((sample) => ({
    id: sample.id,
    criteria: SampleCriteria.parse(JSON.parse(sample.criteria)),
    createdBy: people(sample.createdById),
    createdAt: sample.createdAt.toISOString(),
    itemCount: sample.items.length,
    reviewedCount: new Set(reviewed.filter((r) => r.sampleId === sample.id).map((r) => r.conversationId)).size,
  }));
}
