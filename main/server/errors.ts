import type { ErrorCode, FieldError } from '../../common/result.ts';

/** A refusal a service means to report to the caller as an error result (not a crash). */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ServiceError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'Your role does not allow this') => new ServiceError('FORBIDDEN', message);
