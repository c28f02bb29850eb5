// Attachment bytes live on disk, content-addressed (`<dir>/<sha256[0..2]>/<sha256>`): the same file mailed
// twice is stored once, and the database keeps only names and hashes.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { InboundAttachment, InboundMessage } from '../../../../common/api/channels.ts';
import type { AttachmentPart } from './parse.ts';

/** The InboundMessage schema's cap: more would make ingest reject the whole message. */
const MAX_ATTACHMENTS = 50;
const MAX_NAME = 255;

export interface SkippedAttachment {
  fileName: string;
  contentType: string;
  size: number;
  reason: string;
}

export interface StoredAttachments {
  attachments: InboundAttachment[];
  skipped: SkippedAttachment[];
  /** Content-ID → sha256, so the desk can show `cid:` images from the store. */
  inline: Record<string, string>;
}

export function attachmentPath(dir: string, sha256: string): string {
  return path.join(dir, sha256.slice(0, 2), sha256);
}

/** A sender picks the name: keep it displayable and unable to name a path. */
function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base === '' || base === '.' || base === '..' ? 'attachment' : base).slice(0, MAX_NAME);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Writes via a temp file and rename, so a crash never leaves a truncated file under a valid hash. */
async function writeContent(dir: string, sha256: string, content: Buffer): Promise<void> {
  const target = attachmentPath(dir, sha256);
  if (await exists(target)) return;
  await mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${randomUUID()}.tmp`;
  try {
    await writeFile(temp, content, { flag: 'wx' });
    await rename(temp, target);
  } finally {
    await rm(temp, { force: true });
  }
}

export async function storeAttachments(dir: string, maxBytes: number, parts: AttachmentPart[]): Promise<StoredAttachments> {
  const stored: StoredAttachments = { attachments: [], skipped: [], inline: {} };
  for (const part of parts) {
    const fileName = safeFileName(part.fileName);
    const contentType = part.contentType.slice(0, 200);
    const size = part.content.length;
    if (size > maxBytes) {
      stored.skipped.push({ fileName, contentType, size, reason: `larger than the ${maxBytes}-byte limit` });
      continue;
    }
    if (stored.attachments.length >= MAX_ATTACHMENTS) {
      stored.skipped.push({ fileName, contentType, size, reason: `more than ${MAX_ATTACHMENTS} attachments` });
      continue;
    }
    const sha256 = createHash('sha256').update(part.content).digest('hex');
    await writeContent(dir, sha256, part.content);
    stored.attachments.push({ fileName, contentType, size, sha256 });
    if (part.contentId) stored.inline[part.contentId] = sha256;
  }
  return stored;
}

/** The message as ingest takes it: stored attachments listed, skipped ones explained in meta. */
export function withAttachments(message: InboundMessage, stored: StoredAttachments): InboundMessage {
  return {
    ...message,
    attachments: stored.attachments,
    meta: { ...message.meta, skippedAttachments: stored.skipped, inlineImages: stored.inline },
  };
}
