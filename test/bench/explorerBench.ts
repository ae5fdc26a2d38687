/**
 * Explorer loading: the tree's own loader (src/explorer/regionLoader.ts, the code the tree provider runs) against
 * the lower bound in round trips and calls, and a naive loader (instances, then groups one after another).
 */
import type { CloudApi } from '../../src/cloud/cloudApi';
import { isCloudError } from '../../src/cloud/cloudError';
import { INSTANCES_PER_CALL, primaryPages, type InstancesAhead, type RegionLoaderApi } from '../../src/explorer/regionLoader';
import type { WorldDefinition } from '../emulator';
import { startEmulatorProcess, type EmulatorProcess } from './emulatorProcess';
import { EventLoopDelayMonitor } from './eventLoopDelay';
import { countAction, countThrottled, createBenchClient, median, since, type BenchRow } from './measure';
import { generateWorld, type WorldShape } from './worlds';

const LATENCY_MS = 100;
/** The most the `pageSize` setting allows: one tree page per DescribeDBInstances page. */
const PAGE_SIZE = 100;
/** Instances a DescribeDBInstances call asks for (the API's most, as the loader asks: INSTANCES_PER_CALL). */
const DB_INSTANCES_PAGE = INSTANCES_PER_CALL;
const RO_GROUPS_PAGE = 99;
const RUNS = 5;

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

export interface Scenario {
  readonly key: string;
  readonly title: string;
  readonly shape: WorldShape;
  readonly target?: number;
  readonly naive: 'none' | 'sequential' | 'regionsConcurrent';
  /** Also time the tree's previous design (sequential instance pages, groups on expand). */
  readonly previousDesign?: boolean;
  readonly pageSize?: number;
}

export const EXPLORER_SCENARIOS: readonly Scenario[] = [
  {
    key: 'region',
    title: 'one region, 50 primaries x 3 groups (1 RO instance each: 200 instances, 2 instance pages)',
    shape: { regions: 1, primariesPerRegion: 50, groupsPerPrimary: 3, roInstancesPerGroup: 1 },
    target: 1.3,
    naive: 'sequential',
  },
  {
    key: 'regionOnePage',
    title: 'one region, 50 primaries x 3 groups (empty groups: 50 instances, 1 instance page)',
    shape: { regions: 1, primariesPerRegion: 50, groupsPerPrimary: 3, roInstancesPerGroup: 0 },
    target: 1.3,
    naive: 'none',
  },
  {
    key: 'regionDefaultPageSize',
    title: 'one region as above (200 instances), default pageSize 20, "Load more" at once',
    shape: { regions: 1, primariesPerRegion: 50, groupsPerPrimary: 3, roInstancesPerGroup: 1 },
    naive: 'none',
    pageSize: 20,
    previousDesign: true,
  },
  {
    key: 'account',
    title: 'whole account, 18 regions x 20 primaries x 3 groups (1 RO instance each)',
    shape: { regions: 18, primariesPerRegion: 20, groupsPerPrimary: 3, roInstancesPerGroup: 1 },
    target: 1.5,
    naive: 'regionsConcurrent',
  },
  {
    key: 'accountPaged',
    title: 'whole account past one page: as above, but one region has 110 primaries (1 group each) and one with 120 groups',
    shape: {
      regions: 18,
      primariesPerRegion: 20,
      groupsPerPrimary: 3,
      roInstancesPerGroup: 1,
      firstRegion: { primariesPerRegion: 110, groupsPerPrimary: 1, groupsOfFirstPrimary: 120 },
    },
    target: 1.5,
    naive: 'none',
  },
];

export async function runExplorerBench(onRow: (row: BenchRow) => void): Promise<void> {
  for (const scenario of EXPLORER_SCENARIOS) {
    const world = generateWorld(scenario.shape);
    const emulator = await startEmulatorProcess(world, { latencyMs: LATENCY_MS });
    try {
      await runScenario(scenario, world, emulator, onRow);
    } finally {
      await emulator.stop();
    }
  }
}

async function runScenario(scenario: Scenario, world: WorldDefinition, emulator: EmulatorProcess, onRow: (row: BenchRow) => void): Promise<void> {
  const group = `explorer: ${scenario.title}`;
  const regions = world.regions.map((region) => region.region);
  const expectedGroups = world.regions.reduce((sum, r) => sum + r.primaryInstances.reduce((s, p) => s + p.readOnlyGroups.length, 0), 0);
  const bound = lowerBound(world);
  const pageSize = scenario.pageSize ?? PAGE_SIZE;
  // When each region's first tree page was ready, in ms since the load began.
  let firstPages: number[] = [];
  const loadAll = (api: CloudApi, start: number): Promise<LoadOutcome[]> => {
    firstPages = regions.map(() => Number.NaN);
    return Promise.all(regions.map((region, index) => loadRegionLikeTheTree(api, region, pageSize, () => (firstPages[index] = since(start)))));
  };
  const firstBounds = world.regions.map((region) => firstPageRoundTrips(region, pageSize));

  const roundTrip = await measureRoundTripAt(emulator.url, regions[0]);

  const times: number[] = [];
  const firstRegionTimes: number[] = [];
  const everyRegionTimes: number[] = [];
  let calls = 0;
  let coldTime = 0;
  let throttledOnWire = 0;
  let surfaced = 0;
  const delay = new EventLoopDelayMonitor();
  for (let run = 0; run <= RUNS; run++) {
    // A fresh client each run: no warm rate-limit windows, as after a window reload. Run 0 warms the sockets up.
    const { api } = createBenchClient(emulator.url);
    try {
      await emulator.control({ op: 'clearRequests' });
      if (run > 0) delay.start();
      const start = performance.now();
      const outcomes = await loadAll(api, start);
      const elapsed = since(start);
      delay.stop();
      const loaded = outcomes.reduce((sum, o) => sum + o.groups, 0);
      const failures = outcomes.flatMap((o) => o.failures);
      if (failures.length === 0 && loaded !== expectedGroups) throw new Error(`${scenario.key}: loaded ${loaded} groups of ${expectedGroups}`);
      const log = await emulator.requests();
      surfaced += failures.filter((code) => code.startsWith('RequestLimitExceeded')).length;
      throttledOnWire += countThrottled(log);
      if (run === 0) {
        coldTime = elapsed;
        continue;
      }
      times.push(elapsed);
      firstRegionTimes.push(firstPages[0]);
      everyRegionTimes.push(Math.max(...firstPages));
      calls = countAction(log);
    } finally {
      api.dispose();
    }
  }

  const time = median(times);
  onRow({ group, name: 'round trip (one call, measured)', value: roundTrip, unit: 'ms', note: `${LATENCY_MS} ms added by the emulator` });
  onRow({
    group,
    name: `time to load every group (median of ${RUNS})`,
    value: time,
    unit: 'ms',
    lowerBound: Math.round(bound.roundTrips * roundTrip),
    target: scenario.target !== undefined ? Math.round(scenario.target * bound.roundTrips * roundTrip) : undefined,
    note: `lower bound ${bound.roundTrips} round trips${scenario.pageSize ? `; pageSize ${scenario.pageSize}` : '; pageSize 100'}`,
  });
  const firstTarget = 1.2;
  const firstRegionBound = firstBounds[0];
  onRow({
    group,
    name: `first rows: the first region's first tree page with its group counts (median of ${RUNS})`,
    value: median(firstRegionTimes),
    unit: 'ms',
    lowerBound: Math.round(firstRegionBound * roundTrip),
    target: Math.round(firstTarget * firstRegionBound * roundTrip),
    note: `lower bound ${firstRegionBound} round trips`,
  });
  if (regions.length > 1) {
    const everyBound = Math.max(...firstBounds);
    onRow({
      group,
      name: `first rows: every region's first tree page (median of ${RUNS})`,
      value: median(everyRegionTimes),
      unit: 'ms',
      lowerBound: Math.round(everyBound * roundTrip),
      target: Math.round(firstTarget * everyBound * roundTrip),
      note: `lower bound ${everyBound} round trips (regions load side by side)`,
    });
  }
  onRow({
    group,
    name: 'first load in the process (new connections, code not yet optimised)',
    value: coldTime,
    unit: 'ms',
    lowerBound: Math.round(bound.roundTrips * roundTrip),
    note: 'the runs above reuse the keep-alive connections, as a rebuilt client or a refresh within 4 s does',
  });
  for (const row of delay.rows(group, `the timed loads (${RUNS} runs)`)) onRow(row);
  onRow({ group, name: 'API calls', value: calls, unit: 'calls', lowerBound: bound.calls });
  onRow({ group, name: 'RequestLimitExceeded on the wire (all runs)', value: throttledOnWire, unit: 'errors', lowerBound: 0, target: 0 });
  onRow({ group, name: 'RequestLimitExceeded surfaced to the user (all runs)', value: surfaced, unit: 'errors', lowerBound: 0, target: 0 });

  if (scenario.previousDesign) {
    const { api } = createBenchClient(emulator.url);
    try {
      await emulator.control({ op: 'clearRequests' });
      const start = performance.now();
      await Promise.all(regions.map((region) => loadRegionPreviousDesign(api, region, scenario.pageSize ?? PAGE_SIZE)));
      const elapsed = since(start);
      onRow({
        group,
        name: 'before: instance pages one after another, groups when shown (all expanded at once)',
        value: elapsed,
        unit: 'ms',
        lowerBound: Math.round(bound.roundTrips * roundTrip),
        note: await callsNote(emulator),
      });
    } finally {
      api.dispose();
    }
  }

  if (scenario.naive !== 'none') {
    const { api } = createBenchClient(emulator.url);
    try {
      await emulator.control({ op: 'clearRequests' });
      const start = performance.now();
      if (scenario.naive === 'sequential') {
        for (const region of regions) await loadRegionNaively(api, region);
      } else {
        await Promise.all(regions.map((region) => loadRegionNaively(api, region)));
      }
      const elapsed = since(start);
      onRow({
        group,
        name: `naive baseline: instances, then groups one after another${scenario.naive === 'regionsConcurrent' ? ' (regions concurrently)' : ''}`,
        value: elapsed,
        unit: 'ms',
        lowerBound: Math.round(bound.roundTrips * roundTrip),
        note: await callsNote(emulator),
      });
    } finally {
      api.dispose();
    }
  }
}

async function callsNote(emulator: EmulatorProcess): Promise<string> {
  const log = await emulator.requests();
  return `${countAction(log)} calls, ${countThrottled(log)} RequestLimitExceeded on the wire`;
}

function codeOf(error: unknown): string {
  return isCloudError(error) ? error.code : error instanceof Error ? error.message : String(error);
}
