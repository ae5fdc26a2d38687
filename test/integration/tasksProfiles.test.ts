// A network task belongs to the profile that started it: after a switch to another profile it waits, unpolled,
// and it is followed to its end once its profile is active again.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { TaskOutcome } from '../../src/tasks/trackedTask';
import { activateExtension, control, extensionId, networkNode, Recorder, requestsOf, secondKey, sleep, WindowMessages, within } from './faultsHarness';

const REGION = 'ap-guangzhou';
const GROUP = 'pgrogrp-5zyz187t';
const VIP = '172.16.1.20';
const ENVIRONMENT = '(environment)';
const OTHER_PROFILE = 'itest-tasks-other';
const TASK_DURATION_MS = 3000;

describe('Network tasks across profiles', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let windowMessages: WindowMessages;
  let outcomes: Recorder<TaskOutcome>;
  let savedPollInterval: unknown;

  before(async () => {
    api = await activateExtension();
    await api.ready;
    const settings = vscode.workspace.getConfiguration('tencentdbPostgres');
    savedPollInterval = settings.inspect('taskPollIntervalSeconds')?.globalValue;
    await settings.update('taskPollIntervalSeconds', 0.5, vscode.ConfigurationTarget.Global);
    windowMessages = new WindowMessages(); // confirms the removal's modal question
    outcomes = new Recorder(api.network.notifications.onDidReport);
    await control({ op: 'reset' });
    await control({ op: 'setTaskDuration', durationMs: TASK_DURATION_MS });
    await vscode.commands.executeCommand('tencentdbPostgres.refresh');
  });

  after(async () => {
    windowMessages?.dispose();
    outcomes?.dispose();
    if (api?.profiles.activeProfileId() !== ENVIRONMENT) await vscode.commands.executeCommand('tencentdbPostgres.switchProfile', ENVIRONMENT);
    await api?.profiles.signOut(OTHER_PROFILE).catch(() => undefined);
    await vscode.workspace.getConfiguration('tencentdbPostgres').update('taskPollIntervalSeconds', savedPollInterval, vscode.ConfigurationTarget.Global);
    await control({ op: 'reset' }).catch(() => undefined);
    await vscode.commands.executeCommand('tencentdbPostgres.refresh');
  });

  it("waits while another profile is active, without polling through it, and ends once its profile is back", async () => {
    assert.equal(api.profiles.activeProfileId(), ENVIRONMENT);
    const network = await networkNode(api, REGION, GROUP, VIP);
    await within(vscode.commands.executeCommand('tencentdbPostgres.removeNetwork', network), 15_000, 'the delete');
    const [task] = api.network.tracker.tasks();
    assert.ok(task, 'the removal is tracked');
    assert.equal(task.profileId, ENVIRONMENT, 'the task records the profile it was sent with');

    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    const key = await secondKey(extension.extensionPath, process.env.TENCENTCLOUD_SECRET_ID ?? '');
    const from = outcomes.seen.length;
    await api.profiles.signIn({ profileName: OTHER_PROFILE, secretId: key.secretId, secretKey: key.secretKey, token: key.token });
    assert.equal(api.profiles.activeProfileId(), OTHER_PROFILE);
    assert.equal(api.network.tracker.waitingForProfile(task), ENVIRONMENT);

    // Long enough for the task to end in the emulator and for many polls, had they been made.
    await sleep(TASK_DURATION_MS + 2000);
    assert.deepEqual(outcomes.seen.slice(from), [], 'nothing is reported while the task waits');
    assert.deepEqual(api.network.tracker.tasks().map((tracked) => tracked.key), [task.key]);
    const polledWithOther = (await requestsOf('DescribeTasks')).filter((entry) => entry.secretId === key.secretId);
    assert.deepEqual(polledWithOther, [], "the task was not asked about with the other profile's key");

    await vscode.commands.executeCommand('tencentdbPostgres.switchProfile', ENVIRONMENT);
    assert.equal(api.network.tracker.waitingForProfile(task), undefined);
    const outcome = await outcomes.next(from, 'the task to end under its own profile', 15_000);
    assert.equal(outcome.result, 'succeeded');
    assert.equal(outcome.task.key, task.key);
    assert.deepEqual(api.network.tracker.tasks(), []);
  });
});
