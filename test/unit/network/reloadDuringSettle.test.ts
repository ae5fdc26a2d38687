import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ChangeDeps, OwnerLock } from '../../../src/network/change/networkChanges';
import type { SentWith } from '../../../src/tasks/elsewherePollers';
import { removeNetwork } from '../../../src/network/removeNetwork';
import { nodeBoardFs } from '../../../src/network/tracking/nodeBoardFs';
import { LEASE_MS, TaskBoard } from '../../../src/tasks/shared/taskBoard';
import { fileName, SENDING_PREFIX } from '../../../src/tasks/shared/taskRecords';
import { cloudError, FakeCloudApi, group, network } from '../support/fakes';
import { networkFixture, SETTLE_WINDOW_MS } from './networkFakes';

const twoNetworks = () => group({ networks: [network(), network({ subnetId: 'subnet-b', ip: '10.0.2.7' })] });
const removeArgument = () => ({ group: twoNetworks(), network: network({ subnetId: 'subnet-b', ip: '10.0.2.7' }) });
const lostAnswer = () => cloudError('ClientError.Timeout', { kind: 'timeout', ambiguous: true, requestId: undefined });
const SENDING_FILE = fileName(SENDING_PREFIX, 'pgrogrp-1');

/** Lets real file operations run until the condition holds (the board is on disk, the clock is fake). */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 5000 && !condition(); i++) await new Promise<void>((resolve) => setImmediate(resolve));
  assert.ok(condition(), 'the state waited for was reached');
}

/**
 * A window reloaded while it settles a lost answer: window A sends a delete whose answer is lost and then stops
 * (its clock never moves again, as a window that is gone); window B opens on the same folder, with its own clock.
 */
describe('network/a write whose answer was lost survives a window reload', () => {
  let root: string;
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'reload-settle-'))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  function windowOn(id: string, leaseFor?: ChangeDeps['leaseFor']) {
    // The lock is the window's board, made once the fixture's clock exists.
    const holder = {} as { board: TaskBoard };
    const lock: OwnerLock = {
      claim: (claim) => holder.board.owners.claimOwner(claim),
      release: (ownerId) => holder.board.owners.releaseOwner(ownerId),
      markUnsettled: (ownerId, write) => holder.board.owners.markUnsettled(ownerId, write),
      deadUnsettled: () => holder.board.owners.deadUnsettled(),
      adoptOwner: (ownerId) => holder.board.owners.adoptOwner(ownerId),
    };
    const fixture = networkFixture([], lock, leaseFor);
    holder.board = new TaskBoard({ fs: nodeBoardFs(root), clock: fixture.clock, windowId: id, sendingStaleMs: () => 10 * 60_000 });
    // As the real tracker: an owner another window holds a sending record of is busy (the gone window's included).
    const ownBusy = fixture.tracker.busyOwnerIds.bind(fixture.tracker);
    fixture.tracker.busyOwnerIds = () => new Set([...ownBusy(), ...holder.board.owners.sendingOwnerIds()]);
    return { ...fixture, board: holder.board };
  }

  /** Window A sends the delete, loses its answer, records it, and is gone. */
  async function writerGone() {
    const a = windowOn('a');
    a.api.groups.set('pgrogrp-1', twoNetworks());
    a.api.deleteNetwork = async (request) => {
      a.api.calls.push({ method: 'deleteNetwork', args: [request] });
      throw lostAnswer();
    };
    void removeNetwork(a.deps, removeArgument());
    const recorded = (): boolean => fs.existsSync(path.join(root, SENDING_FILE)) && fs.readFileSync(path.join(root, SENDING_FILE), 'utf8').includes('unsettled');
    await until(recorded);
    await a.board.flush();
    return a;
  }

  it('the window after a reload adopts the write, sees it applied late, tracks it under its profile and endpoint, and frees the group', async () => {
    const a = await writerGone();
    const b = windowOn('b');
    b.api.groups.set('pgrogrp-1', twoNetworks());
    await b.board.rescan();
    await b.changes.adoptDead();
    assert.equal(b.tracker.started.length, 0, 'a writer not yet seen unchanged for its live bound is left alone');
    await b.clock.advance(LEASE_MS);
    // The cloud applied the delete after A gave up.
    b.api.groups.set('pgrogrp-1', group({ status: 'network-closing', networks: [network(), network({ subnetId: 'subnet-b', ip: '10.0.2.7', status: 'closing' })] }));
    await b.changes.adoptDead();
    await b.board.flush();
    assert.deepEqual(b.tracker.started.map((task) => [task.kind, task.vip, task.taskId, task.profileId, task.connection]), [['removeNetwork', '10.0.2.7', undefined, 'work', 'intl tencentcloudapi.com']]);
    assert.match(b.ui.last()?.message ?? '', /sent before the window was reloaded .* is being made by Tencent Cloud/);
    assert.equal(a.api.callsOf('deleteNetwork').length, 1, 'sent once');
    assert.equal(b.api.callsOf('deleteNetwork').length, 0, 'never sent again');
    assert.equal(fs.existsSync(path.join(root, SENDING_FILE)), false, 'the group is free once the task holds it');
  });

  it('says "nothing was removed" only after the adopting window saw no change for the whole settle window', async () => {
    await writerGone();
    const b = windowOn('b');
    b.api.groups.set('pgrogrp-1', twoNetworks());
    await b.board.rescan();
    await b.changes.adoptDead();
    await b.clock.advance(LEASE_MS);
    const adopting = b.changes.adoptDead();
    await until(() => b.ui.progressTitles.some((title) => title.includes('sent before the window was reloaded')));
    await b.clock.advance(SETTLE_WINDOW_MS - 2_000);
    assert.equal(b.ui.shown.length, 0, 'nothing said before the window ends');
    assert.ok(b.board.owners.sendingOwnerIds().has('pgrogrp-1') || fs.existsSync(path.join(root, SENDING_FILE)), 'the group stays held meanwhile');
    await b.clock.advance(2_000);
    await adopting;
    await b.board.flush();
    assert.match(b.ui.last()?.message ?? '', /showed no change for 30 s: nothing was removed/);
    assert.equal(b.tracker.started.length, 0);
    assert.equal(fs.existsSync(path.join(root, SENDING_FILE)), false);
  });

  it('a write sent with another profile, whose client this window cannot build, is left for a window that has it; two windows never both adopt', async () => {
    await writerGone();
    const other = windowOn('c');
    other.profile.id = 'personal';
    const b = windowOn('b');
    const c = windowOn('d');
    for (const w of [other, b, c]) {
      w.api.groups.set('pgrogrp-1', twoNetworks());
      await w.board.rescan();
      await w.changes.adoptDead();
    }
    for (const w of [other, b, c]) await w.clock.advance(LEASE_MS);
    await other.changes.adoptDead();
    assert.equal(fs.readFileSync(path.join(root, SENDING_FILE), 'utf8').includes('"owner":"a"'), true, 'left alone by another profile');
    let done = 0;
    const adopting = [b.changes.adoptDead(), c.changes.adoptDead()].map((p) => p.then(() => done++));
    // Exactly one of them wins the record and settles (its progress shows); the other ends at once.
    await until(() => done === 1 && b.ui.progressTitles.length + c.ui.progressTitles.length === 1);
    await b.clock.advance(SETTLE_WINDOW_MS);
    await c.clock.advance(SETTLE_WINDOW_MS);
    await Promise.all(adopting);
    assert.equal(b.ui.shown.length + c.ui.shown.length, 1, 'one window settles it and says so');
  });

  it('a write sent with another profile is settled through a client for that profile, where the window can build one', async () => {
    await writerGone();
    // The sending profile's client, built for this window although another profile is active in it.
    const sendersClient = new FakeCloudApi();
    sendersClient.groups.set('pgrogrp-1', group({ status: 'network-closing', networks: [network(), network({ subnetId: 'subnet-b', ip: '10.0.2.7', status: 'closing' })] }));
    const asked: SentWith[] = [];
    let released = 0;
    const c = windowOn('c', (sentWith) => {
      asked.push(sentWith);
      return { api: sendersClient, ...sentWith, revoked: new AbortController().signal, release: () => released++ };
    });
    c.profile.id = 'personal';
    c.api.groups.set('pgrogrp-1', twoNetworks());
    await c.board.rescan();
    await c.changes.adoptDead();
    await c.clock.advance(LEASE_MS);
    await c.changes.adoptDead();
    await c.board.flush();
    assert.deepEqual(asked.at(-1), { profileId: 'work', connection: 'intl tencentcloudapi.com' });
    assert.deepEqual(c.tracker.started.map((task) => [task.kind, task.vip, task.profileId]), [['removeNetwork', '10.0.2.7', 'work']]);
    assert.equal(c.api.calls.length, 0, "never read with the active profile's client");
    assert.equal(sendersClient.callsOf('deleteNetwork').length, 0, 'never sent again');
    assert.equal(released, asked.length, 'every client built for it is released');
    assert.equal(fs.existsSync(path.join(root, SENDING_FILE)), false, 'the group is free once the task holds it');
  });
});
