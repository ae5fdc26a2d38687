import { createHash } from 'node:crypto';
import { systemClock, type Clock, type TimerHandle } from '../domain/clock';
import { ActionRateLimiters, type SlidingWindowLimiter } from './rateLimiter';

/**
 * Tencent Cloud counts its per-action limits per account, not per connection: every client in the process that
 * signs with the same SecretId must draw on one budget, or rebuilding a client (a profile switch, a settings
 * change) or two features calling at once would send more than the API allows.
 *
 * Accounts are known by a hash of the SecretId (with the server it is sent to and any limit overrides), so the
 * registry never holds the SecretId itself. Each client opens a hold; an account's limiters are forgotten once no
 * client holds them and their windows are empty (a client rebuilt within the window still sees the earlier calls).
 */
export class AccountRateLimits {
  private readonly accounts = new Map<string, Account>();

  constructor(private readonly clock: Clock = systemClock) {}

  /**
   * A client's hold on the budgets of the accounts it signs for.
   * @param scope the server the calls go to ("" for Tencent Cloud itself, else the endpoint override): a local
   *   emulator does not share the real API's counters.
   * @param overrides per-action limits replacing the documented ones (a test server); clients with different
   *   overrides do not share budgets.
   */
  open(scope: string, overrides: Readonly<Record<string, number>> = {}): AccountBudgets {
    return new Hold(this, scope, canonicalOverrides(overrides), overrides);
  }

  /** Accounts currently remembered (for tests and diagnostics). */
  size(): number {
    return this.accounts.size;
  }

  /** @internal The account under `key`, created with a first hold. */
  retain(key: string, overrides: Readonly<Record<string, number>>): ActionRateLimiters {
    let account = this.accounts.get(key);
    if (!account) {
      account = { holds: 0, limiters: new ActionRateLimiters(overrides, this.clock), sweep: undefined };
      this.accounts.set(key, account);
    }
    account.holds++;
    if (account.sweep !== undefined) {
      this.clock.clearTimer(account.sweep);
      account.sweep = undefined;
    }
    return account.limiters;
  }

  /** @internal Drops one hold; the last one lets the account go once its windows are empty. */
  releaseKey(key: string): void {
    const account = this.accounts.get(key);
    if (!account) return;
    account.holds = Math.max(0, account.holds - 1);
    this.sweep(key, account);
  }

  private sweep(key: string, account: Account): void {
    if (account.holds > 0 || account.sweep !== undefined) return;
    if (account.limiters.idle()) {
      this.accounts.delete(key);
      return;
    }
    // Calls still counted in a window (or still waiting): look again one window later.
    account.sweep = this.clock.setTimer(() => {
      account.sweep = undefined;
      this.sweep(key, account);
    }, account.limiters.windowMs);
  }
}

/** One client's view: budgets by SecretId, released together when the client is disposed. */
export interface AccountBudgets {
  /** Waits for a place in the account's budget for `action`; `lane` (the region) keeps regions from queueing behind each other. */
  acquire(secretId: string, action: string, signal?: AbortSignal, lane?: string): Promise<void>;
  /** Like acquire, but the place is held until the returned function is called (see SlidingWindowLimiter.reserve). */
  reserve(secretId: string, action: string, signal?: AbortSignal, lane?: string): Promise<() => void>;
  /** The account's limiter for one action, for its try form (tryAcquire / nextFreeAt). */
  limiter(secretId: string, action: string): SlidingWindowLimiter;
  /** Lets go of every account this client used. Idempotent. */
  release(): void;
}

interface Account {
  holds: number;
  readonly limiters: ActionRateLimiters;
  sweep: TimerHandle | undefined;
}

class Hold implements AccountBudgets {
  /** Accounts this client holds, by key: usually one (several after key rotations). */
  private readonly held = new Map<string, ActionRateLimiters>();
  private released = false;

  constructor(
    private readonly registry: AccountRateLimits,
    private readonly scope: string,
    private readonly overridesKey: string,
    private readonly overrides: Readonly<Record<string, number>>,
  ) {}

  acquire(secretId: string, action: string, signal?: AbortSignal, lane?: string): Promise<void> {
    return this.use(secretId, (limiters) => limiters.acquire(action, signal, lane));
  }

  reserve(secretId: string, action: string, signal?: AbortSignal, lane?: string): Promise<() => void> {
    return this.use(secretId, (limiters) => limiters.reserve(action, signal, lane));
  }

  limiter(secretId: string, action: string): SlidingWindowLimiter {
    return this.use(secretId, (limiters) => limiters.limiter(action));
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    for (const key of this.held.keys()) this.registry.releaseKey(key);
    this.held.clear();
  }

  private use<T>(secretId: string, work: (limiters: ActionRateLimiters) => T): T {
    const key = accountKey(this.scope, secretId, this.overridesKey);
    const held = this.held.get(key);
    if (held) return work(held);
    const limiters = this.registry.retain(key, this.overrides);
    if (!this.released) {
      this.held.set(key, limiters);
      return work(limiters);
    }
    // A call on a released hold (a request still retrying after dispose) still counts against the account: the
    // hold is let go only after the work has put its grant or its wait on the books.
    try {
      return work(limiters);
    } finally {
      queueMicrotask(() => this.registry.releaseKey(key));
    }
  }
}

/** SHA-256 of what identifies one budget; the SecretId is hashed, never kept. */
export function accountKey(scope: string, secretId: string, overridesKey = ''): string {
  return createHash('sha256').update(`${scope}\u0000${secretId}\u0000${overridesKey}`).digest('base64url');
}

function canonicalOverrides(overrides: Readonly<Record<string, number>>): string {
  return Object.keys(overrides)
    .sort()
    .map((action) => `${action}=${overrides[action]}`)
    .join(',');
}

/** The process-wide registry every client uses unless given its own (tests with a fake clock). */
export const accountRateLimits = new AccountRateLimits();
