import type { Clock } from '../../domain/clock';
import type { ReadBack, WriteOutcome } from './readBack';

export interface SettleOptions {
  readonly clock: Clock;
  /** How long "no change" must hold before it is believed: longer than a late apply plus the listing lag. */
  readonly windowMs: number;
  /** Between two reads of the owner. */
  readonly intervalMs: number;
  readonly signal?: AbortSignal;
  /** Called after each read with the time watched so far. */
  readonly onRead?: (outcome: WriteOutcome, watchedMs: number) => void;
}

export interface Settled {
  /** `didNotTakeEffect` only when the owner showed no change for the whole window. */
  readonly outcome: WriteOutcome;
  readonly watchedMs: number;
  /** The user stopped watching before the window ended: the outcome is then `unknown` unless it was already clear. */
  readonly cancelled: boolean;
}

/**
 * Reads the owner until the truth about a write whose answer was lost is settled. The cloud may apply the write
 * after the client gave up, and its listings may show it later still: "nothing changed" is believed only when it
 * has held for the whole window. A change seen, or the owner gone, ends the watch at once.
 */
export async function settleWriteOutcome(readBack: () => Promise<ReadBack>, options: SettleOptions): Promise<Settled> {
  const { clock } = options;
  const started = clock.monotonic();
  for (;;) {
    const { outcome } = await readBack();
    const watchedMs = clock.monotonic() - started;
    options.onRead?.(outcome, watchedMs);
    if (outcome === 'tookEffect' || outcome === 'ownerGone') return { outcome, watchedMs, cancelled: false };
    if (watchedMs >= options.windowMs) return { outcome, watchedMs, cancelled: false };
    if (options.signal?.aborted) return { outcome: 'unknown', watchedMs, cancelled: true };
    const wait = Math.min(options.intervalMs, options.windowMs - watchedMs);
    if (!(await sleep(clock, wait, options.signal))) return { outcome: 'unknown', watchedMs: clock.monotonic() - started, cancelled: true };
  }
}

/** Resolves true after `ms`, or false as soon as the signal aborts. */
function sleep(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clock.clearTimer(timer);
      resolve(false);
    };
    const timer = clock.setTimer(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
