// Several windows of one user share the extension's global storage: a task is recorded there the moment it is
// tracked, so a window reloaded at once finds it, and a group another window is writing to is refused.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { systemClock } from '../../src/domain/clock';
import { refOf } from '../../src/domain/networkOwner';
import { settings } from '../../src/settings';
import { whereOf } from '../../src/cloud/connectionPlace';
import { nodeBoardFs } from '../../src/network/tracking/nodeBoardFs';
import { TaskBoard } from '../../src/tasks/shared/taskBoard';
import { ENVIRONMENT_PROFILE, groupNode, isNotification, networkNode, requestsOf, useExtensionHost, waitUntil, within } from './support';

const REGION = 'ap-guangzhou';
const GROUP = 'pgrogrp-5zyz187t';
const VIP = '172.16.1.20';

describe('Network tasks across windows', function () {
  this.timeout(60_000);
  const fx = useExtensionHost({ settings: { taskPollIntervalSeconds: 0.5 }, taskDurationMs: 3000, answerMessages: true });

  /** Another window of the same user: its own board on the same folder. */
  function otherWindow(): TaskBoard {
    const folder = fx.api.network.taskFolder;
    assert.ok(folder, 'global storage is a folder on disk here');
    return new TaskBoard({ fs: nodeBoardFs(folder), clock: systemClock, windowId: 'itest-other-window', sendingStaleMs: () => 60_000 });
  }

  it('refuses a change when the folder the windows share cannot be used, naming it and the error', async () => {
    const folder = fx.api.network.taskFolder ?? '';
    const aside = `${folder}.aside`;
    fs.renameSync(folder, aside);
    fs.writeFileSync(folder, 'not a folder');
    try {
      const network = await networkNode(fx.api, REGION, GROUP, VIP);
      await within(vscode.commands.executeCommand('tencentdbPostgres.removeNetwork', network), 15_000, 'the refused removal');
      const message = await fx.messages.nextSinceMark('the refusal', 10_000, isNotification);
      assert.ok(message.message.includes(folder), message.message);
      assert.match(message.message, /ENOTDIR|EEXIST/);
      assert.deepEqual(await requestsOf('DeleteReadOnlyGroupNetworkAccess'), [], 'nothing was sent');
    } finally {
      fs.rmSync(folder, { force: true });
      fs.renameSync(aside, folder);
    }
  });

  it('refuses a change to a group another window is sending a change to, before sending anything', async () => {
    const other = otherWindow();
    await other.start();
    try {
      assert.equal(await other.owners.claimOwner({ ownerId: GROUP, kind: 'addNetwork', profileId: ENVIRONMENT_PROFILE }), true);
      const network = await networkNode(fx.api, REGION, GROUP, VIP);
      await within(vscode.commands.executeCommand('tencentdbPostgres.removeNetwork', network), 15_000, 'the refused removal');
      const message = await fx.messages.nextSinceMark('the refusal', 10_000, isNotification);
      assert.match(message.message, /already in progress/);
      assert.deepEqual(await requestsOf('DeleteReadOnlyGroupNetworkAccess'), [], 'nothing was sent');
    } finally {
      await other.owners.releaseOwner(GROUP);
      other.dispose();
    }
    await waitUntil(() => !fx.api.network.tracker.busyOwnerIds().has(GROUP), 'this window to see the group free again');
  });

  it('records a task before the command returns: a window reloaded at once finds it', async () => {
    const network = await networkNode(fx.api, REGION, GROUP, VIP);
    await within(vscode.commands.executeCommand('tencentdbPostgres.removeNetwork', network), 15_000, 'the delete');
    const [task] = fx.api.network.tracker.tasks();
    assert.ok(task, 'the removal is tracked');
    const folder = fx.api.network.taskFolder ?? '';
    await waitUntil(() => fs.readdirSync(folder).some((name) => name.startsWith('task-')), 'the task record on disk');
    await waitUntil(() => fs.readdirSync(folder).every((name) => !name.startsWith('sending-')), 'the sending record to give way to it');

    const reloaded = otherWindow();
    await reloaded.start();
    try {
      assert.deepEqual(reloaded.running().map((running) => running.key), [task.key], 'the new window resumes it');
      assert.deepEqual([...reloaded.owners.sendingOwnerIds()], [], 'the sending record gave way to the task record');
    } finally {
      reloaded.dispose();
    }
    const outcome = await fx.outcomes.nextSinceMark('the removal to end', 20_000);
    assert.equal(outcome.result, 'succeeded');
    await waitUntil(() => fs.readdirSync(folder).every((name) => !name.startsWith('lease-')), 'the lease to be given back');
  });

  it('settles a lost answer of a window that was reloaded: adopts its record, tracks the change it finds applied, frees the group', async () => {
    // Where this window's client points, as the connection names it: the gone window sent its delete there.
    const connection = whereOf(settings.site(), settings.endpoint());
    const deletesBefore = (await requestsOf('DeleteReadOnlyGroupNetworkAccess')).length;
    // The window that sent the delete and lost its answer is gone: its record is on disk and is never renewed.
    const gone = new TaskBoard({ fs: nodeBoardFs(fx.api.network.taskFolder ?? ''), clock: systemClock, windowId: 'itest-gone-window', sendingStaleMs: () => 600_000 });
    const removed = '172.16.1.99';
    assert.equal(await gone.owners.claimOwner({ ownerId: GROUP, kind: 'removeNetwork', profileId: ENVIRONMENT_PROFILE }), true);
    await gone.owners.markUnsettled(GROUP, {
      owner: refOf((await groupNode(fx.api, REGION, GROUP)).owner),
      ownerName: GROUP,
      kind: 'removeNetwork',
      vpcId: 'vpc-gone',
      subnetId: 'subnet-gone',
      vip: removed,
      ipsBefore: [removed],
      profileId: ENVIRONMENT_PROFILE,
      connection,
      sentAt: Date.now(),
      settleWindowMs: 5_000,
    });
    gone.dispose();
    const folder = fx.api.network.taskFolder ?? '';
    // The network is not there any more: the delete was applied after its answer was lost.
    const adopted = () => fx.api.network.tracker.tasks().find((task) => task.owner.id === GROUP && task.vip === removed);
    await waitUntil(() => adopted() !== undefined, 'this window to adopt the change and track it', 45_000).catch((error: unknown) => {
      const files = fs.readdirSync(folder).map((name) => `${name}: ${fs.readFileSync(`${folder}/${name}`, 'utf8')}`);
      throw new Error(`${String(error)}\n${files.join('\n')}\ntasks: ${JSON.stringify(fx.api.network.tracker.tasks())}`);
    });
    assert.deepEqual([adopted()?.profileId, adopted()?.connection], [ENVIRONMENT_PROFILE, connection]);
    await waitUntil(() => !fs.readdirSync(folder).some((name) => name.startsWith('sending-')), 'the group to be free');
    assert.equal((await requestsOf('DeleteReadOnlyGroupNetworkAccess')).length, deletesBefore, 'the delete is never sent again');
  });
});
