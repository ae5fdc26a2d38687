import * as assert from 'node:assert/strict';
import { removeNetwork } from '../../../src/network/removeNetwork';
import type { OwnerLock } from '../../../src/network/change/networkChanges';
import type { OwnerClaim } from '../../../src/tasks/shared/ownerLocks';
import { UserFacingError } from '../../../src/ui/userFacingError';
import { cloudError, group, network } from '../support/fakes';
import { networkFixture } from './networkFakes';

const twoNetworks = () => group({ networks: [network(), network({ subnetId: 'subnet-b', ip: '10.0.2.7' })] });
const removeArgument = () => ({ group: twoNetworks(), network: network({ subnetId: 'subnet-b', ip: '10.0.2.7' }) });

/** A lock as another window's board would answer it: `held` groups are being written to elsewhere. */
class RecordingLock implements OwnerLock {
  readonly events: string[] = [];
  readonly held = new Set<string>();
  /** Set when the board cannot be used: the claim is refused with these words. */
  unavailable: string | undefined;
  async claim(claim: OwnerClaim): Promise<boolean> {
    this.events.push(`claim ${claim.ownerId} ${claim.kind} ${claim.profileId ?? '-'}`);
    if (this.unavailable !== undefined) throw new UserFacingError(this.unavailable);
    return !this.held.has(claim.ownerId);
  }
  async release(groupId: string): Promise<void> {
    this.events.push(`release ${groupId}`);
  }
}

describe('network/the group lock across windows', () => {
  it('claims the group before sending and releases it once the task is tracked', async () => {
    const lock = new RecordingLock();
    const { api, tracker, deps } = networkFixture([], lock);
    api.groups.set('pgrogrp-1', twoNetworks());
    const sentAfter: string[][] = [];
    const send = api.deleteNetwork.bind(api);
    api.deleteNetwork = async (request) => {
      sentAfter.push([...lock.events]);
      return send(request);
    };
    await removeNetwork(deps, removeArgument());
    assert.deepEqual(sentAfter, [['claim pgrogrp-1 removeNetwork work']]);
    assert.equal(tracker.started.length, 1);
    assert.deepEqual(lock.events, ['claim pgrogrp-1 removeNetwork work', 'release pgrogrp-1']);
  });

  it('refuses a change to a group another window is writing to, before anything is sent', async () => {
    const lock = new RecordingLock();
    lock.held.add('pgrogrp-1');
    const { api, ui, deps, profile } = networkFixture([], lock);
    api.groups.set('pgrogrp-1', twoNetworks());
    await removeNetwork(deps, removeArgument());
    assert.equal(api.callsOf('deleteNetwork').length, 0);
    assert.match(ui.last()?.message ?? '', /already in progress/);
    assert.equal(profile.released, profile.leases, 'the client was let go');
  });

  it('sends nothing when the board cannot be written, and says why in the words of the board', async () => {
    const lock = new RecordingLock();
    lock.unavailable = 'The change was not sent: the task folder /x/tasks that your windows share cannot be used (ENOSPC).';
    const { api, ui, deps, profile } = networkFixture([], lock);
    api.groups.set('pgrogrp-1', twoNetworks());
    await removeNetwork(deps, removeArgument());
    assert.equal(api.callsOf('deleteNetwork').length, 0);
    assert.equal(ui.last()?.message, lock.unavailable);
    assert.equal(profile.released, profile.leases, 'the client was let go');
  });

  it('releases the group when the send clearly failed', async () => {
    const lock = new RecordingLock();
    const { api, deps } = networkFixture([], lock);
    api.groups.set('pgrogrp-1', twoNetworks());
    api.deleteNetwork = async () => {
      throw cloudError('InvalidParameter');
    };
    await removeNetwork(deps, removeArgument());
    assert.deepEqual(lock.events, ['claim pgrogrp-1 removeNetwork work', 'release pgrogrp-1']);
  });
});
