import * as assert from 'node:assert/strict';
import type { PrimaryInstance, PrimaryInstancePage, ReadOnlyGroup } from '../../../src/domain/model';
import { formatEnglish } from '../../../src/domain/translate';
import type { RegionNode } from '../../../src/explorer/nodes';
import { networkSource } from '../../../src/explorer/networkSource';
import { groupsUnder } from '../../../src/explorer/subtree';
import { TreeLoadCache } from '../../../src/explorer/treeLoadCache';
import { FakeClock } from '../support/fakeClock';
import { FakeCloudApi, group, network, primaryInstance } from '../support/fakes';

/** Three primaries over pages of two, one group each. */
class PagedApi extends FakeCloudApi {
  failGroupsOf: string | undefined;
  private readonly instances: PrimaryInstance[] = ['postgres-a', 'postgres-b', 'postgres-c'].map((id) =>
    primaryInstance({
      id,
      name: id,
      // Each primary's own network, and for the last one its public address too.
      networks: [
        network({ vpcId: 'vpc-main', subnetId: 'subnet-a', ip: `10.0.2.${id.charCodeAt(id.length - 1)}`, netType: 'private' }),
        ...(id === 'postgres-c' ? [network({ vpcId: '', subnetId: '', ip: '', address: 'c.example.com', netType: 'public' })] : []),
      ],
    }),
  );

  override async listPrimaryInstances(region: string, page: { offset: number; limit: number }): Promise<PrimaryInstancePage> {
    this.record('listPrimaryInstances', region, page);
    const end = page.offset + page.limit;
    const instances = this.instances.slice(page.offset, end);
    return { instances, positions: instances.map((_, i) => page.offset + i), totalCount: this.instances.length, nextOffset: end < this.instances.length ? end : undefined };
  }

  override async listReadOnlyGroups(region: string, primaryInstanceId: string): Promise<ReadOnlyGroup[]> {
    this.record('listReadOnlyGroups', region, primaryInstanceId);
    if (primaryInstanceId === this.failGroupsOf) throw new Error(`no groups for ${primaryInstanceId}`);
    const suffix = primaryInstanceId.slice(-1);
    return [group({ id: `pgrogrp-${suffix}`, primaryInstanceId, networks: [network({ ip: `10.0.1.${suffix.charCodeAt(0)}` })] })];
  }
}

function setUp() {
  const api = new PagedApi();
  const cache = new TreeLoadCache({
    api,
    settings: { regions: () => ['ap-guangzhou'], pageSize: () => 2 },
    clock: new FakeClock(),
    t: formatEnglish,
    changed: () => undefined,
    onLoadFailure: () => undefined,
  });
  return { api, cache };
}

async function region(cache: TreeLoadCache): Promise<RegionNode> {
  const [node] = await cache.children();
  return node as RegionNode;
}

describe('explorer/subtree', () => {
  it('walks every page of a region (following "Load more") and every group, and the tree keeps them', async () => {
    const { api, cache } = setUp();
    const regionNode = await region(cache);
    const batches: number[] = [];
    const groups = await groupsUnder(cache, regionNode, { signal: new AbortController().signal, onBatch: (batch) => batches.push(batch.groups.length) });
    assert.deepEqual(groups.map((node) => node.group.id), ['pgrogrp-a', 'pgrogrp-b', 'pgrogrp-c']);
    assert.equal(regionNode.nextOffset, undefined, 'every page is loaded');
    assert.equal(regionNode.primaries.length, 3);
    assert.equal(cache.group('pgrogrp-c'), groups[2], 'the tree holds the same nodes');
    assert.equal(api.callsOf('listPrimaryInstances').length, 1, 'the second page came with the first call (up to 100 instances)');
    assert.equal(api.callsOf('listReadOnlyGroups').length, 3, 'no group list is asked for twice');
    assert.ok(batches.reduce((sum, count) => sum + count, 0) === 3);
  });

  it('stops at once when the signal aborts', async () => {
    const { cache } = setUp();
    const abort = new AbortController();
    const reason = new Error('cancelled');
    abort.abort(reason);
    await assert.rejects(groupsUnder(cache, await region(cache), { signal: abort.signal }), (error) => error === reason);
  });

  it('rejects with the failure of a load instead of leaving the group out', async () => {
    const { api, cache } = setUp();
    api.failGroupsOf = 'postgres-b';
    await assert.rejects(groupsUnder(cache, await region(cache), { signal: new AbortController().signal }), /no groups for postgres-b/);
  });

  it('gives the features every network below a node, and nothing for what is not a tree node', async () => {
    const { cache } = setUp();
    const source = networkSource(() => cache);
    const regionNode = await region(cache);
    const pairs = await source.networksUnder(regionNode, { signal: new AbortController().signal });
    assert.deepEqual(pairs?.map((pair) => `${pair.group.id}/${pair.network.ip}`), ['pgrogrp-a/10.0.1.97', 'pgrogrp-b/10.0.1.98', 'pgrogrp-c/10.0.1.99']);
    assert.equal(await source.networksUnder({ kind: 'region', regionId: 'ap-guangzhou' }, { signal: new AbortController().signal }), undefined);
    assert.equal(await networkSource(() => undefined).networksUnder(regionNode, { signal: new AbortController().signal }), undefined);
  });

  it('gives the exports the private networks of every primary below a region, at no call once the groups walk is done', async () => {
    const { api, cache } = setUp();
    const source = networkSource(() => cache);
    const regionNode = await region(cache);
    const signal = new AbortController().signal;
    const viaRegion = await source.instanceNetworksUnder(regionNode, { signal });
    assert.deepEqual(viaRegion?.map((pair) => `${pair.instance.id}/${pair.network.ip}`), ['postgres-a/10.0.2.97', 'postgres-b/10.0.2.98', 'postgres-c/10.0.2.99']);
    const calls = api.calls.length;
    await source.networksUnder(regionNode, { signal });
    await source.instanceNetworksUnder(regionNode, { signal });
    assert.equal(api.calls.length, calls, 'everything was loaded by the first walk');
    const [, , last] = regionNode.primaries;
    assert.deepEqual((await source.instanceNetworksUnder(last, { signal }))?.map((pair) => pair.network.ip), ['10.0.2.99']);
    const [privateNode, publicNode] = last.networks;
    assert.deepEqual((await source.instanceNetworksUnder(privateNode, { signal }))?.length, 1);
    assert.deepEqual(await source.instanceNetworksUnder(publicNode, { signal }), [], 'the public address is not created by the export');
    assert.deepEqual(await source.networksUnder(privateNode, { signal }), [], 'a primary\'s network is no group\'s');
    assert.equal(await source.instanceNetworksUnder({ kind: 'region', regionId: 'ap-guangzhou' }, { signal }), undefined);
  });
});
