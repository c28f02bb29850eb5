// Settings → Channels "Test connection": runs an adapter's check under the hub's time limit and words
// network failures so an admin can act on them (which address refused, which name did not resolve).
import type { ConnectionTestResult } from '../../../common/api/channelSettings.ts';
import type { ChannelAdapter } from './contract.ts';

/** Below the desk's 10 s command budget, so the admin reads "timed out" from us, not "the hub did not answer". */
export const TEST_TIMEOUT_MS = 8_000;

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name could not be resolved right now',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'timed out',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server\'s TLS certificate is self-signed',
  CERT_HAS_EXPIRED: 'the server\'s TLS certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server\'s TLS certificate is for another host name',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server does not speak TLS on this port (switch TLS off or use its TLS port)',
};
// Some clients (nodemailer) replace the socket's code with their own and keep it only in the message.
const CODE_IN_MESSAGE = new RegExp(`\\b(${Object.keys(NETWORK_ERRORS).join('|')})\\b`);

interface SocketError {
  code?: unknown;
  address?: unknown;
  port?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** "connection refused (127.0.0.1:993)" from a socket error, or one fetch wrapped in its `cause`. */
export function describeNetworkError(error: unknown): string {
  const outer = (error ?? {}) as SocketError;
  const inner = (outer.cause ?? outer) as SocketError;
  const message = typeof inner.message === 'string' ? inner.message : '';
  const code = typeof inner.code === 'string' && inner.code in NETWORK_ERRORS ? inner.code : CODE_IN_MESSAGE.exec(message)?.[1];
  const words = code ? NETWORK_ERRORS[code] : undefined;
  const where = typeof inner.address === 'string' ? ` (${inner.address}${typeof inner.port === 'number' ? `:${inner.port}` : ''})` : '';
  if (words) return `${words}${where}`;
  return message || String(error);
}

export async function runConnectionTest<Config>(
  adapter: ChannelAdapter<Config>,
  account: { id: string; config: Config },
  timeoutMs = TEST_TIMEOUT_MS,
): Promise<ConnectionTestResult> {
  if (!adapter.testConnection) return { ok: true, detail: 'Served by the hub itself: nothing outside to connect to' };
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<ConnectionTestResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, timedOut: true, reason: `No answer within ${timeoutMs / 1000} s` }), timeoutMs);
  });
  const tested = adapter.testConnection(account, abort.signal).catch((error: unknown): ConnectionTestResult => ({ ok: false, timedOut: false, reason: describeNetworkError(error) }));
  try {
    const result = await Promise.race([tested, timedOut]);
    // Provider texts can be long (an HTML error page); the result schema caps what a desk is sent.
    return result.ok ? { ...result, detail: result.detail.slice(0, 500) } : { ...result, reason: result.reason.slice(0, 1000) };
  } finally {
    clearTimeout(timer);
    // Whatever is still connecting after the verdict is closed by the adapter.
    abort.abort();
  }
}
