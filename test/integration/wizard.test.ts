// The Add Network wizard in the real extension host, through the real QuickPick and InputBox of the workbench,
// against the emulator the harness started: choices are made with the workbench's own quick-input commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { control, groupNode, plainLabel, requestsOf, useExtensionHost, waitUntil, worldGroup, type WizardDriver } from './support';

const REGION = 'ap-guangzhou';

describe('Add Network wizard in the extension host', function () {
  this.timeout(90_000);
  const fx = useExtensionHost({ settings: { taskPollIntervalSeconds: 0.5, writeSettleSeconds: 2 }, taskDurationMs: 2500, resetBeforeEach: 'world' });
  let driver: WizardDriver;

  beforeEach(() => {
    driver = fx.wizard();
  });

  /** Add Network from the group's node: prod-vpc > the subnet > automatic VIP > Create, until the command returns. */
  async function createWithAutomaticVip(groupId: string, subnetName: string): Promise<void> {
    const node = await groupNode(fx.api, REGION, groupId);
    const running = vscode.commands.executeCommand('tencentdbPostgres.addNetwork', node);
    await driver.choose(await driver.pick('the VPC step'), 'prod-vpc');
    await driver.choose(await driver.pick('the subnet step'), subnetName);
    await driver.choose(await driver.pick('the VIP step'), 'Assign automatically');
    await driver.choose(await driver.pick('the confirm step'), 'Create');
    await running;
  }

  it('adds a network with an automatic VIP: VPC > subnet > VIP > Create, then tracks it to opened', async () => {
    const node = await groupNode(fx.api, REGION, 'pgrogrp-ehv9k8jn');
    const running = vscode.commands.executeCommand('tencentdbPostgres.addNetwork', node);

    const vpcPick = await driver.pick('the VPC step');
    assert.equal(vpcPick.title, 'Add Network to orders-ro');
    assert.deepEqual([vpcPick.step, vpcPick.totalSteps], [1, 4]);
    assert.equal(vpcPick.buttons.length, 0, 'no Back on the first step');
    assert.equal(vpcPick.ignoreFocusOut, true);
    assert.equal(plainLabel(vpcPick.items[0]), 'prod-vpc', "the group's VPC comes first");
    assert.match(vpcPick.items[0].description ?? '', /10\.0\.0\.0\/16/);
    await driver.choose(vpcPick, 'prod-vpc');

    const subnetPick = await driver.pick('the subnet step');
    assert.deepEqual([subnetPick.step, subnetPick.totalSteps], [2, 4]);
    assert.deepEqual(subnetPick.buttons, [vscode.QuickInputButtons.Back]);
    const full = subnetPick.items.find((item) => plainLabel(item) === 'prod-legacy-gz3');
    assert.ok(full?.label.startsWith('$(circle-slash)'), 'a full subnet is shown, marked');
    assert.equal(full?.detail, 'This subnet has no free IP address.');
    await driver.choose(subnetPick, 'prod-app-gz3');

    const vipPick = await driver.pick('the VIP step');
    assert.deepEqual([vipPick.step, vipPick.totalSteps], [3, 4]);
    await driver.choose(vipPick, 'Assign automatically');

    const confirm = await driver.pick('the confirm step');
    assert.deepEqual([confirm.step, confirm.totalSteps], [4, 4]);
    assert.ok(confirm.items.some((item) => item.description === 'Assigned automatically'));
    await driver.choose(confirm, 'Create');
    await running;

    assert.deepEqual(fx.api.network.tracker.tasks().map((task) => task.owner.id), ['pgrogrp-ehv9k8jn']);
    const outcome = await fx.outcomes.nextSinceMark('the task to finish', 30_000);
    assert.equal(outcome.result, 'succeeded');
    const group = await worldGroup('pgrogrp-ehv9k8jn');
    assert.equal(group.status, 'ok');
    const added = group.networks.find((network) => network.subnetId === 'subnet-0qy9gxh8');
    assert.ok(added, 'the emulator holds the new network');
    assert.equal(added.status, 'opened');
    assert.equal(outcome.network?.ip, added.ip, 'the notification names the assigned VIP');
    assert.equal((await requestsOf('CreateReadOnlyGroupNetworkAccess')).length, 1);
  });

  it('refuses a typed VIP in use naming its holder, goes Back keeping the choices, and creates with a free one', async () => {
    const node = await groupNode(fx.api, REGION, 'pgrogrp-g25ckf2j');
    const running = vscode.commands.executeCommand('tencentdbPostgres.addNetwork', node);
    await driver.choose(await driver.pick('the VPC step'), 'prod-vpc');
    await driver.choose(await driver.pick('the subnet step'), 'prod-app-gz3');
    await driver.choose(await driver.pick('the VIP step'), 'Specify an address...');

    const box = await driver.input('the VIP address');
    assert.deepEqual([box.step, box.totalSteps], [3, 4]);
    await driver.type(box, '10.0.1.10');
    await waitUntil(() => String(box.validationMessage ?? '').includes('ins-7xk2m9qa'), 'the in-use message');
    assert.equal(box.validationMessage, '10.0.1.10 is already used by cvm ins-7xk2m9qa. Choose another address.');
    await driver.type(box, '10.0.2.77');
    await waitUntil(() => String(box.validationMessage ?? '').includes('outside'), 'the outside-the-subnet message');

    await vscode.commands.executeCommand('workbench.action.quickInputBack');
    const vipAgain = await driver.pick('the VIP step again');
    assert.equal(plainLabel(vipAgain.activeItems[0]), 'Specify an address...', 'the earlier choice is highlighted');
    await vscode.commands.executeCommand('workbench.action.quickInputBack');
    const subnetAgain = await driver.pick('the subnet step again');
    assert.equal(plainLabel(subnetAgain.activeItems[0]), 'prod-app-gz3', 'the earlier subnet is highlighted');
    await driver.choose(subnetAgain, 'prod-db-gz3');
    await driver.choose(await driver.pick('the VIP step in the new subnet'), 'Specify an address...');
    const boxAgain = await driver.input('the VIP address again');
    assert.equal(boxAgain.value, '10.0.2.77', 'the typed text is kept');
    await driver.type(boxAgain, '10.0.2.77');

    const confirm = await driver.pick('the confirm step');
    assert.ok(confirm.items.some((item) => item.description === '10.0.2.77'));
    await driver.choose(confirm, 'Create');
    await running;

    const outcome = await fx.outcomes.nextSinceMark('the task to finish', 30_000);
    assert.equal(outcome.result, 'succeeded');
    const group = await worldGroup('pgrogrp-g25ckf2j');
    assert.ok(group.networks.some((network) => network.ip === '10.0.2.77' && network.status === 'opened'));
    assert.equal((await requestsOf('CreateReadOnlyGroupNetworkAccess')).length, 1);
  });

  it('Escape closes the wizard with nothing sent', async () => {
    const node = await groupNode(fx.api, REGION, 'pgrogrp-naizps33');
    const running = vscode.commands.executeCommand('tencentdbPostgres.addNetwork', node);
    await driver.choose(await driver.pick('the VPC step'), 'prod-vpc');
    await driver.pick('the subnet step');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await running;
    assert.equal(driver.count, 2);
    assert.deepEqual(await requestsOf('CreateReadOnlyGroupNetworkAccess'), []);
    assert.deepEqual(fx.api.network.tracker.tasks(), []);
    assert.deepEqual(fx.messages.sinceMark(), []);
  });

  it('shows the specific message and actions for an API error of the create', async () => {
    await control({ op: 'failNext', action: 'CreateReadOnlyGroupNetworkAccess', code: 'OperationDenied.ROGroupStatusError' });
    await createWithAutomaticVip('pgrogrp-ehv9k8jn', 'prod-db-gz3');
    const message = await fx.messages.nextSinceMark('the error message');
    assert.equal(message.severity, 'error');
    assert.equal(message.message, 'The read-only group orders-ro is busy with another change. Wait until its status is OK, then try again. (OperationDenied.ROGroupStatusError)');
    assert.deepEqual(message.actions, ['Refresh Group', 'Retry', 'Edit and Retry', 'Show Log', 'Copy Request ID']);
    assert.deepEqual(fx.api.network.tracker.tasks(), []);
  });

  it('after a dropped connection reads the group back before offering Retry, and sends the create once', async () => {
    await control({ op: 'dropConnection', action: 'CreateReadOnlyGroupNetworkAccess' });
    await createWithAutomaticVip('pgrogrp-ehv9k8jn', 'prod-db-gz3');
    const message = await fx.messages.nextSinceMark('the message after the read-back');
    assert.match(message.message, /^The request to add a network to orders-ro got no answer, and orders-ro shows no change: nothing was created\./);
    assert.deepEqual(message.actions, ['Retry', 'Edit and Retry', 'Show Log']);
    const creates = await requestsOf('CreateReadOnlyGroupNetworkAccess');
    assert.equal(creates.length, 1);
    assert.ok((await requestsOf('DescribeReadOnlyGroups')).length >= 1, 'the group was read back');
    assert.equal((await worldGroup('pgrogrp-ehv9k8jn')).networks.length, 1);
  });

  it('refuses a full group without opening the wizard', async () => {
    const node = await groupNode(fx.api, REGION, 'pgrogrp-5zyz187t');
    await vscode.commands.executeCommand('tencentdbPostgres.addNetwork', node);
    const message = await fx.messages.nextSinceMark('the refusal');
    assert.equal(message.message, 'analytics-ro already has 2 networks, the most it can have: remove one before adding another.');
    assert.equal(driver.count, 0);
  });

  it('from the palette asks region > instance > the instance or a group first, saying why one cannot take a network', async () => {
    const running = vscode.commands.executeCommand('tencentdbPostgres.addNetworkToGroup');
    const regionPick = await driver.pick('the region step');
    assert.equal(regionPick.title, 'Add Network');
    assert.deepEqual([regionPick.step, regionPick.totalSteps], [1, 7]);
    await driver.choose(regionPick, REGION);
    await driver.choose(await driver.pick('the instance step'), 'orders-db');
    const groupPick = await driver.pick('the owner step');
    assert.equal(plainLabel(groupPick.items[0]), 'orders-db', 'the instance itself comes first');
    const analytics = groupPick.items.find((item) => plainLabel(item) === 'analytics-ro');
    assert.equal(analytics?.detail, 'analytics-ro already has 2 networks, the most it can have: remove one before adding another.');
    await driver.choose(groupPick, 'orders-ro');
    const vpcPick = await driver.pick('the VPC step');
    assert.equal(vpcPick.title, 'Add Network to orders-ro');
    assert.deepEqual([vpcPick.step, vpcPick.totalSteps], [4, 7]);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await running;
    assert.deepEqual(await requestsOf('CreateReadOnlyGroupNetworkAccess'), []);
  });
});
