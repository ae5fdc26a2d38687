import type { TaskKind, TaskResult, TrackedTask } from '../trackedTask';
import { isTrackedTask } from '../trackedTask';

/**
 * The board's files, one per fact, so that windows never overwrite each other's lists:
 * - `task-<key>.json`: a task in flight (`running`, with its progress as its poller last saw it) or just `ended`;
 * - `lease-<key>.json`: which window polls that task, until when;
 * - `sending-<group>.json`: a create or delete being sent to that group (the cross-window lock of the group).
 */
export const TASK_PREFIX = 'task-';
export const LEASE_PREFIX = 'lease-';
export const SENDING_PREFIX = 'sending-';
const SUFFIX = '.json';

export interface RunningRecord {
  readonly state: 'running';
  readonly task: TrackedTask;
}

export interface EndedRecord {
  readonly state: 'ended';
  readonly task: TrackedTask;
  readonly result: TaskResult;
  /** Wall time: ended records are swept some minutes later. */
  readonly endedAt: number;
}

export type TaskRecord = RunningRecord | EndedRecord;

/** Recorded before a Create or Delete is sent; removed once its task is recorded or the send clearly failed. */
export interface SendingRecord {
  readonly state: 'sending';
  readonly groupId: string;
  readonly kind: TaskKind;
  readonly profileId?: string;
  /** Wall time it was recorded: a record older than the sending bound is stale (its window died mid-send). */
  readonly sentAt: number;
  readonly owner: string;
}

export interface LeaseRecord {
  readonly owner: string;
  /** Wall time; renewed well before it passes. */
  readonly expiresAt: number;
  /** Changes on every renewal: a lease unchanged for long is dead whatever the wall clock says. */
  readonly seq: number;
}

export function fileName(prefix: string, id: string): string {
  return `${prefix}${encodeURIComponent(id)}${SUFFIX}`;
}

/** The id in a board file's name, or undefined when the file is not of that kind (temporary files among them). */
export function idOf(prefix: string, name: string): string | undefined {
  if (!name.startsWith(prefix) || !name.endsWith(SUFFIX)) return undefined;
  try {
    return decodeURIComponent(name.slice(prefix.length, -SUFFIX.length));
  } catch {
    return undefined;
  }
}

function parse(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function parseTaskRecord(text: string | undefined): TaskRecord | undefined {
  const value = parse(text);
  if (!value || !isTrackedTask(value.task)) return undefined;
  if (value.state === 'running') return { state: 'running', task: value.task };
  if (value.state === 'ended' && typeof value.result === 'string' && typeof value.endedAt === 'number') {
    return { state: 'ended', task: value.task, result: value.result as TaskResult, endedAt: value.endedAt };
  }
  return undefined;
}

export function parseSending(text: string | undefined): SendingRecord | undefined {
  const value = parse(text);
  if (!value || value.state !== 'sending' || typeof value.groupId !== 'string' || typeof value.sentAt !== 'number' || typeof value.owner !== 'string') return undefined;
  if (value.kind !== 'addNetwork' && value.kind !== 'removeNetwork') return undefined;
  return {
    state: 'sending',
    groupId: value.groupId,
    kind: value.kind,
    profileId: typeof value.profileId === 'string' ? value.profileId : undefined,
    sentAt: value.sentAt,
    owner: value.owner,
  };
}

export function parseLease(text: string | undefined): LeaseRecord | undefined {
  const value = parse(text);
  if (!value || typeof value.owner !== 'string' || typeof value.expiresAt !== 'number' || typeof value.seq !== 'number') return undefined;
  return { owner: value.owner, expiresAt: value.expiresAt, seq: value.seq };
}
