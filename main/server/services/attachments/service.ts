// What the hub does with stored files besides keeping them: find the message meta that names a hash (only
// referenced files are ever served, so the store is no oracle for "does the hub hold this file?"), and
// hand out signed links to them.
import { z } from 'zod';
import type { AttachmentLinkInput, AttachmentLink } from '../../../../common/api/desk.ts';
import type { Db } from '../../db/client.ts';
import { ServiceError } from '../../errors.ts';
import type { Clock } from '../../jobs/clock.ts';
import type { Viewer } from '../auth/viewer.ts';
import { signLink } from './signing.ts';
import { SHA256, type AttachmentStore } from './store.ts';

export interface Attachments {
  store: AttachmentStore;
  /** The per-hub key links are signed with (kept in the data folder). */
  linkSecret: Buffer;
}

const MetaAttachments = z.object({
  attachments: z.array(z.object({ fileName: z.string(), contentType: z.string(), size: z.number(), sha256: z.string() })).catch([]),
});

export interface ReferencedAttachment {
  fileName: string;
  contentType: string;
  size: number;
  messageId: string;
  conversationId: string;
}

/** The attachment as a stored message lists it (the one with this name when several do), or null. */
export async function referencedAttachment(db: Db, sha256: string, fileName?: string): Promise<ReferencedAttachment | null> {
  if (!SHA256.test(sha256)) return null;
  // Meta is JSON written by the hub (JSON.stringify), so the key and value appear exactly like this.
  const rows = await db.message.findMany({
    where: { meta: { contains: `"sha256":"${sha256}"` } },
    select: { id: true, conversationId: true, meta: true },
    take: 20,
  });
  let found: ReferencedAttachment | null = null;
  for (const row of rows) {
    let meta: unknown;
    try {
      meta = JSON.parse(row.meta ?? '{}');
    } catch {
      continue;
    }
    for (const file of MetaAttachments.parse(meta ?? {}).attachments) {
      if (file.sha256 !== sha256) continue;
      const candidate = { fileName: file.fileName, contentType: file.contentType, size: file.size, messageId: row.id, conversationId: row.conversationId };
      if (fileName === undefined || file.fileName === fileName) return candidate;
      found ??= candidate;
    }
  }
  return found;
}

/** A 10-minute link for the desk; only for a file some message lists. */
export async function attachmentLink(deps: { db: Db; clock: Clock; attachments: Attachments }, viewer: Viewer, input: z.output<typeof AttachmentLinkInput>): Promise<AttachmentLink> {
  const file = await referencedAttachment(deps.db, input.sha256, input.fileName);
  if (!file || !(await deps.attachments.store.has(input.sha256))) throw new ServiceError('NOT_FOUND', 'Attachment not found');
  // Signed with the name the message lists, so a link never serves a file under a name nobody sent.
  return signLink(deps.attachments.linkSecret, { sha256: input.sha256, fileName: file.fileName }, viewer.userId, deps.clock.now());
}
