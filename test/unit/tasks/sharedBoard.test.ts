import * as assert from 'node:assert/strict';
import { LEASE_MS } from '../../../src/tasks/shared/taskBoard';
import { SENDING_PREFIX, TASK_PREFIX } from '../../../src/tasks/shared/taskRecords';
import { FakeClock } from '../support/fakeClock';
import { MemoryFolder } from './memoryBoardFs';
import { groupRef, newTask, trackedTask } from './taskFixtures';
import { openWindow, POLL_MS, pollCalls, SENDING_STALE_MS, setStatus } from './windows';

describe('tasks/a board shared by several windows', () => {
  function threeWindows() {
    const folder = new MemoryFolder();
    const clock = new FakeClock();
    const windows = ['a', 'b', 'c'].map((id) => openWindow(folder, clock, id));
    return { folder, clock, windows };
  }

  it('one window polls a task; the others show its progress; one notification when it ends', async () => {
    const { clock, windows } = threeWindows();
    const [a, b, c] = windows;
    await clock.advance(0);
    setStatus(windows, 900, 'Running', 30);
    a.tracker.start(newTask());
    await clock.advance(POLL_MS);
    for (const window of [b, c]) {
      assert.deepEqual(window.tracker.tasks().map((task) => [task.taskId, task.progress]), [[900, 30]], `window ${window.id} shows the progress`);
      assert.deepEqual([...window.tracker.busyOwnerIds()], ['pgrogrp-1']);
    }
    await clock.advance(60_000);
    assert.ok(pollCalls(a) > 3, `the starting window polls (${pollCalls(a)} calls)`);
    assert.equal(pollCalls(b) + pollCalls(c), 0, 'the other windows do not');

    const endedElsewhere = windows.map(() => 0);
    windows.forEach((window, i) => window.tracker.onDidEndElsewhere(() => endedElsewhere[i]++));
    setStatus(windows, 900, 'Success', 100);
    await clock.advance(60_000);
    assert.deepEqual(windows.map((window) => window.outcomes.map((outcome) => outcome.result)), [['succeeded'], [], []]);
    assert.deepEqual(endedElsewhere, [0, 1, 1], 'the other windows redraw the group, without a notification');
    assert.deepEqual(windows.map((window) => window.tracker.tasks().length), [0, 0, 0]);
  });

  it('drops no task when windows start tasks at the same moment', async () => {
    const { folder, clock, windows } = threeWindows();
    await clock.advance(0);
    windows.forEach((window, i) => window.tracker.start(newTask({ taskId: 900 + i, owner: groupRef(`g-${i}`) })));
    [0, 1, 2].forEach((i) => setStatus(windows, 900 + i, 'Running', 10));
    await clock.advance(POLL_MS);
    assert.equal(folder.names(TASK_PREFIX).length, 3);
    for (const window of windows) {
      assert.deepEqual(window.tracker.tasks().map((task) => task.taskId).sort(), [900, 901, 902], `window ${window.id} sees every task`);
    }
  });

  it('a rescan that read the folder before this window wrote to it does not undo the write', async () => {
    const { clock, windows } = threeWindows();
    const [a, b] = windows;
    await clock.advance(0);
    setStatus(windows, 900, 'Running', 10);
    setStatus(windows, 901, 'Running', 10);
    b.tracker.start(newTask({ taskId: 901, owner: groupRef('g-b') }));
    await clock.advance(POLL_MS);
    const dropped: string[] = [];
    a.tracker.onDidEndElsewhere((task) => dropped.push(task.key));
    for (let i = 0; i < 20; i++) {
      const scanning = a.board.rescan(); // lists the folder now, reads the files after the write below
      a.tracker.start(newTask({ taskId: 1000 + i, owner: groupRef(`g-${i}`) }));
      setStatus(windows, 1000 + i, 'Running', 10);
      await scanning;
    }
    await clock.advance(POLL_MS);
    assert.deepEqual(dropped, []);
    assert.equal(a.tracker.tasks().length, 21);
  });

  it('a rescan that read a sending record before this window released it does not bring the lock back', async () => {
    const { folder, clock, windows } = threeWindows();
    const [a] = windows;
    await clock.advance(0);
    assert.equal(await a.board.owners.claimOwner({ ownerId: 'g-1', kind: 'removeNetwork', profileId: 'work' }), true);
    // Another window's task, listed after the sending record: the release lands while the scan reads it, after
    // the scan has read (and kept) the sending record.
    folder.files.set(`${TASK_PREFIX}other.json`, JSON.stringify({ state: 'running', task: trackedTask({ key: 'other' }) }));
    // No change notification comes to correct it by another scan (fs.watch is best effort, and late).
    folder.watching = false;
    let released: Promise<void> | undefined;
    folder.afterRead = (name) => {
      if (name.startsWith(TASK_PREFIX)) released ??= a.board.owners.releaseOwner('g-1');
    };
    await a.board.rescan();
    folder.afterRead = undefined;
    await released;
    assert.ok(released, 'the scan read the sending record');
    assert.equal(a.tracker.busyOwnerIds().has('g-1'), false, 'the released group is busy again after the rescan');
  });

  it('finds changes by rescanning when change notifications are lost', async () => {
    const { folder, clock, windows } = threeWindows();
    folder.watching = false;
    await clock.advance(0);
    windows[0].tracker.start(newTask());
    await clock.advance(10_000);
    assert.equal(windows[1].tracker.tasks().length, 1);
  });

  it('a window that stops polling (its lease unrenewed) is taken over after the lease expires', async () => {
    const folder = new MemoryFolder();
    const shared = new FakeClock();
    const stopped = new FakeClock(shared.now()); // a window frozen or killed: its clock never fires again
    const a = openWindow(folder, stopped, 'a');
    const b = openWindow(folder, shared, 'b');
    await stopped.advance(0);
    setStatus([a, b], 900, 'Running', 40);
    a.tracker.start(newTask());
    await stopped.advance(0);
    await shared.advance(LEASE_MS / 2);
    assert.equal(pollCalls(b), 0, 'not taken while the lease is valid');
    await shared.advance(LEASE_MS);
    assert.ok(pollCalls(b) > 0, 'taken over once expired');
    assert.equal(b.tracker.tasks()[0].progress, 40);
    setStatus([a, b], 900, 'Success', 100);
    await shared.advance(60_000);
    assert.deepEqual(b.outcomes.map((outcome) => outcome.result), ['succeeded']);
  });

  it('a window closing hands its tasks over at once', async () => {
    const { clock, windows } = threeWindows();
    const [a, b, c] = windows;
    await clock.advance(0);
    setStatus(windows, 900, 'Running', 40);
    a.tracker.start(newTask());
    await clock.advance(POLL_MS);
    a.tracker.dispose();
    await clock.advance(LEASE_MS / 3 + POLL_MS);
    assert.equal(pollCalls(b) + pollCalls(c) > 0, true);
    const before = [pollCalls(b), pollCalls(c)];
    await clock.advance(60_000);
    const polled = [pollCalls(b) - before[0], pollCalls(c) - before[1]];
    assert.equal(polled.filter((count) => count > 0).length, 1, `exactly one window polls: ${polled.join(', ')}`);
  });

  it('keeps one poller when the wall clock jumps back', async () => {
    const folder = new MemoryFolder();
    const clock = new FakeClock();
    const a = openWindow(folder, clock, 'a');
    const b = openWindow(folder, clock, 'b');
    await clock.advance(0);
    setStatus([a, b], 900, 'Running', 40);
    a.tracker.start(newTask());
    await clock.advance(POLL_MS);
    clock.jumpWallClock(-60 * 60_000);
    await clock.advance(5 * LEASE_MS);
    assert.equal(pollCalls(b), 0, 'a renewed lease stays with its holder');
    assert.ok(pollCalls(a) > 3);
  });

  it('a dead lease dated ahead (the wall clock went back) still expires on the monotonic clock', async () => {
    const folder = new MemoryFolder();
    const shared = new FakeClock();
    const stopped = new FakeClock(shared.now());
    const a = openWindow(folder, stopped, 'a');
    const b = openWindow(folder, shared, 'b');
    await stopped.advance(0);
    setStatus([a, b], 900, 'Running', 40);
    a.tracker.start(newTask());
    await stopped.advance(0);
    shared.jumpWallClock(-60 * 60_000);
    await shared.advance(LEASE_MS);
    assert.equal(pollCalls(b), 0);
    await shared.advance(2 * LEASE_MS);
    assert.ok(pollCalls(b) > 0, 'a lease unchanged for its period is dead whatever its stored expiry says');
  });

  it('keeps one poller after the wall clock jumps forward (the holder yields at its next renewal)', async () => {
    const { clock, windows } = threeWindows();
    await clock.advance(0);
    setStatus(windows, 900, 'Running', 40);
    windows[0].tracker.start(newTask());
    await clock.advance(POLL_MS);
    clock.jumpWallClock(60 * 60_000);
    await clock.advance(2 * LEASE_MS);
    const before = windows.map(pollCalls);
    await clock.advance(60_000);
    const polled = windows.map((window, i) => pollCalls(window) - before[i]);
    assert.equal(polled.filter((count) => count > 0).length, 1, `exactly one window polls: ${polled.join(', ')}`);
  });

  it("forgets a signed-out profile's tasks in every window", async () => {
    const { clock, windows } = threeWindows();
    await clock.advance(0);
    setStatus(windows, 900, 'Running', 10);
    setStatus(windows, 901, 'Running', 10);
    windows[0].tracker.start(newTask({ profileId: 'work' }));
    windows[0].tracker.start(newTask({ profileId: 'home', taskId: 901, owner: groupRef('g-2') }));
    await clock.advance(POLL_MS);
    windows[1].tracker.forgetProfile('work');
    await clock.advance(POLL_MS);
    for (const window of windows) assert.deepEqual(window.tracker.tasks().map((task) => task.profileId), ['home'], `window ${window.id}`);
  });

  it('brings in the tasks an older version kept in global state', async () => {
    const folder = new MemoryFolder();
    const clock = new FakeClock();
    const a = openWindow(folder, clock, 'a', { legacy: [trackedTask()] });
    await clock.advance(0);
    assert.deepEqual(a.tracker.tasks().map((task) => task.taskId), [900]);
    assert.deepEqual(a.store.saved, []);
    assert.equal(folder.names(TASK_PREFIX).length, 1);
  });
});

describe('tasks/the sending record: a group lock across windows that survives a reload', () => {
  it('refuses a second window, survives a reload of the first, and goes stale after its bound', async () => {
    const folder = new MemoryFolder();
    const clock = new FakeClock();
    const a = openWindow(folder, clock, 'a');
    const b = openWindow(folder, clock, 'b');
    await clock.advance(0);
    assert.equal(await a.board.owners.claimOwner({ ownerId: 'pgrogrp-1', kind: 'addNetwork', profileId: 'work' }), true);
    assert.equal(await b.board.owners.claimOwner({ ownerId: 'pgrogrp-1', kind: 'removeNetwork', profileId: 'work' }), false);
    await clock.advance(0);
    assert.ok(b.tracker.busyOwnerIds().has('pgrogrp-1'), 'busy in the other window before anything is sent');

    // The first window reloads mid-send: the record stays, and the new window knows the group is busy.
    a.tracker.dispose();
    const reloaded = openWindow(folder, clock, 'a2');
    await clock.advance(0);
    assert.ok(reloaded.tracker.busyOwnerIds().has('pgrogrp-1'));
    assert.equal(await reloaded.board.owners.claimOwner({ ownerId: 'pgrogrp-1', kind: 'addNetwork' }), false);

    await clock.advance(SENDING_STALE_MS + 1000);
    assert.equal(reloaded.tracker.busyOwnerIds().has('pgrogrp-1'), false, 'a stale record no longer holds the group');
    assert.equal(await reloaded.board.owners.claimOwner({ ownerId: 'pgrogrp-1', kind: 'addNetwork' }), true);
  });

  it('a task recorded before its sending record is released: the group is never free in between', async () => {
    const folder = new MemoryFolder();
    const clock = new FakeClock();
    const a = openWindow(folder, clock, 'a');
    const b = openWindow(folder, clock, 'b');
    await clock.advance(0);
    await a.board.owners.claimOwner({ ownerId: 'pgrogrp-1', kind: 'addNetwork' });
    const seen: boolean[] = [];
    b.board.onDidChange(() => seen.push(b.tracker.busyOwnerIds().has('pgrogrp-1')));
    a.tracker.start(newTask());
    void a.board.owners.releaseOwner('pgrogrp-1');
    await clock.advance(0);
    assert.deepEqual(folder.names(SENDING_PREFIX), []);
    assert.ok(seen.length > 0 && seen.every(Boolean), `busy at every change: ${seen.join(', ')}`);
  });
});
