/** What every benchmark shares: the client the extension builds, request-log arithmetic, and the result rows. */
import type { Logger } from '../../src/domain/logger';
import { createTencentCloudApi, type DisposableCloudApi } from '../../src/cloud/tencentCloudApi';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY, type RequestLogEntry } from '../emulator';

/** One figure of the report, next to its lower bound. */
export interface BenchRow {
  readonly group: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** What no client could beat (or the reference to compare with); undefined when there is none. */
  readonly lowerBound?: number;
  /** The figure the design aims at, in the row's unit; undefined when there is none. */
  readonly target?: number;
  /** How `target` reads: "<=" (at most) is the default. */
  readonly targetKind?: '<=' | '=';
  readonly note?: string;
}

/** The client exactly as the extension builds it (documented rate limits, retries), pointed at the emulator. */
export function createBenchClient(url: string): { api: DisposableCloudApi; logLines: () => string[] } {
  const lines: string[] = [];
  const keep = (message: string): void => {
    lines.push(message);
  };
  const logger: Logger = { trace: keep, debug: keep, info: keep, warn: keep, error: keep };
  const api = createTencentCloudApi({
    site: 'intl',
    endpoint: url,
    credentials: { getCredentials: () => Promise.resolve({ secretId: DEMO_SECRET_ID, secretKey: DEMO_SECRET_KEY }) },
    logger,
  });
  return { api, logLines: () => lines };
}

export function countAction(log: readonly RequestLogEntry[], action?: string): number {
  return log.filter((entry) => action === undefined || entry.action === action).length;
}

export function countThrottled(log: readonly RequestLogEntry[]): number {
  return log.filter((entry) => entry.outcome.startsWith('RequestLimitExceeded')).length;
}

/** Most requests of `action` that arrived within any `windowMs` (by the emulator's arrival times). */
export function peakRate(log: readonly RequestLogEntry[], action: string, windowMs = 1000): number {
  const times = log.filter((entry) => entry.action === action).map((entry) => Date.parse(entry.time)).sort((a, b) => a - b);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end] - times[start] >= windowMs) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

/** Milliseconds since `start` (performance.now()). */
export function since(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Runs `work`, rejecting if it takes longer than `ms`. */
export async function withTimeout<T>(what: string, ms: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The account's one-second windows empty out before the next run, so one run's calls do not pace the next: three
 * whole-account loads within a second (1,080 DescribeReadOnlyGroups) are more than the documented 1,000/s allow,
 * and the client rightly waits. A user does not load the whole account three times a second.
 */
export function accountWindowPassed(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1_100));
}
