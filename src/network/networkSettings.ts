import type { TrackerTiming } from '../tasks/taskTracker';
import { userSetting } from '../ui/userSetting';

export const DEFAULT_TASK_TIMEOUT_MINUTES = 30;
export const DEFAULT_TASK_POLL_INTERVAL_SECONDS = 3;
export const DEFAULT_WRITE_SETTLE_SECONDS = 60;

/** The network feature's timing, read from the settings at each use so a change applies at once. */
export const networkSettings: TrackerTiming & { timeoutMinutes(): number; writeSettleMs(): number } = {
  timeoutMinutes(): number {
    return readNumber('taskTimeoutMinutes', DEFAULT_TASK_TIMEOUT_MINUTES, 1, 24 * 60);
  },
  timeoutMs(): number {
    return this.timeoutMinutes() * 60_000;
  },
  /** After a lost answer, how long the group must show no change before "nothing was changed" is said. */
  writeSettleMs(): number {
    return readNumber('writeSettleSeconds', DEFAULT_WRITE_SETTLE_SECONDS, 1, 600) * 1000;
  },
  pollIntervalMs(): number {
    return readNumber('taskPollIntervalSeconds', DEFAULT_TASK_POLL_INTERVAL_SECONDS, 0.2, 60) * 1000;
  },
};

function readNumber(key: string, fallback: number, min: number, max: number): number {
  const value = userSetting(key);
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}
