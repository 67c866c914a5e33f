/** Every reply crossing the API boundary is one of these two shapes. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export const API_ERROR_CODES = [
  'BAD_REQUEST', // the payload failed its schema
  'UNKNOWN_CHANNEL', // no such call
  'NOT_FOUND', // the id names nothing
  'CONFLICT', // the request contradicts current state
  'STORAGE', // SQLite refused (full disk, busy, I/O)
  'FORBIDDEN', // sender or token not accepted
  'UNAVAILABLE', // the core is closed or closing
  'INTERNAL', // a bug: logged, never swallowed
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  /** Extra, serialisable detail: zod issues, the SQLite code… */
  details?: unknown;
}

/** Thrown by handlers to answer with a specific typed error. */
export class ApiFailure extends Error {
  readonly code: ApiErrorCode;
  readonly details?: unknown;
  constructor(code: ApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiFailure';
    this.code = code;
    this.details = details;
  }
}

export function isApiResult(value: unknown): value is ApiResult<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}
