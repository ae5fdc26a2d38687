// The Read-Only Groups tree inside the real extension host, against the emulator the harness started:
// what the tree shows must be exactly what the emulator's world holds.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ExplorerNode } from '../../src/explorer/activation';
import type { NetworkNode, PrimaryInstanceNode, RegionNode, RoGroupNode } from '../../src/explorer/nodes';
import { activateExtension, control as emulatorControl, emulatorUrl, requestLog } from './faultsHarness';

interface WorldNetwork { vpcId: string; subnetId: string; ip: string; port?: number; status: string }
interface WorldGroup { readOnlyGroupId: string; readOnlyGroupName: string; status: string; networks: WorldNetwork[] }
interface WorldPrimary { dbInstanceId: string; dbInstanceName: string; status: string; readOnlyGroups: WorldGroup[] }
interface WorldRegion { region: string; supported: boolean; primaryInstances: WorldPrimary[] }
interface WorldSnapshot { regions: WorldRegion[] }

async function emulatorWorld(): Promise<WorldSnapshot> {
  const response = await fetch(`${emulatorUrl()}/__emulator/world`, { signal: AbortSignal.timeout(5000) });
  assert.equal(response.status, 200);
  return (await response.json()) as WorldSnapshot;
}

function configuration(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('tencentdbPostgres');
}

/** Loads every "Load more" page of a region and returns its primaries' nodes. */
async function allPrimaries(api: ExtensionApi, region: RegionNode): Promise<PrimaryInstanceNode[]> {
  for (let page = 0; page < 50; page++) {
    const children = await api.explorer.getChildren(region);
    const more = children.find((child) => child.kind === 'loadMore');
    if (!more) return children.filter((child): child is PrimaryInstanceNode => child.kind === 'primary');
    await vscode.commands.executeCommand('tencentdbPostgres.loadMore', more);
  }
  assert.fail('a region kept offering "Load more" after 50 pages');
}

async function regionNode(api: ExtensionApi, regionId: string): Promise<RegionNode> {
  const roots = await api.explorer.getChildren();
  const region = roots.find((node): node is RegionNode => node.kind === 'region' && node.regionId === regionId);
  assert.ok(region, `no region node ${regionId} among ${roots.map((node) => node.kind).join(', ')}`);
  return region;
}

function label(api: ExtensionApi, node: ExplorerNode): string {
  const item = api.explorer.getTreeItem(node);
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

describe('Explorer tree against the emulator', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let world: WorldSnapshot;
  let savedPageSize: number | undefined;

  before(async () => {
    api = await activateExtension();
    world = await emulatorWorld();
    savedPageSize = configuration().inspect<number>('pageSize')?.globalValue;
    await emulatorControl({ op: 'reset' });
  });

  afterEach(async () => {
    await emulatorControl({ op: 'resetFaults' });
  });

  after(async () => {
    await configuration().update('pageSize', savedPageSize, vscode.ConfigurationTarget.Global);
  });

  it('signs in with the environment credentials the harness set', () => {
    assert.equal(api.profiles.activeProfileId(), '(environment)');
  });

  it('shows the regions of the setting, in order', async () => {
    const roots = await api.explorer.getChildren();
    const expected = configuration().get<string[]>('regions');
    assert.ok(expected && expected.length > 0, 'the harness sets the regions');
    assert.deepEqual(
      roots.map((node) => (node.kind === 'region' ? node.regionId : node.kind)),
      expected,
    );
  });

  it('shows every primary, group and network of the world, with their statuses', async () => {
    await configuration().update('pageSize', 100, vscode.ConfigurationTarget.Global);
    const regions = (await api.explorer.getChildren()).filter((node): node is RegionNode => node.kind === 'region');
    let groupsSeen = 0;
    let networksSeen = 0;
    for (const region of regions) {
      const worldRegion = world.regions.find((candidate) => candidate.region === region.regionId);
      assert.ok(worldRegion, `region ${region.regionId} is not in the world`);
      const primaries = await allPrimaries(api, region);
      assert.deepEqual(
        primaries.map((node) => node.instance.id).sort(),
        worldRegion.primaryInstances.map((primary) => primary.dbInstanceId).sort(),
        `primaries of ${region.regionId}`,
      );
      if (primaries.length === 0) {
        const [empty] = await api.explorer.getChildren(region);
        assert.equal(empty?.kind, 'message', `an empty region ${region.regionId} says so`);
      }
      for (const primaryNode of primaries) {
        const worldPrimary: WorldPrimary | undefined = worldRegion.primaryInstances.find((primary) => primary.dbInstanceId === primaryNode.instance.id);
        assert.ok(worldPrimary);
        assert.equal(label(api, primaryNode), worldPrimary.dbInstanceName);
        assert.equal(primaryNode.instance.status, worldPrimary.status);
        // The primary's own networks come first; its groups (or the message that it has none) follow.
        const children = (await api.explorer.getChildren(primaryNode)).filter((child) => child.kind !== 'network');
        if (worldPrimary.readOnlyGroups.length === 0) {
          assert.deepEqual(children.map((child) => child.kind), ['message'], `${worldPrimary.dbInstanceId} has no groups and says so`);
          continue;
        }
        const groups = children.filter((child): child is RoGroupNode => child.kind === 'roGroup');
        assert.deepEqual(
          groups.map((node) => node.group.id).sort(),
          worldPrimary.readOnlyGroups.map((group) => group.readOnlyGroupId).sort(),
          `groups of ${worldPrimary.dbInstanceId}`,
        );
        for (const groupNode of groups) {
          const worldGroup: WorldGroup | undefined = worldPrimary.readOnlyGroups.find((group) => group.readOnlyGroupId === groupNode.group.id);
          assert.ok(worldGroup);
          groupsSeen += 1;
          assert.equal(groupNode.group.status, worldGroup.status);
          assert.equal(label(api, groupNode), worldGroup.readOnlyGroupName || worldGroup.readOnlyGroupId);
          const item = api.explorer.getTreeItem(groupNode);
          const flags = String(item.contextValue).split(' ');
          assert.equal(flags[0], 'roGroup');
          assert.equal(flags.includes('ok'), worldGroup.status === 'ok');
          assert.equal(flags.includes('full'), worldGroup.networks.length >= 2);
          assert.equal(flags.includes('canAddNetwork'), worldGroup.status === 'ok' && worldGroup.networks.length < 2);
          assert.match(String(item.description), new RegExp(`${worldGroup.networks.length}/2`));
          assert.ok(item.accessibilityInformation?.label, 'a group row has an accessibility label');

          const networkChildren = await api.explorer.getChildren(groupNode);
          const networks = networkChildren.filter((child): child is NetworkNode => child.kind === 'network');
          const shown = networks.map((node) => `${label(api, node)} ${node.network.vpcId} ${node.network.subnetId} ${node.network.status}`).sort();
          const expected = worldGroup.networks.map((network) => `${network.ip}:${network.port ?? 5432} ${network.vpcId} ${network.subnetId} ${network.status}`).sort();
          assert.deepEqual(shown, expected, `networks of ${worldGroup.readOnlyGroupId}`);
          if (worldGroup.networks.length === 0) {
            assert.deepEqual(networkChildren.map((child) => child.kind), ['message'], 'a group without networks says so');
          }
          for (const networkNode of networks) {
            networksSeen += 1;
            const networkItem = api.explorer.getTreeItem(networkNode);
            assert.ok(String(networkItem.contextValue).startsWith('network'));
            assert.equal(
              String(networkItem.contextValue).split(' ').includes('removable'),
              worldGroup.status === 'ok' && worldGroup.networks.length === 2 && !['opening', 'closing', 'initing'].includes(networkNode.network.status),
            );
            assert.match(String(networkItem.description), new RegExp(networkNode.network.vpcId));
          }
        }
      }
    }
    assert.ok(groupsSeen > 0 && networksSeen > 0, 'the world holds groups and networks to compare');
  });

  it('shows a primary\'s own networks before its groups, the public address read-only, at no call beyond the listing', async () => {
    await configuration().update('pageSize', 100, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('tencentdbPostgres.refresh');
    const primaries = await allPrimaries(api, await regionNode(api, 'ap-guangzhou'));
    const byName = (name: string): PrimaryInstanceNode => {
      const found = primaries.find((node) => node.instance.name === name);
      assert.ok(found, `no primary ${name}`);
      return found;
    };
    const callsBefore = (await requestLog()).entries.length;
    const rows = async (name: string): Promise<string[]> =>
      (await api.explorer.getChildren(byName(name))).map((child) => {
        const item = api.explorer.getTreeItem(child);
        return child.kind === 'network' ? `${label(api, child)} ${String(item.contextValue)}` : child.kind;
      });

    // Two private networks: either may go. No read-only group: the message stays, after them.
    assert.deepEqual(await rows('sessions-db'), ['10.0.3.21:5432 network vpc removable', '172.16.2.21:5432 network vpc removable', 'message']);
    assert.deepEqual(await rows('payments-db'), ['10.0.2.11:5432 network vpc', 'gz-postgres-1moscm05.sql.tencentcdb.com:21435 network publicAddress', 'roGroup']);
    const payments = byName('payments-db');
    assert.match(String(api.explorer.getTreeItem(payments).contextValue), /^primaryInstance\b.*\bcanAddNetwork\b/, 'one private network: room for another');
    assert.equal((await requestLog()).entries.length, callsBefore, 'expanding the primaries made no call');
  });

  it('pages primary instances with a "Load more" node until the last page', async () => {
    await configuration().update('pageSize', 5, vscode.ConfigurationTarget.Global);
    const worldRegion = [...world.regions]
      .filter((region) => region.supported)
      .sort((a, b) => b.primaryInstances.length - a.primaryInstances.length)[0];
    assert.ok(worldRegion.primaryInstances.length > 5, 'the world needs a region with more than one page of primaries');
    const region = await regionNode(api, worldRegion.region);

    const firstPage = await api.explorer.getChildren(region);
    assert.equal(firstPage.at(-1)?.kind, 'loadMore', 'the first page ends with "Load more"');
    const firstCount = firstPage.filter((node) => node.kind === 'primary').length;
    assert.equal(firstCount, 5, 'the first page holds the page size, though one call brought more');

    const primaries = await allPrimaries(api, region);
    const ids = primaries.map((node) => node.instance.id);
    assert.equal(new Set(ids).size, ids.length, 'no primary is shown twice');
    assert.deepEqual([...ids].sort(), worldRegion.primaryInstances.map((primary) => primary.dbInstanceId).sort());
  });

  it('shows an injected fault as an error node, and Retry recovers', async () => {
    await configuration().update('pageSize', 100, vscode.ConfigurationTarget.Global);
    const worldRegion = world.regions.find((region) => region.supported && region.primaryInstances.some((p) => p.readOnlyGroups.length > 0));
    assert.ok(worldRegion);
    const worldPrimary = worldRegion.primaryInstances.find((primary) => primary.readOnlyGroups.length > 0);
    assert.ok(worldPrimary);
    const region = await regionNode(api, worldRegion.region);
    await vscode.commands.executeCommand('tencentdbPostgres.refreshNode', region);
    const primaryNode = (await allPrimaries(api, region)).find((node) => node.instance.id === worldPrimary.dbInstanceId);
    assert.ok(primaryNode);

    // A refusal that no retry can fix, so the client reports it at once.
    await emulatorControl({ op: 'failNext', action: 'DescribeReadOnlyGroups', code: 'UnauthorizedOperation', count: 1 });
    await vscode.commands.executeCommand('tencentdbPostgres.refreshNode', primaryNode);
    // The failure takes the groups' place; the primary's own networks, listed with it, still show.
    const failed = await api.explorer.getChildren(primaryNode);
    assert.deepEqual(failed.map((node) => node.kind), [...primaryNode.networks.map(() => 'network'), 'error']);
    const errorNode = failed[failed.length - 1];
    const errorItem = api.explorer.getTreeItem(errorNode);
    assert.equal(errorItem.contextValue, 'error', 'the error row offers Retry and Show Log');
    assert.match(String(errorItem.label), /not allowed/);
    assert.match(String(errorItem.label), /UnauthorizedOperation/);
    assert.equal(errorItem.command?.command, 'tencentdbPostgres.retryNode');

    await vscode.commands.executeCommand('tencentdbPostgres.retryNode', errorNode);
    const recovered = await api.explorer.getChildren(primaryNode);
    assert.deepEqual(
      recovered.filter((node): node is RoGroupNode => node.kind === 'roGroup').map((node) => node.group.id).sort(),
      worldPrimary.readOnlyGroups.map((group) => group.readOnlyGroupId).sort(),
    );
  });

  it('shows a failed region load as an error node, and Retry recovers', async () => {
    const worldRegion = world.regions.find((region) => region.supported && region.primaryInstances.length > 0);
    assert.ok(worldRegion);
    const region = await regionNode(api, worldRegion.region);
    await emulatorControl({ op: 'failNext', action: 'DescribeDBInstances', code: 'AuthFailure.SignatureExpire', count: 1 });
    await vscode.commands.executeCommand('tencentdbPostgres.refreshNode', region);
    const failed = await api.explorer.getChildren(region);
    assert.deepEqual(failed.map((node) => node.kind), ['error']);
    assert.match(String(api.explorer.getTreeItem(failed[0]).label), /clock/);

    await vscode.commands.executeCommand('tencentdbPostgres.retryNode', failed[0]);
    const primaries = (await api.explorer.getChildren(region)).filter((node) => node.kind === 'primary');
    assert.equal(primaries.length, worldRegion.primaryInstances.length);
  });
});
