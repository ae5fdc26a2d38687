// Add Network, Remove Network and task tracking as a person does them, in a real browser against code-server
// with the packaged extension and the emulator. Screenshots of each step land in test-results/screenshots/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { manifestString } from './support/manifest';
import { useWorkbench } from './support/useWorkbench';

const EXTENSION_ID = 'tencentdb-tools.tencentdb-postgres-networks';
const TASKS_ITEM = 'tencentdbPostgres.tasks';

interface WorldNetwork { vpcId: string; subnetId: string; ip: string; port?: number; status: string }
interface WorldGroup { readOnlyGroupId: string; readOnlyGroupName: string; status: string; networks: WorldNetwork[] }

describe('Network changes in the browser', function () {
  this.timeout(120_000);
  const fixture = useWorkbench({
    name: 'network',
    credentials: 'world',
    settings: { 'tencentdbPostgres.taskPollIntervalSeconds': 0.5 },
  });

  function group(name: string): WorldGroup {
    for (const region of fixture.environment.emulator.control.world().regions) {
      for (const primary of region.primaryInstances) {
        const found = (primary.readOnlyGroups as WorldGroup[]).find((candidate) => candidate.readOnlyGroupName === name);
        if (found) return found;
      }
    }
    assert.fail(`no group ${name} in the world`);
  }

  function createRequests(): number {
    return fixture.environment.emulator.control.requests().filter((entry) => entry.action === 'CreateReadOnlyGroupNetworkAccess').length;
  }

  function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
    return fixture.workbench.waitUntil(condition, what, timeoutMs);
  }

  async function showGroups(...primaries: string[]): Promise<void> {
    const { workbench } = fixture;
    await workbench.openViewContainer(manifestString('viewsContainers.tencentdbPostgres.title'));
    await workbench.expandTreeRow(/Guangzhou/);
    for (const primary of primaries) await workbench.expandTreeRow(primary);
  }

  /** Waits until the quick input's title (with its "2/4" counter) matches: the next step replaces the last one. */
  async function expectStep(pattern: RegExp): Promise<void> {
    await fixture.workbench.waitForQuickInputTitle(pattern);
  }

  /** Picks in the VIP step once the free addresses have arrived (they redraw the list). */
  async function pickInVipStep(label: RegExp): Promise<void> {
    await fixture.workbench.quickInputRow(/^\s*\d+\.\d+\.\d+\.\d+\s*$/).first().waitFor();
    await fixture.workbench.pickQuickInputItem(label);
  }

  async function statusBarText(): Promise<string> {
    return fixture.workbench.statusBarText(EXTENSION_ID, TASKS_ITEM);
  }

  before(() => {
    fixture.environment.emulator.control.apply({ op: 'setTaskDuration', durationMs: 8000 });
  });

  it('adds a network: right-click > Add Network > VPC > subnet > auto VIP > Create, progress in the status bar', async () => {
    const { workbench } = fixture;
    await showGroups('orders-db');
    await workbench.chooseTreeRowContextMenuItem('orders-ro', 'Add Network...');

    await expectStep(/Add Network to orders-ro.*1\/4/);
    await workbench.quickInputRow(/prod-vpc/).first().waitFor();
    await fixture.snapshot('wizard-1-vpc');
    await workbench.pickQuickInputItem(/prod-vpc/);

    await expectStep(/2\/4/);
    await workbench.quickInputRow(/prod-app-gz3/).first().waitFor();
    await fixture.snapshot('wizard-2-subnet');
    await workbench.pickQuickInputItem(/prod-app-gz3/);

    await expectStep(/3\/4/);
    await workbench.quickInputRow(/Assign automatically/).first().waitFor();
    await workbench.quickInputRow(/^\s*10\.0\.1\.\d+\s*$/).first().waitFor(); // the free addresses offered
    await fixture.snapshot('wizard-3-vip');
    await workbench.pickQuickInputItem(/Assign automatically/);

    await expectStep(/4\/4/);
    await workbench.quickInputRow(/^\s*Create\s*$/).first().waitFor();
    await fixture.snapshot('wizard-4-confirm');
    await workbench.pickQuickInputItem(/^\s*Create\s*$/);
    await workbench.waitForQuickInputClosed();

    await waitFor(async () => /orders-ro: \d+%/.test(await statusBarText()), 'a percentage in the status bar');
    await fixture.snapshot('status-bar-task');
    assert.match(await workbench.treeRowDescription('orders-ro'), /Adding network/);
  });

  it('ends with the new network opened in the tree, the group ok, and a notification', async () => {
    const { workbench } = fixture;
    await workbench.waitForNotification(/was added to orders-ro/);
    const added = group('orders-ro').networks.find((network) => network.subnetId === 'subnet-0qy9gxh8');
    assert.ok(added, 'the emulator holds the new network');
    assert.equal(added.status, 'opened');
    assert.equal(group('orders-ro').status, 'ok');
    await workbench.waitForTreeRow(new RegExp(`^${added.ip.replace(/\./g, '\\.')}`));
    await waitFor(async () => !(await workbench.statusBarItem(EXTENSION_ID, TASKS_ITEM).isVisible()), 'the status bar item to go');
    await fixture.snapshot('tree-after-add');
    assert.equal(createRequests(), 1);
  });

  it('offers no Add Network on a group that is full', async () => {
    const { workbench, browser } = fixture;
    await (await workbench.waitForTreeRow('orders-ro')).click({ button: 'right' });
    const items = await workbench.contextMenuItems().finally(() => browser.page.keyboard.press('Escape'));
    assert.ok(!items.includes('Add Network...'), `menu: ${items.join(', ')}`);
  });

  it('refuses a typed VIP that is in use, naming what holds it', async () => {
    const { workbench, browser } = fixture;
    await showGroups('inventory-db');
    await workbench.chooseTreeRowContextMenuItem('inventory-reporting-ro', 'Add Network...');
    await workbench.pickQuickInputItem(/prod-vpc/);
    await workbench.pickQuickInputItem(/prod-app-gz3/);
    await pickInVipStep(/Specify an address/);
    await waitFor(async () => (await workbench.quickInputRow(/Specify an address/).count()) === 0, 'the address box');
    await workbench.typeInQuickInput('10.0.1.10');
    await waitFor(async () => (await workbench.quickInputMessage()).includes('ins-7xk2m9qa'), 'the in-use message', 10_000);
    assert.equal(await workbench.quickInputMessage(), '10.0.1.10 is already used by cvm ins-7xk2m9qa. Choose another address.');
    await fixture.snapshot('wizard-vip-in-use');
    await browser.page.keyboard.press('Escape');
    await workbench.waitForQuickInputClosed();
    assert.equal(createRequests(), 1, 'nothing was sent');
  });

  it('removes a network of a group with two, after a confirmation naming it', async () => {
    const { workbench, browser } = fixture;
    const added = group('orders-ro').networks.find((network) => network.subnetId === 'subnet-0qy9gxh8');
    assert.ok(added);
    const row = new RegExp(`^${added.ip.replace(/\./g, '\\.')}`);
    await workbench.chooseTreeRowContextMenuItem(row, 'Remove Network...');
    const dialog = browser.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), new RegExp(`Remove the network ${added.ip.replace(/\./g, '\\.')} from orders-ro\\?`));
    assert.match(await dialog.innerText(), /vpc-0p4qrebe, subnet subnet-0qy9gxh8/);
    await fixture.snapshot('remove-confirm');
    await dialog.locator('.monaco-button').filter({ hasText: 'Remove Network' }).first().click();
    await waitFor(async () => /orders-ro/.test(await statusBarText().catch(() => '')), 'the removal in the status bar');
    await workbench.waitForNotification(/was removed from orders-ro/);
    assert.equal(group('orders-ro').networks.length, 1);
    await waitFor(async () => (await workbench.treeRow(row).count()) === 0, 'the network row to go');
  });

  it('resumes tracking a task after the window reloads', async () => {
    const { workbench, browser } = fixture;
    fixture.environment.emulator.control.apply({ op: 'setTaskDuration', durationMs: 20_000 });
    await showGroups('inventory-db');
    await workbench.chooseTreeRowContextMenuItem('inventory-reporting-ro', 'Add Network...');
    await workbench.pickQuickInputItem(/prod-vpc/);
    await workbench.pickQuickInputItem(/prod-db-gz3/);
    await pickInVipStep(/Assign automatically/);
    await workbench.pickQuickInputItem(/^\s*Create\s*$/);
    await waitFor(async () => /inventory-reporting-ro/.test(await statusBarText().catch(() => '')), 'the task in the status bar');

    // The task is recorded in the extension's global storage folder on the server: reload once its record is there.
    const taskFolder = path.join(fixture.environment.codeServer.userDataDir, 'User', 'globalStorage', EXTENSION_ID, 'tasks');
    const groupId = group('inventory-reporting-ro').readOnlyGroupId;
    const recorded = (): boolean => {
      try {
        return fs.readdirSync(taskFolder).some((name) => name.startsWith('task-') && fs.readFileSync(path.join(taskFolder, name), 'utf8').includes(groupId));
      } catch {
        return false; // the folder not made yet, or a record replaced while read
      }
    };
    await waitFor(recorded, 'the task record on disk');
    await browser.page.reload();
    await workbench.waitForReady();
    await waitFor(async () => /inventory-reporting-ro/.test(await statusBarText().catch(() => '')), 'the resumed task in the status bar', 40_000);
    await fixture.snapshot('status-bar-after-reload');
    await waitFor(
      async () => (await workbench.notificationMessages()).some((message) => message.includes('was added to inventory-reporting-ro')),
      'the notification of the resumed task',
      45_000,
    );
    assert.equal(group('inventory-reporting-ro').networks.length, 2);
    assert.ok(group('inventory-reporting-ro').networks.every((network) => network.status === 'opened'));
  });
});
