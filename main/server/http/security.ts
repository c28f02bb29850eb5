import type { FastifyInstance } from 'fastify';

// The desk loads only from the hub: no inline scripts, no remote code, sockets back to the same hub.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  // https: so an e-mail's remote images can load once the agent clicks "Show images". The e-mail is shown in
  // a sandboxed srcdoc frame, which inherits this policy (so 'self' alone blocked them for good). Nothing
  // loads them earlier: the hub's sanitiser (channels/email/html.ts) moves every remote src to
  // data-remote-src, and the desk only turns it back into src on that click; the frame's own CSP then
  // narrows img-src again. No plain http: (tracking over cleartext, mixed content), no scripts, no CSS url().
  "img-src 'self' data: blob: https:",
  "connect-src 'self' ws: wss:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply) => {
    // A route that set its own (attachment downloads: `sandbox`) keeps it.
    if (!reply.hasHeader('Content-Security-Policy')) reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
  });
}
