import type { Clock, TimerHandle } from '../domain/clock';
import { ownerId, unreachableOwner } from '../domain/networkOwner';
import type { NetworkOwner } from '../domain/networkOwner';
import { isTransitionalGroupStatus, isTransitionalNetworkStatus } from '../domain/networkRules';

/** How often, and for how long, a changing owner (a group or a primary instance) is read again. */
export interface SettlePolicy {
  /** The first read comes this long after the change is seen; each next one waits twice as long... */
  readonly firstDelayMs: number;
  /** ...but never longer than this. */
  readonly maxIntervalMs: number;
  /** After this long the watch ends, settled or not: a task tracker takes over for longer work. */
  readonly maxWatchMs: number;
}

export const DEFAULT_SETTLE_POLICY: SettlePolicy = {
  firstDelayMs: 5000,
  maxIntervalMs: 60_000,
  maxWatchMs: 10 * 60 * 1000,
};

interface Watch {
  readonly timer: TimerHandle;
  /** Monotonic time the group was first seen changing: a wall-clock jump neither ends nor stretches the watch. */
  readonly since: number;
  readonly attempts: number;
}

/**
 * True while a group or one of its networks is being created, changed or deleted, or while a primary's network is
 * opening or closing. A primary's own status is left out: a stopped or isolated instance can stay so for days, and
 * its networks do not spin meanwhile.
 */
export function isChanging(owner: NetworkOwner): boolean {
  switch (owner.kind) {
    case 'readOnlyGroup':
      return isTransitionalGroupStatus(owner.group.status) || owner.group.networks.some((network) => isTransitionalNetworkStatus(network.status));
    case 'primaryInstance':
      return owner.instance.networks.some((network) => isTransitionalNetworkStatus(network.status));
    default:
      return unreachableOwner(owner);
  }
}

/**
 * Reads a changing owner again every few seconds (backing off), so that its spinning networks stop spinning by
 * themselves. Each read's result comes back through `watch`, which schedules the next read or ends the watch.
 * Owners are told apart by id (a group's and an instance's ids never collide).
 */
export class SettleWatcher {
  private readonly watches = new Map<string, Watch>();

  constructor(
    private readonly clock: Clock,
    /** Reads the owner again; its new state is expected back through `watch`. */
    private readonly reread: (owner: NetworkOwner) => void,
    private readonly policy: SettlePolicy = DEFAULT_SETTLE_POLICY,
  ) {}

  /** Takes an owner's latest state: schedules its next read while it is changing, forgets it once settled. */
  watch(owner: NetworkOwner): void {
    const id = ownerId(owner);
    const existing = this.watches.get(id);
    if (existing) this.clock.clearTimer(existing.timer);
    if (!isChanging(owner)) {
      this.watches.delete(id);
      return;
    }
    const since = existing?.since ?? this.clock.monotonic();
    const attempts = existing?.attempts ?? 0;
    if (this.clock.monotonic() - since > this.policy.maxWatchMs) {
      this.watches.delete(id);
      return;
    }
    const delay = Math.min(this.policy.firstDelayMs * 2 ** attempts, this.policy.maxIntervalMs);
    const timer = this.clock.setTimer(() => this.reread(owner), delay);
    this.watches.set(id, { timer, since, attempts: attempts + 1 });
  }

  /** Stops watching one owner (it is no longer shown). */
  forget(id: string): void {
    const existing = this.watches.get(id);
    if (existing) this.clock.clearTimer(existing.timer);
    this.watches.delete(id);
  }

  isWatching(id: string): boolean {
    return this.watches.has(id);
  }

  /** Stops every watch (the tree's data is dropped). */
  clear(): void {
    for (const { timer } of this.watches.values()) this.clock.clearTimer(timer);
    this.watches.clear();
  }
}
