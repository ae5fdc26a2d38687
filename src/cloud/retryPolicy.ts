/** How reads are retried. Writes are never retried here. */
export interface RetryOptions {
  /** Total attempts including the first; at least 1. */
  readonly maxAttempts?: number;
  /** Upper bound of the first backoff. */
  readonly baseDelayMs?: number;
  /** Upper bound of any single backoff. */
  readonly maxDelayMs?: number;
}

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 3000 };

export function retryPolicy(options: RetryOptions | undefined): RetryPolicy {
  const maxAttempts = Math.max(1, Math.floor(options?.maxAttempts ?? DEFAULT_RETRY.maxAttempts));
  const baseDelayMs = Math.max(0, options?.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs);
  const maxDelayMs = Math.max(baseDelayMs, options?.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs);
  return { maxAttempts, baseDelayMs, maxDelayMs };
}

/**
 * Exponential backoff with full jitter: a uniform draw in [0, min(max, base * 2^(attempt-1))].
 * Full jitter spreads clients that failed together (e.g. all throttled in the same second).
 * @param failedAttempt 1 for the wait after the first attempt failed.
 * @param random a draw in [0, 1).
 */
export function backoffDelayMs(policy: RetryPolicy, failedAttempt: number, random: number = Math.random()): number {
  const exponent = Math.min(Math.max(failedAttempt - 1, 0), 30);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const draw = Math.min(Math.max(random, 0), 1);
  return Math.floor(ceiling * draw);
}
