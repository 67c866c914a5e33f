import { z } from 'zod';
import { apiCalls, isApiChannel } from './contract';
import { assertApiEvent } from './eventSchemas';
import type { ApiEventMessage } from './events';
import { isApiResult, type ApiResult } from './result';

/**
 * Test runs only: sees every reply and event the core gives any client, to check it
 * against its schema (SpoolCoreOptions.contractCheck; the shells build one from
 * SPOOL_CONTRACT_CHECK). Absent, the core wraps nothing.
 */
export interface ContractCheck {
  reply(channel: unknown, result: ApiResult<unknown>): void;
  event(event: ApiEventMessage): void;
}

/**
 * What is wrong with a reply the core gave a client, or null when it is inside its
 * channel's reply schema. Refusals (and channels outside the contract, answered
 * UNKNOWN_CHANNEL) carry no data, so only their shape is checked. Used by the unit tests'
 * clients and, in test runs, by the core itself (SPOOL_CONTRACT_CHECK).
 */
export function replyViolation(channel: unknown, result: unknown): string | null {
  if (!isApiResult(result)) return `Reply to ${String(channel)} is not an ApiResult`;
  if (!result.ok || !isApiChannel(channel)) return null;
  const parsed = apiCalls[channel].reply.safeParse(result.data);
  return parsed.success ? null : `Reply to ${channel} outside its schema: ${z.prettifyError(parsed.error)}`;
}

/** What is wrong with an event a client was sent, or null when it is inside its schema. */
export function eventViolation(event: { name: string; payload: unknown }): string | null {
  try {
    assertApiEvent(event);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}
