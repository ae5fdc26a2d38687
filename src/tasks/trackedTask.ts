import type { NetworkChangeKind } from '../domain/changeJudgement';
import type { GroupNetwork } from '../domain/model';
import type { OwnerRef } from '../domain/networkOwner';
import { unreachableOwner } from '../domain/networkOwner';

export type TaskKind = NetworkChangeKind;

/** Where the tracker learns how a task is doing: DescribeTasks, or its owner's own status when that fails. */
export type TaskSource = 'task' | 'group';

/** What is needed to start tracking a create or delete. */
export interface NewTask {
  readonly kind: TaskKind;
  readonly region: string;
  /** The read-only group or primary instance whose networks change. */
  readonly owner: OwnerRef;
  /** Its name as the user knows it, for the words about the task. */
  readonly ownerName: string;
  readonly vpcId: string;
  readonly subnetId: string;
  /** Add: the VIP asked for (undefined = assigned automatically). Remove: the VIP of the network removed. */
  readonly vip?: string;
  /** Undefined when the API's answer was lost but reading the owner back showed the change under way. */
  readonly taskId?: number;
  readonly requestId?: string;
  /** The owner's network addresses before an add: how an automatically assigned network is recognised. */
  readonly ipsBefore: readonly string[];
  /**
   * The credential profile the change was sent with: its task ids mean something only to that account. Undefined
   * for tasks persisted before profiles were recorded (polled with whichever profile is active).
   */
  readonly profileId?: string;
  /**
   * Where the change was sent (site and endpoint): its task is asked about there only. Undefined for tasks persisted
   * before it was recorded (polled wherever the profile points).
   */
  readonly connection?: string;
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
  return `${profile}/${task.region}/${task.owner.id}/${task.kind}/${startedAt}/${random().toString(36).slice(2, 10)}`;
}

/**
 * A task as written to the board and to global state. A group's task also carries the fields of the first release
 * (groupId, groupName, primaryInstanceId and no owner), so windows still running it go on following it; a primary's
 * task has no groupId, so they leave it alone as a record they cannot read.
 */
export function taskToRecord(task: TrackedTask): Record<string, unknown> {
  const { owner } = task;
  switch (owner.kind) {
    case 'readOnlyGroup':
      return { ...task, groupId: owner.id, groupName: task.ownerName, primaryInstanceId: owner.primaryInstanceId };
    case 'primaryInstance':
      return { ...task };
    default:
      return unreachableOwner(owner);
  }
}

/**
 * Reads a persisted task defensively: global state and the board may hold data written by another version. A
 * record without an owner is a read-only group's, as the first release wrote it.
 */
export function taskFromRecord(value: unknown): TrackedTask | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const owner = record.owner === undefined ? legacyGroupOwner(record) : ownerRefOf(record.owner);
  const ownerName = typeof record.ownerName === 'string' ? record.ownerName : record.groupName;
  const valid =
    owner !== undefined &&
    typeof ownerName === 'string' &&
    typeof record.key === 'string' &&
    (record.kind === 'addNetwork' || record.kind === 'removeNetwork') &&
    typeof record.region === 'string' &&
    typeof record.vpcId === 'string' &&
    typeof record.subnetId === 'string' &&
    typeof record.startedAt === 'number' &&
    (record.source === 'task' || record.source === 'group') &&
    Array.isArray(record.ipsBefore) &&
    (record.profileId === undefined || typeof record.profileId === 'string') &&
    (record.connection === undefined || typeof record.connection === 'string') &&
    (record.watchedMs === undefined || (typeof record.watchedMs === 'number' && record.watchedMs >= 0));
  if (!valid) return undefined;
  const { groupId: _groupId, groupName: _groupName, primaryInstanceId: _primaryInstanceId, ...rest } = record;
  return { ...(rest as unknown as TrackedTask), owner, ownerName };
}

function legacyGroupOwner(record: Record<string, unknown>): OwnerRef | undefined {
  const { region, groupId, primaryInstanceId } = record;
  if (typeof region !== 'string' || typeof groupId !== 'string' || typeof primaryInstanceId !== 'string') return undefined;
  return { kind: 'readOnlyGroup', region, id: groupId, primaryInstanceId };
}

/** An owner written by this version; an owner kind it does not know makes the record unreadable, never a group. */
function ownerRefOf(value: unknown): OwnerRef | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const owner = value as Record<string, unknown>;
  if (typeof owner.region !== 'string' || typeof owner.id !== 'string') return undefined;
  if (owner.kind === 'readOnlyGroup' && typeof owner.primaryInstanceId === 'string') {
    return { kind: 'readOnlyGroup', region: owner.region, id: owner.id, primaryInstanceId: owner.primaryInstanceId };
  }
  if (owner.kind === 'primaryInstance') return { kind: 'primaryInstance', region: owner.region, id: owner.id };
  return undefined;
}
