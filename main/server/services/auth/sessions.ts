// Sessions are random bearer tokens; only their sha256 is stored, with an expiry that slides with use.
import { createHash, randomBytes } from 'node:crypto';
import { Role } from '../../../../common/domain/enums.ts';
import type { Db } from '../../db/client.ts';
import type { Viewer } from './viewer.ts';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const SLIDE_AFTER_MS = 5 * 60_000;

export async function createSession(
  db: Db,
  userId: string,
  hours: number,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + hours * 3_600_000);
  const session = await db.session.create({
    data: { userId, tokenHash: hashToken(token), expiresAt, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) ?? null },
  });
  return { token, sessionId: session.id, expiresAt };
}

/** The viewer behind a token, or null when the token is unknown, revoked, expired or its user disabled. */
export async function resolveToken(db: Db, token: string, hours: number, ip: string | null): Promise<Viewer | null> {
  if (!token || token.length > 200) return null;
  const session = await db.session.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  return session ? viewerOf(db, session, hours, ip) : null;
}

/** Re-reads a session by id: every command does, so sign-out, disabling or re-roling a user acts at once. */
export async function resolveSession(db: Db, sessionId: string, hours: number, ip: string | null): Promise<Viewer | null> {
  const session = await db.session.findUnique({ where: { id: sessionId }, include: { user: true } });
  return session ? viewerOf(db, session, hours, ip) : null;
}

type SessionWithUser = NonNullable<Awaited<ReturnType<Db['session']['findUnique']>>> & {
  user: { id: string; role: string; storeId: string | null; disabled: boolean };
};

async function viewerOf(db: Db, session: SessionWithUser, hours: number, ip: string | null): Promise<Viewer | null> {
  const now = Date.now();
  if (session.revokedAt || session.expiresAt.getTime() <= now || session.user.disabled) return null;
  if (now - session.lastSeenAt.getTime() > SLIDE_AFTER_MS) {
    await db.session.update({
      where: { id: session.id },
      data: { lastSeenAt: new Date(now), expiresAt: new Date(now + hours * 3_600_000) },
    });
  }
  return { userId: session.user.id, role: Role.parse(session.user.role), storeId: session.user.storeId, sessionId: session.id, ip };
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Ends every session of a user (disabled, or re-roled); returns their ids so live sockets can be closed. */
export async function revokeUserSessions(db: Db, userId: string): Promise<string[]> {
  const live = await db.session.findMany({ where: { userId, revokedAt: null }, select: { id: true } });
  await db.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return live.map((s) => s.id);
}
