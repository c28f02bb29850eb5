// The public inbound API under /api/v1, for outside systems holding an API key: deliver customer messages,
// upsert customers, read the OpenAPI document. Every answer, errors included, is JSON; an error is
// `{ error: { code, message, fields? } }`.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { InboundMessage } from '../../../common/api/channels.ts';
import {
  ApiCustomerUpsert,
  ApiMessageInput,
  type ApiCustomerResult,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  type ApiErrorResponse,
  type ApiMessageAccepted,
  type ApiScope,
} from '../../../common/api/inbound.ts';
import { fieldErrors, type ErrorCode, type FieldError } from '../../../common/result.ts';
import type { Db } from '../db/client.ts';
import { ServiceError } from '../errors.ts';
import type { Clock } from '../jobs/clock.ts';
import type { Logger } from '../logger.ts';
import { authenticateApiKey, type ApiPrincipal } from '../services/apiKeys/apiKeys.ts';
import { audit } from '../services/audit/audit.ts';
import { upsertCustomer } from '../services/inboundApi/customerUpsert.ts';
import {
  findPriorAnswer,
  hashRequest,
  isUniqueViolation,
  storeAnswer,
  type IdempotentRequest,
  type StoredResponse,
} from '../services/inboundApi/idempotency.ts';
import type { IngestWriter } from '../services/inbox/ingestWriter.ts';
import { StockUpdateInput } from '../../../common/api/catalog.ts';
import { applyStockUpdates, type StockApiDeps } from '../services/commerce/catalog/stockApi.ts';
import { inboundOpenApiDocument } from './inboundOpenApi.ts';
import { HTTP_STATUS } from './status.ts';

export interface InboundApiDeps {
  db: Db;
  log: Logger;
  clock: Clock;
  inbound: IngestWriter;
  /** Where `POST /api/v1/stock` writes counts (the hub's stock writer) and pushes their changes. */
  stock?: Pick<StockApiDeps, 'writer' | 'realtime'>;
}


/** Thrown for an answer whose status is not the code's usual one (422 for a reused Idempotency-Key). */
class ApiRefusal extends ServiceError {
  constructor(
    readonly status: number,
    code: ErrorCode,
    message: string,
    fields?: FieldError[],
  ) {
    super(code, message, fields);
  }
}

const errorBody = (code: ErrorCode, message: string, fields?: FieldError[]): ApiErrorResponse => ({
  error: fields && fields.length > 0 ? { code, message, fields } : { code, message },
});

const bearer = (request: FastifyRequest) => /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';

function parse<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ServiceError('BAD_REQUEST', `Invalid ${what}`, fieldErrors(parsed.error));
  return parsed.data;
}

interface Call {
  request: FastifyRequest;
  principal: ApiPrincipal;
  idempotency: IdempotentRequest | null;
}

export function registerInboundApi(app: FastifyInstance, deps: InboundApiDeps): void {
  const { db, log, clock, inbound } = deps;
  const openApi = inboundOpenApiDocument();

  async function refuse(request: FastifyRequest, action: string, details: Record<string, unknown>, keyId?: string) {
    log.warn({ action, ip: request.ip, path: request.url, ...details }, 'inbound API request refused');
    await audit(db, null, { action, ...(keyId ? { subjectType: 'api_key', subjectId: keyId } : {}), details: { ...details, path: request.url } }, request.ip);
  }

  async function principalFor(request: FastifyRequest, scope: ApiScope): Promise<ApiPrincipal> {
    const auth = await authenticateApiKey(db, bearer(request));
    if (!auth.ok) {
      await refuse(request, 'api.auth_failed', { reason: auth.reason }, auth.keyId);
      throw new ServiceError('UNAUTHENTICATED', auth.reason === 'missing' ? 'Send an API key as "Authorization: Bearer tl_…"' : 'Unknown or revoked API key');
    }
    if (!auth.principal.scopes.includes(scope)) {
      await refuse(request, 'api.forbidden', { scope }, auth.principal.keyId);
      throw new ServiceError('FORBIDDEN', `This API key lacks the ${scope} scope`);
    }
    return auth.principal;
  }

  function idempotencyOf(request: FastifyRequest, principal: ApiPrincipal): IdempotentRequest | null {
    const header = request.headers['idempotency-key'];
    if (header === undefined) return null;
    if (typeof header !== 'string' || header.length < 1 || header.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw new ServiceError('BAD_REQUEST', 'Invalid Idempotency-Key header', [
        { path: 'Idempotency-Key', message: `one value of 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters` },
      ]);
    }
    return { apiKeyId: principal.keyId, key: header, requestHash: hashRequest(request.method, request.routeOptions.url ?? request.url, request.body) };
  }

  async function replay(reply: FastifyReply, idempotency: IdempotentRequest): Promise<FastifyReply | null> {
    const prior = await findPriorAnswer(db, idempotency);
    if (!prior) return null;
    if (prior.kind === 'mismatch') {
      throw new ApiRefusal(422, 'CONFLICT', 'This Idempotency-Key was already used with a different request; use a new key for a new request');
    }
    return reply.status(prior.response.statusCode).header('Idempotent-Replayed', 'true').send(prior.response.body);
  }

  /** Authenticates, answers a retried Idempotency-Key from the store, and otherwise runs the operation. */
  const operation = (scope: ApiScope, run: (call: Call) => Promise<StoredResponse>) => async (request: FastifyRequest, reply: FastifyReply) => {
    const principal = await principalFor(request, scope);
    const idempotency = idempotencyOf(request, principal);
    if (idempotency) {
      const replayed = await replay(reply, idempotency);
      if (replayed) return replayed;
    }
    try {
      const response = await run({ request, principal, idempotency });
      return reply.status(response.statusCode).send(response.body);
    } catch (error) {
      // A concurrent request with the same key committed first: answer as it did.
      if (idempotency && isUniqueViolation(error)) {
        const replayed = await replay(reply, idempotency);
        if (replayed) return replayed;
      }
      throw error;
    }
  };

  app.register(
    async (api) => {
      api.setErrorHandler(async (error: FastifyError, request, reply) => {
        if (error instanceof ServiceError) {
          const status = error instanceof ApiRefusal ? error.status : HTTP_STATUS[error.code];
          return reply.status(status).send(errorBody(error.code, error.message, error.fields));
        }
        // Fastify's own refusals: malformed JSON, wrong content type, body too large.
        if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
          return reply.status(error.statusCode).send(errorBody('BAD_REQUEST', error.message));
        }
        log.error({ err: error, path: request.url }, 'inbound API request failed');
        return reply.status(500).send(errorBody('INTERNAL', 'Internal error; the request may be retried'));
      });

      api.setNotFoundHandler(async (request, reply) =>
        reply.status(404).send(errorBody('NOT_FOUND', `No ${request.method} ${request.url.split('?')[0]} in this API; see /api/v1/openapi.json`)),
      );

      api.get('/openapi.json', async () => openApi);

      api.post(
        '/messages',
        operation('messages:write', async ({ request, principal, idempotency }) => {
          const input = parse(ApiMessageInput, request.body, 'message');
          const message: InboundMessage = {
            channel: 'api',
            // Scoped by key: two integrations using the same ids cannot swallow each other's messages.
            providerMessageId: `${principal.keyId}:${input.externalId}`,
            from: input.from,
            body: input.body,
            subject: input.subject,
            sentAt: input.sentAt,
            meta: { apiKeyId: principal.keyId, externalId: input.externalId, source: input.source ?? null, client: input.meta ?? {} },
          };
          // Ingest commits before we answer: a 201 means the message is durable.
          const result = await inbound.ingest(message);
          const body: ApiMessageAccepted = {
            messageId: result.messageId,
            conversationId: result.conversationId,
            customerId: result.customerId,
            duplicate: result.duplicate,
          };
          const response = { statusCode: result.duplicate ? 200 : 201, body };
          // Ingest runs its own transaction, so the answer is stored just after it: a crash in between only
          // turns the retry's 201 into 200 duplicate, as ingest is idempotent by externalId anyway.
          if (idempotency) await storeAnswer(db, idempotency, response, clock.now());
          return response;
        }),
      );

      api.post(
        '/customers',
        operation('customers:write', async ({ request, principal, idempotency }) => {
          const input = parse(ApiCustomerUpsert, request.body, 'customer');
          const answer = (result: ApiCustomerResult) => ({ statusCode: result.created ? 201 : 200, body: result });
          const result = await upsertCustomer(db, input, {
            apiKeyId: principal.keyId,
            ip: request.ip,
            now: clock.now(),
            // Stored in the upsert's transaction: the change and its recorded answer commit together.
            ...(idempotency ? { withinTransaction: (tx, outcome) => storeAnswer(tx, idempotency, answer(outcome), clock.now()) } : {}),
          });
          return answer(result);
        }),
      );

      const { stock } = deps;
      if (stock) {
        api.post(
          '/stock',
          operation('stock:write', async ({ request, principal, idempotency }) => {
            const input = parse(StockUpdateInput, request.body, 'stock update');
            // The answer is stored in the same transaction as the counts: a retried delta never applies twice.
            const body = await applyStockUpdates({ db, clock, ...stock }, principal, input, { ip: request.ip, idempotency });
            return { statusCode: 200, body };
          }),
        );
      }
    },
    { prefix: '/api/v1' },
  );
}
