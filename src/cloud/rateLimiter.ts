import { systemClock, type Clock } from '../domain/clock';

interface Waiter {
  readonly resolve: () => void;
  readonly signal?: AbortSignal;
  readonly onAbort?: () => void;
}

/**
 * At most `limit` grants in any window of `windowMs`, whatever its alignment, granted first come first served.
 * A sliding log (rather than a token bucket, which allows a full bucket plus a full refill within one second)
 * also stays under a server that counts in fixed one-second buckets.
 */
export class SlidingWindowLimiter {
  private readonly granted: number[] = [];
  private readonly queue: Waiter[] = [];
  private timer: unknown;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly clock: Clock = systemClock,
  ) {
    if (!(limit >= 1)) throw new Error(`Rate limit must be at least 1, got ${limit}`);
    if (!(windowMs > 0)) throw new Error(`Rate window must be positive, got ${windowMs}`);
  }

  /** Resolves when the caller may send; rejects with the signal's reason if aborted while waiting. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<void>((resolve, reject) => {
      const onAbort = signal
        ? () => {
            const index = this.queue.indexOf(waiter);
            if (index >= 0) this.queue.splice(index, 1);
            reject(abortReason(signal));
          }
        : undefined;
      const waiter: Waiter = { resolve, signal, onAbort };
      if (signal && onAbort) signal.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** Grants currently counted in the window (for tests and diagnostics). */
  inWindow(): number {
    this.prune(this.clock.monotonic());
    return this.granted.length;
  }

  queued(): number {
    return this.queue.length;
  }

  private prune(now: number): void {
    while (this.granted.length > 0 && this.granted[0] <= now - this.windowMs) this.granted.shift();
  }

  private pump(): void {
    const now = this.clock.monotonic();
    this.prune(now);
    while (this.queue.length > 0 && this.granted.length < this.limit) {
      const waiter = this.queue.shift() as Waiter;
      if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      this.granted.push(now);
      waiter.resolve();
    }
    if (this.queue.length > 0 && this.timer === undefined) {
      const wait = Math.max(1, this.granted[0] + this.windowMs - now);
      this.timer = this.clock.setTimer(() => {
        this.timer = undefined;
        this.pump();
      }, wait);
    }
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('Aborted');
}

/** Documented per-second limits; actions not listed get DEFAULT_LIMIT_PER_SECOND. */
export const DOCUMENTED_LIMITS_PER_SECOND: Readonly<Record<string, number>> = {
  DescribeTasks: 20,
  CreateReadOnlyGroupNetworkAccess: 100,
  DeleteReadOnlyGroupNetworkAccess: 100,
  DescribeReadOnlyGroups: 1000,
  DescribeVpcs: 100,
  DescribeSubnets: 100,
  DescribeDBInstances: 100,
  DescribeRegions: 20,
  DescribeUsedIpAddress: 20,
};

export const DEFAULT_LIMIT_PER_SECOND = 20;

/**
 * The server counts arrivals, we count departures: network jitter can squeeze two departures 1000 ms apart
 * into one server second. A little slack on the window keeps us under.
 */
export const WINDOW_MS = 1000 + 100;

/** One limiter per action, created on first use. */
export class ActionRateLimiters {
  private readonly limiters = new Map<string, SlidingWindowLimiter>();

  constructor(
    private readonly overrides: Readonly<Record<string, number>> = {},
    private readonly clock: Clock = systemClock,
  ) {}

  limitFor(action: string): number {
    return this.overrides[action] ?? DOCUMENTED_LIMITS_PER_SECOND[action] ?? DEFAULT_LIMIT_PER_SECOND;
  }

  acquire(action: string, signal?: AbortSignal): Promise<void> {
    let limiter = this.limiters.get(action);
    if (!limiter) {
      limiter = new SlidingWindowLimiter(this.limitFor(action), WINDOW_MS, this.clock);
      this.limiters.set(action, limiter);
    }
    return limiter.acquire(signal);
  }
}
