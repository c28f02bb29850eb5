// Idempotency-Key handling for the inbound API: a client that lost our answer retries with the same key and
// gets the same answer, not a second effect. Keys are per API key, so two integrations cannot collide.
// Only successful answers are stored: a refused request (400, 409) changed nothing, so retrying it is safe
// and may succeed once the client fixed the cause.
import { createHash } from 'node:crypto';
import type { Transaction } from '@libsql/client';
import type { Db } from '../../db/client.ts';
import { newRowId, sqlInstant } from '../../db/sqlValues.ts';

export interface IdempotentRequest {
  apiKeyId: string;
  key: string;
  /** sha256 of method, path and body: tells a retry from a different request reusing the key. */
  requestHash: string;
}

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

export type PriorAnswer = { kind: 'replay'; response: StoredResponse } | { kind: 'mismatch' } | null;

export function hashRequest(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method.toUpperCase()} ${path}\n${JSON.stringify(body ?? null)}`).digest('hex');
}

export async function findPriorAnswer(db: Pick<Db, 'idempotencyRecord'>, request: IdempotentRequest): Promise<PriorAnswer> {
  const record = await db.idempotencyRecord.findUnique({ where: { apiKeyId_key: { apiKeyId: request.apiKeyId, key: request.key } } });
  if (!record) return null;
  if (record.requestHash !== request.requestHash) return { kind: 'mismatch' };
  return { kind: 'replay', response: { statusCode: record.statusCode, body: JSON.parse(record.responseBody) } };
}

/** Stores the answer; called inside the effect's transaction where there is one, so both commit or neither. */
export async function storeAnswer(db: Pick<Db, 'idempotencyRecord'>, request: IdempotentRequest, response: StoredResponse, now: Date): Promise<void> {
  await db.idempotencyRecord.create({
    data: {
      apiKeyId: request.apiKeyId,
      key: request.key,
      requestHash: request.requestHash,
      statusCode: response.statusCode,
      responseBody: JSON.stringify(response.body),
      createdAt: now,
    },
  });
}

/** storeAnswer for effects written on a bare libsql transaction (the stock writer): same row, same commit. */
export async function storeAnswerRaw(tx: Pick<Transaction, 'execute'>, request: IdempotentRequest, response: StoredResponse, now: Date): Promise<void> {
  await tx.execute({
    sql: 'INSERT INTO IdempotencyRecord (id, apiKeyId, key, requestHash, statusCode, responseBody, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)',
    args: [newRowId(now.getTime()), request.apiKeyId, request.key, request.requestHash, response.statusCode, JSON.stringify(response.body), sqlInstant(now)],
  });
}

export const isUniqueViolation = (error: unknown) =>
  (error as { code?: string }).code === 'P2002' || /UNIQUE constraint failed/.test(String((error as Error).message));
