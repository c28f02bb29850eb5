// HTTP edge: /health, sign-in/out, and POST /api/commands/:name — the same dispatcher socket.io uses,
// for scripts and integrations that speak plain HTTP.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SignInInput } from '../../../common/api/auth.ts';
import { fail, fieldErrors, ok, type Result } from '../../../common/result.ts';
import { dispatch } from '../commands/dispatch.ts';
import type { HubServices } from '../commands/handlers.ts';
import { ServiceError } from '../errors.ts';
import { audit } from '../services/audit/audit.ts';
import { resolveToken, revokeSession } from '../services/auth/sessions.ts';
import { signIn } from '../services/auth/signIn.ts';
import type { Viewer } from '../services/auth/viewer.ts';
import { HTTP_STATUS } from './status.ts';

export interface RouteDeps extends HubServices {
  sessionHours: number;
  version: string;
}


function send(reply: FastifyReply, result: Result<unknown>) {
  return reply.status(result.ok ? 200 : HTTP_STATUS[result.error.code]).send(result);
}

/** The services part of the deps, without route-only settings. */
const services = ({ sessionHours: _hours, version: _version, ...rest }: RouteDeps): HubServices => rest;

const bearer = (request: FastifyRequest) => /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';

export function registerRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db } = deps;

  async function viewerOf(request: FastifyRequest): Promise<Viewer | null> {
    return resolveToken(db, bearer(request), deps.sessionHours, request.ip);
  }

  app.get('/health', async (_request, reply) => {
    try {
      await db.$queryRawUnsafe('SELECT 1');
      return reply.send({ status: 'ok', version: deps.version });
    } catch {
      return reply.status(503).send({ status: 'database unavailable', version: deps.version });
    }
  });

  app.post('/api/auth/sign-in', async (request, reply) => {
    const parsed = SignInInput.safeParse(request.body);
    if (!parsed.success) return send(reply, fail('BAD_REQUEST', 'Enter an email and a password', fieldErrors(parsed.error)));
    try {
      const result = await signIn(db, parsed.data, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        sessionHours: deps.sessionHours,
      });
      return send(reply, ok(result));
    } catch (error) {
      if (error instanceof ServiceError) return send(reply, fail(error.code, error.message));
      throw error;
    }
  });

  app.post('/api/auth/sign-out', async (request, reply) => {
    const viewer = await viewerOf(request);
    if (!viewer) return send(reply, fail('UNAUTHENTICATED', 'Not signed in'));
    await revokeSession(db, viewer.sessionId);
    await audit(db, viewer, { action: 'auth.sign_out', subjectType: 'user', subjectId: viewer.userId });
    deps.realtime.endSessions([viewer.sessionId], 'signed_out');
    return send(reply, ok({}));
  });

  app.post<{ Params: { name: string } }>('/api/commands/:name', async (request, reply) => {
    const viewer = await viewerOf(request);
    if (!viewer) return send(reply, fail('UNAUTHENTICATED', 'Sign in first'));
    return send(reply, await dispatch(request.params.name, request.body, { ...services(deps), viewer }));
  });
}
