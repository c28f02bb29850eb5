// Attachment bytes over HTTP.
//
// POST /api/attachments — the desk uploads one file before sending a reply that lists it. The session's
// bearer token authorises it (as /api/commands); the body is the raw file (any Content-Type, which is
// the file's type), its name percent-encoded (UTF-8) in X-File-Name. The size limit is enforced while
// streaming to disk, so a huge body is never held in memory: 413 with a Result error past the limit.
// Answers 201 with `{ ok: true, data: { sha256, fileName, contentType, size } }`.
//
// GET /api/attachments/:sha256?exp&sub&name&sig — a signed link (attachment.link or the web chat): no
// session needed, because <img> and download links cannot send one. Forged or expired: 403. Only a hash
// some message lists is served (404 otherwise), with the type that message recorded, never sniffed, and
// as a download unless it is a raster image; `CSP: sandbox` keeps a file opened in a tab from running.
import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ATTACHMENT_LIMITS } from '../../../common/api/desk.ts';
import { can } from '../../../common/domain/policy.ts';
import { fail, ok, type Result } from '../../../common/result.ts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../jobs/clock.ts';
import type { Logger } from '../logger.ts';
import { resolveToken } from '../services/auth/sessions.ts';
import { referencedAttachment, type Attachments } from '../services/attachments/service.ts';
import { verifyLink } from '../services/attachments/signing.ts';
import { AttachmentTooLargeError, safeContentType, safeFileName, SHA256 } from '../services/attachments/store.ts';
import { HTTP_STATUS } from './status.ts';

export interface AttachmentRouteDeps {
  db: Db;
  log: Logger;
  clock: Clock;
  attachments: Attachments;
  sessionHours: number;
}

const DRAIN_GRACE_MS = 5_000;

/** Shown in the browser rather than downloaded: formats browsers decode as pictures, never as documents. */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export const bearer = (request: FastifyRequest) => /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';

export function send(reply: FastifyReply, result: Result<unknown>, status?: number) {
  return reply.status(status ?? (result.ok ? 200 : HTTP_STATUS[result.error.code])).send(result);
}

/** RFC 6266 / 5987: an ASCII fallback name plus the exact UTF-8 one. */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function decodeName(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string' || header === '') return null;
  try {
    return safeFileName(decodeURIComponent(header));
  } catch {
    return null;
  }
}

export function registerAttachmentRoutes(app: FastifyInstance, deps: AttachmentRouteDeps): void {
  const { db, attachments } = deps;
  const tooLarge = (reply: FastifyReply) => {
    // The rest of the body is drained so the client reads the answer, but not for ever: a client still
    // sending after a grace period has its connection cut.
    const request = reply.request.raw;
    if (!request.complete) {
      const timer = setTimeout(() => request.destroy(), DRAIN_GRACE_MS);
      timer.unref();
      request.once('end', () => clearTimeout(timer));
      request.once('close', () => clearTimeout(timer));
    }
    return send(reply.header('connection', 'close'), fail('BAD_REQUEST', `The file is larger than ${ATTACHMENT_LIMITS.fileBytes / (1024 * 1024)} MB`, [{ path: 'file', message: 'too_large' }]), 413);
  };

  // Its own scope: the body of an upload is the file, read by the handler as a stream, whatever its type.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));

    scope.post('/api/attachments', async (request, reply) => {
      const viewer = await resolveToken(db, bearer(request), deps.sessionHours, request.ip);
      if (!viewer) return send(reply.header('connection', 'close'), fail('UNAUTHENTICATED', 'Sign in first'));
      if (!can(viewer.role, 'conversations.read')) return send(reply.header('connection', 'close'), fail('FORBIDDEN', 'Your role does not allow this'));
      const fileName = decodeName(request.headers['x-file-name']);
      if (!fileName) return send(reply, fail('BAD_REQUEST', 'Name the file in X-File-Name (percent-encoded UTF-8)', [{ path: 'fileName', message: 'required' }]));
      const declared = Number(request.headers['content-length'] ?? NaN);
      if (Number.isFinite(declared) && declared > ATTACHMENT_LIMITS.fileBytes) return tooLarge(reply);
      try {
        const { sha256, size } = await attachments.store.putStream(request.raw, ATTACHMENT_LIMITS.fileBytes);
        const contentType = safeContentType(request.headers['content-type']);
        deps.log.info({ userId: viewer.userId, sha256, size }, 'attachment uploaded');
        return send(reply, ok({ sha256, fileName, contentType, size }), 201);
      } catch (error) {
        if (error instanceof AttachmentTooLargeError) return tooLarge(reply);
        throw error;
      }
    });
  });

  app.get<{ Params: { sha256: string }; Querystring: Record<string, unknown> }>('/api/attachments/:sha256', async (request, reply) => {
    const { sha256 } = request.params;
    const check = SHA256.test(sha256) ? verifyLink(attachments.linkSecret, sha256, request.query, deps.clock.now()) : ({ ok: false, reason: 'malformed' } as const);
    if (!check.ok) return send(reply, fail('FORBIDDEN', check.reason === 'expired' ? 'This link has expired' : 'Not a valid attachment link'));
    const file = await referencedAttachment(db, sha256, check.claims.fileName);
    const size = file ? await attachments.store.sizeOf(sha256) : null;
    if (!file || size === null) return send(reply, fail('NOT_FOUND', 'Attachment not found'));
    const contentType = safeContentType(file.contentType);
    const sub = check.claims.sub;
    await db.auditEntry.create({
      data: {
        action: 'attachment.read',
        actorId: sub.startsWith('visitor:') ? null : sub,
        subjectType: 'message',
        subjectId: file.messageId,
        ip: request.ip,
        details: JSON.stringify({ sha256, fileName: check.claims.fileName, ...(sub.startsWith('visitor:') ? { visitor: sub.slice('visitor:'.length) } : {}) }),
      },
    });
    return reply
      .header('content-type', contentType)
      .header('content-length', String(size))
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', contentDisposition(INLINE_TYPES.has(contentType) ? 'inline' : 'attachment', check.claims.fileName))
      .header('content-security-policy', 'sandbox')
      .header('cache-control', 'private, max-age=600')
      .header('cross-origin-resource-policy', 'same-site')
      .send(createReadStream(attachments.store.pathOf(sha256)));
  });
}
