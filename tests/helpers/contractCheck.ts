import { afterEach } from 'vitest';
import { z } from 'zod';
import { apiCalls, isApiChannel } from '../../shared/api/contract';
import { assertApiEvent } from '../../shared/api/eventSchemas';
import { isApiResult } from '../../shared/api/result';

/**
 * Test clients pass every reply and every event they receive through these, so a handler
 * replying outside its schema, or a producer emitting outside an event's, fails the test
 * that saw it — whatever that test was about.
 */
export function checkReply(channel: unknown, result: unknown): void {
  if (!isApiResult(result)) throw new Error(`Reply to ${String(channel)} is not an ApiResult`);
  // Refusals (and channels outside the contract, answered UNKNOWN_CHANNEL) carry no data.
  if (!result.ok || !isApiChannel(channel)) return;
  const parsed = apiCalls[channel].reply.safeParse(result.data);
  if (!parsed.success) {
    throw new Error(`Reply to ${channel} outside its schema: ${z.prettifyError(parsed.error)}`);
  }
}

/**
 * Events arrive inside the core's own call stack (a commit, a broadcast): throwing there
 * would fail the core, not the test. So a bad event is noted here, and the test that
 * received it fails when it ends.
 */
const eventViolations: string[] = [];

export function checkEvent(event: { name: string; payload: unknown }): void {
  try {
    assertApiEvent(event);
  } catch (err) {
    eventViolations.push((err as Error).message);
  }
}

afterEach(() => {
  if (eventViolations.length === 0) return;
  const found = eventViolations.splice(0);
  throw new Error(`${found.length} event(s) outside their schema:\n${found.join('\n')}`);
});
