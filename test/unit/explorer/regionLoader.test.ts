import assert from 'node:assert/strict';
import type { PrimaryInstance, PrimaryInstancePage, ReadOnlyGroup } from '../../../src/domain/model';
import fc from 'fast-check';
import { AHEAD_FRESH_MS, primaryPages, type InstancesAhead, type LoadedInstancePage, type RegionLoaderApi } from '../../../src/explorer/regionLoader';
import { settle } from '../support/fakeClock';

/** A region of `instances` instances where every `stride`-th one is a primary; answers when `release()` is called. */
function fakeRegion(instances: number, stride: number) {
  const calls: string[] = [];
  const waiting: Array<() => void> = [];
  const answerLater = <T>(value: T): Promise<T> => new Promise((resolve) => waiting.push(() => resolve(value)));
  const api: RegionLoaderApi = {
    listPrimaryInstances(region, page): Promise<PrimaryInstancePage> {
      calls.push(`instances@${page.offset}+${page.limit}`);
      const end = Math.min(instances, page.offset + page.limit);
      const primaries: PrimaryInstance[] = [];
      const positions: number[] = [];
      for (let i = page.offset; i < end; i++) {
        if (i % stride !== 0) continue;
        primaries.push({ id: `postgres-${i}`, region } as PrimaryInstance);
        positions.push(i);
      }
      return answerLater({ instances: primaries, positions, totalCount: instances, nextOffset: end < instances ? end : undefined });
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

/** Every page of one tree page, answering each round trip as it is asked for. */
async function pagesOf(region: ReturnType<typeof fakeRegion>, pages: AsyncGenerator<LoadedInstancePage>): Promise<LoadedInstancePage[]> {
  const loaded: LoadedInstancePage[] = [];
  let done = false;
  const loading = (async () => {
    for await (const page of pages) loaded.push(page);
    await Promise.all(loaded.flatMap((page) => page.primaries.map((p) => p.groups)));
    done = true;
  })();
  for (let trips = 0; !done && trips < 1000; trips++) await region.roundTrip();
  await loading;
  return loaded;
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
    assert.deepEqual(region.calls, ['instances@0+100']);
    await region.roundTrip();
    assert.equal(region.calls.filter((call) => call.startsWith('groups:')).length, 10, 'all groups requested after one round trip');
    await region.roundTrip();
    const primaries = await loading;
    assert.deepEqual((await Promise.all(primaries.map((p) => p.groups))).map((groups) => groups[0].id), primaries.map((p) => `group-of-${p.instance.id}`));
  });

  it('asks the API for 100 instances a call whatever the page size, and shows (and loads the groups of) a page size of primaries', async () => {
    // One primary in four instances: the first call brings 25 primaries, 20 of them make the tree page.
    const region = fakeRegion(200, 4);
    const pages = await pagesOf(region, primaryPages(region.api, { region: 'ap-guangzhou', offset: 0, pageSize: 20 }));
    assert.deepEqual(region.calls.filter((call) => call.startsWith('instances@')), ['instances@0+100']);
    assert.deepEqual(pages.flatMap((page) => page.primaries.map((p) => p.instance.id)), Array.from({ length: 20 }, (_, i) => `postgres-${i * 4}`), 'in API order');
    assert.equal(region.calls.filter((call) => call.startsWith('groups:')).length, 20, 'no group call for a primary not shown');
    const last = pages[pages.length - 1];
    assert.equal(last.nextOffset, 80, 'the tree goes on where the next primary stands');
    assert.deepEqual(last.ahead?.instances.map((instance) => instance.id), ['postgres-80', 'postgres-84', 'postgres-88', 'postgres-92', 'postgres-96']);
    assert.equal(last.ahead?.offset, 80);
    assert.equal(last.ahead?.nextOffset, 100);
  });

  it('fills the next page from what the last one left over, without a call while it is fresh', async () => {
    const region = fakeRegion(200, 4);
    const clock = { monotonic: () => 0 };
    const first = await pagesOf(region, primaryPages(region.api, { region: 'ap-guangzhou', offset: 0, pageSize: 3, clock }));
    const { nextOffset, ahead } = first[first.length - 1];
    clock.monotonic = () => AHEAD_FRESH_MS;
    const calls = region.calls.length;
    const second = await pagesOf(region, primaryPages(region.api, { region: 'ap-guangzhou', offset: nextOffset ?? -1, pageSize: 3, ahead, clock }));
    assert.deepEqual(second.flatMap((page) => page.primaries.map((p) => p.instance.id)), ['postgres-12', 'postgres-16', 'postgres-20']);
    assert.deepEqual(region.calls.slice(calls), ['groups:postgres-12', 'groups:postgres-16', 'groups:postgres-20'], 'only the group calls');
    assert.equal(second[second.length - 1].ahead?.fetchedAt, 0, 'what is left keeps the time it was read');
  });

  it('reads the instances again when what was left over is stale or starts elsewhere', async () => {
    const region = fakeRegion(200, 4);
    const clock = { monotonic: () => 0 };
    const first = await pagesOf(region, primaryPages(region.api, { region: 'ap-guangzhou', offset: 0, pageSize: 3, clock }));
    const { nextOffset, ahead } = first[first.length - 1];
    clock.monotonic = () => AHEAD_FRESH_MS + 1;
    const calls = region.calls.length;
    const stale = await pagesOf(region, primaryPages(region.api, { region: 'ap-guangzhou', offset: nextOffset ?? -1, pageSize: 3, ahead, clock }));
    assert.deepEqual(region.calls.slice(calls, calls + 1), ['instances@12+100'], 'a stale rest is read again from where the tree goes on');
    assert.deepEqual(stale.flatMap((page) => page.primaries.map((p) => p.instance.id)), ['postgres-12', 'postgres-16', 'postgres-20']);
    clock.monotonic = () => 0;
    const elsewhere = region.calls.length;
    await pagesOf(region, primaryPages(region.api, { region: 'ap-guangzhou', offset: 0, pageSize: 3, ahead, clock }));
    assert.deepEqual(region.calls.slice(elsewhere, elsewhere + 1), ['instances@0+100'], 'a rest that starts elsewhere is not taken');
  });

  it('asks for the further instance pages a tree page needs all at once, judging by the first page', async () => {
    // One primary in twenty instances: 20 primaries need 400 instances, i.e. 4 API pages of 100.
    const region = fakeRegion(2000, 20);
    const loading = collect(primaryPages(region.api, { region: 'ap-guangzhou', offset: 0, pageSize: 20 }));
    await region.roundTrip();
    const instanceCalls = region.calls.filter((call) => call.startsWith('instances@'));
    assert.deepEqual(instanceCalls, ['instances@0+100', 'instances@100+100', 'instances@200+100', 'instances@300+100'], 'three more pages in parallel after the first');
    for (let i = 0; i < 3; i++) await region.roundTrip();
    const primaries = await loading;
    assert.equal(primaries.length, 20);
    assert.deepEqual(primaries.map((p) => p.instance.id), Array.from({ length: 20 }, (_, i) => `postgres-${i * 20}`), 'in API order');
    assert.equal(region.calls.filter((call) => call.startsWith('instances@')).length, 4, 'no page beyond what the tree page needs');
  });

  it('gives every primary once and in order, page after page, whether what is left over is taken or read again', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 450 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 100 }), fc.boolean(), async (instances, stride, pageSize, stale) => {
        const region = fakeRegion(instances, stride);
        let now = 0;
        const clock = { monotonic: () => now };
        const ids: string[] = [];
        let offset: number | undefined = 0;
        let ahead: InstancesAhead | undefined;
        for (let treePage = 0; offset !== undefined && treePage < 1000; treePage++) {
          const pages = await pagesOf(region, primaryPages(region.api, { region: 'ap-guangzhou', offset, pageSize, ahead, clock }));
          ids.push(...pages.flatMap((page) => page.primaries.map((p) => p.instance.id)));
          offset = pages.length > 0 ? pages[pages.length - 1].nextOffset : undefined;
          ahead = pages.length > 0 ? pages[pages.length - 1].ahead : undefined;
          if (stale) now += AHEAD_FRESH_MS + 1;
        }
        const every = Array.from({ length: instances }, (_, i) => i).filter((i) => i % stride === 0).map((i) => `postgres-${i}`);
        assert.deepEqual(ids, every);
      }),
      { numRuns: 200 },
    );
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
