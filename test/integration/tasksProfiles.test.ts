// A network task belongs to the profile and the endpoint that sent it: after a switch to another profile, or a
// change of the endpoint setting, it is still asked about with its own profile's key where it was sent, to its end.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { control, ENVIRONMENT_PROFILE, extensionId, networkNode, requestsOf, secondKey, useExtensionHost, within } from './support';

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

  it("is still asked about with its own profile's key while another profile is active, and ends", async () => {
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
    const polledBefore = (await requestsOf('DescribeTasks')).length;
    assert.equal(fx.api.network.tracker.waitingFor(task), undefined, 'it does not wait for its profile');

    const outcome = await fx.outcomes.next(from, 'the task to end while the other profile is active', TASK_DURATION_MS + 15_000);
    assert.equal(outcome.result, 'succeeded');
    assert.equal(outcome.task.key, task.key);
    assert.equal(fx.api.profiles.activeProfileId(), OTHER_PROFILE, 'still the other profile');
    const polledAfter = (await requestsOf('DescribeTasks')).slice(polledBefore);
    assert.ok(polledAfter.length > 0, 'asked about after the switch');
    assert.ok(polledAfter.every((entry) => entry.secretId === process.env.TENCENTCLOUD_SECRET_ID), "only with its own profile's key");
    assert.deepEqual((await requestsOf('DescribeTasks')).filter((entry) => entry.secretId === key.secretId), [], "never with the other profile's key");
  });

  it('is still asked about at the endpoint it was sent to when the endpoint setting changes, and ends', async () => {
    if (fx.api.profiles.activeProfileId() !== ENVIRONMENT) await vscode.commands.executeCommand('tencentdbPostgres.switchProfile', ENVIRONMENT);
    await control({ op: 'reset' });
    await control({ op: 'setTaskDuration', durationMs: TASK_DURATION_MS });
    await vscode.commands.executeCommand('tencentdbPostgres.refresh');
    const network = await networkNode(fx.api, REGION, GROUP, VIP);
    await within(vscode.commands.executeCommand('tencentdbPostgres.removeNetwork', network), 15_000, 'the delete');
    const [task] = fx.api.network.tracker.tasks();
    assert.ok(task, 'the removal is tracked');
    const from = fx.outcomes.seen.length;
    const settings = vscode.workspace.getConfiguration('tencentdbPostgres');
    const saved = settings.inspect('endpoint')?.globalValue;
    // Nothing listens there (loopback): a poll sent through the new client could only fail.
    const logBefore = await fx.log.length();
    await settings.update('endpoint', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    try {
      await fx.log.waitForLine(/Using profile .* via http:\/\/127\.0\.0\.1:9/, 'the client for the new endpoint', { after: logBefore });
      assert.equal(fx.api.network.tracker.waitingFor(task), undefined, 'it does not wait for its endpoint');
      const polledBefore = (await requestsOf('DescribeTasks')).length;
      const outcome = await fx.outcomes.next(from, 'the task to end where it was sent', TASK_DURATION_MS + 15_000);
      assert.equal(outcome.result, 'succeeded');
      assert.ok((await requestsOf('DescribeTasks')).length > polledBefore, 'asked about at the endpoint it was sent to after the change');
    } finally {
      await settings.update('endpoint', saved, vscode.ConfigurationTarget.Global);
    }
  });
});
