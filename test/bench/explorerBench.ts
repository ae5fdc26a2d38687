/**
 * Explorer loading: the tree's own loader (src/explorer/regionLoader.ts, the code the tree provider runs) against
 * the lower bound in round trips and calls, a naive loader (instances, then groups one after another), and, for the
 * whole account, the floor client (test/bench/floorClient.ts) on the same load in the same run.
 */
import type { RegionLoaderApi } from '../../src/explorer/regionLoader';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY, type WorldDefinition } from '../emulator';
import { startEmulatorProcess, type EmulatorProcess } from './emulatorProcess';
import { EventLoopDelayMonitor } from './eventLoopDelay';
import { createFloorClient } from './floorClient';
import { accountWindowPassed, countAction, countThrottled, createBenchClient, median, since, type BenchRow } from './measure';
import {
  firstPageRoundTrips,
  loadRegionLikeTheTree,
  loadRegionNaively,
  loadRegionPreviousDesign,
  lowerBound,
  measureRoundTripAt,
  PAGE_SIZE,
  type LoadOutcome,
} from './treeLoads';
import { generateWorld, type WorldShape } from './worlds';

const LATENCY_MS = 100;
const RUNS = 5;
/**
 * Loads before the timed ones: the first is reported as the cold load; the SDK's longer path takes a few loads more
 * than the floor client's to be optimised (ratios of 1.43, 1.36, 1.39, then 1.16, 1.12 with one warm-up).
 */
const WARM_UP = 3;

export interface Scenario {
  readonly key: string;
  readonly title: string;
  readonly shape: WorldShape;
  readonly target?: number;
  readonly naive: 'none' | 'sequential' | 'regionsConcurrent';
  /** Also time the tree's previous design (sequential instance pages, groups on expand). */
  readonly previousDesign?: boolean;
  readonly pageSize?: number;
  /** Also time the floor client on the same load, alternating with the tree's loader; the most their ratio may be. */
  readonly floorTarget?: number;
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
    floorTarget: 1.15,
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
  const loadAll = (api: RegionLoaderApi, start: number): Promise<LoadOutcome[]> => {
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
  const floorTimes: number[] = [];
  const delay = new EventLoopDelayMonitor();
  const floorDelay = new EventLoopDelayMonitor();
  for (let run = 0; run < WARM_UP + RUNS; run++) {
    const timed = run >= WARM_UP;
    const floorRun = async (): Promise<void> => {
      if (scenario.floorTarget === undefined) return;
      const floorTime = await timeFloorLoad(emulator, regions, pageSize, timed ? floorDelay : undefined);
      if (timed) floorTimes.push(floorTime);
    };
    // The floor first every other run, so that neither always runs on a machine the other just warmed or loaded.
    const floorFirst = run % 2 === 1;
    if (floorFirst) await floorRun();
    // A fresh client each run: no warm rate-limit windows, as after a window reload. Run 0 is the cold load.
    const { api } = createBenchClient(emulator.url);
    try {
      await accountWindowPassed();
      await emulator.control({ op: 'clearRequests' });
      if (timed) delay.start();
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
      if (run === 0) coldTime = elapsed;
      if (timed) {
        times.push(elapsed);
        firstRegionTimes.push(firstPages[0]);
        everyRegionTimes.push(Math.max(...firstPages));
        calls = countAction(log);
      }
    } finally {
      api.dispose();
    }
    if (!floorFirst) await floorRun();
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
  if (scenario.floorTarget !== undefined) {
    onRow({
      group,
      name: `floor client (TC3 by hand, no limiter): the same load, median of ${RUNS}`,
      value: median(floorTimes),
      unit: 'ms',
      note: 'the same emulator, limits on, after the same pause; run alternately with the tree\'s loader',
    });
    onRow({
      group,
      name: 'time to load every group / the floor client, median of the runs\' ratios',
      value: Math.round(median(times.map((time, i) => time / floorTimes[i])) * 100) / 100,
      unit: 'x',
      target: scenario.floorTarget,
      note: `ratios: ${times.map((time, i) => (time / floorTimes[i]).toFixed(2)).join(', ')}`,
    });
  }
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
  // The same load through the floor client: how late the loop runs when answers arrive together, whatever the client.
  if (scenario.floorTarget !== undefined) for (const row of floorDelay.rows(group, `the floor client's loads (${RUNS} runs), for reference`, false)) onRow(row);
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

/** The floor client's load of every group, the way the tree loads them, after the account's window has passed. */
async function timeFloorLoad(emulator: EmulatorProcess, regions: readonly string[], pageSize: number, delay?: EventLoopDelayMonitor): Promise<number> {
  const floor = createFloorClient(emulator.url, DEMO_SECRET_ID, DEMO_SECRET_KEY);
  try {
    await accountWindowPassed();
    await emulator.control({ op: 'clearRequests' });
    delay?.start();
    const start = performance.now();
    const outcomes = await Promise.all(regions.map((region) => loadRegionLikeTheTree(floor, region, pageSize)));
    const elapsed = since(start);
    delay?.stop();
    const failures = outcomes.flatMap((outcome) => outcome.failures);
    // The floor has no limiter: a throttled call would make its time meaningless.
    const throttled = countThrottled(await emulator.requests());
    if (failures.length > 0 || throttled > 0) throw new Error(`floor client: ${failures.length} failures, ${throttled} throttled`);
    return elapsed;
  } finally {
    floor.dispose();
  }
}
