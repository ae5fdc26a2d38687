/**
 * What the `big` section shares: the account ten times the whole-account scenario (18 regions x 200 primaries x 3
 * groups), the tree's own cache over a client that counts its calls, and the bound the documented limits set.
 */
import { DOCUMENTED_LIMITS_PER_SECOND } from '../../src/cloud/rateLimiter';
import type { CloudApi } from '../../src/cloud/cloudApi';
import { systemClock } from '../../src/domain/clock';
import { formatEnglish } from '../../src/domain/translate';
import type { RegionNode } from '../../src/explorer/nodes';
import { groupsUnder, type SubtreeBatch } from '../../src/explorer/subtree';
import { TreeLoadCache, type TreeLoadApi } from '../../src/explorer/treeLoadCache';
import type { WorldDefinition } from '../emulator';
import { createBenchClient, type BenchRow } from './measure';
import type { WorldShape } from './worlds';

export const BIG_SHAPE: WorldShape = { regions: 18, primariesPerRegion: 200, groupsPerPrimary: 3, roInstancesPerGroup: 1 };
/** The tree's default page of primaries: the walks follow "Load more" as the user would. */
export const TREE_PAGE_SIZE = 20;

/**
 * The least time any client needs for every group under the documented limits: one DescribeReadOnlyGroups call
 * per primary (under 99 groups each) at DescribeReadOnlyGroups' documented calls per second.
 */
export function limitBoundMs(world: WorldDefinition): { ms: number; groupCalls: number; perSecond: number } {
  const perSecond = DOCUMENTED_LIMITS_PER_SECOND.DescribeReadOnlyGroups;
  const groupCalls = world.regions.reduce((sum, region) => sum + region.primaryInstances.reduce((s, p) => s + Math.floor(p.readOnlyGroups.length / 99) + 1, 0), 0);
  return { ms: Math.round((groupCalls / perSecond) * 1000), groupCalls, perSecond };
}

/** A client as the extension builds it, and the tree's cache over it; `calls` counts every call the cache starts. */
export interface CountedTree {
  readonly cache: TreeLoadCache;
  calls(): number;
  dispose(): void;
}

export function countedTree(url: string, regions: readonly string[]): CountedTree {
  const { api } = createBenchClient(url);
  let calls = 0;
  const counted = <K extends keyof TreeLoadApi>(key: K): TreeLoadApi[K] => {
    const method = api[key] as (...args: unknown[]) => unknown;
    return ((...args: unknown[]) => {
      calls++;
      return method.apply(api, args);
    }) as TreeLoadApi[K];
  };
  const treeApi: TreeLoadApi = {
    listPrimaryInstances: counted('listPrimaryInstances'),
    listReadOnlyGroups: counted('listReadOnlyGroups'),
    getReadOnlyGroup: counted('getReadOnlyGroup'),
    getPrimaryInstance: counted('getPrimaryInstance'),
    listVpcs: counted('listVpcs'),
    listSubnets: counted('listSubnets'),
  } satisfies Pick<CloudApi, keyof TreeLoadApi>;
  const cache = new TreeLoadCache({
    api: treeApi,
    settings: { regions: () => regions, pageSize: () => TREE_PAGE_SIZE },
    clock: systemClock,
    t: formatEnglish,
    onLoadFailure: () => undefined,
    changed: () => undefined,
  });
  return {
    cache,
    calls: () => calls,
    dispose: () => {
      cache.dispose();
      api.dispose();
    },
  };
}

/** Every region walked at once through the cache (what Find and the exports run); the walks' failures are returned. */
export async function walkEveryRegion(cache: TreeLoadCache, signal: AbortSignal, onBatch?: (batch: SubtreeBatch) => void): Promise<{ groups: number; failures: unknown[] }> {
  const roots = (await cache.children()) as RegionNode[];
  const failures: unknown[] = [];
  const lists = await Promise.all(
    roots.map((region) =>
      groupsUnder(cache, region, { signal, onBatch }).catch((error: unknown) => {
        failures.push(error);
        return [];
      }),
    ),
  );
  return { groups: lists.reduce((sum, list) => sum + list.length, 0), failures };
}

/** When progress first showed and the longest wait between two updates: what the user watching the notification sees. */
export class ProgressTimes {
  private readonly start = performance.now();
  private last = this.start;
  first = Number.NaN;
  longestGap = 0;

  tick(): void {
    const now = performance.now();
    if (Number.isNaN(this.first)) this.first = Math.round(now - this.start);
    this.longestGap = Math.max(this.longestGap, Math.round(now - this.last));
    this.last = now;
  }

  rows(what: string): BenchRow[] {
    return [
      { group: 'big', name: `${what}: first progress shown`, value: this.first, unit: 'ms' },
      { group: 'big', name: `${what}: longest wait between two progress updates`, value: this.longestGap, unit: 'ms' },
    ];
  }
}
