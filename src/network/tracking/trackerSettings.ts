import * as vscode from 'vscode';
import type { TrackerTiming } from '../../tasks/taskTracker';

export const DEFAULT_TASK_TIMEOUT_MINUTES = 30;
export const DEFAULT_TASK_POLL_INTERVAL_SECONDS = 3;

/** The tracker's timing, read from the settings at each use so a change applies at once. */
export const trackerSettings: TrackerTiming & { timeoutMinutes(): number } = {
  timeoutMinutes(): number {
    return readNumber('taskTimeoutMinutes', DEFAULT_TASK_TIMEOUT_MINUTES, 1, 24 * 60);
  },
  timeoutMs(): number {
    return this.timeoutMinutes() * 60_000;
  },
  pollIntervalMs(): number {
    return readNumber('taskPollIntervalSeconds', DEFAULT_TASK_POLL_INTERVAL_SECONDS, 0.2, 60) * 1000;
  },
};

function readNumber(key: string, fallback: number, min: number, max: number): number {
  const value = vscode.workspace.getConfiguration('tencentdbPostgres').get<unknown>(key);
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}
