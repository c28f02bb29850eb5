// The OpenAPI 3.1 document of the inbound API. Component schemas come from the zod schemas the routes
// validate with, so the document cannot drift from what the hub accepts; only paths and prose live here.
import { z } from 'zod';
import {
  ApiCustomerResult,
  ApiCustomerUpsert,
  ApiError,
  ApiErrorResponse,
  ApiMessageAccepted,
  ApiMessageInput,
  MAX_IDEMPOTENCY_KEY_LENGTH,
} from '../../../common/api/inbound.ts';
import { StockUpdateInput, StockUpdateResult } from '../../../common/api/catalog.ts';

const components = { ApiMessageInput, ApiMessageAccepted, ApiCustomerUpsert, ApiCustomerResult, StockUpdateInput, StockUpdateResult, ApiError, ApiErrorResponse };
type ComponentName = keyof typeof components;

const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: ComponentName) => ({ 'application/json': { schema: ref(name) } });

function componentSchemas() {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(components)) registry.add(schema, { id });
  // Request shapes: what a client may send (optional fields, before defaults). Responses have no defaults
  // or transforms, so the same view describes them.
  const { schemas } = z.toJSONSchema(registry, { io: 'input', uri: (id) => `#/components/schemas/${id}` });
  // Each entry is emitted as a standalone document; inside an OpenAPI components map those headers are noise
  // (and a fragment $id is not allowed by JSON Schema 2020-12).
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _schema, $id: _id, ...schema }]) => [id, schema]));
}

const error = (description: string) => ({ description, content: json('ApiErrorResponse') });

const commonErrors = {
  '400': error('The body or a header failed validation; fields names each offending field'),
  '401': error('Missing, unknown or revoked API key'),
  '403': error('The key lacks the scope this operation needs'),
  '422': error('The Idempotency-Key was already used with a different request'),
};

const replayedHeader = {
  'Idempotent-Replayed': { description: 'Present (true) when this is the stored answer to an earlier request with the same Idempotency-Key', schema: { type: 'string', enum: ['true'] } },
};

export function inboundOpenApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Threadline inbound API',
      version: '1.0.0',
      description:
        'Deliver customer messages into the shared inbox, keep customer profiles in sync and report stock counts. Authenticate with an API key (created by an administrator) as a bearer token. Send an Idempotency-Key header to retry safely: the same key with the same request returns the stored answer.',
    },
    servers: [{ url: '/' }],
    security: [{ apiKey: [] }],
    paths: {
      '/api/v1/messages': {
        post: {
          operationId: 'postMessage',
          summary: 'Deliver a customer message',
          description: 'Requires the messages:write scope. Answered after the message is stored durably.',
          parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }],
          requestBody: { required: true, content: json('ApiMessageInput') },
          responses: {
            '201': { description: 'Stored', headers: replayedHeader, content: json('ApiMessageAccepted') },
            '200': { description: 'Already stored earlier under this externalId (duplicate: true)', headers: replayedHeader, content: json('ApiMessageAccepted') },
            ...commonErrors,
          },
        },
      },
      '/api/v1/customers': {
        post: {
          operationId: 'upsertCustomer',
          summary: 'Create or update a customer by contact',
          description:
            'Requires the customers:write scope. The customer owning any of the given contacts (exact match after normalisation) is updated and missing contacts added; otherwise a customer is created.',
          parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }],
          requestBody: { required: true, content: json('ApiCustomerUpsert') },
          responses: {
            '201': { description: 'Created', headers: replayedHeader, content: json('ApiCustomerResult') },
            '200': { description: 'Updated', headers: replayedHeader, content: json('ApiCustomerResult') },
            ...commonErrors,
            '409': error('The contacts belong to different customers; nothing was changed'),
          },
        },
      },
      '/api/v1/stock': {
        post: {
          operationId: 'updateStock',
          summary: 'Report stock counts from the ERP/POS',
          description:
            'Requires the stock:write scope. Up to 5,000 updates, each an absolute onHand or a delta for one store (by code) and product (by SKU), at most one per store and SKU. Each is applied or refused on its own (unknown store, unknown SKU, or a delta that would go below zero); the answer lists what happened to each, in order. Desks see the new counts at once.',
          parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }],
          requestBody: { required: true, content: json('StockUpdateInput') },
          responses: {
            '200': { description: 'Processed; see results for each update', headers: replayedHeader, content: json('StockUpdateResult') },
            ...commonErrors,
          },
        },
      },
    },
    components: {
      schemas: componentSchemas(),
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'Any unique string (a UUID is typical) to make retries of this request safe',
          schema: { type: 'string', minLength: 1, maxLength: MAX_IDEMPOTENCY_KEY_LENGTH },
        },
      },
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: tl_ followed by 43 characters' },
      },
    },
  };
}
