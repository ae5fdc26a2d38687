import type { NetworkChangeKind } from '../domain/groupJudgement';
import type { GroupNetwork } from '../domain/model';

export type TaskKind = NetworkChangeKind;

/** Where the tracker learns how a task is doing: DescribeTasks, or the group's own status when that fails. */
export type TaskSource = 'task' | 'group';

/** What is needed to start tracking a create or delete. */
export interface NewTask {
  readonly kind: TaskKind;
  readonly region: string;
  readonly primaryInstanceId: string;
  readonly groupId: string;
  readonly groupName: string;
  readonly vpcId: string;
  readonly subnetId: string;
  /** Add: the VIP asked for (undefined = assigned automatically). Remove: the VIP of the network removed. */
  readonly vip?: string;
  /** Undefined when the API's answer was lost but reading the group back showed the change under way. */
  readonly taskId?: number;
  readonly requestId?: string;
  /** The group's network addresses before an add: how an automatically assigned network is recognised. */
  readonly ipsBefore: readonly string[];
  /**
   * The credential profile the change was sent with: its task ids mean something only to that account. Undefined
   * for tasks persisted before profiles were recorded (polled with whichever profile is active).
   */
  readonly profileId?: string;
}

/** A task in flight, as persisted in the extension's global state (plain JSON). */
export interface TrackedTask extends NewTask {
  /** Unique among tracked tasks. */
  readonly key: string;
  /** Epoch milliseconds. */
  readonly startedAt: number;
  source: TaskSource;
  /** 0..100 from DescribeTasks; undefined while watching the group. */
  progress?: number;
  step?: string;
  /** The group or network was seen changing: a group back to ok without the change then means it failed. */
  sawActivity: boolean;
  /**
   * How long the task has been followed, in any window, up to its last save: what its timeout counts. Time with
   * every window closed, or spent waiting for its profile, is not counted: the task was not being watched.
   */
  watchedMs?: number;
}

export type TaskResult = 'succeeded' | 'failed' | 'timedOut';

export interface TaskOutcome {
  readonly task: TrackedTask;
  readonly result: TaskResult;
  /** The task's own message on failure (DescribeTasks' TaskDetail.Message), when there is one. */
  readonly message?: string;
  /** The network as the group lists it at the end, when known (the VIP of an automatic assignment). */
  readonly network?: GroupNetwork;
  readonly finishedAt: number;
}

/**
 * The key of a task on the board and in every window. A TaskId means something only to the account that started
 * it, so the profile is part of the key: the same id under two profiles is two tasks, and signing one out leaves
 * the other. A task followed by its group has no id from the cloud: a random part keeps two started at the same
 * moment apart (in two windows, or two profiles), each with its own record and lock.
 */
export function taskKey(task: NewTask, startedAt: number, random: () => number = Math.random): string {
  const profile = task.profileId ?? '-';
  if (task.taskId !== undefined) return `${profile}/${task.region}/task/${task.taskId}`;
  return `${profile}/${task.region}/${task.groupId}/${task.kind}/${startedAt}/${random().toString(36).slice(2, 10)}`;
}

/** Reads persisted tasks defensively: global state may hold data written by an older version. */
export function isTrackedTask(value: unknown): value is TrackedTask {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.key === 'string' &&
    (record.kind === 'addNetwork' || record.kind === 'removeNetwork') &&
    typeof record.region === 'string' &&
    typeof record.primaryInstanceId === 'string' &&
    typeof record.groupId === 'string' &&
    typeof record.groupName === 'string' &&
    typeof record.vpcId === 'string' &&
    typeof record.subnetId === 'string' &&
    typeof record.startedAt === 'number' &&
    (record.source === 'task' || record.source === 'group') &&
    Array.isArray(record.ipsBefore) &&
    (record.profileId === undefined || typeof record.profileId === 'string') &&
    (record.watchedMs === undefined || (typeof record.watchedMs === 'number' && record.watchedMs >= 0))
  );
}
