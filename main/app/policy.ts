// Where the desk may go: pure decisions (no electron import) used by main/app/security.ts and tested alone.
import { externalUrlProblem } from '../../common/desktop.ts';

export type NavigationDecision = 'allow' | 'external' | 'deny';

export function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

export const isHubUrl = (url: string, hubOrigin: string) => originOf(url) === hubOrigin;

/**
 * A navigation or window.open target: the hub's own pages load in place; an https link that passes the
 * external-link checks goes to the system browser; everything else (file:, javascript:, data:, http: to a
 * foreign host, links with credentials) is refused.
 */
export function decideNavigation(url: string, hubOrigin: string): NavigationDecision {
  if (isHubUrl(url, hubOrigin)) return 'allow';
  if (externalUrlProblem(url) === null) return 'external';
  return 'deny';
}

/** Permissions the desk may have, and only on the hub's origin. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications', 'clipboard-sanitized-write']);

export function allowPermission(permission: string, requestingUrl: string | undefined, hubOrigin: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && requestingUrl !== undefined && isHubUrl(requestingUrl, hubOrigin);
}

/** For documents that do not come from the hub (and for hub responses that lack a policy of their own). */
export const NON_HUB_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
export const FALLBACK_HUB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
