// A conversation opened in the desk: its summary, what the composer needs to answer well (where the
// customer can be reached, what to warn about, the agent's draft) and, when asked, the timeline's first page.
import type { z } from 'zod';
import type { ConversationDetail, ConversationGetInput } from '../../../../common/api/desk.ts';
import { maskIdentity } from '../../../../common/domain/contacts.ts';
import { Channel, IdentityKind } from '../../../../common/domain/enums.ts';
import { can } from '../../../../common/domain/policy.ts';
import { IDENTITY_FOR_CHANNEL } from '../../channels/outbox.ts';
import type { Db } from '../../db/client.ts';
import { ServiceError } from '../../errors.ts';
import { audit } from '../audit/audit.ts';
import type { Viewer } from '../auth/viewer.ts';
import { readDraft } from './composer.ts';
import { readDeskSettings } from './settings.ts';
import { loadSummaries } from './summaries.ts';
import { openingTimeline } from './timeline/timeline.ts';

export async function getConversation(db: Db, viewer: Viewer, input: z.output<typeof ConversationGetInput>): Promise<ConversationDetail> {
  const { conversationId } = input;
  const [summary] = await loadSummaries(db, [conversationId]);
  if (!summary) throw new ServiceError('NOT_FOUND', 'Conversation not found');
  const [customer, identities, lastInbound, lastMessage, settings, draft, timeline] = await Promise.all([
    db.customer.findUniqueOrThrow({ where: { id: summary.customerId }, select: { timeZone: true } }),
    db.contactIdentity.findMany({ where: { customerId: summary.customerId }, orderBy: [{ preferred: 'desc' }, { updatedAt: 'desc' }] }),
    db.message.findFirst({ where: { conversationId, direction: 'inbound' }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { channel: true } }),
    db.message.findFirst({ where: { conversationId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } }),
    readDeskSettings(db),
    readDraft(db, viewer, conversationId),
    input.timeline ? openingTimeline(db, viewer, summary.customerId, summary.unreadCount, input.timeline.atMessageId ?? null) : null,
  ]);
  const full = can(viewer.role, 'customers.contacts.read_full');
  const replyChannels = Channel.options.flatMap((channel) => {
    const kind = IDENTITY_FOR_CHANNEL[channel];
    const identity = kind ? identities.find((i) => i.kind === kind && !i.blocked) ?? identities.find((i) => i.kind === kind) : undefined;
    if (!identity) return [];
    const to = full ? identity.rawValue : maskIdentity(IdentityKind.parse(identity.kind), identity.normalized);
    return [{ channel, to, optedOut: identity.optedOut, blocked: identity.blocked }];
  });
  if (full && replyChannels.length > 0) {
    // The composer shows the customer's contacts unmasked: a read of personal data (152-FZ).
    await audit(db, viewer, { action: 'customer.contacts.read', subjectType: 'customer', subjectId: summary.customerId, details: { via: 'conversation', conversationId } });
  }
  return {
    conversation: summary,
    replyChannels,
    // Where the customer last wrote, when a reply can go there (an API message cannot be answered in kind).
    defaultChannel: replyChannels.find((c) => c.channel === lastInbound?.channel)?.channel ?? replyChannels.find((c) => !c.blocked)?.channel ?? null,
    customerTimeZone: customer.timeZone,
    quietHours: settings.quietHours,
    lastMessageId: lastMessage?.id ?? null,
    draft,
    timeline,
  };
}
