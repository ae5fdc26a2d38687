/** Everything one running emulator holds, shared by the HTTP layer and the control operations. */
import { EmulatorClock, type ClockSettings } from './clock';
import { FaultQueue } from './faults';
import { CloudModel } from './model';
import { RateLimiter } from './rateLimiter';
import { RequestLog } from './requestLog';
import type { WorldDefinition } from './world';

export interface RuntimeSettings {
  readonly world: WorldDefinition;
  readonly latencyMs: number;
  readonly clock: ClockSettings;
  readonly rateLimits: boolean;
}

export class EmulatorRuntime {
  readonly clock: EmulatorClock;
  readonly faults = new FaultQueue();
  readonly rateLimiter = new RateLimiter();
  readonly log = new RequestLog();
  model: CloudModel;
  latencyMs: number;
  rateLimits: boolean;

  constructor(readonly initial: RuntimeSettings) {
    this.clock = new EmulatorClock(initial.clock);
    this.model = new CloudModel(initial.world, this.clock);
    this.latencyMs = initial.latencyMs;
    this.rateLimits = initial.rateLimits;
  }

  /** Back to the start options: no queued faults, initial latency, clock, task timing and rate limiting. */
  resetFaults(): void {
    this.faults.clear();
    this.latencyMs = this.initial.latencyMs;
    this.clock.set({ offsetSeconds: 0, fixedEpochSeconds: null });
    this.clock.set(this.initial.clock);
    this.model.clearTaskFailurePlans();
    this.model.resetTaskTiming();
    this.rateLimits = this.initial.rateLimits;
    this.rateLimiter.reset();
  }

  /** The world as loaded, with no tasks. Injected faults and settings are kept. */
  resetWorld(): void {
    const timing = this.model.taskTiming();
    const plans = [...this.model.pendingTaskFailures()];
    this.model = new CloudModel(this.initial.world, this.clock);
    this.model.setTaskTiming(timing.durationMs, timing.steps);
    plans.forEach((p) => this.model.planTaskFailure(p));
  }
}
