// How every command answers across a boundary: errors are data, never silent drops.
import { z } from 'zod';

export const ErrorCode = z.enum([
  'BAD_REQUEST', // the payload failed its schema
  'UNKNOWN_COMMAND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL',
  'UNAVAILABLE', // the hub is shutting down or overloaded: retry later, nothing was stored
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldError = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;

export const AppError = z.object({
  code: ErrorCode,
  message: z.string(),
  fields: z.array(FieldError).optional(),
});
export type AppError = z.infer<typeof AppError>;

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string, fields?: FieldError[]): Result<never> => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message },
});

/** Field errors from a failed zod parse, with dotted paths the UI can put beside its inputs. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
