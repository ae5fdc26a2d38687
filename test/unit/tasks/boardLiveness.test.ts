import * as assert from 'node:assert/strict';
import { ENDED_KEEP_MS, LEASE_MS, RESCAN_MS } from '../../../src/tasks/shared/taskBoard';
import { fileName, TASK_PREFIX } from '../../../src/tasks/shared/taskRecords';
import { FakeClock } from '../support/fakeClock';
import { MemoryFolder } from './memoryBoardFs';
import { newTask } from './taskFixtures';
import { openWindow, POLL_MS, pollCalls, setStatus } from './windows';

describe('tasks/liveness on the shared board: judged by change seen, never by a wall clock', () => {
  it('a window that lives keeps its group locked past its bound: it renews its sending record', async () => {
    const folder = new MemoryFolder();
    const clock = new FakeClock();
    const a = openWindow(folder, clock, 'a', { sendingStaleMs: 4 * RESCAN_MS });
    const b = openWindow(folder, clock, 'b');
    await clock.advance(0);
    assert.equal(await a.board.owners.claimOwner({ ownerId: 'pgrogrp-1', kind: 'addNetwork' }), true);
    await clock.advance(10 * 60_000);
    assert.equal(await b.board.owners.claimOwner({ ownerId: 'pgrogrp-1', kind: 'addNetwork' }), false, 'still sending or settling: still locked');
    assert.ok(b.tracker.busyOwnerIds().has('pgrogrp-1'));

    a.tracker.dispose(); // the window is gone (no release: it died mid-send)
    await clock.advance(4 * RESCAN_MS + RESCAN_MS);
    assert.equal(await b.board.owners.claimOwner({ ownerId: 'pgrogrp-1', kind: 'addNetwork' }), true, "unchanged for its writer's bound: taken");
  });

  it('a +140 s wall-clock step makes no second poller, not even for a moment', async () => {
    const folder = new MemoryFolder();
    const clock = new FakeClock();
    // The poller opened last: the other windows' timers run first after the step, before it renews.
    const [b, c, a] = ['b', 'c', 'a'].map((id) => openWindow(folder, clock, id));
    await clock.advance(0);
    setStatus([a, b, c], 900, 'Running', 40);
    a.tracker.start(newTask());
    await clock.advance(POLL_MS);
    clock.jumpWallClock(140_000);
    await clock.advance(3 * LEASE_MS);
    assert.deepEqual([b, c].map(pollCalls), [0, 0]);
    const key = a.tracker.tasks()[0].key;
    assert.deepEqual([a, b, c].map((window) => window.board.leases.holds(key)), [true, false, false]);
  });

  it('a task record that cannot be read (a newer version wrote it) is kept as last read, not dropped', async () => {
    const folder = new MemoryFolder();
    const clock = new FakeClock();
    const a = openWindow(folder, clock, 'a');
    const b = openWindow(folder, clock, 'b');
    await clock.advance(0);
    setStatus([a, b], 900, 'Running', 40);
    a.tracker.start(newTask());
    await clock.advance(POLL_MS);
    const dropped: string[] = [];
    b.tracker.onDidEndElsewhere((task) => dropped.push(task.key));
    const name = fileName(TASK_PREFIX, a.tracker.tasks()[0].key);
    const record = JSON.parse(folder.files.get(name) ?? '{}') as { task: Record<string, unknown> };
    folder.files.set(name, JSON.stringify({ ...record, task: { ...record.task, kind: 'resizeNetwork' } }));
    await b.board.rescan();
    await clock.advance(POLL_MS);
    assert.deepEqual(dropped, []);
    assert.deepEqual(b.tracker.tasks().map((task) => task.taskId), [900]);
    assert.ok(b.logged.some((line) => line.includes(name) && line.includes('left alone')), b.logged.join('\n'));
  });

  it("a wall-clock step forward does not sweep a task's end before the other windows had time to read it", async () => {
    const folder = new MemoryFolder();
    const clock = new FakeClock();
    const a = openWindow(folder, clock, 'a');
    await clock.advance(0);
    setStatus([a], 900, 'Success', 100);
    a.tracker.start(newTask());
    await clock.advance(POLL_MS);
    assert.equal(a.outcomes.length, 1);
    assert.equal(folder.names(TASK_PREFIX).length, 1, 'the end is recorded');
    clock.jumpWallClock(60 * 60_000);
    await a.board.rescan();
    assert.equal(folder.names(TASK_PREFIX).length, 1, 'kept after the step');
    await clock.advance(ENDED_KEEP_MS + RESCAN_MS);
    assert.deepEqual(folder.names(TASK_PREFIX), [], 'swept once it has read the same for the whole keep time');
  });
});
