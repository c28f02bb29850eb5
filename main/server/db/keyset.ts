// Opaque keyset cursors: the sort key of the last row of a page, base64url-encoded JSON.
// A cursor that does not decode to the expected shape is a bad request, never a silent first page.
import { ServiceError } from '../errors.ts';

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity && key.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return key;
    }
  } catch {
    // fall through to the error below
  }
  throw new ServiceError('BAD_REQUEST', 'Invalid page cursor', [{ path: 'cursor', message: 'invalid cursor' }]);
}
