// The signed-in session: kept in localStorage so a reload (or a restart of the hub) keeps the desk signed in.
import { SignInResult, type Me } from '../../../common/api/auth.ts';
import type { AppError, Result } from '../../../common/result.ts';
import { HUB_BAD_ANSWER, HUB_UNREACHABLE } from './hub.ts';

export const SESSION_KEY = 'threadline.session';

export interface StoredSession {
  token: string;
  expiresAt: string;
  user: Me;
}

export function loadSession(storage: Storage = localStorage, now = Date.now()): StoredSession | null {
  try {
    const raw = storage.getItem(SESSION_KEY);
    if (!raw) return null;
    const parsed = SignInResult.safeParse(JSON.parse(raw));
    if (!parsed.success || Date.parse(parsed.data.expiresAt) <= now) {
      storage.removeItem(SESSION_KEY);
      return null;
    }
    return parsed.data;
  } catch {
    return null;
  }
}

export function saveSession(session: StoredSession, storage: Storage = localStorage): void {
  try {
    storage.setItem(SESSION_KEY, JSON.stringify(session));
  } catch {
    // Storage full or disabled: the session still lives for this page.
  }
}

export function clearSession(storage: Storage = localStorage): void {
  try {
    storage.removeItem(SESSION_KEY);
  } catch {
    // nothing to clear
  }
}

/** Seconds from a Retry-After header, when the hub sends one with a 429. */
export interface SignInFailure extends AppError {
  retryAfterSeconds?: number;
}

export async function signInRequest(
  email: string,
  password: string,
): Promise<{ ok: true; data: StoredSession } | { ok: false; error: SignInFailure }> {
  let response: Response;
  try {
    response = await fetch('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ email, password }),
    });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: HUB_UNREACHABLE } };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const result = body as Result<unknown> | null;
  if (result && result.ok === true) {
    const parsed = SignInResult.safeParse(result.data);
    if (parsed.success) return { ok: true, data: parsed.data };
    return { ok: false, error: { code: 'INTERNAL', message: HUB_BAD_ANSWER } };
  }
  const error: SignInFailure =
    result && result.ok === false && result.error
      ? { ...result.error }
      : { code: response.status === 429 ? 'RATE_LIMITED' : response.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL', message: HUB_BAD_ANSWER };
  const retryAfter = Number(response.headers.get('Retry-After'));
  if (error.code === 'RATE_LIMITED' && Number.isFinite(retryAfter) && retryAfter > 0) error.retryAfterSeconds = Math.ceil(retryAfter);
  return { ok: false, error };
}

/** Best effort: the desk forgets the session whatever the hub answers. */
export async function signOutRequest(token: string): Promise<void> {
  try {
    await fetch('/api/auth/sign-out', { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  } catch {
    // the hub is down; the session expires there on its own
  }
}
