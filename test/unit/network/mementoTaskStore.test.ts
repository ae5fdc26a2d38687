import * as assert from 'node:assert/strict';
import { MementoTaskStore, TASKS_STATE_KEY } from '../../../src/network/tracking/mementoTaskStore';
import { trackedTask } from '../tasks/taskFixtures';

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

const stored = trackedTask();

describe('tasks/MementoTaskStore', () => {
  it('keeps tasks across instances, and removes the key when none is left', async () => {
    const memento = new MapMemento();
    await new MementoTaskStore(memento).save([stored]);
    assert.deepEqual(new MementoTaskStore(memento).load(), [stored]);
    await new MementoTaskStore(memento).save([]);
    assert.equal(memento.values.has(TASKS_STATE_KEY), false);
  });

  it("keeps the task's profile, and reads tasks saved without one", async () => {
    const memento = new MapMemento();
    const withProfile = trackedTask({ profileId: 'work' });
    await new MementoTaskStore(memento).save([withProfile, stored]);
    const loaded = new MementoTaskStore(memento).load();
    assert.deepEqual(loaded, [withProfile, stored]);
    assert.equal(loaded[0].profileId, 'work');
    assert.equal('profileId' in loaded[1], false);
    memento.values.set(TASKS_STATE_KEY, [{ ...stored, profileId: 42 }]);
    assert.deepEqual(new MementoTaskStore(memento).load(), [], 'a profile that is not a name is not read');
  });

  it('ignores records it cannot read', () => {
    const memento = new MapMemento();
    memento.values.set(TASKS_STATE_KEY, [stored, { key: 'x' }, 42, null]);
    assert.deepEqual(new MementoTaskStore(memento).load(), [stored]);
    memento.values.set(TASKS_STATE_KEY, 'garbage');
    assert.deepEqual(new MementoTaskStore(memento).load(), []);
  });
});
