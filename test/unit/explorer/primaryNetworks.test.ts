import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { primaryInstanceOwner, readOnlyGroupOwner } from '../../../src/domain/networkOwner';
import { formatEnglish as t } from '../../../src/domain/translate';
import type { ExplorerNode, NetworkNode, PrimaryInstanceNode, RegionNode } from '../../../src/explorer/nodes';
import { networkContextValue, networkDescription, networkTooltip, primaryContextValue, primaryTooltip } from '../../../src/explorer/presentation';
import { TreeLoadCache } from '../../../src/explorer/treeLoadCache';
import { FakeClock } from '../support/fakeClock';
import { FakeCloudApi, group, network, primaryInstance } from '../support/fakes';

const privateOne = network({ ip: '10.0.0.5', vpcId: 'vpc-main', subnetId: 'subnet-a', netType: 'private' });
const privateTwo = network({ ip: '10.1.0.5', vpcId: 'vpc-two', subnetId: 'subnet-b', netType: 'private' });
const publicAddress = network({ ip: '', address: 'payments.example.com', vpcId: '', subnetId: '', netType: 'public' });

/** The view/item/context menus of package.json: each command with the regular expression its `when` puts on viewItem. */
function menuRegexes(command: string): RegExp[] {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8')) as {
    contributes: { menus: Record<string, Array<{ command: string; when?: string }>> };
  };
  return manifest.contributes.menus['view/item/context']
    .filter((entry) => entry.command === command)
    .map((entry) => {
      const match = /viewItem =~ \/(.*)\//.exec(entry.when ?? '');
      assert.ok(match, `${command} is matched by a viewItem regex`);
      return new RegExp(match[1]);
    });
}

function onMenu(command: string, contextValue: string): boolean {
  return menuRegexes(command).some((regex) => regex.test(contextValue));
}

function setUp() {
  const api = new FakeCloudApi();
  const clock = new FakeClock();
  const redrawn: Array<ExplorerNode | undefined> = [];
  const cache = new TreeLoadCache({
    api,
    settings: { regions: () => ['ap-guangzhou'], pageSize: () => 10 },
    clock,
    t,
    changed: (node) => redrawn.push(node),
    onLoadFailure: () => undefined,
  });
  return { api, clock, redrawn, cache };
}

async function firstPrimary(cache: TreeLoadCache): Promise<PrimaryInstanceNode> {
  const [region] = (await cache.children()) as RegionNode[];
  const [primary] = (await cache.children(region)) as PrimaryInstanceNode[];
  return primary;
}

describe('explorer/a primary instance\'s own networks', () => {
  describe('context values and menus', () => {
    it('offers Add Network on a running primary with room for a network, not on a full or stopped one', () => {
      const one = primaryContextValue(primaryInstance({ networks: [privateOne, publicAddress] }));
      assert.ok(onMenu('tencentdbPostgres.addNetwork', one), one);
      const full = primaryContextValue(primaryInstance({ networks: [privateOne, privateTwo, publicAddress] }));
      assert.ok(!onMenu('tencentdbPostgres.addNetwork', full), full);
      assert.match(full, /\bfull\b/);
      const stopped = primaryContextValue(primaryInstance({ status: 'isolated', networks: [privateOne] }));
      assert.ok(!onMenu('tencentdbPostgres.addNetwork', stopped), stopped);
    });

    it('offers Remove Network on one of two private networks, never on the last one (the public address does not count)', () => {
      const owner = primaryInstanceOwner(primaryInstance({ networks: [privateOne, privateTwo] }));
      assert.ok(onMenu('tencentdbPostgres.removeNetwork', networkContextValue(owner, privateTwo)));
      const lonely = primaryInstanceOwner(primaryInstance({ networks: [privateOne, publicAddress] }));
      assert.ok(!onMenu('tencentdbPostgres.removeNetwork', networkContextValue(lonely, privateOne)));
    });

    it('puts the public address on the copy menus only: no Remove, no Check Reachability, no Copy as Terraform', () => {
      const owner = primaryInstanceOwner(primaryInstance({ networks: [privateOne, privateTwo, publicAddress] }));
      const value = networkContextValue(owner, publicAddress);
      assert.deepEqual(value.split(' '), ['network', 'publicAddress']);
      assert.ok(onMenu('tencentdbPostgres.copyAddress', value));
      assert.ok(onMenu('tencentdbPostgres.copyConnectionString', value));
      for (const command of ['tencentdbPostgres.removeNetwork', 'tencentdbPostgres.checkReachability', 'tencentdbPostgres.copyAsTerraform']) {
        assert.ok(!onMenu(command, value), `${command} is not offered on the public address`);
      }
    });

    it('offers Check Reachability and Copy as Terraform on private networks of primaries and groups alike', () => {
      const values = [
        networkContextValue(primaryInstanceOwner(primaryInstance({ networks: [privateOne] })), privateOne),
        networkContextValue(readOnlyGroupOwner(group()), group().networks[0]),
      ];
      for (const value of values) {
        assert.ok(onMenu('tencentdbPostgres.checkReachability', value), value);
        assert.ok(onMenu('tencentdbPostgres.copyAsTerraform', value), value);
      }
    });
  });

  describe('texts', () => {
    it('describes the public address without an empty VPC, and says why it cannot be removed', () => {
      assert.equal(networkDescription(publicAddress, t), 'Public network');
      const owner = primaryInstanceOwner(primaryInstance({ networks: [privateOne, publicAddress] }));
      const tooltip = networkTooltip(owner, publicAddress, t);
      assert.match(tooltip, /payments\\\.example\\\.com|payments\.example\.com/);
      assert.match(tooltip, /switched on and off in the console/);
    });

    it('names the primary in a private network\'s tooltip and says why its last network stays', () => {
      const owner = primaryInstanceOwner(primaryInstance({ networks: [privateOne, publicAddress] }));
      const tooltip = networkTooltip(owner, privateOne, t);
      assert.match(tooltip, /Primary instance \| `postgres-1`/);
      assert.match(tooltip.replace(/\\/g, ''), /orders keeps at least one network/);
    });

    it('counts a primary\'s private networks in its tooltip and says why none can be added', () => {
      const tooltip = primaryTooltip(primaryInstance({ networks: [privateOne, privateTwo, publicAddress] }), t);
      assert.match(tooltip, /Networks \| 2\/2/);
      assert.match(tooltip.replace(/\\/g, ''), /already has 2 networks, the most it can have/);
    });
  });

  describe('in the tree', () => {
    it('lists the primary\'s networks before its groups, at no call beyond the listing and the groups', async () => {
      const { api, cache } = setUp();
      api.primaries.set('postgres-1', primaryInstance({ networks: [privateOne, privateTwo, publicAddress] }));
      const primary = await firstPrimary(cache);
      const children = await cache.children(primary);
      assert.deepEqual(
        children.map((node) => (node.kind === 'network' ? `network ${node.network.ip || node.network.address}` : node.kind)),
        ['network 10.0.0.5', 'network 10.1.0.5', 'network payments.example.com', 'roGroup'],
      );
      assert.equal((children[0] as NetworkNode).parent, primary);
      assert.equal((children[0] as NetworkNode).owner.kind, 'primaryInstance');
      assert.deepEqual(api.calls.map((call) => call.method).sort(), ['listPrimaryInstances', 'listReadOnlyGroups']);
    });

    it('keeps the "no read-only groups" message after the networks', async () => {
      const { api, cache } = setUp();
      api.primaries.set('postgres-1', primaryInstance({ networks: [privateOne] }));
      api.groups.clear();
      const children = await cache.children(await firstPrimary(cache));
      assert.deepEqual(children.map((node) => (node.kind === 'message' ? node.key : node.kind)), ['network', 'noGroups']);
    });

    it('reads a primary back by id and redraws it with its new networks, its groups kept', async () => {
      const { api, redrawn, cache } = setUp();
      const primary = await firstPrimary(cache);
      const groupsBefore = primary.children;
      api.primaries.set('postgres-1', primaryInstance({ networks: [privateOne, privateTwo] }));
      await cache.rereadPrimary('ap-guangzhou', 'postgres-1');
      assert.deepEqual(api.callsOf('getPrimaryInstance').map((call) => call.args), [['ap-guangzhou', 'postgres-1']]);
      assert.deepEqual(primary.networks.map((node) => node.network.ip), ['10.0.0.5', '10.1.0.5']);
      assert.equal(primary.children, groupsBefore, 'the groups are not listed again');
      assert.equal(redrawn[redrawn.length - 1], primary);
    });

    it('reads a primary whose network is opening again on the clock until it settles', async () => {
      const { api, clock, cache } = setUp();
      api.primaries.set('postgres-1', primaryInstance({ networks: [{ ...privateOne, status: 'opening' }] }));
      const primary = await firstPrimary(cache);
      api.primaries.set('postgres-1', primaryInstance({ networks: [privateOne] }));
      await clock.advance(5000);
      assert.equal(api.callsOf('getPrimaryInstance').length, 1);
      assert.equal(primary.networks[0].network.status, 'opened');
      await clock.advance(10 * 60_000);
      assert.equal(api.callsOf('getPrimaryInstance').length, 1, 'no read after it settled');
    });
  });
});
