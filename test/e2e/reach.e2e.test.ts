// Networks as code, Find and Check Reachability as a person uses them, in a real browser against code-server with
// the packaged extension and the emulator. The key states are saved as the README's screenshots.
import * as assert from 'node:assert/strict';
import { manifestString } from './support/manifest';
import { useWorkbench } from './support/useWorkbench';

const RESOURCE = 'tencentcloud_postgresql_readonly_group';

interface WorldNetwork { vpcId: string; subnetId: string; ip: string; port?: number }
interface WorldGroup { readOnlyGroupId: string; readOnlyGroupName: string; networks: WorldNetwork[] }

describe('Networks as code, Find and Check Reachability in the browser', function () {
  this.timeout(120_000);
  const fixture = useWorkbench({ name: 'reach', credentials: 'world' });

  /** A group of the Guangzhou instance `orders-db` with a network, as the world defines it. */
  function ordersGroup(): { primaryName: string; group: WorldGroup } {
    const region = fixture.environment.emulator.control.world().regions.find((candidate) => candidate.region === 'ap-guangzhou');
    for (const primary of region?.primaryInstances ?? []) {
      const group = (primary.readOnlyGroups as WorldGroup[]).find((candidate) => candidate.networks.length > 0);
      if (group) return { primaryName: primary.dbInstanceName, group };
    }
    assert.fail('no group with a network in ap-guangzhou');
  }

  function address(network: WorldNetwork): string {
    return `${network.ip}:${network.port ?? 5432}`;
  }

  /** The text of the editor the test looks at, as the page renders it (non-breaking spaces as spaces). */
  async function editorText(): Promise<string> {
    const lines = await fixture.browser.page.locator('.part.editor .monaco-editor .view-lines .view-line').allInnerTexts();
    return lines.join('\n').replace(/\u00a0/g, ' ');
  }

  it('Copy as Terraform on a group\'s own network puts the group\'s resource and import block on the clipboard', async () => {
    const { workbench, browser } = fixture;
    const { primaryName, group } = ordersGroup();
    await browser.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: fixture.environment.codeServer.url });
    await workbench.openViewContainer(manifestString('viewsContainers.tencentdbPostgres.title'));
    await workbench.expandTreeRow(/Guangzhou/);
    await workbench.expandTreeRow(primaryName);
    const row = await workbench.waitForTreeRow(address(group.networks[0]));
    await row.click({ button: 'right' });
    const items = await workbench.contextMenuItems();
    for (const key of ['command.copyAsTerraform', 'command.copyConnectionString', 'command.checkReachability']) {
      assert.ok(items.includes(manifestString(key)), `the network's menu offers ${manifestString(key)} (has ${items.join(', ')})`);
    }
    await fixture.readmeScreenshot('network-menu');
    await workbench.chooseContextMenuItem(manifestString('command.copyAsTerraform'));
    let copied = '';
    const deadline = Date.now() + 10_000;
    while (!copied.includes(`resource "${RESOURCE}"`)) {
      assert.ok(Date.now() < deadline, `the clipboard never held the resource (last: ${copied})`);
      copied = String(await browser.page.evaluate('navigator.clipboard.readText()'));
    }
    assert.match(copied, new RegExp(`import \\{[^}]*id += "${group.readOnlyGroupId}"`));
    assert.match(copied, new RegExp(`vpc_id += "${group.networks[0].vpcId}"`));
  });

  it('Export Networks as Terraform on a region opens an editor with every network of the region', async () => {
    const { workbench } = fixture;
    await workbench.chooseTreeRowContextMenuItem(/Guangzhou/, manifestString('command.exportTerraform'));
    await fixture.browser.page.locator('.part.editor .monaco-editor .view-lines').filter({ hasText: RESOURCE }).first().waitFor({ timeout: 30_000 });
    const text = await editorText();
    assert.match(text, /# Scope: region ap-guangzhou/);
    assert.ok((text.match(new RegExp(`resource "${RESOURCE}"`, 'g')) ?? []).length >= 1, text);
    await fixture.readmeScreenshot('export-terraform');
  });

  it('Find Group or Network reveals and selects the group typed', async () => {
    const { workbench, browser } = fixture;
    const { group } = ordersGroup();
    await workbench.runCommand(`${manifestString('category')}: ${manifestString('command.find')}`);
    await workbench.typeInQuickInput(group.readOnlyGroupId, { submit: false });
    await workbench.quickInputRow(new RegExp(group.readOnlyGroupName)).first().waitFor({ timeout: 30_000 });
    await fixture.readmeScreenshot('find');
    await workbench.pickQuickInputItem(new RegExp(group.readOnlyGroupName));
    await workbench.waitForQuickInputClosed();
    const selected = browser.page.locator('.part.sidebar .pane-body .monaco-list-row.selected').filter({ hasText: group.readOnlyGroupName });
    await selected.first().waitFor({ timeout: 20_000 });
  });

  it('Check Reachability says an emulated network cannot be reached, and never dials it', async () => {
    const { workbench } = fixture;
    const { group } = ordersGroup();
    await workbench.chooseTreeRowContextMenuItem(address(group.networks[0]), manifestString('command.checkReachability'));
    const message = await workbench.waitForNotification(/emulated network/);
    assert.match(message, new RegExp(group.networks[0].ip.replace(/\./g, '\\.')));
    await workbench.openNotificationCentre();
    await fixture.readmeScreenshot('check-reachability');
    await workbench.closeNotificationCentre();
  });
});
