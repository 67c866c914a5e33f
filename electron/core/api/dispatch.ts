import { z } from 'zod';
import { apiCalls, isApiChannel } from '../../../shared/api/contract';
import { ApiFailure, type ApiResult } from '../../../shared/api/result';
import { sqliteCode } from '../db/errors';
import type { ApiContext, ApiHandlers } from './types';

export interface DispatchOptions {
  /** Where unexpected errors (bugs) are reported; they are never swallowed silently. */
  onInternalError?: (err: unknown, channel: string) => void;
}

/**
 * The one entry point for every call from any transport (IPC, WebSocket, CLI):
 * checks the channel, parses the payload, runs the handler and wraps the outcome
 * in `{ok, data}` or `{ok: false, error}`. It never throws and never hangs on bad input.
 */
export async function dispatch(
  handlers: ApiHandlers,
  channel: unknown,
  payload: unknown,
  ctx: ApiContext,
  options: DispatchOptions = {},
): Promise<ApiResult<unknown>> {
  if (!isApiChannel(channel)) {
    return fail('UNKNOWN_CHANNEL', `Unknown API call: ${JSON.stringify(channel)?.slice(0, 100)}.`);
  }
  const parsed = apiCalls[channel].request.safeParse(payload ?? {});
  if (!parsed.success) {
    return fail(
      'BAD_REQUEST',
      `Invalid request for ${channel}: ${z.prettifyError(parsed.error)}`,
      parsed.error.issues,
    );
  }
  try {
    const handler = handlers[channel] as (req: unknown, ctx: ApiContext) => unknown;
    const data = await handler(parsed.data, ctx);
    return { ok: true, data };
  } catch (err) {
    return toFailure(err, channel, options);
  }
}

function toFailure(err: unknown, channel: string, options: DispatchOptions): ApiResult<never> {
  if (err instanceof ApiFailure) return fail(err.code, err.message, err.details);
  const code = sqliteCode(err);
  if (code)
    return fail('STORAGE', `Storage error (${code}): ${(err as Error).message}`, { sqliteCode: code });
  options.onInternalError?.(err, channel);
  return fail(
    'INTERNAL',
    `Internal error in ${channel}: ${err instanceof Error ? err.message : String(err)}`,
  );
}

function fail(code: ApiFailure['code'], message: string, details?: unknown): ApiResult<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}
