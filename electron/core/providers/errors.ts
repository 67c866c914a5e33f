/**
 * Turns whatever a provider stream throws or reports (the SDK's APICallError, a
 * socket error, a JSON parse error, an in-stream error object) into one typed
 * failure carrying the provider's own words, and decides whether it may be retried.
 */
import type { APICallError } from 'ai';
import type { ProviderErrorCode } from '../../../shared/api/schemas/providers';
import { redactText } from '../redact';

export interface ProviderFailure {
  code: ProviderErrorCode;
  /** The provider's own words (or the network's), with any API key redacted. */
  message: string;
  /** May be retried — only ever before the first chunk. */
  retryable: boolean;
  /** What the provider asked us to wait (Retry-After), in ms. */
  retryAfterMs?: number;
  status?: number;
}

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

const MALFORMED_NAMES = new Set([
  'AI_JSONParseError',
  'AI_TypeValidationError',
  'AI_InvalidResponseDataError',
  'AI_EmptyResponseBodyError',
]);

const MAX_MESSAGE_CHARS = 4000;

/** Every occurrence of each secret, and anything shaped like a key, masked (core's one redactor). */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  return redactText(text, secrets);
}

/**
 * APICallError.isInstance without loading the SDK at start: the SDK marks its errors with
 * this registered symbol, and this is the very check isInstance makes.
 */
const API_CALL_ERROR_MARKER = Symbol.for('vercel.ai.error.AI_APICallError');
function isApiCallError(err: unknown): err is APICallError {
  return (
    typeof err === 'object' &&
    err !== null &&
    (err as Record<symbol, unknown>)[API_CALL_ERROR_MARKER] === true
  );
}

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = err;
  while (current && chain.length < 8 && !chain.includes(current)) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

function messageOf(err: unknown): string {
  if (typeof err === 'string') return err;
  if (err && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string')
    return (err as { message: string }).message;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}

/** "outer: inner: innermost", skipping repeats, e.g. "Cannot connect to API: connect ECONNREFUSED …". */
function chainMessage(err: unknown): string {
  const parts: string[] = [];
  for (const e of causes(err)) {
    const m = messageOf(e).trim();
    if (m && !parts.some((p) => p.includes(m))) parts.push(m);
  }
  return parts.join(': ');
}

function isConnectError(err: unknown): boolean {
  return causes(err).some((e) => {
    const code = (e as { code?: unknown })?.code;
    if (typeof code === 'string' && CONNECT_CODES.has(code)) return true;
    const m = e instanceof TypeError ? e.message : '';
    return m === 'terminated' || m === 'fetch failed';
  });
}

/** Retry-After (seconds or an HTTP date) or retry-after-ms, as a wait in ms. */
export function retryAfterMs(
  headers: Record<string, string> | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const ms = headers['retry-after-ms'];
  if (ms !== undefined && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers['retry-after']?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Provider words from an HTTP error body the SDK did not already extract. */
function bodyWords(body: string | undefined): string | undefined {
  if (!body?.trim()) return undefined;
  try {
    const json = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    if (typeof json.error === 'string') return json.error;
    if (typeof json.error?.message === 'string') return json.error.message;
    if (typeof json.message === 'string') return json.message;
    return undefined;
  } catch {
    return body.trim();
  }
}

function codeForStatus(status: number): ProviderErrorCode {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate_limit';
  if (status >= 500) return 'server';
  return 'provider';
}

/** Classifies an error object a provider sent inside a 200 stream. */
function codeForStreamError(err: { type?: unknown; code?: unknown }): ProviderErrorCode {
  const type = String(err.type ?? '');
  const code = Number(err.code);
  if (type.includes('rate_limit') || code === 429) return 'rate_limit';
  if (type.includes('authentication') || type.includes('permission') || code === 401 || code === 403)
    return 'auth';
  if (type === 'overloaded_error' || type === 'api_error' || type === 'server_error' || code >= 500)
    return 'server';
  return 'provider';
}

function clip(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
}

export function classifyError(err: unknown, secrets: readonly (string | undefined)[]): ProviderFailure {
  const failure = classify(err);
  return { ...failure, message: clip(redact(failure.message, secrets)) };
}

function classify(err: unknown): ProviderFailure {
  if (isApiCallError(err)) {
    const status = err.statusCode;
    if (isConnectError(err) || status === undefined) {
      return { code: 'connect', message: chainMessage(err), retryable: true };
    }
    if (status >= 200 && status < 300) {
      // A 200 whose body then failed: the SDK's own error, e.g. a malformed stream.
      return { code: 'malformed', message: chainMessage(err), retryable: false };
    }
    const words = bodyWords(err.responseBody);
    const message = words && !err.message.includes(words) ? `${err.message}: ${words}` : err.message;
    const code = codeForStatus(status);
    const wait = retryAfterMs(err.responseHeaders);
    return {
      code,
      message: message || `HTTP ${status}`,
      retryable: code === 'rate_limit' || code === 'server',
      status,
      ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    };
  }
  const name = (err as { name?: unknown })?.name;
  if (typeof name === 'string' && MALFORMED_NAMES.has(name)) {
    return { code: 'malformed', message: chainMessage(err), retryable: false };
  }
  if (isConnectError(err)) return { code: 'connect', message: chainMessage(err), retryable: true };
  if (err && typeof err === 'object' && !(err instanceof Error)) {
    const code = codeForStreamError(err as { type?: unknown; code?: unknown });
    return { code, message: messageOf(err), retryable: code === 'rate_limit' || code === 'server' };
  }
  return { code: 'provider', message: chainMessage(err) || 'Unknown provider error', retryable: false };
}
