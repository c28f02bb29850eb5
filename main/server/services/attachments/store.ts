// The hub's one attachment store: bytes on disk, content-addressed (`<dir>/<sha256[0..2]>/<sha256>`), under
// the hub's data folder. Inbound e-mail, Telegram downloads and the desk's uploads all land here; the
// database keeps only names, types, sizes and hashes (Message.meta.attachments). The same file sent twice
// is stored once. Nothing here decides who may read a file: the HTTP route only serves hashes that some
// message references, through a signed link (signing.ts).
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { InboundAttachment } from '../../../../common/api/channels.ts';

/** One file: what any channel we send through accepts (e-mail providers cap whole messages near 25 MB). */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
/** All files of one outgoing message together. */
export const MAX_MESSAGE_ATTACHMENT_BYTES = 35 * 1024 * 1024;
/** The InboundMessage schema's cap: more would make ingest reject the whole message. */
const MAX_ATTACHMENTS = 50;
const MAX_NAME = 255;
export const SHA256 = /^[0-9a-f]{64}$/;

export interface AttachmentStore {
  readonly dir: string;
  pathOf(sha256: string): string;
  has(sha256: string): Promise<boolean>;
  /** The stored file's size in bytes, or null when it is not stored. */
  sizeOf(sha256: string): Promise<number | null>;
  read(sha256: string): Promise<Buffer>;
  /** Stores bytes already in memory; returns their hash. */
  put(content: Buffer): Promise<string>;
  /**
   * Streams bytes to disk while hashing and counting them; past `maxBytes` the write stops, the partial
   * file is removed and AttachmentTooLargeError is thrown (the rest of the stream is not read).
   */
  putStream(source: Readable, maxBytes: number): Promise<{ sha256: string; size: number }>;
}

export class AttachmentTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than the ${maxBytes}-byte limit`);
  }
}

export function attachmentPath(dir: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error('not a sha256 hash');
  return path.join(dir, sha256.slice(0, 2), sha256);
}

/** A sender picks the name: keep it displayable and unable to name a path. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base === '' || base === '.' || base === '..' ? 'attachment' : base).slice(0, MAX_NAME);
}

/** A MIME type as `type/subtype` (parameters dropped), or application/octet-stream when it is not one. */
export function safeContentType(value: string | undefined): string {
  const type = (value ?? '').split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/.test(type) ? type : 'application/octet-stream';
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

export function createAttachmentStore(dir: string): AttachmentStore {
  const pathOf = (sha256: string) => attachmentPath(dir, sha256);

  /** Moves a finished temp file under its hash; a crash never leaves a truncated file under a valid hash. */
  async function settle(temp: string, sha256: string): Promise<void> {
    const target = pathOf(sha256);
    try {
      if (await exists(target)) return;
      await mkdir(path.dirname(target), { recursive: true });
      await rename(temp, target);
    } finally {
      await rm(temp, { force: true });
    }
  }

  async function tempFile(): Promise<string> {
    const tmpDir = path.join(dir, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    return path.join(tmpDir, `${randomUUID()}.tmp`);
  }

  return {
    dir,
    pathOf,
    has: (sha256) => (SHA256.test(sha256) ? exists(pathOf(sha256)) : Promise.resolve(false)),
    read: (sha256) => readFile(pathOf(sha256)),
    sizeOf: (sha256) =>
      SHA256.test(sha256)
        ? stat(pathOf(sha256)).then(
            (info) => info.size,
            () => null,
          )
        : Promise.resolve(null),
    async put(content) {
      const sha256 = createHash('sha256').update(content).digest('hex');
      if (await exists(pathOf(sha256))) return sha256;
      const temp = await tempFile();
      try {
        await writeFile(temp, content, { flag: 'wx' });
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      await settle(temp, sha256);
      return sha256;
    },
    async putStream(source, maxBytes) {
      const temp = await tempFile();
      const hash = createHash('sha256');
      const out = createWriteStream(temp, { flags: 'wx' });
      let size = 0;
      try {
        await new Promise<void>((resolve, reject) => {
          const done = (error?: Error) => {
            source.off('data', onData);
            source.off('end', onEnd);
            source.off('error', onError);
            if (error) {
              reject(error);
              return;
            }
            out.end((closeError?: Error | null) => (closeError ? reject(closeError) : resolve()));
          };
          const onData = (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              // Stop keeping it, but let the rest of the request drain so the client reads our answer.
              done(new AttachmentTooLargeError(maxBytes));
              source.resume();
              return;
            }
            hash.update(chunk);
            if (!out.write(chunk)) {
              source.pause();
              out.once('drain', () => source.resume());
            }
          };
          const onEnd = () => done();
          const onError = (error: Error) => done(error);
          out.on('error', onError);
          source.on('data', onData);
          source.on('end', onEnd);
          source.on('error', onError);
        });
      } catch (error) {
        out.destroy();
        await rm(temp, { force: true });
        throw error;
      }
      const sha256 = hash.digest('hex');
      await settle(temp, sha256);
      return { sha256, size };
    },
  };
}

export interface AttachmentPart {
  fileName: string;
  contentType: string;
  content: Buffer;
  /** Content-ID of an inline part (`cid:` images in HTML). */
  contentId?: string;
}

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

/** Stores a received message's files, skipping (and explaining) the ones over the limits. */
export async function storeAttachments(store: AttachmentStore | string, maxBytes: number, parts: AttachmentPart[]): Promise<StoredAttachments> {
  const target = typeof store === 'string' ? createAttachmentStore(store) : store;
  const limit = Math.min(maxBytes, MAX_ATTACHMENT_BYTES);
  const stored: StoredAttachments = { attachments: [], skipped: [], inline: {} };
  for (const part of parts) {
    const fileName = safeFileName(part.fileName);
    const contentType = part.contentType.slice(0, 200);
    const size = part.content.length;
    if (size > limit) {
      stored.skipped.push({ fileName, contentType, size, reason: `larger than the ${limit}-byte limit` });
      continue;
    }
    if (stored.attachments.length >= MAX_ATTACHMENTS) {
      stored.skipped.push({ fileName, contentType, size, reason: `more than ${MAX_ATTACHMENTS} attachments` });
      continue;
    }
    const sha256 = await target.put(part.content);
    stored.attachments.push({ fileName, contentType, size, sha256 });
    if (part.contentId) stored.inline[part.contentId] = sha256;
  }
  return stored;
}
