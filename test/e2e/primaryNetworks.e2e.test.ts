// A primary instance's own networks as a person changes them, in a real browser against code-server with the
// packaged extension and the emulator: Add Network on the primary itself, Remove Network on one of its networks,
// and the refusals the instance's rules call for.
import * as assert from 'node:assert/strict';
import { primaryNetworks, type PrimaryInstanceDefinition } from '../emulator/world';
import { manifestString } from './support/manifest';
import { useWorkbench } from './support/useWorkbench';

describe("A primary instance's own networks in the browser", function () {
  this.timeout(120_000);
  const fixture = useWorkbench({
    name: 'primary-networks',
    credentials: 'world',
    settings: { 'tencentdbPostgres.taskPollIntervalSeconds': 0.5 },
  });

  function primary(name: string): PrimaryInstanceDefinition {
    for (const region of fixture.environment.emulator.control.world().regions) {
      const found = region.primaryInstances.find((candidate) => candidate.dbInstanceName === name);
      if (found) return found;
    }
    assert.fail(`no primary ${name} in the world`);
  }

  function requestsOf(action: string): number {
    return fixture.environment.emulator.control.requests().filter((entry) => entry.action === action).length;
  }

  function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
    return fixture.workbench.waitUntil(condition, what, timeoutMs);
  }

  const ipRow = (ip: string): RegExp => new RegExp(`^${ip.replace(/\./g, '\\.')}:`);

  before(async () => {
    fixture.environment.emulator.control.apply({ op: 'setTaskDuration', durationMs: 6000 });
    const { workbench } = fixture;
    await workbench.openViewContainer(manifestString('viewsContainers.tencentdbPostgres.title'));
    await workbench.expandTreeRow(/Guangzhou/);
  });

  it("adds a network to a primary from its menu: the instance's own action, tracked until the tree shows it opened", async () => {
    const { workbench } = fixture;
    assert.equal(primaryNetworks(primary('orders-db')).length, 1);
    await workbench.expandTreeRow('orders-db');
    await workbench.chooseTreeRowContextMenuItem('orders-db', 'Add Network...');
    await workbench.waitForQuickInputTitle(/Add Network to orders-db.*1\/4/);
    await workbench.pickQuickInputItem(/prod-vpc/);
    await workbench.waitForQuickInputTitle(/2\/4/);
    await workbench.pickQuickInputItem(/prod-app-gz3/);
    await workbench.waitForQuickInputTitle(/3\/4/);
    await workbench.quickInputRow(/^\s*\d+\.\d+\.\d+\.\d+\s*$/).first().waitFor();
    await workbench.pickQuickInputItem(/Assign automatically/);
    await workbench.waitForQuickInputTitle(/4\/4/);
    await workbench.quickInputRow(/^\s*Create\s*$/).first().waitFor();
    await fixture.readmeScreenshot('add-network-primary-confirm');
    await workbench.pickQuickInputItem(/^\s*Create\s*$/);
    await workbench.waitForQuickInputClosed();

    await workbench.waitForNotification(/was added to orders-db/);
    const networks = primaryNetworks(primary('orders-db'));
    assert.equal(networks.length, 2, 'the emulator holds the new network on the instance');
    assert.ok(networks.every((network) => network.status === 'opened'));
    assert.equal(primary('orders-db').status, 'running');
    const added = networks.find((network) => network.ip !== '10.0.2.10');
    assert.ok(added);
    await workbench.waitForTreeRow(ipRow(added.ip));
    await fixture.snapshot('primary-after-add');
    assert.equal(requestsOf('CreateDBInstanceNetworkAccess'), 1);
    assert.equal(requestsOf('CreateReadOnlyGroupNetworkAccess'), 0, "no group's action was used");
  });

  it('offers no Add Network on a primary that has its 2 networks, and the palette says why', async () => {
    const { workbench, browser } = fixture;
    await (await workbench.waitForTreeRow('sessions-db')).click({ button: 'right' });
    const items = await workbench.contextMenuItems().finally(() => browser.page.keyboard.press('Escape'));
    assert.ok(!items.includes('Add Network...'), `menu: ${items.join(', ')}`);

    await workbench.runCommand(`TencentDB for PostgreSQL: ${manifestString('command.addNetworkToGroup')}`);
    await workbench.pickQuickInputItem(/ap-guangzhou/);
    // The instances' list is longer than the box shows: filter it as a person would.
    await workbench.waitForQuickInputTitle(/2\/7/);
    await workbench.typeInQuickInput('sessions-db');
    await workbench.waitForQuickInputTitle(/3\/7/);
    const itself = workbench.quickInputRow(/sessions-db/).first();
    await itself.waitFor();
    await waitFor(async () => /already has 2 networks, the most it can have/.test(await itself.innerText()), 'the reason on the instance itself');
    await fixture.snapshot('primary-full-refused');
    await browser.page.keyboard.press('Escape');
    await workbench.waitForQuickInputClosed();
    assert.equal(requestsOf('CreateDBInstanceNetworkAccess'), 1, 'nothing more was sent');
  });

  it("removes a primary's network after a confirmation naming it, and keeps the last one", async () => {
    const { workbench, browser } = fixture;
    const added = primaryNetworks(primary('orders-db')).find((network) => network.ip !== '10.0.2.10');
    assert.ok(added);
    await workbench.chooseTreeRowContextMenuItem(ipRow(added.ip), 'Remove Network...');
    const dialog = browser.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), new RegExp(`Remove the network ${added.ip.replace(/\./g, '\\.')} from orders-db\\?`));
    await dialog.locator('.monaco-button').filter({ hasText: 'Remove Network' }).first().click();
    await workbench.waitForNotification(/was removed from orders-db/);
    assert.deepEqual(primaryNetworks(primary('orders-db')).map((network) => network.ip), ['10.0.2.10']);
    await waitFor(async () => (await workbench.treeRow(ipRow(added.ip)).count()) === 0, 'the network row to go');
    assert.equal(requestsOf('DeleteDBInstanceNetworkAccess'), 1);

    // Its last network stays: Remove Network is not on its menu.
    await (await workbench.waitForTreeRow(ipRow('10.0.2.10'))).click({ button: 'right' });
    const items = await workbench.contextMenuItems().finally(() => browser.page.keyboard.press('Escape'));
    assert.ok(!items.includes('Remove Network...'), `menu: ${items.join(', ')}`);
  });
});
