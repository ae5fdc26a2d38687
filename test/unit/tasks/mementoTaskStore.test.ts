import * as assert from 'node:assert/strict';
import { MementoTaskStore, TASKS_STATE_KEY } from '../../../src/tasks/mementoTaskStore';
import type { TrackedTask } from '../../../src/tasks/trackedTask';

class MapMemento {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}

const stored: TrackedTask = {
  key: 'ap-guangzhou/task/900',
  kind: 'addNetwork',
  region: 'ap-guangzhou',
  primaryInstanceId: 'postgres-1',
  groupId: 'pgrogrp-1',
  groupName: 'reporting',
  vpcId: 'vpc-main',
  subnetId: 'subnet-b',
  taskId: 900,
  ipsBefore: ['10.0.1.4'],
  startedAt: 1,
  source: 'task',
  sawActivity: false,
};

describe('tasks/MementoTaskStore', () => {
  it('keeps tasks across instances, and removes the key when none is left', async () => {
    const memento = new MapMemento();
    await new MementoTaskStore(memento).save([stored]);
    assert.deepEqual(new MementoTaskStore(memento).load(), [stored]);
    await new MementoTaskStore(memento).save([]);
    assert.equal(memento.values.has(TASKS_STATE_KEY), false);
  });

  it('ignores records it cannot read', () => {
    const memento = new MapMemento();
    memento.values.set(TASKS_STATE_KEY, [stored, { key: 'x' }, 42, null]);
    assert.deepEqual(new MementoTaskStore(memento).load(), [stored]);
    memento.values.set(TASKS_STATE_KEY, 'garbage');
    assert.deepEqual(new MementoTaskStore(memento).load(), []);
  });
});
