import assert from 'node:assert/strict';
import type { PrimaryInstance, PrimaryInstancePage, ReadOnlyGroup } from '../../../src/domain/model';
import { primaryPages, type RegionLoaderApi } from '../../../src/explorer/regionLoader';
import { settle } from '../support/fakeClock';

/** A region of `instances` instances where every `stride`-th one is a primary; answers when `release()` is called. */
function fakeRegion(instances: number, stride: number) {
  const calls: string[] = [];
  const waiting: Array<() => void> = [];
  const answerLater = <T>(value: T): Promise<T> => new Promise((resolve) => waiting.push(() => resolve(value)));
  const api: RegionLoaderApi = {
    listPrimaryInstances(region, page): Promise<PrimaryInstancePage> {
      calls.push(`instances@${page.offset}`);
      const end = Math.min(instances, page.offset + page.limit);
      const primaries: PrimaryInstance[] = [];
      for (let i = page.offset; i < end; i++) {
        if (i % stride === 0) primaries.push({ id: `postgres-${i}`, region } as PrimaryInstance);
      }
      return answerLater({ instances: primaries, totalCount: instances, nextOffset: end < instances ? end : undefined });
    },
    listReadOnlyGroups(_region, primaryId): Promise<ReadOnlyGroup[]> {
      calls.push(`groups:${primaryId}`);
      return answerLater([{ id: `group-of-${primaryId}` } as ReadOnlyGroup]);
    },
  };
  /** Answers every call made so far (one round trip), then lets the loader react: a page's groups start on its turn. */
  const roundTrip = async (): Promise<void> => {
    for (const answer of waiting.splice(0)) answer();
    await settle();
  };
  return { api, calls, roundTrip };
}

async function collect(pages: AsyncGenerator<{ primaries: readonly { instance: PrimaryInstance; groups: Promise<ReadOnlyGroup[]> }[] }>) {
  const primaries: Array<{ instance: PrimaryInstance; groups: Promise<ReadOnlyGroup[]> }> = [];
  for await (const page of pages) primaries.push(...page.primaries);
  return primaries;
}

describe('regionLoader.primaryPages', () => {
  it('asks for the groups of every primary of a page as soon as the page arrives', async () => {
    const region = fakeRegion(10, 1);
    const loading = collect(primaryPages(region.api, { region: 'ap-guangzhou', offset: 0, pageSize: 20 }));
    assert.deepEqual(region.calls, ['instances@0']);
    await region.roundTrip();
    assert.equal(region.calls.filter((call) => call.startsWith('groups:')).length, 10, 'all groups requested after one round trip');
    await region.roundTrip();
    const primaries = await loading;
    assert.deepEqual((await Promise.all(primaries.map((p) => p.groups))).map((groups) => groups[0].id), primaries.map((p) => `group-of-${p.instance.id}`));
  });

  it('asks for the further instance pages a tree page needs all at once, judging by the first page', async () => {
    // One primary in four instances: 20 primaries need 80 instances, i.e. 4 API pages of 20.
    const region = fakeRegion(200, 4);
    const loading = collect(primaryPages(region.api, { region: 'ap-guangzhou', offset: 0, pageSize: 20 }));
    await region.roundTrip();
    const instanceCalls = region.calls.filter((call) => call.startsWith('instances@'));
    assert.deepEqual(instanceCalls, ['instances@0', 'instances@20', 'instances@40', 'instances@60'], 'three more pages in parallel after the first');
    for (let i = 0; i < 3; i++) await region.roundTrip();
    const primaries = await loading;
    assert.equal(primaries.length, 20);
    assert.deepEqual(primaries.map((p) => p.instance.id), Array.from({ length: 20 }, (_, i) => `postgres-${i * 4}`), 'in API order');
    assert.equal(region.calls.filter((call) => call.startsWith('instances@')).length, 4, 'no page beyond what the tree page needs');
  });

  it('stops at the end of the region', async () => {
    const region = fakeRegion(3, 1);
    const loading = collect(primaryPages(region.api, { region: 'ap-guangzhou', offset: 0, pageSize: 20 }));
    await region.roundTrip();
    await region.roundTrip();
    assert.equal((await loading).length, 3);
    assert.equal(region.calls.filter((call) => call.startsWith('instances@')).length, 1);
  });
});
