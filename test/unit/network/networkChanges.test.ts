import * as assert from 'node:assert/strict';
import { addNetwork } from '../../../src/network/add/addNetwork';
import { removeNetwork } from '../../../src/network/removeNetwork';
import type { TaskRef } from '../../../src/domain/model';
import { choose, cloudError, group, network } from '../support/fakes';
import { settle } from '../support/fakeClock';
import { networkFixture, SETTLE_WINDOW_MS } from './networkFakes';

/** A group of two networks: one of them may be removed. */
const twoNetworks = () => group({ networks: [network(), network({ subnetId: 'subnet-b', ip: '10.0.2.7' })] });
const removeArgument = () => ({ group: twoNetworks(), network: network({ subnetId: 'subnet-b', ip: '10.0.2.7' }) });
const lostAnswer = () => cloudError('ClientError.Timeout', { kind: 'timeout', ambiguous: true, requestId: undefined });
const addAnswers = () => [choose('vpc-main'), choose('subnet-b'), choose('Assign automatically'), choose('Create')];

describe('network/the change operation behind Add and Remove Network', () => {
  it('Remove: asks, sends one delete with the profile’s client, tracks it under that profile, and lets the client go', async () => {
    const { api, ui, tracker, profile, deps } = networkFixture();
    api.groups.set('pgrogrp-1', twoNetworks());
    await removeNetwork(deps, removeArgument());
    assert.equal(api.callsOf('deleteNetwork').length, 1);
    assert.deepEqual(tracker.started.map((task) => [task.kind, task.vip, task.taskId, task.profileId]), [['removeNetwork', '10.0.2.7', 900, 'work']]);
    assert.equal(profile.released, profile.leases, 'every lease was released');
    assert.deepEqual(ui.shown, []);
  });

  it('Remove: sends nothing when the user says no', async () => {
    const { api, ui, deps } = networkFixture();
    ui.confirmAnswer = false;
    await removeNetwork(deps, removeArgument());
    assert.equal(api.callsOf('deleteNetwork').length, 0);
  });

  it('Add: the wizard’s Create sends one create and tracks it', async () => {
    const { api, tracker, deps } = networkFixture(addAnswers());
    await addNetwork(deps, { group: group() });
    assert.deepEqual(api.callsOf('createNetwork').map((call) => call.args[0]), [{ region: 'ap-guangzhou', groupId: 'pgrogrp-1', vpcId: 'vpc-main', subnetId: 'subnet-b', vip: undefined }]);
    assert.deepEqual(tracker.started.map((task) => [task.kind, task.taskId, task.profileId]), [['addNetwork', 900, 'work']]);
  });

  it('refuses a Remove while an Add to the same group is being sent, before sending anything', async () => {
    const { api, ui, deps } = networkFixture(addAnswers());
    let answerCreate: (ref: TaskRef) => void = () => undefined;
    api.createNetwork = (request) => {
      api.calls.push({ method: 'createNetwork', args: [request] });
      return new Promise((resolve) => (answerCreate = resolve));
    };
    const adding = addNetwork(deps, { group: group() });
    for (let i = 0; i < 50 && api.callsOf('createNetwork').length === 0; i++) await settle();
    assert.equal(api.callsOf('createNetwork').length, 1, 'the create is in flight');
    await removeNetwork(deps, removeArgument());
    assert.equal(api.callsOf('deleteNetwork').length, 0);
    assert.match(ui.last()?.message ?? '', /already in progress/);
    answerCreate({ region: 'ap-guangzhou', taskId: 1, requestId: 'r' });
    await adding;
  });

  it('after a lost answer, waits for a write the cloud applies late, then tracks it: never sent twice', async () => {
    const { api, ui, tracker, clock, profile, deps } = networkFixture();
    api.groups.set('pgrogrp-1', twoNetworks());
    api.deleteNetwork = async (request) => {
      api.calls.push({ method: 'deleteNetwork', args: [request] });
      throw lostAnswer();
    };
    const removing = removeNetwork(deps, removeArgument());
    await clock.advance(10_000);
    assert.equal(ui.shown.length, 0, 'nothing is said while the group shows no change');
    // The cloud applies the delete 10 s after the client gave up.
    api.groups.set('pgrogrp-1', group({ status: 'network-closing', networks: [network(), network({ subnetId: 'subnet-b', ip: '10.0.2.7', status: 'closing' })] }));
    await clock.advance(5_000);
    await removing;
    assert.equal(api.callsOf('deleteNetwork').length, 1);
    assert.deepEqual(tracker.started.map((task) => [task.kind, task.taskId, task.profileId]), [['removeNetwork', undefined, 'work']]);
    assert.match(ui.last()?.message ?? '', /the network 10\.0\.2\.7 is being removed/);
    assert.equal(profile.released, profile.leases);
  });

  it('says "nothing was removed" only after the group showed no change for the whole window; Retry reads back first', async () => {
    const { api, ui, tracker, clock, deps } = networkFixture();
    api.groups.set('pgrogrp-1', twoNetworks());
    api.deleteNetwork = async (request) => {
      api.calls.push({ method: 'deleteNetwork', args: [request] });
      throw lostAnswer();
    };
    const removing = removeNetwork(deps, removeArgument());
    await clock.advance(SETTLE_WINDOW_MS - 1000);
    assert.equal(ui.shown.length, 0, 'spoke before the window ended');
    await clock.advance(2000);
    await removing;
    assert.equal(ui.last()?.severity, 'error');
    assert.match(ui.last()?.message ?? '', /nothing was removed/);
    assert.deepEqual(ui.labels(), ['Retry', 'Show Log']);

    // The cloud applied it after all, just after the window: Retry sees it and tracks it instead of sending again.
    api.groups.set('pgrogrp-1', group({ networks: [network()] }));
    await ui.last()?.actions[0].run();
    assert.equal(api.callsOf('deleteNetwork').length, 1, 'Retry sent the delete again');
    assert.equal(tracker.started.length, 1);
  });

  it('a cancelled watch says the outcome is unknown and offers no Retry', async () => {
    const { api, ui, clock, deps } = networkFixture();
    api.groups.set('pgrogrp-1', twoNetworks());
    api.deleteNetwork = async () => {
      throw lostAnswer();
    };
    ui.cancelProgress = true;
    const removing = removeNetwork(deps, removeArgument());
    await clock.advance(1);
    await removing;
    assert.equal(ui.last()?.severity, 'warning');
    assert.deepEqual(ui.labels(), ['Refresh Group', 'Show Log']);
  });

  it('holds the group while a lost answer is settled: a second write is refused before anything is sent', async () => {
    const { api, ui, clock, deps } = networkFixture();
    api.groups.set('pgrogrp-1', twoNetworks());
    api.deleteNetwork = async (request) => {
      api.calls.push({ method: 'deleteNetwork', args: [request] });
      throw lostAnswer();
    };
    const first = removeNetwork(deps, removeArgument());
    await clock.advance(1000);
    await removeNetwork(deps, removeArgument());
    assert.equal(api.callsOf('deleteNetwork').length, 1);
    assert.match(ui.last()?.message ?? '', /already in progress/);
    await clock.advance(SETTLE_WINDOW_MS);
    await first;
  });

  it('keeps the write with the profile that started it when the user switches profile meanwhile', async () => {
    const { api, tracker, clock, profile, deps } = networkFixture();
    api.groups.set('pgrogrp-1', twoNetworks());
    api.deleteNetwork = async (request) => {
      api.calls.push({ method: 'deleteNetwork', args: [request] });
      profile.id = 'personal';
      throw lostAnswer();
    };
    const removing = removeNetwork(deps, removeArgument());
    api.groups.set('pgrogrp-1', group({ status: 'network-closing', networks: [network(), network({ subnetId: 'subnet-b', ip: '10.0.2.7', status: 'closing' })] }));
    await clock.advance(1);
    await removing;
    assert.deepEqual(tracker.started.map((task) => task.profileId), ['work']);
    assert.equal(profile.released, profile.leases, 'the old profile’s client was released once the write settled');
  });

  it('reports a clear refusal at once with its specific message, and Retry sends again', async () => {
    const { api, ui, clock, deps } = networkFixture(addAnswers());
    api.createError = cloudError('FailedOperation.FailedOperationError');
    await addNetwork(deps, { group: group() });
    await clock.advance(1);
    assert.match(ui.last()?.message ?? '', /could not carry out the operation/);
    assert.deepEqual(ui.labels(), ['Retry', 'Edit and Retry', 'Show Log', 'Copy Request ID']);
    api.createError = undefined;
    await ui.last()?.actions[0].run();
    assert.equal(api.callsOf('createNetwork').length, 2);
  });
});

describe('network/the change operation when the user steps in', () => {
  it('a profile signed out while its create is out: the task is not followed, the user learns where to look, the group is free', async () => {
    const { api, ui, tracker, profile, changes, deps } = networkFixture(addAnswers());
    api.createNetwork = async (request) => {
      api.calls.push({ method: 'createNetwork', args: [request] });
      profile.signOut.abort();
      return { region: 'ap-guangzhou', taskId: 77, requestId: 'r' };
    };
    await addNetwork(deps, { group: group() });
    assert.deepEqual(tracker.started, [], 'no task waits for a profile that is gone');
    assert.equal(ui.last()?.severity, 'warning');
    assert.match(ui.last()?.message ?? '', /profile work was signed out .*task 77.*Tencent Cloud console/);
    await ui.last()?.actions[0].run();
    assert.match(ui.opened[0] ?? '', /console\.tencentcloud\.com\/postgres\/instance\/detail\?.*postgres-1/);
    assert.equal(changes.isBusy('pgrogrp-1'), false, 'the group is free again');
    assert.equal(profile.released, profile.leases);
  });

  it('a profile signed out while a lost answer is being settled: the watch stops at once and reads nothing more', async () => {
    const { api, ui, tracker, clock, profile, changes, deps } = networkFixture();
    api.groups.set('pgrogrp-1', twoNetworks());
    api.deleteNetwork = async () => {
      throw lostAnswer();
    };
    const removing = removeNetwork(deps, removeArgument());
    await clock.advance(2500);
    const readsBefore = api.callsOf('getReadOnlyGroup').length;
    assert.ok(readsBefore >= 1, 'the watch was reading');
    profile.signOut.abort();
    await clock.advance(SETTLE_WINDOW_MS);
    await removing;
    assert.equal(api.callsOf('getReadOnlyGroup').length, readsBefore, 'no read with the signed-out key');
    assert.match(ui.last()?.message ?? '', /signed out while the change to reporting was being checked/);
    assert.deepEqual(tracker.started, []);
    assert.equal(changes.isBusy('pgrogrp-1'), false);
  });

  it('Cancel during the watch: the words say the user stopped it, and the next Add reads the group back before sending', async () => {
    const { api, ui, tracker, clock, deps } = networkFixture([...addAnswers(), ...addAnswers()]);
    let creates = 0;
    api.createNetwork = async (request) => {
      api.calls.push({ method: 'createNetwork', args: [request] });
      creates++;
      throw lostAnswer();
    };
    ui.cancelProgress = true;
    const first = addNetwork(deps, { group: group() });
    await clock.advance(1);
    await first;
    assert.match(ui.last()?.message ?? '', /You stopped the check/);
    assert.doesNotMatch(ui.last()?.message ?? '', /could not be checked/);

    // The create landed after all: the next Add finds it, tracks it, and sends nothing.
    api.groups.set('pgrogrp-1', group({ status: 'modifying', networks: [network(), network({ subnetId: 'subnet-b', ip: '10.0.2.9', status: 'opening' })] }));
    ui.cancelProgress = false;
    await addNetwork(deps, { group: group() });
    assert.equal(creates, 1, 'never sent twice');
    assert.deepEqual(tracker.started.map((task) => task.kind), ['addNetwork']);
    assert.match(ui.last()?.message ?? '', /is being added to reporting/);
  });

  it('Edit and Retry after "nothing was created" reads the group back before it sends', async () => {
    const { api, ui, tracker, clock, deps } = networkFixture([...addAnswers(), choose('Create')]);
    api.createNetwork = async (request) => {
      api.calls.push({ method: 'createNetwork', args: [request] });
      throw lostAnswer();
    };
    const adding = addNetwork(deps, { group: group() });
    await clock.advance(SETTLE_WINDOW_MS + 2000);
    await adding;
    assert.match(ui.last()?.message ?? '', /nothing was created/);
    assert.deepEqual(ui.labels(), ['Retry', 'Edit and Retry', 'Show Log']);
    // Applied after the window: Edit and Retry reopens the wizard, and its Create finds the network instead of sending.
    api.groups.set('pgrogrp-1', group({ networks: [network(), network({ subnetId: 'subnet-b', ip: '10.0.2.9' })] }));
    await ui.last()?.actions[1].run();
    const [reopen] = ui.reopened;
    await addNetwork(deps, reopen);
    assert.equal(api.callsOf('createNetwork').length, 1);
    assert.equal(tracker.started.length, 1);
  });

  it('when every read of the watch fails, the progress never says "no change seen"', async () => {
    const { api, ui, clock, deps } = networkFixture();
    api.groups.set('pgrogrp-1', twoNetworks());
    api.deleteNetwork = async () => {
      throw lostAnswer();
    };
    api.getReadOnlyGroup = async () => {
      throw cloudError('ClientError.Network', { kind: 'network' });
    };
    const removing = removeNetwork(deps, removeArgument());
    await clock.advance(SETTLE_WINDOW_MS + 2000);
    await removing;
    assert.ok(ui.progressLines.length > 1);
    assert.deepEqual(ui.progressLines.filter((line) => /No change seen/.test(line)), []);
    assert.match(ui.progressLines[0], /could not be read, or is busy/);
  });

  it('when the read-back of an earlier lost change fails for a reason of its own, says that reason and sends nothing', async () => {
    const { api, ui, clock, deps } = networkFixture();
    api.groups.set('pgrogrp-1', twoNetworks());
    api.deleteNetwork = async (request) => {
      api.calls.push({ method: 'deleteNetwork', args: [request] });
      throw lostAnswer();
    };
    ui.cancelProgress = true;
    const first = removeNetwork(deps, removeArgument());
    await clock.advance(1);
    await first;
    ui.cancelProgress = false;
    api.getReadOnlyGroup = async () => {
      throw cloudError('AuthFailure.SignatureExpire', { kind: 'auth' });
    };
    await removeNetwork(deps, removeArgument());
    assert.equal(api.callsOf('deleteNetwork').length, 1, 'nothing more was sent');
    assert.equal(ui.last()?.severity, 'error');
    assert.match(ui.last()?.message ?? '', /AuthFailure\.SignatureExpire/);
    assert.doesNotMatch(ui.last()?.message ?? '', /cannot be checked yet/);
  });
});
