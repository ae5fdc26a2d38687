import type { TaskKind, TaskResult, TrackedTask } from '../trackedTask';
import { taskFromRecord } from '../trackedTask';
import type { UnsettledWrite } from './unsettledRecord';
import { parseUnsettled } from './unsettledRecord';

/**
 * The board's files, one per fact, so that windows never overwrite each other's lists:
 * - `task-<key>.json`: a task in flight (`running`, with its progress as its poller last saw it) or just `ended`;
 * - `lease-<key>.json`: which window polls that task;
 * - `sending-<group>.json`: a create or delete being sent to that group (the cross-window lock of the group).
 *
 * Leases and sending records are renewed by their holder (`seq` changes) and carry how long their writer says they
 * stand once they stop changing. A reader judges them by the change it sees on its own monotonic clock, with the
 * writer's bound: never with its own settings or its wall clock, which a user may set to anything at any time.
 * A file that does not parse (torn, or written by a newer version) is `unknown`: left alone, never taken as free.
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
  /** Wall time, for the log: the sweep judges by how long the record has read the same, not by this. */
  readonly endedAt: number;
}

export type TaskRecord = RunningRecord | EndedRecord;

/** The version of the lease and sending records this build writes; a higher one is a newer build's: left alone. */
export const RECORD_VERSION = 2;

/** Recorded before a Create or Delete is sent; removed once its task is recorded or the send clearly failed. */
export interface SendingRecord {
  readonly state: 'sending';
  readonly groupId: string;
  readonly kind: TaskKind;
  readonly profileId?: string;
  /** Wall time it was recorded: for the log only, never to judge it. */
  readonly sentAt: number;
  readonly owner: string;
  /** Changes on every renewal by its holder. */
  readonly seq?: number;
  /**
   * The writer's own bound (its request timeout + settle window + margin): once the record has stopped changing
   * for this long its window is gone. Undefined in records of older versions, which are judged by the reader's.
   */
  readonly holdMs?: number;
  /**
   * A write whose answer was lost and whose fate is being settled by the record's window: what a window that
   * outlives it needs to settle it. Older versions ignore the field (and judge the record as they always did).
   */
  readonly unsettled?: UnsettledWrite;
}

export interface LeaseRecord {
  readonly owner: string;
  /** Wall time, written for older versions, which judge by it; this one does not. */
  readonly expiresAt: number;
  /** Changes on every renewal: a lease unchanged for its period is dead whatever any wall clock says. */
  readonly seq: number;
  /** The writer's lease period (undefined from older versions: the reader's own then). */
  readonly leaseMs?: number;
}

/** A file of the board that exists but does not parse: torn, or from a newer version. */
export const UNKNOWN = 'unknown';
export type Unknown = typeof UNKNOWN;

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
  const task = value && taskFromRecord(value.task);
  if (!value || !task) return undefined;
  if (value.state === 'running') return { state: 'running', task };
  if (value.state === 'ended' && typeof value.result === 'string' && typeof value.endedAt === 'number') {
    return { state: 'ended', task, result: value.result as TaskResult, endedAt: value.endedAt };
  }
  return undefined;
}

/** What a task file says: undefined when there is no file, `unknown` when it does not parse. */
export function readTaskRecord(text: string | undefined): TaskRecord | Unknown | undefined {
  if (text === undefined) return undefined;
  return parseTaskRecord(text) ?? UNKNOWN;
}

/** What a sending file says: undefined when there is no file, `unknown` when it does not parse or is newer. */
export function readSending(text: string | undefined): SendingRecord | Unknown | undefined {
  if (text === undefined) return undefined;
  if (newerVersion(text)) return UNKNOWN;
  return parseSending(text) ?? UNKNOWN;
}

/** What a lease file says: undefined when there is no file, `unknown` when it does not parse or is newer. */
export function readLease(text: string | undefined): LeaseRecord | Unknown | undefined {
  if (text === undefined) return undefined;
  if (newerVersion(text)) return UNKNOWN;
  return parseLease(text) ?? UNKNOWN;
}

function newerVersion(text: string): boolean {
  const version = parse(text)?.version;
  return typeof version === 'number' && version > RECORD_VERSION;
}

function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
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
    seq: optionalNumber(value.seq),
    holdMs: optionalNumber(value.holdMs),
    unsettled: parseUnsettled(value.unsettled),
  };
}

export function parseLease(text: string | undefined): LeaseRecord | undefined {
  const value = parse(text);
  if (!value || typeof value.owner !== 'string' || typeof value.expiresAt !== 'number' || typeof value.seq !== 'number') return undefined;
  return { owner: value.owner, expiresAt: value.expiresAt, seq: value.seq, leaseMs: optionalNumber(value.leaseMs) };
}
