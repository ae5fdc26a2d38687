/**
 * The event loop's delay while our code works: the extension host is shared with every other extension, so a long
 * synchronous stretch in ours freezes them all. perf_hooks.monitorEventLoopDelay samples the loop's lateness.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { BenchRow } from './measure';

/** The targets of the bench: no stretch over 50 ms, and 99% of the samples at most 10 ms late. */
export const EVENT_LOOP_MAX_TARGET_MS = 50;
export const EVENT_LOOP_P99_TARGET_MS = 10;
const RESOLUTION_MS = 5;

/**
 * A monitor over several timed stretches (e.g. the runs of a section); start() and stop() around each. Each stretch
 * has its own histogram: one histogram disabled and enabled again counts the whole pause between two stretches as a
 * single delay (Node 20: a second's pause between two runs showed as a 1.1 s "long task").
 */
export class EventLoopDelayMonitor {
  private readonly stretches: IntervalHistogram[] = [];
  private current: IntervalHistogram | undefined;

  start(): void {
    this.current = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    this.stretches.push(this.current);
    this.current.enable();
  }

  stop(): void {
    this.current?.disable();
    this.current = undefined;
  }

  /**
   * Stops once the monitor's timer has fired again: a synchronous stretch that ends the measured work (e.g. writing
   * an export's text) is recorded only by the next sample, which stop() straight after it would never take.
   */
  async sampleAndStop(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 2 * RESOLUTION_MS));
    this.stop();
  }

  /** Two rows (max and p99, in ms) with their targets, or without them for a reference measured beside ours. */
  rows(group: string, what: string, targets = true): BenchRow[] {
    const toMs = (ns: number): number => Math.round(ns / 1e5) / 10;
    const samples = this.stretches.reduce((sum, histogram) => sum + histogram.count, 0);
    const worst = (figure: (histogram: IntervalHistogram) => number): number => Math.max(0, ...this.stretches.map(figure));
    return [
      {
        group,
        name: `event-loop delay during ${what}: max`,
        value: toMs(worst((histogram) => histogram.max)),
        unit: 'ms',
        target: targets ? EVENT_LOOP_MAX_TARGET_MS : undefined,
        note: `perf_hooks.monitorEventLoopDelay, 5 ms resolution, ${samples} samples in ${this.stretches.length} stretch(es); the bench's process stands in for the host`,
      },
      {
        group,
        name: `event-loop delay during ${what}: p99`,
        value: toMs(worst((histogram) => histogram.percentile(99))),
        unit: 'ms',
        target: targets ? EVENT_LOOP_P99_TARGET_MS : undefined,
        note: 'the worst stretch\'s p99 (histograms of separate stretches cannot be merged)',
      },
    ];
  }
}
