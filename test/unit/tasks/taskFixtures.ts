import type { NewTask, TrackedTask } from '../../../src/tasks/trackedTask';

/** An add of a network to the fake group `pgrogrp-1`, with the DescribeTasks id 900. */
export function newTask(overrides: Partial<NewTask> = {}): NewTask {
  return {
    kind: 'addNetwork',
    region: 'ap-guangzhou',
    primaryInstanceId: 'postgres-1',
    groupId: 'pgrogrp-1',
    groupName: 'reporting',
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
