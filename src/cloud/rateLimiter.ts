import { systemClock, type Clock } from '../domain/clock';

interface Waiter {
  readonly resolve: () => void;
  /** A reservation: held in flight once granted. */
  readonly held: boolean;
  readonly lane: string;
  readonly signal?: AbortSignal;
  readonly onAbort?: () => void;
}

/**
 * At most `limit` grants in any window of `windowMs`, whatever its alignment.
 * A sliding log (rather than a token bucket, which allows a full bucket plus a full refill within one second)
 * also stays under a server that counts in fixed one-second buckets.
 *
 * The server counts arrivals, the limiter can only count what it grants. A request granted now may arrive much
 * later (a busy event loop, a new TLS connection); the one thing known for sure is that it arrived before its
 * answer came back. A reservation (`reserve`) therefore holds its place until the caller says the answer is in,
 * and for a full window after that: then no two requests the server sees can fall in one window with more than
 * `limit` others, however late the first one left.
 *
 * Waiters queue in lanes (e.g. one per region) served in turn, first come first served within a lane: when the
 * budget runs short, a region with a thousand calls queued does not hold back another region's first page.
 */
export class SlidingWindowLimiter {
  /** When each settled grant's place frees again, ascending. */
  private readonly granted: number[] = [];
  /** Reservations whose answer is not in yet: they hold a place for as long as that lasts. */
  private inFlight = 0;
  /** Lanes with waiters, in the order they are next served. */
  private readonly lanes = new Map<string, Waiter[]>();
  private waiting = 0;
  private timer: unknown;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly clock: Clock = systemClock,
    /** How long a reservation's place stays taken after its answer (at most windowMs; see SERVER_WINDOW_MS). */
    private readonly reservedWindowMs = windowMs,
  ) {
    if (!(limit >= 1)) throw new Error(`Rate limit must be at least 1, got ${limit}`);
    if (!(windowMs > 0)) throw new Error(`Rate window must be positive, got ${windowMs}`);
  }

  /** Resolves when the caller may send; rejects with the signal's reason if aborted while waiting. */
  acquire(signal?: AbortSignal, lane = ''): Promise<void> {
    return this.take(false, signal, lane);
  }

  /**
   * Like acquire, but the place stays taken until the returned function is called (when the request's answer, or
   * its failure, is in) and for a full window after that. Calling the function again does nothing.
   */
  async reserve(signal?: AbortSignal, lane = ''): Promise<() => void> {
    await this.take(true, signal, lane);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.inFlight--;
      this.settle(this.clock.monotonic() + Math.min(this.reservedWindowMs, this.windowMs));
      // With every place held in flight there was no expiry to wait for: there is one now.
      this.pump();
    };
  }

  /**
   * Takes a grant now and returns true, or returns false (taking nothing) when the window is full or others are
   * already waiting: for callers that schedule their own retry, with nextFreeAt() telling when.
   */
  tryAcquire(): boolean {
    return this.tryTake(false);
  }

  /**
   * The earliest time (on the clock's monotonic scale) at which tryAcquire() could succeed: now when it would
   * succeed now, else when the window frees a place for the caller after everyone already waiting.
   */
  nextFreeAt(): number {
    const now = this.clock.monotonic();
    this.prune(now);
    // The n-th grant can only follow the (n - limit)-th by a full window: replay the waiters, then the caller.
    // Reservations in flight are taken to end now (the earliest they can), so this is never "now" while they block.
    const times = this.granted.slice();
    for (let i = 0; i < this.inFlight; i++) times.push(now + this.reservedWindowMs);
    times.sort((a, b) => a - b);
    let at = now;
    for (let i = 0; i <= this.waiting; i++) {
      const n = times.length;
      at = n >= this.limit ? Math.max(now, times[n - this.limit]) : now;
      times.push(at + this.windowMs);
    }
    return at;
  }

  /** Places currently taken: grants in the window and reservations in flight (for tests and diagnostics). */
  inWindow(): number {
    this.prune(this.clock.monotonic());
    return this.granted.length + this.inFlight;
  }

  queued(): number {
    return this.waiting;
  }

  /** True when the limiter remembers nothing: no waiter and no grant in the window. */
  idle(): boolean {
    return this.waiting === 0 && this.inWindow() === 0;
  }

  private tryTake(held: boolean): boolean {
    if (this.waiting > 0) return false;
    const now = this.clock.monotonic();
    this.prune(now);
    if (this.granted.length + this.inFlight >= this.limit) return false;
    this.grant(held, now);
    return true;
  }

  private take(held: boolean, signal: AbortSignal | undefined, lane: string): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    // The common case (room in the window, nobody waiting) grants without queueing or a timer.
    if (this.tryTake(held)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = signal
        ? () => {
            this.remove(waiter);
            reject(abortReason(signal));
          }
        : undefined;
      const waiter: Waiter = { resolve, held, lane, signal, onAbort };
      if (signal && onAbort) signal.addEventListener('abort', onAbort, { once: true });
      const queue = this.lanes.get(lane);
      if (queue) queue.push(waiter);
      else this.lanes.set(lane, [waiter]);
      this.waiting++;
      this.pump();
    });
  }

  private grant(held: boolean, now: number): void {
    if (held) this.inFlight++;
    else this.settle(now + this.windowMs);
  }

  /** Records a place that frees at `until`, keeping the log ascending (an entry is at most a slack out of order). */
  private settle(until: number): void {
    let index = this.granted.length;
    while (index > 0 && this.granted[index - 1] > until) index--;
    this.granted.splice(index, 0, until);
  }

  private prune(now: number): void {
    let expired = 0;
    while (expired < this.granted.length && this.granted[expired] <= now) expired++;
    if (expired > 0) this.granted.splice(0, expired);
  }

  private remove(waiter: Waiter): void {
    const queue = this.lanes.get(waiter.lane);
    const index = queue ? queue.indexOf(waiter) : -1;
    if (!queue || index < 0) return;
    queue.splice(index, 1);
    this.waiting--;
    if (queue.length === 0) this.lanes.delete(waiter.lane);
  }

  /** The next waiter in turn: the first of the lane at the head, which then moves to the back. */
  private next(): Waiter | undefined {
    for (const [lane, queue] of this.lanes) {
      const waiter = queue.shift();
      this.lanes.delete(lane);
      if (queue.length > 0) this.lanes.set(lane, queue);
      if (waiter) {
        this.waiting--;
        return waiter;
      }
    }
    return undefined;
  }

  private pump(): void {
    const now = this.clock.monotonic();
    this.prune(now);
    while (this.waiting > 0 && this.granted.length + this.inFlight < this.limit) {
      const waiter = this.next();
      if (!waiter) break;
      if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      this.grant(waiter.held, now);
      waiter.resolve();
    }
    // Nothing to wait for while every place is in flight: the next reservation to end pumps again.
    if (this.waiting > 0 && this.timer === undefined && this.granted.length > 0) {
      const wait = Math.max(1, this.granted[0] - now);
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
  CreateDBInstanceNetworkAccess: 100,
  DeleteDBInstanceNetworkAccess: 100,
  DescribeReadOnlyGroups: 1000,
  DescribeDBInstanceSecurityGroups: 1000,
  DescribeVpcs: 100,
  DescribeSubnets: 100,
  DescribeDBInstances: 100,
  DescribeRegions: 20,
  DescribeUsedIpAddress: 20,
};

export const DEFAULT_LIMIT_PER_SECOND = 20;

/**
 * The server counts arrivals, we count departures: network jitter can squeeze two departures 1000 ms apart
 * into one server second. A little slack on the window keeps plain grants under; reservations (see
 * SlidingWindowLimiter) do not depend on it.
 */
export const WINDOW_MS = 1000 + 100;

/**
 * The server's own window. A reservation is counted from its answer, which came back after the request arrived:
 * one server window after the answer the request can no longer be in any window the server counts, so the
 * departure slack above would only pace calls the documented limits allow (back-to-back loads of a big account).
 */
export const SERVER_WINDOW_MS = 1000;

/** One limiter per action, created on first use. */
export class ActionRateLimiters {
  readonly windowMs = WINDOW_MS;
  private readonly limiters = new Map<string, SlidingWindowLimiter>();

  constructor(
    private readonly overrides: Readonly<Record<string, number>> = {},
    private readonly clock: Clock = systemClock,
  ) {}

  limitFor(action: string): number {
    return this.overrides[action] ?? DOCUMENTED_LIMITS_PER_SECOND[action] ?? DEFAULT_LIMIT_PER_SECOND;
  }

  /** The limiter of one action (created on first use), for callers that want its try form. */
  limiter(action: string): SlidingWindowLimiter {
    let limiter = this.limiters.get(action);
    if (!limiter) {
      limiter = new SlidingWindowLimiter(this.limitFor(action), WINDOW_MS, this.clock, SERVER_WINDOW_MS);
      this.limiters.set(action, limiter);
    }
    return limiter;
  }

  acquire(action: string, signal?: AbortSignal, lane?: string): Promise<void> {
    return this.limiter(action).acquire(signal, lane);
  }

  reserve(action: string, signal?: AbortSignal, lane?: string): Promise<() => void> {
    return this.limiter(action).reserve(signal, lane);
  }

  /** True when no action has a waiter or a grant in its window: forgetting these limiters loses nothing. */
  idle(): boolean {
    for (const limiter of this.limiters.values()) if (!limiter.idle()) return false;
    return true;
  }
}
