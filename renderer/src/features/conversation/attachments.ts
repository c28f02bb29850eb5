// Files in the desk: uploading one to the hub before a reply lists it, and signed links to stored files.
// Uploads use fetch with the session token (a socket.io message is no place for 25 MB); `<img>` and links
// cannot send a token, so they use short-lived signed URLs from `attachment.link`, cached until shortly
// before they expire.
import { ATTACHMENT_LIMITS, AttachmentRef } from '../../../../common/api/desk.ts';
import type { AppError, Result } from '../../../../common/result.ts';
import type { HubClient } from '../../app/hub.ts';

export { ATTACHMENT_LIMITS };

/** Desk-side reasons an upload failed, translated by the composer. */
export const UPLOAD_TOO_LARGE = 'UPLOAD_TOO_LARGE';
export const UPLOAD_FAILED = 'UPLOAD_FAILED';

export async function uploadAttachment(file: File, token: string, signal?: AbortSignal): Promise<Result<AttachmentRef>> {
  if (file.size > ATTACHMENT_LIMITS.fileBytes) return { ok: false, error: { code: 'BAD_REQUEST', message: UPLOAD_TOO_LARGE } };
  let response: Response;
  try {
    response = await fetch('/api/attachments', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': file.type || 'application/octet-stream',
        // Headers are ASCII: the name travels percent-encoded (UTF-8).
        'X-File-Name': encodeURIComponent(file.name),
        Accept: 'application/json',
      },
      body: file,
      ...(signal ? { signal } : {}),
    });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: UPLOAD_FAILED } };
  }
  if (response.status === 413) return { ok: false, error: { code: 'BAD_REQUEST', message: UPLOAD_TOO_LARGE } };
  const body = (await response.json().catch(() => null)) as Result<unknown> | null;
  if (body?.ok === true) {
    const parsed = AttachmentRef.safeParse(body.data);
    if (parsed.success) return { ok: true, data: parsed.data };
  }
  const error: AppError = body?.ok === false && body.error ? body.error : { code: 'INTERNAL', message: UPLOAD_FAILED };
  return { ok: false, error };
}

const links = new Map<string, { url: string; expiresAt: number }>();
/** A link is handed out only while it has at least this long to live. */
const MARGIN_MS = 60_000;

/** A signed URL for a stored file (cached per file until a minute before it expires); null when refused. */
export async function attachmentUrl(hub: HubClient, file: { sha256: string; fileName: string }): Promise<string | null> {
  const key = `${file.sha256}/${file.fileName}`;
  const cached = links.get(key);
  if (cached && cached.expiresAt - MARGIN_MS > Date.now()) return cached.url;
  const result = await hub.call('attachment.link', { sha256: file.sha256, fileName: file.fileName });
  if (!result.ok) return null;
  links.set(key, { url: result.data.url, expiresAt: new Date(result.data.expiresAt).getTime() });
  return result.data.url;
}

/** Tests start with an empty cache. */
export function forgetAttachmentLinks(): void {
  links.clear();
}
