import type { OwnerRef } from '../../../src/domain/networkOwner';
import type { NewTask, TrackedTask } from '../../../src/tasks/trackedTask';

/** A read-only group of the fake primary `postgres-1`, as tasks name their owner. */
export function groupRef(id = 'pgrogrp-1'): OwnerRef {
  return { kind: 'readOnlyGroup', region: 'ap-guangzhou', id, primaryInstanceId: 'postgres-1' };
}

/** An add of a network to the fake group `pgrogrp-1`, with the DescribeTasks id 900. */
export function newTask(overrides: Partial<NewTask> = {}): NewTask {
  return {
    kind: 'addNetwork',
    region: 'ap-guangzhou',
    owner: groupRef(),
    ownerName: 'reporting',
    vpcId: 'vpc-main',
    subnetId: 'subnet-b',
    taskId: 900,
    ipsBefore: ['10.0.1.4'],
    ...overrides,
  };
}

/** The same task as the tracker keeps it, started at epoch 0 and followed through DescribeTasks. */
export function trackedTask(overrides: Partial<TrackedTask> = {}): TrackedTask {
  return {
    ...newTask(),
    key: 'ap-guangzhou/task/900',
    startedAt: 0,
    source: 'task',
    sawActivity: false,
    ...overrides,
  };
}
