/** Everything one running emulator holds, shared by the HTTP layer and the control operations. */
import { EmulatorClock, type ClockSettings } from './clock';
import { FaultQueue } from './faults';
import { StateHistory } from './history';
import { CloudModel } from './model';
import { PendingWrites } from './pendingWrites';
import { RateLimiter } from './rateLimiter';
import { RequestLog } from './requestLog';
import type { WorldDefinition } from './world';

/** The listings that may show the state as it was some time ago. */
export const LISTING_ACTIONS = ['DescribeReadOnlyGroups', 'DescribeDBInstances', 'DescribeTasks'] as const;
export type ListingAction = (typeof LISTING_ACTIONS)[number];

export function isListingAction(action: string): action is ListingAction {
  return (LISTING_ACTIONS as readonly string[]).includes(action);
}

export interface RuntimeSettings {
  readonly world: WorldDefinition;
  readonly latencyMs: number;
  readonly clock: ClockSettings;
  readonly rateLimits: boolean;
  /** Lag of every listing, in ms (0 = listings show the present). */
  readonly listingLagMs: number;
}

export class EmulatorRuntime {
  readonly clock: EmulatorClock;
  readonly faults = new FaultQueue();
  readonly rateLimiter = new RateLimiter();
  readonly log = new RequestLog();
  readonly pendingWrites = new PendingWrites();
  model: CloudModel;
  history: StateHistory;
  latencyMs: number;
  rateLimits: boolean;
  /** Lag of the listings without their own setting. */
  listingLagMs: number;
  readonly listingLagByAction = new Map<ListingAction, number>();
  /** Counted by the server; never reset, so that a test can compare before and after. */
  connectionsAccepted = 0;

  constructor(readonly initial: RuntimeSettings) {
    this.clock = new EmulatorClock(initial.clock);
    this.model = new CloudModel(initial.world, this.clock);
    this.history = new StateHistory(this.model, () => this.maxListingLagMs());
    this.latencyMs = initial.latencyMs;
    this.rateLimits = initial.rateLimits;
    this.listingLagMs = initial.listingLagMs;
  }

  /** How far behind the present `action` answers (0 for every action that is not a listing). */
  lagOf(action: string): number {
    if (!isListingAction(action)) return 0;
    return this.listingLagByAction.get(action) ?? this.listingLagMs;
  }

  maxListingLagMs(): number {
    return Math.max(this.listingLagMs, ...this.listingLagByAction.values());
  }

  /** The state an action reads: the live one, or for a lagged listing the state as it was `lag` ms ago. */
  modelFor(action: string): CloudModel {
    const lag = this.lagOf(action);
    if (lag <= 0) {
      this.model.advance();
      return this.model;
    }
    return this.history.viewAt(this.model.nowMs() - lag);
  }

  /** Call after a write changed the live state. */
  recordChange(): void {
    this.history.record(this.model);
  }

  /**
   * Back to the start options: no queued faults or pending late writes, initial latency, listing lag, clock, task
   * timing and rate limiting.
   */
  resetFaults(): void {
    this.faults.clear();
    this.pendingWrites.cancelAll();
    this.latencyMs = this.initial.latencyMs;
    this.listingLagMs = this.initial.listingLagMs;
    this.listingLagByAction.clear();
    this.clock.set({ offsetSeconds: 0, fixedEpochSeconds: null });
    this.clock.set(this.initial.clock);
    this.model.clearTaskFailurePlans();
    this.model.resetTaskTiming();
    this.rateLimits = this.initial.rateLimits;
    this.rateLimiter.reset();
  }

  /** The world as loaded, with no tasks, no history and no pending late writes. Faults and settings are kept. */
  resetWorld(): void {
    this.pendingWrites.cancelAll();
    const timing = this.model.taskTiming();
    const plans = [...this.model.pendingTaskFailures()];
    this.model = new CloudModel(this.initial.world, this.clock);
    this.model.setTaskTiming(timing.durationMs, timing.steps);
    plans.forEach((p) => this.model.planTaskFailure(p));
    this.history = new StateHistory(this.model, () => this.maxListingLagMs());
  }
}
