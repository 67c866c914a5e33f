import type { ApiError, ApiErrorCode } from '../../../shared/api/result';

/** A call that the core (or the transport) answered with `{ ok: false }`. */
export class ApiCallError extends Error {
  readonly code: ApiErrorCode;
  readonly channel: string;
  readonly details?: unknown;

  constructor(channel: string, error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.channel = channel;
    this.code = error.code;
    this.details = error.details;
  }
}

export function isApiCallError(err: unknown): err is ApiCallError {
  return err instanceof ApiCallError;
}

/** A message fit for a toast, whatever was thrown. */
export function describeError(err: unknown): string {
  if (err instanceof ApiCallError) {
    return err.code === 'UNAVAILABLE' ? `Spool is not reachable right now. ${err.message}` : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
