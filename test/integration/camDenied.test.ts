// A network change the key is not allowed to make: the failure offers the least-privilege CAM policy, and the
// action copies it. In the real extension host against the emulator, which answers the create with a CAM denial.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Subnet, Vpc } from '../../src/domain/model';
import type { ExtensionApi } from '../../src/extension';
import type { ShownMessage } from '../../src/ui/windowUi';
import { activateExtension, control, groupNode, Recorder, requestsOf, waitUntil, WizardDriver } from './faultsHarness';

describe('A CAM-denied network change offers the CAM policy', function () {
  this.timeout(60_000);
  let api: ExtensionApi;

  before(async () => {
    api = await activateExtension();
    await control({ op: 'reset' });
    await vscode.commands.executeCommand('tencentdbPostgres.refresh');
  });

  after(async () => {
    await control({ op: 'resetFaults' });
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  it('shows Copy CAM Policy on OperationDenied.CamDeniedError, and the action copies the policy', async () => {
    await control({ op: 'failNext', action: 'CreateReadOnlyGroupNetworkAccess', code: 'OperationDenied.CamDeniedError' });
    // The user answers the error with the CAM policy action, as a click on its button would.
    const answering = api.window.answerWith((shown) => shown.actions.find((action) => action === 'Copy CAM Policy'));
    const prompts = new Recorder(api.network.prompter.onDidShow);
    const messages = new Recorder<ShownMessage>(api.window.onDidShowMessage);
    try {
      await vscode.env.clipboard.writeText('');
      const driver = new WizardDriver(prompts);
      const node = await groupNode(api, 'ap-guangzhou', 'pgrogrp-ehv9k8jn');
      const running = vscode.commands.executeCommand('tencentdbPostgres.addNetwork', node);
      await driver.choose(await driver.pick('the VPC step'), (value) => (value as Vpc | undefined)?.name === 'prod-vpc', 'prod-vpc');
      await driver.choose(await driver.pick('the subnet step'), (value) => (value as Subnet | undefined)?.name === 'prod-db-gz3', 'prod-db-gz3');
      await driver.choose(await driver.pick('the VIP step'), (value) => (value as { mode?: string } | undefined)?.mode === 'auto', 'automatic VIP');
      await driver.choose(await driver.pick('the confirm step'), (value) => value === 'create', 'Create');
      await running;
      const message = await messages.next(0, 'the failure message');
      assert.match(message.message, /not allowed to call CreateReadOnlyGroupNetworkAccess/);
      assert.equal(message.actions[0], 'Copy CAM Policy');
      // The action runs once the message is answered: wait until the clipboard holds the policy.
      let copied = '';
      await waitUntil(async () => (copied = await vscode.env.clipboard.readText()).includes('postgres:CreateReadOnlyGroupNetworkAccess'), 'the CAM policy on the clipboard');
      const policy = JSON.parse(copied) as { statement: { action: string[] }[] };
      assert.ok(policy.statement[0].action.includes('vpc:DescribeUsedIpAddress'));
    } finally {
      answering.dispose();
      prompts.dispose();
      messages.dispose();
    }
    assert.equal((await requestsOf('CreateReadOnlyGroupNetworkAccess')).length, 1);
  });
});
