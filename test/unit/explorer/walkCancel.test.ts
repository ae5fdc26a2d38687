import * as assert from 'node:assert/strict';
import type { CallOptions } from '../../../src/cloud/cloudApi';
import type { PrimaryInstancePage, ReadOnlyGroup } from '../../../src/domain/model';
import { formatEnglish } from '../../../src/domain/translate';
import type { RegionNode, RoGroupNode } from '../../../src/explorer/nodes';
import { groupsUnder, type SubtreeWalkOptions } from '../../../src/explorer/subtree';
import { TreeLoadCache } from '../../../src/explorer/treeLoadCache';
import { FakeClock } from '../support/fakeClock';
import { FakeCloudApi, group, primaryInstance } from '../support/fakes';
import { waitUntil } from '../../support/waits';

const PRIMARIES = 40;
const PAGE_SIZE = 5;
const REGIONS = ['ap-guangzhou', 'ap-shanghai', 'ap-beijing'];

/**
 * Answers every call a few milliseconds later, as the client does: a call whose signal is aborted when it is made is
 * not sent (the limiter and the pipeline drop it), and one aborted while in flight rejects. Counts what is sent.
 */
class SlowApi extends FakeCloudApi {
  sent = 0;
  /** Calls sent after the walk's Cancel, and calls still in flight at the Cancel that their signal did not stop. */
  sentAfterCancel = 0;
  notStoppedByCancel = 0;
  private cancelled: AbortSignal | undefined;
  /** One entry per call in flight (calls share signals). */
  private readonly inFlight = new Set<{ readonly signal: AbortSignal | undefined }>();
  get callsInFlight(): number {
    return this.inFlight.size;
  }

  watch(signal: AbortSignal): void {
    this.cancelled = signal;
    // Checked once the abort has run its course (signals that follow it abort in the same task).
    signal.addEventListener('abort', () =>
      queueMicrotask(() => {
        for (const call of this.inFlight) if (!call.signal?.aborted) this.notStoppedByCancel++;
      }),
    );
  }

  override listPrimaryInstances(region: string, page: { offset: number; limit: number }, options?: CallOptions): Promise<PrimaryInstancePage> {
    const end = Math.min(page.offset + page.limit, PRIMARIES);
    const instances = Array.from({ length: end - page.offset }, (_, i) => primaryInstance({ id: `postgres-${page.offset + i}`, region }));
    return this.answer(options, { instances, positions: instances.map((_, i) => page.offset + i), totalCount: PRIMARIES, nextOffset: end < PRIMARIES ? end : undefined }, 2);
  }

  override listReadOnlyGroups(region: string, primaryInstanceId: string, options?: CallOptions): Promise<ReadOnlyGroup[]> {
    // The answers of a page's group lists come back one after another, so some are in flight at the Cancel.
    const index = Number(primaryInstanceId.slice('postgres-'.length));
    return this.answer(options, [group({ id: `pgrogrp-${primaryInstanceId}`, primaryInstanceId, region })], 2 + (index % PAGE_SIZE) * 4 + REGIONS.indexOf(region) * 5);
  }

  private answer<T>(options: CallOptions | undefined, value: T, delayMs: number): Promise<T> {
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(new Error('cancelled before sending'));
    this.sent++;
    if (this.cancelled?.aborted) this.sentAfterCancel++;
    const call = { signal };
    this.inFlight.add(call);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.inFlight.delete(call);
        resolve(value);
      }, delayMs);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        this.inFlight.delete(call);
        reject(new Error('cancelled'));
      });
    });
  }
}

function setUp() {
  const api = new SlowApi();
  const cache = new TreeLoadCache({
    api,
    settings: { regions: () => REGIONS, pageSize: () => PAGE_SIZE },
    clock: new FakeClock(),
    t: formatEnglish,
    changed: () => undefined,
    onLoadFailure: () => undefined,
  });
  return { api, cache };
}

async function regionsOf(cache: TreeLoadCache): Promise<RegionNode[]> {
  return (await cache.children()) as RegionNode[];
}

/** Find's walk: every region at once, under one signal. */
function walkAll(cache: TreeLoadCache, regions: readonly RegionNode[], options: SubtreeWalkOptions): Promise<RoGroupNode[][]> {
  return Promise.all(regions.map((region) => groupsUnder(cache, region, options)));
}

/**
 * Waits until no call is in flight, and none is once the last answers have been reacted to: a call the cache sent
 * late (after the Cancel) would be in flight at one of the two checks.
 */
async function quiet(api: SlowApi): Promise<void> {
  await waitUntil(() => api.callsInFlight === 0, 'every call to be answered or stopped');
  await new Promise<void>((resolve) => setImmediate(resolve));
  await waitUntil(() => api.callsInFlight === 0, 'no call set off by the last answers');
}

describe('explorer/subtree: Cancel of a walk', () => {
  it('sends no call after the Cancel, and stops the calls it started that are still in flight', async () => {
    const { api, cache } = setUp();
    const regions = await regionsOf(cache);
    const abort = new AbortController();
    api.watch(abort.signal);
    let groups = 0;
    const walk = walkAll(cache, regions, {
      signal: abort.signal,
      onBatch: (batch) => {
        groups += batch.groups.length;
        // Past the first page: the next page's load (and its groups) is the walk's own.
        if (groups >= PAGE_SIZE + 1 && !abort.signal.aborted) abort.abort(new Error('Cancel'));
      },
    });
    await assert.rejects(walk, /Cancel/);
    await quiet(api);
    assert.equal(api.sentAfterCancel, 0, 'calls sent after the Cancel');
    assert.equal(api.notStoppedByCancel, 0, 'calls in flight at the Cancel that it did not stop');
    assert.ok(api.sent < REGIONS.length * (1 + PRIMARIES), 'the walk did not run to the end');
  });

  it('leaves the tree able to load on: what the Cancel stopped is loaded again by the next expansion, with no error', async () => {
    const { api, cache } = setUp();
    const regions = await regionsOf(cache);
    const abort = new AbortController();
    api.watch(abort.signal);
    let groups = 0;
    await assert.rejects(
      walkAll(cache, regions, {
        signal: abort.signal,
        onBatch: (batch) => {
          groups += batch.groups.length;
          if (groups >= PAGE_SIZE + 1 && !abort.signal.aborted) abort.abort(new Error('Cancel'));
        },
      }),
      /Cancel/,
    );
    await quiet(api);
    for (const region of regions) assert.equal(region.loadMoreError, undefined, `a Cancel is no load failure in ${region.regionId}`);
    // The walk again, not cancelled, finds every group once, as if the first had never run.
    const all = (await walkAll(cache, regions, { signal: new AbortController().signal })).flat();
    assert.equal(all.length, REGIONS.length * PRIMARIES);
    assert.equal(new Set(all.map((node) => `${node.group.region}/${node.group.id}`)).size, REGIONS.length * PRIMARIES);
    for (const region of regions) {
      assert.equal(region.primaries.length, PRIMARIES, `${region.regionId} lists each primary once`);
      for (const primary of region.primaries) {
        const children = await cache.children(primary);
        assert.deepEqual(children.map((child) => child.kind), ['roGroup'], `${primary.instance.id} shows its group`);
      }
    }
  });

  it('a tree expansion that shared its first page with the cancelled walk gets the page all the same', async () => {
    const { cache } = setUp();
    const [region] = await regionsOf(cache);
    const abort = new AbortController();
    const walk = groupsUnder(cache, region, { signal: abort.signal });
    // The walk started the region's first page; the tree asks for the region meanwhile and shares that load.
    const shown = cache.children(region);
    abort.abort(new Error('Cancel'));
    await assert.rejects(walk, /Cancel/);
    const children = await shown;
    assert.deepEqual(children.map((child) => child.kind), [...Array<string>(PAGE_SIZE).fill('primary'), 'loadMore']);
    assert.equal(region.loadMoreError, undefined);
  });
});
