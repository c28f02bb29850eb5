// Evidence a channel brings about who a sender is: a phone shared from Telegram, an e-mail or phone typed
// into the web chat's pre-chat form. Unknown contacts are added to the sender's profile; a contact that
// belongs to another profile becomes a merge suggestion for a person to decide.
import { z } from 'zod';
import type { Evidence } from '../../../../common/api/identity.ts';
import { normalizeIdentity } from '../../../../common/domain/contacts.ts';
import type { Db } from '../../db/client.ts';
import { suggest } from './suggestions.ts';

const ChannelEvidenceMeta = z.object({
  sharedContact: z.object({ phone: z.string(), isSender: z.boolean() }).partial().optional(),
  preChat: z.object({ email: z.string().nullish(), phone: z.string().nullish() }).optional(),
});

interface Claim {
  kind: 'phone' | 'email';
  value: string;
  evidence: Evidence['kind'];
  /** Telegram vouches that a shared contact is the user's own number; a typed form does not. */
  verified: boolean;
}

export async function applyChannelEvidence(db: Db, customerId: string, meta: unknown): Promise<void> {
  const parsed = ChannelEvidenceMeta.safeParse(meta);
  if (!parsed.success) return;
  const claims: Claim[] = [];
  // Only the customer's own number says who they are; a friend's contact card says nothing about them.
  if (parsed.data.sharedContact?.phone && parsed.data.sharedContact.isSender) claims.push({ kind: 'phone', value: parsed.data.sharedContact.phone, evidence: 'telegram_contact', verified: true });
  if (parsed.data.preChat?.email) claims.push({ kind: 'email', value: parsed.data.preChat.email, evidence: 'webchat_prechat', verified: false });
  if (parsed.data.preChat?.phone) claims.push({ kind: 'phone', value: parsed.data.preChat.phone, evidence: 'webchat_prechat', verified: false });

  for (const claim of claims) {
    const normalized = normalizeIdentity(claim.kind, claim.value);
    if (!normalized) continue;
    const owner = await db.contactIdentity.findUnique({ where: { kind_normalized: { kind: claim.kind, normalized } } });
    if (!owner) {
      await db.contactIdentity.create({ data: { customerId, kind: claim.kind, rawValue: claim.value, normalized, verified: claim.verified } });
    } else if (owner.customerId !== customerId) {
      await suggest(db, customerId, owner.customerId, [{ kind: claim.evidence, detail: normalized }]);
    }
  }
}
