import * as assert from 'node:assert/strict';
import { formatEnglish } from '../../../src/domain/translate';
import type { ExplorerNode, PrimaryInstanceNode, RegionNode, RoGroupNode } from '../../../src/explorer/nodes';
import { AHEAD_FRESH_MS } from '../../../src/explorer/regionLoader';
import { TreeLoadCache } from '../../../src/explorer/treeLoadCache';
import { FakeClock } from '../support/fakeClock';
import { FakeCloudApi, group, network, primaryInstance } from '../support/fakes';

function setUp(regions: string[] = ['ap-guangzhou'], pageSize = 7) {
  const api = new FakeCloudApi();
  const clock = new FakeClock();
  const redrawn: Array<ExplorerNode | undefined> = [];
  const failures: string[] = [];
  const cache = new TreeLoadCache({
    api,
    settings: { regions: () => regions, pageSize: () => pageSize },
    clock,
    t: formatEnglish,
    changed: (node) => redrawn.push(node),
    onLoadFailure: (what) => failures.push(what),
  });
  return { api, clock, redrawn, failures, cache };
}

async function firstGroup(cache: TreeLoadCache): Promise<RoGroupNode> {
  const [region] = (await cache.children()) as RegionNode[];
  const [primary] = (await cache.children(region)) as PrimaryInstanceNode[];
  const [node] = await cache.children(primary);
  assert.equal(node.kind, 'roGroup');
  return node as RoGroupNode;
}

describe('explorer/TreeLoadCache', () => {
  it('shows the regions of the settings, in their order', async () => {
    const { cache } = setUp(['ap-shanghai', 'ap-guangzhou']);
    const roots = await cache.children();
    assert.deepEqual(roots.map((node) => (node.kind === 'region' ? node.regionId : node.kind)), ['ap-shanghai', 'ap-guangzhou']);
  });

  it('offers to select regions when none is selected', async () => {
    const { cache } = setUp([]);
    const [only] = await cache.children();
    assert.equal(only.kind, 'message');
    assert.equal(only.kind === 'message' ? only.command?.id : undefined, 'tencentdbPostgres.selectRegions');
  });

  it('shows pages of the size the settings give, asking the API for its most instances a call', async () => {
    const { api, clock, cache } = setUp(['ap-guangzhou'], 2);
    for (const id of ['postgres-b', 'postgres-c', 'postgres-d', 'postgres-e']) api.primaries.set(id, primaryInstance({ id }));
    const [region] = (await cache.children()) as RegionNode[];
    const firstPage = await cache.children(region);
    assert.deepEqual(firstPage.map((node) => node.kind === 'primary' ? node.instance.id : node.kind), ['postgres-1', 'postgres-b', 'loadMore']);
    assert.deepEqual(api.callsOf('listPrimaryInstances').map((call) => call.args[1]), [{ offset: 0, limit: 100 }]);
    assert.equal(api.callsOf('listReadOnlyGroups').length, 2, 'groups only for the primaries shown');

    await clock.advance(AHEAD_FRESH_MS);
    await cache.loadMore(region);
    assert.equal(api.callsOf('listPrimaryInstances').length, 1, 'Load more soon after: the primaries read with the first page');
    assert.deepEqual(region.primaries.map((node) => node.instance.id), ['postgres-1', 'postgres-b', 'postgres-c', 'postgres-d']);

    await clock.advance(1);
    await cache.loadMore(region);
    assert.deepEqual(api.callsOf('listPrimaryInstances').map((call) => call.args[1]), [{ offset: 0, limit: 100 }, { offset: 4, limit: 100 }], 'later: read again where the tree goes on');
    assert.deepEqual(region.primaries.map((node) => node.instance.id), ['postgres-1', 'postgres-b', 'postgres-c', 'postgres-d', 'postgres-e']);
    assert.equal(region.nextOffset, undefined);
  });

  it('reads a changing group again on the clock until it settles, redrawing it each time', async () => {
    const { api, clock, redrawn, cache } = setUp();
    api.groups.set('pgrogrp-1', group({ networks: [network({ status: 'opening' })] }));
    const node = await firstGroup(cache);
    await clock.advance(5000);
    assert.equal(api.callsOf('getReadOnlyGroup').length, 1);
    assert.ok(redrawn.includes(node));

    api.groups.set('pgrogrp-1', group({ networks: [network({ status: 'opened' })] }));
    await clock.advance(10_000);
    assert.equal(api.callsOf('getReadOnlyGroup').length, 2);
    assert.equal(node.group.networks[0].status, 'opened', 'the node shows the settled state');
    await clock.advance(10 * 60_000);
    assert.equal(api.callsOf('getReadOnlyGroup').length, 2, 'no read after the group settled');
  });

  it('drops a group that is gone when read back, and redraws its primary', async () => {
    const { api, redrawn, cache } = setUp();
    const node = await firstGroup(cache);
    api.groups.delete('pgrogrp-1');
    await cache.rereadGroup('ap-guangzhou', 'pgrogrp-1');
    assert.equal(cache.group('pgrogrp-1'), undefined);
    assert.equal(node.parent.children, undefined, 'the primary lists its groups again when next expanded');
    assert.equal(redrawn[redrawn.length - 1], node.parent);
  });

  it('stops reading and loading once disposed (the account changed)', async () => {
    const { api, clock, cache } = setUp();
    api.groups.set('pgrogrp-1', group({ status: 'modifying' }));
    await firstGroup(cache);
    cache.dispose();
    await clock.advance(10 * 60_000);
    assert.equal(api.callsOf('getReadOnlyGroup').length, 0);
    await cache.rereadGroup('ap-guangzhou', 'pgrogrp-1');
    assert.equal(api.callsOf('getReadOnlyGroup').length, 0);
  });

  it('forgets the groups of a region that is reset, and their re-reads with them', async () => {
    const { api, clock, cache } = setUp();
    api.groups.set('pgrogrp-1', group({ status: 'modifying' }));
    const node = await firstGroup(cache);
    cache.resetRegion(node.parent.parent);
    assert.equal(cache.group('pgrogrp-1'), undefined);
    await clock.advance(10 * 60_000);
    assert.equal(api.callsOf('getReadOnlyGroup').length, 0);
  });
});
