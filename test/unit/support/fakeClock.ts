import type { Clock, TimerHandle } from '../../../src/domain/clock';

/**
 * A clock whose time moves only when the test says so. `advance` moves both clocks and fires due timers in order;
 * `jumpWallClock` moves only the wall clock, as a user changing the system time would.
 */
export class FakeClock implements Clock {
  private wall: number;
  private mono = 0;
  private nextId = 1;
  private timers: { id: number; at: number; callback: () => void }[] = [];

  constructor(startWall = 1_700_000_000_000) {
    this.wall = startWall;
  }

  now(): number {
    return this.wall;
  }

  monotonic(): number {
    return this.mono;
  }

  setTimer(callback: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    this.timers.push({ id, at: this.mono + Math.max(0, delayMs), callback });
    return id;
  }

  clearTimer(handle: TimerHandle): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  pendingTimers(): number {
    return this.timers.length;
  }

  jumpWallClock(ms: number): void {
    this.wall += ms;
  }

  /** Moves time forward, firing due timers in order and letting the promises they start settle between them. */
  async advance(ms: number): Promise<void> {
    const end = this.mono + ms;
    for (;;) {
      await settle();
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.wall += next.at - this.mono;
      this.mono = Math.max(this.mono, next.at);
      next.callback();
    }
    this.wall += end - this.mono;
    this.mono = end;
    await settle();
  }
}

/** Work that is still under way in this process without a fake timer: an immediate, or a file read or write. */
const PENDING_WORK = new Set(['Immediate', 'FSReqCallback', 'FSReqPromise']);
/** A bound so that code that keeps scheduling immediates forever fails the test instead of hanging it. */
const MAX_TURNS = 10_000;

/**
 * Lets everything the code under test started run to its next wait on the fake clock. Each event-loop turn drains
 * every pending promise callback, however many awaits deep; the loop goes on while immediates or file operations
 * are still pending, so an extra `await`, immediate or read in the code under test needs no change here.
 */
export async function settle(): Promise<void> {
  for (let turn = 0; turn < MAX_TURNS; turn++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (!process.getActiveResourcesInfo().some((resource) => PENDING_WORK.has(resource))) return;
  }
  throw new Error(`settle(): work was still pending after ${MAX_TURNS} event-loop turns`);
}
