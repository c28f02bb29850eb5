// E-mail's part of attachments: how stored files are listed on the ingested message. The bytes go to the
// hub's one store (services/attachments/store.ts), which the reader gets from its ChannelContext.
import type { InboundMessage } from '../../../../common/api/channels.ts';
import type { StoredAttachments } from '../../services/attachments/store.ts';

export { attachmentPath, storeAttachments, type SkippedAttachment, type StoredAttachments } from '../../services/attachments/store.ts';

/** The message as ingest takes it: stored attachments listed, skipped ones explained in meta. */
export function withAttachments(message: InboundMessage, stored: StoredAttachments): InboundMessage {
  return {
    ...message,
    attachments: stored.attachments,
    meta: { ...message.meta, skippedAttachments: stored.skipped, inlineImages: stored.inline },
  };
}
