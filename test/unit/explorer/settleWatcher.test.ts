import * as assert from 'node:assert/strict';
import type { ReadOnlyGroup } from '../../../src/domain/model';
import { primaryInstanceOwner, readOnlyGroupOwner } from '../../../src/domain/networkOwner';
import { DEFAULT_SETTLE_POLICY, SettleWatcher } from '../../../src/explorer/settleWatcher';
import { FakeClock } from '../support/fakeClock';
import { group, network, primaryInstance } from '../support/fakes';

const opening = group({ networks: [network({ status: 'opening' })] });
const settled = group({ networks: [network({ status: 'opened' })] });

/**
 * A watcher whose reads answer with what `answer` says (the state of the group at that moment), fed back to it the
 * way the tree's cache does. Records the monotonic time of every read.
 */
function setUp(answer: () => ReadOnlyGroup = () => opening) {
  const clock = new FakeClock();
  const reads: number[] = [];
  const watcher: SettleWatcher = new SettleWatcher(clock, () => {
    reads.push(clock.monotonic());
    watcher.watch(readOnlyGroupOwner(answer()));
  });
  return { clock, reads, watcher };
}

describe('explorer/SettleWatcher', () => {
  it('reads a changing group again after 5 s, then backs off by doubling up to a minute', async () => {
    const { clock, reads, watcher } = setUp();
    watcher.watch(readOnlyGroupOwner(opening));
    await clock.advance(5 * 60_000);
    const gaps = reads.map((at, i) => at - (i === 0 ? 0 : reads[i - 1]));
    assert.deepEqual(gaps, [5000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
  });

  it('does not watch a group that is not changing', async () => {
    const { clock, reads, watcher } = setUp();
    watcher.watch(readOnlyGroupOwner(settled));
    assert.equal(watcher.isWatching(settled.id), false);
    await clock.advance(60_000);
    assert.deepEqual(reads, []);
  });

  it('watches a group whose own status is changing, not only its networks', () => {
    const { watcher } = setUp();
    watcher.watch(readOnlyGroupOwner(group({ status: 'modifying' })));
    assert.equal(watcher.isWatching('pgrogrp-1'), true);
  });

  it('stops once a read finds the group settled', async () => {
    let state = opening;
    const { clock, reads, watcher } = setUp(() => state);
    watcher.watch(readOnlyGroupOwner(opening));
    await clock.advance(5000);
    state = settled;
    await clock.advance(10_000);
    assert.equal(reads.length, 2);
    assert.equal(watcher.isWatching(opening.id), false);
    assert.equal(clock.pendingTimers(), 0);
  });

  it('gives up after ten minutes of changing, leaving longer work to the task tracker', async () => {
    const { clock, reads, watcher } = setUp();
    watcher.watch(readOnlyGroupOwner(opening));
    await clock.advance(DEFAULT_SETTLE_POLICY.maxWatchMs + 2 * DEFAULT_SETTLE_POLICY.maxIntervalMs);
    const last = reads[reads.length - 1];
    assert.ok(last <= DEFAULT_SETTLE_POLICY.maxWatchMs + DEFAULT_SETTLE_POLICY.maxIntervalMs, `last read at ${last} ms`);
    assert.equal(watcher.isWatching(opening.id), false);
    assert.equal(clock.pendingTimers(), 0);
  });

  it('measures its ten minutes on the monotonic clock: a wall-clock jump neither ends nor stretches the watch', async () => {
    const { clock, reads, watcher } = setUp();
    watcher.watch(readOnlyGroupOwner(opening));
    await clock.advance(5000);
    // The system time moves an hour ahead: the watch goes on as if nothing happened.
    clock.jumpWallClock(60 * 60_000);
    await clock.advance(10_000);
    assert.equal(reads.length, 2);
    assert.equal(watcher.isWatching(opening.id), true);
  });

  it('keeps one schedule per group when the same group is watched again before its read', async () => {
    const { clock, reads, watcher } = setUp();
    watcher.watch(readOnlyGroupOwner(opening));
    watcher.watch(readOnlyGroupOwner(opening));
    assert.equal(clock.pendingTimers(), 1);
    await clock.advance(20_000);
    // The second watch counts as a first attempt already made, so the next read waits 10 s, not 5.
    assert.deepEqual(reads, [10_000]);
  });

  it('cancels the read of a group it forgets, and every read on clear', async () => {
    const { clock, reads, watcher } = setUp();
    watcher.watch(readOnlyGroupOwner(opening));
    watcher.watch(readOnlyGroupOwner(group({ id: 'pgrogrp-2', status: 'creating' })));
    watcher.forget(opening.id);
    assert.equal(clock.pendingTimers(), 1);
    watcher.clear();
    assert.equal(clock.pendingTimers(), 0);
    await clock.advance(60_000);
    assert.deepEqual(reads, []);
  });

  it('reads a primary instance again while one of its own networks is opening, and stops once it is open', async () => {
    const clock = new FakeClock();
    const reread: string[] = [];
    let state = primaryInstance({ networks: [network({ status: 'opening' })] });
    const watcher: SettleWatcher = new SettleWatcher(clock, (owner) => {
      reread.push(owner.kind);
      watcher.watch(primaryInstanceOwner(state));
    });
    watcher.watch(primaryInstanceOwner(state));
    assert.equal(watcher.isWatching('postgres-1'), true);
    state = primaryInstance({ networks: [network({ status: 'opened' })] });
    await clock.advance(5000);
    assert.deepEqual(reread, ['primaryInstance']);
    assert.equal(watcher.isWatching('postgres-1'), false);
  });

  it('does not watch a primary instance that is merely stopped: only its networks changing count', () => {
    const { watcher } = setUp();
    watcher.watch(primaryInstanceOwner(primaryInstance({ status: 'isolated', networks: [network()] })));
    assert.equal(watcher.isWatching('postgres-1'), false);
  });
});
