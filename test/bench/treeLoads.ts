/**
 * How a region is loaded in the bench, and the least any client needs: the tree's own loader
 * (src/explorer/regionLoader.ts), the naive loader and the tree's previous design it is compared with, and the
 * lower bounds in round trips and calls they are held to.
 */
import type { CloudApi } from '../../src/cloud/cloudApi';
import { isCloudError } from '../../src/cloud/cloudError';
import { INSTANCES_PER_CALL, primaryPages, type InstancesAhead, type RegionLoaderApi } from '../../src/explorer/regionLoader';
import type { WorldDefinition } from '../emulator';
import { createBenchClient, median, since } from './measure';

/** The most the `pageSize` setting allows. */
export const PAGE_SIZE = 100;
/** Instances a DescribeDBInstances call asks for (the API's most, as the loader asks: INSTANCES_PER_CALL). */
const DB_INSTANCES_PAGE = INSTANCES_PER_CALL;
const RO_GROUPS_PAGE = 99;

export interface LoadOutcome {
  readonly primaries: number;
  readonly groups: number;
  /** Errors the user would see in the tree, by code. */
  readonly failures: string[];
}

/**
 * Loads every group of a region the way the tree does: a tree page of primaries with their groups, shown once all
 * are in, then "Load more" at once while there is more.
 */
export async function loadRegionLikeTheTree(
  api: RegionLoaderApi,
  region: string,
  pageSize = PAGE_SIZE,
  /** Called when the first tree page is ready to show: its primaries and every group count. */
  onFirstPage?: () => void,
): Promise<LoadOutcome> {
  let offset: number | undefined = 0;
  let ahead: InstancesAhead | undefined;
  let primaries = 0;
  let groups = 0;
  const failures: string[] = [];
  for (let treePage = 0; offset !== undefined && treePage < 100; treePage++) {
    const loads: Promise<void>[] = [];
    for await (const page of primaryPages(api, { region, offset, pageSize, ahead })) {
      primaries += page.primaries.length;
      loads.push(...page.primaries.map((primary) => primary.groups.then((list) => void (groups += list.length), (error: unknown) => void failures.push(codeOf(error)))));
      offset = page.nextOffset;
      ahead = page.ahead;
    }
    await Promise.all(loads);
    if (treePage === 0) onFirstPage?.();
  }
  return { primaries, groups, failures };
}

/** Instances page by page, then each primary's groups one after another: what a tree without the loader costs. */
export async function loadRegionNaively(api: CloudApi, region: string): Promise<LoadOutcome> {
  const ids: string[] = [];
  let offset: number | undefined = 0;
  while (offset !== undefined) {
    const page = await api.listPrimaryInstances(region, { offset, limit: DB_INSTANCES_PAGE });
    ids.push(...page.instances.map((instance) => instance.id));
    offset = page.nextOffset;
  }
  let groups = 0;
  for (const id of ids) groups += (await api.listReadOnlyGroups(region, id)).length;
  return { primaries: ids.length, groups, failures: [] };
}

/**
 * The tree before the loader: the instance pages of a tree page one after another (limit = pageSize), and the
 * groups only once the page is shown (here: every primary expanded at once, its best case).
 */
export async function loadRegionPreviousDesign(api: CloudApi, region: string, pageSize: number): Promise<LoadOutcome> {
  let offset: number | undefined = 0;
  let primaries = 0;
  let groups = 0;
  while (offset !== undefined) {
    const ids: string[] = [];
    for (let page = 0; page < 10 && ids.length < pageSize && offset !== undefined; page++) {
      const result: Awaited<ReturnType<CloudApi['listPrimaryInstances']>> = await api.listPrimaryInstances(region, { offset, limit: pageSize });
      ids.push(...result.instances.map((instance) => instance.id));
      offset = result.nextOffset;
    }
    primaries += ids.length;
    const lists = await Promise.all(ids.map((id) => api.listReadOnlyGroups(region, id)));
    groups += lists.reduce((sum, list) => sum + list.length, 0);
  }
  return { primaries, groups, failures: [] };
}

/** The fewest round trips and calls that can load every group, for a client that knows nothing in advance. */
export function lowerBound(world: WorldDefinition): { roundTrips: number; calls: number } {
  let roundTrips = 0;
  let calls = 0;
  for (const region of world.regions) {
    // DescribeDBInstances lists each primary followed by its RO instances.
    let index = 0;
    let total = 0;
    for (const primary of region.primaryInstances) {
      // The first page tells the total; every later page can then be asked for at once.
      const arrives = index < DB_INSTANCES_PAGE ? 1 : 2;
      const groupPages = Math.floor(primary.readOnlyGroups.length / RO_GROUPS_PAGE) + 1;
      roundTrips = Math.max(roundTrips, arrives + groupPages);
      calls += groupPages;
      const size = 1 + primary.readOnlyGroups.reduce((sum, group) => sum + group.readOnlyInstances.length, 0);
      index += size;
      total += size;
    }
    calls += Math.max(1, Math.ceil(total / DB_INSTANCES_PAGE));
  }
  return { roundTrips, calls };
}

/**
 * Round trips until a region's first tree page can be shown: its instance pages (1, or 2 when the first page of
 * primaries spans several API pages: the later ones are asked for at once), then each primary's group pages.
 */
export function firstPageRoundTrips(region: WorldDefinition['regions'][number], pageSize = PAGE_SIZE): number {
  let index = 0;
  let roundTrips = 1;
  for (const primary of region.primaryInstances.slice(0, pageSize)) {
    const arrives = index < DB_INSTANCES_PAGE ? 1 : 2;
    const groupPages = Math.floor(primary.readOnlyGroups.length / RO_GROUPS_PAGE) + 1;
    roundTrips = Math.max(roundTrips, arrives + groupPages);
    index += 1 + primary.readOnlyGroups.reduce((sum, group) => sum + group.readOnlyInstances.length, 0);
  }
  return roundTrips;
}

/** One round trip through the client (signing, HTTP, the emulator's added latency): the unit of the lower bounds. */
export async function measureRoundTrip(api: CloudApi, region: string): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    await api.listPrimaryInstances(region, { offset: 0, limit: 1 });
    samples.push(since(start));
  }
  return median(samples.slice(2));
}

/** measureRoundTrip through a client of its own, so the runs that follow start with a fresh one. */
export async function measureRoundTripAt(url: string, region: string): Promise<number> {
  const { api } = createBenchClient(url);
  try {
    return await measureRoundTrip(api, region);
  } finally {
    api.dispose();
  }
}

function codeOf(error: unknown): string {
  return isCloudError(error) ? error.code : error instanceof Error ? error.message : String(error);
}
