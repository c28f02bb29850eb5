// Merging two profiles of one person, and undoing it. A merge moves the merged profile's identities,
// conversations (with their messages), orders and loyalty onto the survivor and records exactly which
// rows moved; undo moves those rows back. The merged profile is kept (mergedIntoId) for undo and audit.
import { z } from 'zod';
import type { MergeResult } from '../../../../common/api/identity.ts';
import type { Db } from '../../db/client.ts';
import { ServiceError } from '../../errors.ts';
import { audit } from '../audit/audit.ts';
import type { Viewer } from '../auth/viewer.ts';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

const Moved = z.object({
  identities: z.array(z.string()),
  /** Identities that lost "preferred" because the survivor already had a preferred one of their kind. */
  preferenceReset: z.array(z.string()),
  conversations: z.array(z.string()),
  orders: z.array(z.string()),
  /** The merged profile's loyalty account moved whole (the survivor had none) … */
  loyaltyAccount: z.string().nullable(),
  /** … or its ledger entries moved into the survivor's account. */
  loyaltyEntries: z.array(z.string()),
  loyaltyFromAccount: z.string().nullable(),
});
type Moved = z.infer<typeof Moved>;

/** The balance is always the sum of the ledger: recomputed, never adjusted by hand. */
async function rebalance(tx: Tx, accountId: string) {
  const sum = await tx.loyaltyLedgerEntry.aggregate({ where: { accountId }, _sum: { points: true } });
  await tx.loyaltyAccount.update({ where: { id: accountId }, data: { balance: sum._sum.points ?? 0 } });
}

export async function mergeCustomers(db: Db, viewer: Viewer, suggestionId: string, survivorId: string): Promise<MergeResult> {
  return db.$transaction(async (tx) => {
    const suggestion = await tx.mergeSuggestion.findUnique({ where: { id: suggestionId } });
    if (!suggestion) throw new ServiceError('NOT_FOUND', 'Suggestion not found');
    if (suggestion.status !== 'pending') throw new ServiceError('CONFLICT', `This suggestion is already ${suggestion.status}`);
    if (survivorId !== suggestion.customerAId && survivorId !== suggestion.customerBId) {
      throw new ServiceError('BAD_REQUEST', 'The profile to keep must be one of the pair', [{ path: 'survivorId', message: 'not in this suggestion' }]);
    }
    const mergedId = survivorId === suggestion.customerAId ? suggestion.customerBId : suggestion.customerAId;
    const [survivor, merged] = await Promise.all(
      [survivorId, mergedId].map((id) => tx.customer.findUnique({ where: { id }, include: { identities: true, loyalty: true } })),
    );
    if (!survivor || !merged || survivor.mergedIntoId || merged.mergedIntoId) {
      throw new ServiceError('CONFLICT', 'One of the profiles was merged or removed since; refresh the list');
    }

    const preferredKinds = new Set(survivor.identities.filter((i) => i.preferred).map((i) => i.kind));
    const preferenceReset = merged.identities.filter((i) => i.preferred && preferredKinds.has(i.kind)).map((i) => i.id);
    const conversations = (await tx.conversation.findMany({ where: { customerId: mergedId }, select: { id: true } })).map((c) => c.id);
    const orders = (await tx.order.findMany({ where: { customerId: mergedId }, select: { id: true } })).map((o) => o.id);
    const moved: Moved = {
      identities: merged.identities.map((i) => i.id),
      preferenceReset,
      conversations,
      orders,
      loyaltyAccount: null,
      loyaltyEntries: [],
      loyaltyFromAccount: null,
    };

    await tx.contactIdentity.updateMany({ where: { id: { in: moved.identities } }, data: { customerId: survivorId } });
    await tx.contactIdentity.updateMany({ where: { id: { in: preferenceReset } }, data: { preferred: false } });
    await tx.conversation.updateMany({ where: { id: { in: conversations } }, data: { customerId: survivorId } });
    await tx.message.updateMany({ where: { conversationId: { in: conversations } }, data: { customerId: survivorId } });
    await tx.order.updateMany({ where: { id: { in: orders } }, data: { customerId: survivorId } });
    if (merged.loyalty && !survivor.loyalty) {
      moved.loyaltyAccount = merged.loyalty.id;
      await tx.loyaltyAccount.update({ where: { id: merged.loyalty.id }, data: { customerId: survivorId } });
    } else if (merged.loyalty && survivor.loyalty) {
      moved.loyaltyFromAccount = merged.loyalty.id;
      moved.loyaltyEntries = (await tx.loyaltyLedgerEntry.findMany({ where: { accountId: merged.loyalty.id }, select: { id: true } })).map((e) => e.id);
      await tx.loyaltyLedgerEntry.updateMany({ where: { id: { in: moved.loyaltyEntries } }, data: { accountId: survivor.loyalty.id } });
      await rebalance(tx, survivor.loyalty.id);
      await rebalance(tx, merged.loyalty.id);
    }
    await tx.customer.update({ where: { id: mergedId }, data: { mergedIntoId: survivorId } });
    await tx.customer.update({ where: { id: survivorId }, data: { updatedAt: new Date() } });

    const record = await tx.customerMerge.create({ data: { survivorId, mergedId, moved: JSON.stringify(moved), byId: viewer.userId } });
    await tx.mergeSuggestion.update({ where: { id: suggestionId }, data: { status: 'merged', mergeId: record.id, decidedById: viewer.userId, decidedAt: new Date() } });
    await audit(tx, viewer, {
      action: 'customer.merge',
      subjectType: 'customer',
      subjectId: survivorId,
      details: { mergedId, mergeId: record.id, identities: moved.identities.length, conversations: conversations.length, orders: orders.length },
    });
    return { mergeId: record.id, survivorId, mergedId };
  });
}

export async function undoMerge(db: Db, viewer: Viewer, mergeId: string): Promise<{ survivorId: string; restoredId: string }> {
  return db.$transaction(async (tx) => {
    const record = await tx.customerMerge.findUnique({ where: { id: mergeId } });
    if (!record) throw new ServiceError('NOT_FOUND', 'Merge not found');
    if (record.undoneAt) throw new ServiceError('CONFLICT', 'This merge was already undone');
    const moved = Moved.parse(JSON.parse(record.moved));
    const back = { customerId: record.mergedId };

    await tx.contactIdentity.updateMany({ where: { id: { in: moved.identities } }, data: back });
    await tx.contactIdentity.updateMany({ where: { id: { in: moved.preferenceReset } }, data: { preferred: true } });
    await tx.conversation.updateMany({ where: { id: { in: moved.conversations } }, data: back });
    await tx.message.updateMany({ where: { conversationId: { in: moved.conversations } }, data: back });
    await tx.order.updateMany({ where: { id: { in: moved.orders } }, data: back });
    if (moved.loyaltyAccount) await tx.loyaltyAccount.update({ where: { id: moved.loyaltyAccount }, data: back });
    if (moved.loyaltyFromAccount) {
      await tx.loyaltyLedgerEntry.updateMany({ where: { id: { in: moved.loyaltyEntries } }, data: { accountId: moved.loyaltyFromAccount } });
      const survivorAccount = await tx.loyaltyAccount.findUnique({ where: { customerId: record.survivorId } });
      if (survivorAccount) await rebalance(tx, survivorAccount.id);
      await rebalance(tx, moved.loyaltyFromAccount);
    }
    await tx.customer.update({ where: { id: record.mergedId }, data: { mergedIntoId: null } });
    await tx.customer.update({ where: { id: record.survivorId }, data: { updatedAt: new Date() } });
    await tx.customerMerge.update({ where: { id: mergeId }, data: { undoneAt: new Date() } });
    await tx.mergeSuggestion.updateMany({ where: { mergeId }, data: { status: 'pending', mergeId: null, decidedAt: null, decidedById: null } });
    await audit(tx, viewer, { action: 'customer.merge_undone', subjectType: 'customer', subjectId: record.survivorId, details: { restoredId: record.mergedId, mergeId } });
    return { survivorId: record.survivorId, restoredId: record.mergedId };
  });
}

export async function dismissSuggestion(db: Db, viewer: Viewer, suggestionId: string) {
  const suggestion = await db.mergeSuggestion.findUnique({ where: { id: suggestionId } });
  if (!suggestion) throw new ServiceError('NOT_FOUND', 'Suggestion not found');
  if (suggestion.status !== 'pending') throw new ServiceError('CONFLICT', `This suggestion is already ${suggestion.status}`);
  const row = await db.mergeSuggestion.update({ where: { id: suggestionId }, data: { status: 'dismissed', decidedById: viewer.userId, decidedAt: new Date() } });
  await audit(db, viewer, { action: 'customer.merge_dismissed', subjectType: 'merge_suggestion', subjectId: suggestionId });
  return row;
}
