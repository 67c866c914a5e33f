import { describe, expect, it } from 'vitest';
import type { ProviderFailure } from '../../../electron/core/providers/errors';
import { retryAfterMs } from '../../../electron/core/providers/errors';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from '../../../electron/core/providers/retry';

const server: ProviderFailure = { code: 'server', message: 'boom', retryable: true };
const policy = (random: number, overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  ...DEFAULT_RETRY_POLICY,
  random: () => random,
  ...overrides,
});

describe('retryDelayMs', () => {
  it('doubles the backoff ceiling per retry and jitters within its upper half', () => {
    expect(retryDelayMs(policy(0), 1, server)).toBe(250);
    expect(retryDelayMs(policy(0.999999), 1, server)).toBeCloseTo(500, 0);
    expect(retryDelayMs(policy(0), 3, server)).toBe(1000);
  });

  it('never exceeds the maximum delay', () => {
    expect(retryDelayMs(policy(0.999999, { maxRetries: 20 }), 20, server)).toBeLessThanOrEqual(8000);
  });

  it('waits at least what Retry-After asks', () => {
    expect(retryDelayMs(policy(0), 1, { ...server, code: 'rate_limit', retryAfterMs: 5000 })).toBe(5000);
  });

  it('gives up when Retry-After is longer than the cap', () => {
    expect(retryDelayMs(policy(0), 1, { ...server, retryAfterMs: 61_000 })).toBeUndefined();
  });

  it('gives up after the retry budget and on failures that are not retryable', () => {
    expect(retryDelayMs(policy(0), 4, server)).toBeUndefined();
    expect(retryDelayMs(policy(0), 1, { ...server, code: 'auth', retryable: false })).toBeUndefined();
  });
});

describe('retryAfterMs', () => {
  it('reads seconds, an HTTP date and retry-after-ms', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs({ 'retry-after': '2' }, now)).toBe(2000);
    expect(retryAfterMs({ 'retry-after': '1.5' }, now)).toBe(1500);
    expect(retryAfterMs({ 'retry-after': 'Wed, 01 Jan 2025 00:00:07 GMT' }, now)).toBe(7000);
    expect(retryAfterMs({ 'retry-after-ms': '120' }, now)).toBe(120);
  });

  it('ignores what it cannot read', () => {
    expect(retryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});
