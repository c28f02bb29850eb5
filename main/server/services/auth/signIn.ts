// Sign-in: generic failure message, every attempt audited, repeated failures rate-limited per e-mail
// and per address. The counters are the audit rows themselves, so they survive a hub restart.
import type { SignInInput, SignInResult } from '../../../../common/api/auth.ts';
import type { Db } from '../../db/client.ts';
import { ServiceError } from '../../errors.ts';
import { audit } from '../audit/audit.ts';
import { dummyHash, verifyPassword } from './passwords.ts';
import { createSession } from './sessions.ts';
import { presentMe } from './me.ts';

export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;

const FAILED = 'auth.sign_in_failed';

async function recentFailures(db: Db, email: string, ip: string | null) {
  const since = new Date(Date.now() - SIGN_IN_WINDOW_MS);
  const [byEmail, byIp] = await Promise.all([
    db.auditEntry.count({ where: { action: FAILED, subjectType: 'email', subjectId: email, at: { gte: since } } }),
    ip ? db.auditEntry.count({ where: { action: FAILED, ip, at: { gte: since } } }) : Promise.resolve(0),
  ]);
  return { byEmail, byIp };
}

export async function signIn(
  db: Db,
  input: SignInInput,
  meta: { ip: string | null; userAgent: string | null; sessionHours: number },
): Promise<SignInResult> {
  const failures = await recentFailures(db, input.email, meta.ip);
  if (failures.byEmail >= MAX_FAILURES_PER_EMAIL || failures.byIp >= MAX_FAILURES_PER_IP) {
    await audit(db, null, { action: 'auth.sign_in_throttled', subjectType: 'email', subjectId: input.email }, meta.ip);
    throw new ServiceError('RATE_LIMITED', 'Too many failed sign-in attempts. Try again in 15 minutes.');
  }

  const user = await db.user.findUnique({ where: { email: input.email }, include: { store: true } });
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash));
  if (!user || !valid || user.disabled) {
    await audit(db, null, { action: FAILED, subjectType: 'email', subjectId: input.email, details: user?.disabled ? { disabled: true } : undefined }, meta.ip);
    throw new ServiceError('UNAUTHENTICATED', 'Wrong email or password');
  }

  const session = await createSession(db, user.id, meta.sessionHours, meta);
  const me = presentMe(user);
  await audit(
    db,
    { userId: user.id, role: me.role, storeId: user.storeId, sessionId: session.sessionId, ip: meta.ip },
    { action: 'auth.sign_in', subjectType: 'user', subjectId: user.id },
  );
  return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: me };
}
