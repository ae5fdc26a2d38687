// A network task belongs to the profile that started it: after a switch to another profile it waits, unpolled,
// and it is followed to its end once its profile is active again.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ENVIRONMENT_PROFILE, extensionId, networkNode, requestsOf, secondKey, useExtensionHost, waitUntil, within, world } from './support';

const REGION = 'ap-guangzhou';
const GROUP = 'pgrogrp-5zyz187t';
const VIP = '172.16.1.20';
const ENVIRONMENT = ENVIRONMENT_PROFILE;
const OTHER_PROFILE = 'itest-tasks-other';
const TASK_DURATION_MS = 3000;

describe('Network tasks across profiles', function () {
  this.timeout(60_000);
  // The window messages are recorded so that the removal's modal question is answered.
  const fx = useExtensionHost({ settings: { taskPollIntervalSeconds: 0.5 }, taskDurationMs: TASK_DURATION_MS, answerMessages: true });

  after(async () => {
    if (fx.api.profiles.activeProfileId() !== ENVIRONMENT) await vscode.commands.executeCommand('tencentdbPostgres.switchProfile', ENVIRONMENT);
  });

  it("waits while another profile is active, without polling through it, and ends once its profile is back", async () => {
    assert.equal(fx.api.profiles.activeProfileId(), ENVIRONMENT);
    const network = await networkNode(fx.api, REGION, GROUP, VIP);
    await within(vscode.commands.executeCommand('tencentdbPostgres.removeNetwork', network), 15_000, 'the delete');
    const [task] = fx.api.network.tracker.tasks();
    assert.ok(task, 'the removal is tracked');
    assert.equal(task.profileId, ENVIRONMENT, 'the task records the profile it was sent with');

    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    const key = await secondKey(extension.extensionPath, process.env.TENCENTCLOUD_SECRET_ID ?? '');
    const from = fx.outcomes.seen.length;
    await fx.signIn({ profileName: OTHER_PROFILE, secretId: key.secretId, secretKey: key.secretKey, token: key.token });
    assert.equal(fx.api.profiles.activeProfileId(), OTHER_PROFILE);
    assert.deepEqual(fx.api.network.tracker.waitingFor(task), { profileId: ENVIRONMENT });

    // Until the task has ended in the emulator, then one more pass of the tracker's loop: a poll through the other
    // profile, had the tracker made one, would have found it ended and reported it.
    await waitUntil(async () => (await world()).tasks.some((emulated) => emulated.taskId === task.taskId && emulated.status === 'Success'),
      'the task to end in the emulator', TASK_DURATION_MS + 10_000);
    await fx.api.network.tracker.tick();
    assert.deepEqual(fx.outcomes.seen.slice(from), [], 'nothing is reported while the task waits');
    assert.deepEqual(fx.api.network.tracker.tasks().map((tracked) => tracked.key), [task.key]);
    const polledWithOther = (await requestsOf('DescribeTasks')).filter((entry) => entry.secretId === key.secretId);
    assert.deepEqual(polledWithOther, [], "the task was not asked about with the other profile's key");

    await vscode.commands.executeCommand('tencentdbPostgres.switchProfile', ENVIRONMENT);
    assert.equal(fx.api.network.tracker.waitingFor(task), undefined);
    const outcome = await fx.outcomes.next(from, 'the task to end under its own profile', 15_000);
    assert.equal(outcome.result, 'succeeded');
    assert.equal(outcome.task.key, task.key);
    assert.deepEqual(fx.api.network.tracker.tasks(), []);
    const everPolledWithOther = (await requestsOf('DescribeTasks')).filter((entry) => entry.secretId === key.secretId);
    assert.deepEqual(everPolledWithOther, [], "at no time was the task asked about with the other profile's key");
  });
});
