import * as assert from 'node:assert/strict';
import { TASK_PREFIX } from '../../../src/tasks/shared/taskRecords';
import { FakeClock } from '../support/fakeClock';
import { MemoryFolder } from './memoryBoardFs';
import { groupRef, newTask } from './taskFixtures';
import { openWindow, POLL_MS, setStatus } from './windows';

describe('tasks/task keys: one task, one key', () => {
  it('the same TaskId under two profiles is two tasks, and signing one out keeps the other', async () => {
    const folder = new MemoryFolder();
    const clock = new FakeClock();
    const a = openWindow(folder, clock, 'a');
    await clock.advance(0);
    setStatus([a], 900, 'Running', 10);
    a.tracker.start(newTask({ profileId: 'work' }));
    a.tracker.start(newTask({ profileId: 'home', owner: groupRef('pgrogrp-2') }));
    await clock.advance(POLL_MS);
    assert.deepEqual(a.tracker.tasks().map((task) => task.profileId).sort(), ['home', 'work']);
    assert.equal(folder.names(TASK_PREFIX).length, 2);
    a.tracker.forgetProfile('work');
    await clock.advance(POLL_MS);
    assert.deepEqual(a.tracker.tasks().map((task) => task.profileId), ['home']);
    assert.deepEqual([...a.tracker.busyOwnerIds()], ['pgrogrp-2'], "the other profile's group stays locked");
  });

  it('two answers without a TaskId at the same moment are two tasks: neither group loses its lock', async () => {
    const folder = new MemoryFolder();
    const clock = new FakeClock();
    const a = openWindow(folder, clock, 'a');
    const b = openWindow(folder, clock, 'b');
    await clock.advance(0);
    a.tracker.start(newTask({ taskId: undefined, profileId: 'work' }));
    b.tracker.start(newTask({ taskId: undefined, profileId: 'work' }));
    await clock.advance(0);
    assert.equal(folder.names(TASK_PREFIX).length, 2, 'two records on the board');
    for (const window of [a, b]) assert.equal(window.tracker.tasks().length, 2, `window ${window.id} sees both`);
  });
});
