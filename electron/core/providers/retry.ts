/**
 * Backoff for the retries streamReply makes before a reply's first chunk: exponential
 * with jitter (the SDK's own retry has no jitter and would also retry too late), never
 * shorter than the provider's Retry-After, and never waiting longer than the cap.
 */
import type { ProviderFailure } from './errors';

export interface RetryPolicy {
  /** Retries after the first attempt (0 = none). */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the reply fails with the provider's words. */
  maxRetryAfterMs: number;
  /** [0, 1); injectable so tests can pin the jitter. */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
  random: Math.random,
};

/**
 * How long to wait before retry number `retry` (1-based), or undefined when this
 * failure must not be retried.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  retry: number,
  failure: ProviderFailure,
): number | undefined {
  if (!failure.retryable || retry > policy.maxRetries) return undefined;
  if (failure.retryAfterMs !== undefined && failure.retryAfterMs > policy.maxRetryAfterMs) return undefined;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  // "Equal jitter": at least half the backoff, so retries never bunch up at zero.
  const jittered = ceiling / 2 + policy.random() * (ceiling / 2);
  return Math.max(jittered, failure.retryAfterMs ?? 0);
}

/** Waits `ms`; resolves false at once if `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
