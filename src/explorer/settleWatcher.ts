import type { Clock, TimerHandle } from '../domain/clock';
import type { ReadOnlyGroup } from '../domain/model';
import { isTransitionalGroupStatus, isTransitionalNetworkStatus } from '../domain/networkRules';

/** How often, and for how long, a changing group is read again. */
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

/** True while the group or one of its networks is being created, changed or deleted. */
export function isChanging(group: ReadOnlyGroup): boolean {
  return isTransitionalGroupStatus(group.status) || group.networks.some((network) => isTransitionalNetworkStatus(network.status));
}

/**
 * Reads a changing group again every few seconds (backing off), so that its spinning networks stop spinning by
 * themselves. Each read's result comes back through `watch`, which schedules the next read or ends the watch.
 */
export class SettleWatcher {
  private readonly watches = new Map<string, Watch>();

  constructor(
    private readonly clock: Clock,
    /** Reads the group again; its new state is expected back through `watch`. */
    private readonly reread: (group: ReadOnlyGroup) => void,
    private readonly policy: SettlePolicy = DEFAULT_SETTLE_POLICY,
  ) {}

  /** Takes a group's latest state: schedules its next read while it is changing, forgets it once settled. */
  watch(group: ReadOnlyGroup): void {
    const existing = this.watches.get(group.id);
    if (existing) this.clock.clearTimer(existing.timer);
    if (!isChanging(group)) {
      this.watches.delete(group.id);
      return;
    }
    const since = existing?.since ?? this.clock.monotonic();
    const attempts = existing?.attempts ?? 0;
    if (this.clock.monotonic() - since > this.policy.maxWatchMs) {
      this.watches.delete(group.id);
      return;
    }
    const delay = Math.min(this.policy.firstDelayMs * 2 ** attempts, this.policy.maxIntervalMs);
    const timer = this.clock.setTimer(() => this.reread(group), delay);
    this.watches.set(group.id, { timer, since, attempts: attempts + 1 });
  }

  /** Stops watching one group (it is no longer shown). */
  forget(groupId: string): void {
    const existing = this.watches.get(groupId);
    if (existing) this.clock.clearTimer(existing.timer);
    this.watches.delete(groupId);
  }

  isWatching(groupId: string): boolean {
    return this.watches.has(groupId);
  }

  /** Stops every watch (the tree's data is dropped). */
  clear(): void {
    for (const { timer } of this.watches.values()) this.clock.clearTimer(timer);
    this.watches.clear();
  }
}
