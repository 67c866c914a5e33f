import { afterEach } from 'vitest';
import { eventViolation, replyViolation } from '../../shared/api/contractCheck';

/**
 * Test clients pass every reply and every event they receive through these, so a handler
 * replying outside its schema, or a producer emitting outside an event's, fails the test
 * that saw it — whatever that test was about.
 */
export function checkReply(channel: unknown, result: unknown): void {
  const violation = replyViolation(channel, result);
  if (violation) throw new Error(violation);
}

/**
 * Events arrive inside the core's own call stack (a commit, a broadcast): throwing there
 * would fail the core, not the test. So a bad event is noted here, and the test that
 * received it fails when it ends.
 */
const eventViolations: string[] = [];

export function checkEvent(event: { name: string; payload: unknown }): void {
  const violation = eventViolation(event);
  if (violation) eventViolations.push(violation);
}

afterEach(() => {
  if (eventViolations.length === 0) return;
  const found = eventViolations.splice(0);
  throw new Error(`${found.length} event(s) outside their schema:\n${found.join('\n')}`);
});
