/**
 * The one port for time. Everything that reads the time or sets a timer takes a Clock, so that tests drive time
 * by hand and no code reads `Date.now()` where a clock jump could end or stall what it measures.
 */
export interface Clock {
  /** Wall-clock epoch milliseconds: for what is stored, shown or compared with the cloud's own times. */
  now(): number;
  /** Milliseconds on a clock that never jumps: for durations, deadlines and rate windows. */
  monotonic(): number;
  setTimer(callback: () => void, delayMs: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

/** Opaque: only the clock that made it can clear it. */
export type TimerHandle = unknown;

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimer: (callback, delayMs) => {
    const handle = setTimeout(callback, delayMs);
    // A pending timer must not keep the extension host (or a test run) alive.
    handle.unref?.();
    return handle;
  },
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
