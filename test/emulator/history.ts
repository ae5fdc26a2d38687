/**
 * The observable state over time, so listings can answer from the state as it was some time ago (real listings lag
 * behind writes), while writes keep checking the true current state.
 *
 * Only writes change the state in ways time alone does not: tasks progress deterministically from their start, so
 * a copy taken after each write, advanced to the instant asked for, is exactly the state at that instant.
 */
import type { CloudModel } from './model';

interface Entry {
  readonly atMs: number;
  readonly state: CloudModel;
}

export class StateHistory {
  private entries: Entry[];

  /**
   * @param horizonMs how far back views may be asked for (the largest listing lag in force); older entries are
   *   dropped, keeping the last one before the horizon as the baseline.
   */
  constructor(
    live: CloudModel,
    private readonly horizonMs: () => number,
  ) {
    this.entries = [{ atMs: live.nowMs(), state: live.fork() }];
  }

  /** Call after every change a write made to the live state. */
  record(live: CloudModel): void {
    const now = live.nowMs();
    this.entries.push({ atMs: now, state: live.fork() });
    const horizon = now - Math.max(0, this.horizonMs());
    const firstKept = this.entries.findIndex((entry) => entry.atMs > horizon);
    // Keep the newest entry at or before the horizon: it is the state in force at the horizon.
    if (firstKept > 1) this.entries.splice(0, firstKept - 1);
  }

  /**
   * The state as it was at `atMs` (monotonic ms of the live model), as a throw-away copy. Before the oldest entry
   * (the start, a reset, or what the horizon dropped) the oldest entry answers.
   */
  viewAt(atMs: number): CloudModel {
    let chosen = this.entries[0];
    for (const entry of this.entries) {
      if (entry.atMs <= atMs) chosen = entry;
      else break;
    }
    const view = chosen.state.fork();
    view.advance(Math.max(atMs, chosen.atMs));
    return view;
  }

  get size(): number {
    return this.entries.length;
  }
}
