/**
 * An account ten times the whole-account scenario: 18 regions x 200 primaries x 3 groups (10,800 groups, 3,600
 * DescribeReadOnlyGroups calls), the emulator keeping the documented rate limits. Every region's first tree page,
 * the whole-account load, Find over the account and its Cancel, the heap the loaded tree holds and gives back, and
 * both exports of the whole account, with the event loop's delay while the work runs.
 */
import { splitExportableInTurns } from '../../src/asCode/leftOut';
import { FIND_RENDER_INTERVAL_MS, RunningFind, type FindEntry } from '../../src/explorer/findMatch';
import { networkSource } from '../../src/explorer/networkSource';
import type { RegionNode } from '../../src/explorer/nodes';
import type { SubtreeBatch } from '../../src/explorer/subtree';
import { terraformExportInChunks } from '../../src/export/terraform';
import { tccliScriptInChunks } from '../../src/export/tccliScript';
import type { WorldDefinition } from '../emulator';
import { BIG_SHAPE, countedTree, limitBoundMs, ProgressTimes, TREE_PAGE_SIZE, walkEveryRegion } from './bigWorld';
import { startEmulatorProcess, type EmulatorProcess } from './emulatorProcess';
import { EventLoopDelayMonitor } from './eventLoopDelay';
import { firstPageRoundTrips, loadRegionLikeTheTree, measureRoundTripAt } from './treeLoads';
import { heapAfterGc } from './heap';
import { accountWindowPassed, countThrottled, createBenchClient, median, since, type BenchRow } from './measure';
import { generateWorld } from './worlds';

const LATENCY_MS = 100;
const RUNS = 2;
/** Find runs once: on this world one run costs about a minute of CPU (see BENCHMARKS.md, "An account ten times bigger"). */
const FIND_RUNS = 1;
const TARGET = 1.2;
/** Find's Cancel is pressed once the walk has brought this many groups in. */
const CANCEL_AFTER_GROUPS = 1_500;
/** An arrival this long after the abort was sent after it (the loopback takes well under 1 ms). */
const ARRIVAL_GRACE_MS = 20;
/** After the abort, how long the emulator is watched for calls that should not come: ten answers' latency. */
const WATCH_AFTER_CANCEL_MS = 10 * LATENCY_MS;
/** The heap after Refresh may stay at most this much above the baseline before the load. */
const HEAP_BACK_TARGET = 1.1;

interface Context {
  readonly world: WorldDefinition;
  readonly regions: string[];
  readonly emulator: EmulatorProcess;
  readonly roundTrip: number;
  readonly bound: ReturnType<typeof limitBoundMs>;
  readonly onRow: (row: BenchRow) => void;
}

export async function runBigBench(onRow: (row: BenchRow) => void): Promise<void> {
  const world = generateWorld(BIG_SHAPE);
  const regions = world.regions.map((region) => region.region);
  const emulator = await startEmulatorProcess(world, { latencyMs: LATENCY_MS });
  try {
    const roundTrip = await measureRoundTripAt(emulator.url, regions[0]);
    const context: Context = { world, regions, emulator, roundTrip, bound: limitBoundMs(world), onRow };
    onRow({ group: 'big', name: 'round trip (one call, measured)', value: roundTrip, unit: 'ms', note: `${LATENCY_MS} ms added by the emulator; documented rate limits on` });
    await benchLoad(context);
    await benchFind(context);
    await benchCancel(context);
    await benchMemory(context);
    await benchExport(context);
  } finally {
    await emulator.stop();
  }
}

function limitRow(context: Context, name: string, value: number): BenchRow {
  const { bound } = context;
  return {
    group: 'big',
    name,
    value,
    unit: 'ms',
    lowerBound: bound.ms,
    target: Math.round(TARGET * bound.ms),
    note: `lower bound: ${bound.groupCalls} DescribeReadOnlyGroups calls at the documented ${bound.perSecond}/s`,
  };
}

function throttleRow(name: string, value: number): BenchRow {
  return { group: 'big', name, value, unit: 'errors', lowerBound: 0, target: 0 };
}

/** The tree's loader, every region side by side with "Load more" at once: every first page, then everything. */
async function benchLoad(context: Context): Promise<void> {
  const { regions, emulator, world } = context;
  const firstBound = Math.max(...world.regions.map((region) => firstPageRoundTrips(region, TREE_PAGE_SIZE)));
  const everyFirst: number[] = [];
  const whole: number[] = [];
  let throttled = 0;
  const delay = new EventLoopDelayMonitor();
  for (let run = 0; run <= RUNS; run++) {
    const { api } = createBenchClient(emulator.url);
    try {
      await accountWindowPassed();
      await emulator.control({ op: 'clearRequests' });
      const firstPages = regions.map(() => Number.NaN);
      if (run > 0) delay.start();
      const start = performance.now();
      await Promise.all(regions.map((region, index) => loadRegionLikeTheTree(api, region, TREE_PAGE_SIZE, () => (firstPages[index] = since(start)))));
      const elapsed = since(start);
      await delay.sampleAndStop();
      throttled += countThrottled(await emulator.requests());
      if (run === 0) continue;
      everyFirst.push(Math.max(...firstPages));
      whole.push(elapsed);
    } finally {
      api.dispose();
    }
  }
  const { onRow, roundTrip } = context;
  onRow({
    group: 'big',
    name: `every region's first tree page (pageSize ${TREE_PAGE_SIZE}), the slowest region, median of ${RUNS}`,
    value: median(everyFirst),
    unit: 'ms',
    lowerBound: Math.round(firstBound * roundTrip),
    target: Math.round(TARGET * firstBound * roundTrip),
    note: `lower bound ${firstBound} round trips (regions load side by side; the page size bounds what a first page costs)`,
  });
  onRow(limitRow(context, `whole-account load, every group (median of ${RUNS})`, median(whole)));
  for (const row of delay.rows('big', `the whole-account load (${RUNS} runs)`)) onRow(row);
  onRow(throttleRow('RequestLimitExceeded on the wire, the loads (warm-up included)', throttled));
}

/** Find Group or Network for the VIP of the account's last network: the walk through the tree's cache plus the match. */
async function benchFind(context: Context): Promise<void> {
  const { world, regions, emulator } = context;
  const lastRegion = world.regions[world.regions.length - 1];
  const lastPrimary = lastRegion.primaryInstances[lastRegion.primaryInstances.length - 1];
  const lastGroup = lastPrimary.readOnlyGroups[lastPrimary.readOnlyGroups.length - 1];
  const vip = lastGroup.networks[lastGroup.networks.length - 1].ip;
  const times: number[] = [];
  let throttled = 0;
  const delay = new EventLoopDelayMonitor();
  let progress: ProgressTimes | undefined;
  for (let run = 0; run < FIND_RUNS; run++) {
    const tree = countedTree(emulator.url, regions);
    try {
      await accountWindowPassed();
      await emulator.control({ op: 'clearRequests' });
      const abort = new AbortController();
      // What Find keeps: every entry seen so far, and the running result (its quick pick does the same).
      const entries = new RunningFind<FindEntry>();
      let foundAt = Number.NaN;
      delay.start();
      const start = performance.now();
      progress = new ProgressTimes();
      const shown = progress;
      // As the pick does: batches mark the results stale, and they are matched again at most every interval.
      let pending: ReturnType<typeof setTimeout> | undefined;
      const match = (): void => {
        pending = undefined;
        shown.tick();
        if (Number.isNaN(foundAt) && entries.results(vip).some((result) => result.entry.vip === vip)) {
          foundAt = since(start);
          abort.abort();
        }
      };
      await walkEveryRegion(tree.cache, abort.signal, (batch) => {
        for (const entry of findEntries(batch)) entries.add(entry);
        pending ??= setTimeout(match, FIND_RENDER_INTERVAL_MS);
      });
      clearTimeout(pending);
      if (Number.isNaN(foundAt)) match();
      await delay.sampleAndStop();
      if (Number.isNaN(foundAt)) throw new Error(`the VIP ${vip} was not found`);
      times.push(foundAt);
      throttled += countThrottled(await emulator.requests());
    } finally {
      tree.dispose();
    }
  }
  context.onRow(limitRow(context, `Find the account's last VIP (walk + match, ${FIND_RUNS} run)`, median(times)));
  for (const row of progress?.rows(`Find (the pick redrawn at most every ${FIND_RENDER_INTERVAL_MS} ms)`) ?? []) context.onRow(row);
  for (const row of delay.rows('big', `Find (${FIND_RUNS} run)`)) context.onRow(row);
  context.onRow(throttleRow('RequestLimitExceeded on the wire, Find', throttled));
}

/** Cancel in the middle of Find's walk: no call may leave after it; those already sent are answered. */
async function benchCancel(context: Context): Promise<void> {
  const { regions, emulator } = context;
  const tree = countedTree(emulator.url, regions);
  try {
    await accountWindowPassed();
    await emulator.control({ op: 'clearRequests' });
    const abort = new AbortController();
    let groups = 0;
    let startedAtAbort = 0;
    let abortedAt = 0;
    await walkEveryRegion(tree.cache, abort.signal, (batch) => {
      groups += batch.groups.length;
      if (groups >= CANCEL_AFTER_GROUPS && !abort.signal.aborted) {
        startedAtAbort = tree.calls();
        abortedAt = Date.now();
        abort.abort();
      }
    });
    await new Promise((resolve) => setTimeout(resolve, WATCH_AFTER_CANCEL_MS));
    const log = await emulator.requests();
    const late = log.filter((entry) => Date.parse(entry.time) > abortedAt + ARRIVAL_GRACE_MS).length;
    context.onRow({
      group: 'big',
      name: `Cancel after ${CANCEL_AFTER_GROUPS} groups: calls arriving after it`,
      value: late,
      unit: 'calls',
      lowerBound: 0,
      target: 0,
      note: `${startedAtAbort} calls started before the Cancel, ${tree.calls() - startedAtAbort} after; the emulator saw ${log.length} in all (watched ${WATCH_AFTER_CANCEL_MS} ms after)`,
    });
  } finally {
    tree.dispose();
  }
}

/** The heap the loaded tree holds per 1,000 groups, and what Refresh (or a profile switch: the cache disposed) gives back. */
async function benchMemory(context: Context): Promise<void> {
  await accountWindowPassed();
  const baseline = heapAfterGc();
  const { groups, loaded } = await loadAndDrop(context);
  const atOnce = heapAfterGc();
  // In the turn of dispose the aborted calls' callbacks still hold the groups; a probe saw them let go within 100 ms
  // (all but ~0.8 MB, gone once the keep-alive connections close). The figure with the target is taken 1.1 s later.
  await accountWindowPassed();
  const after = heapAfterGc();
  const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;
  context.onRow({
    group: 'big',
    name: 'heap per 1,000 groups loaded (the tree cache, after a forced GC)',
    value: Math.round(((loaded - baseline) / groups) * 1000 / 1024),
    unit: 'KB',
    note: `baseline ${mb(baseline)} MB, loaded ${mb(loaded)} MB, ${groups} groups`,
  });
  context.onRow({
    group: 'big',
    name: 'heap right after Refresh (the cache disposed, same turn), forced GC',
    value: mb(atOnce),
    unit: 'MB',
    lowerBound: mb(baseline),
  });
  context.onRow({
    group: 'big',
    name: 'heap 1.1 s after Refresh, forced GC, vs the baseline before the load',
    value: mb(after),
    unit: 'MB',
    lowerBound: mb(baseline),
    target: Math.round(HEAP_BACK_TARGET * mb(baseline) * 10) / 10,
  });
}

/** Loads everything, measures the heap with the cache held, and drops it (the caller's frame holds no reference). */
async function loadAndDrop(context: Context): Promise<{ groups: number; loaded: number }> {
  const tree = countedTree(context.emulator.url, context.regions);
  try {
    const { groups, failures } = await walkEveryRegion(tree.cache, new AbortController().signal);
    if (failures.length > 0) throw new Error(`the walk failed: ${String(failures[0])}`);
    return { groups, loaded: heapAfterGc() };
  } finally {
    tree.dispose();
  }
}

/** Export Networks of the whole account, as Terraform and as a tccli script: the walk, then each text. */
async function benchExport(context: Context): Promise<void> {
  const { regions, emulator } = context;
  const tree = countedTree(emulator.url, regions);
  const delay = new EventLoopDelayMonitor();
  try {
    await accountWindowPassed();
    await emulator.control({ op: 'clearRequests' });
    const source = networkSource(() => tree.cache);
    const signal = new AbortController().signal;
    delay.start();
    const start = performance.now();
    const progress = new ProgressTimes();
    const roots = (await tree.cache.children()) as RegionNode[];
    const onProgress = (): void => progress.tick();
    const pairs = (await Promise.all(roots.map((region) => source.networksUnder(region, { signal, onProgress })))).flatMap((list) => list ?? []);
    const instancePairs = (await Promise.all(roots.map((region) => source.instanceNetworksUnder(region, { signal })))).flatMap((list) => list ?? []);
    const walked = since(start);
    // Left out as the command leaves them out, in slices that give the event loop back.
    const { exportable } = await splitExportableInTurns(pairs);
    const instances = (await splitExportableInTurns(instancePairs)).exportable;
    const input = { networks: exportable, instanceNetworks: instances, scope: 'whole account', generatedAt: new Date() };
    const tfStart = performance.now();
    // Written as the command writes them: in chunks that give the event loop back.
    const terraform = await terraformExportInChunks({ ...input, securityGroups: new Map() });
    const tfTime = since(tfStart);
    const shStart = performance.now();
    const script = await tccliScriptInChunks(input);
    const shTime = since(shStart);
    await delay.sampleAndStop();
    const throttled = countThrottled(await emulator.requests());
    const note = `${exportable.length} networks, ${instances.length} primaries' networks; Terraform ${Math.round(terraform.length / 1024)} KB in ${tfTime} ms, tccli ${Math.round(script.length / 1024)} KB in ${shTime} ms; the security groups Terraform reads per group are not in this figure`;
    context.onRow({ ...limitRow(context, 'Export the whole account: walk + Terraform text', Math.round(walked + tfTime)), note });
    context.onRow(limitRow(context, 'Export the whole account: walk + tccli script', Math.round(walked + shTime)));
    for (const row of progress.rows('Export (the notification\'s "N read-only groups loaded")')) context.onRow(row);
    for (const row of delay.rows('big', 'the whole-account export (walk, both texts)')) context.onRow(row);
    context.onRow(throttleRow('RequestLimitExceeded on the wire, export', throttled));
  } finally {
    tree.dispose();
  }
}

/** The entries Find's quick pick keeps for a batch: each primary and its networks, each group and its networks. */
function findEntries(batch: SubtreeBatch): FindEntry[] {
  const primaries = batch.primaries.flatMap(({ instance }) => {
    const base = { region: instance.region, primaryId: instance.id, primaryName: instance.name };
    return [
      { ...base, kind: 'primary' as const, key: instance.id },
      ...instance.networks.map((network) => ({ ...base, kind: 'network' as const, key: `${instance.id}/${network.ip}`, vip: network.ip, port: network.port })),
    ];
  });
  const groups = batch.groups.flatMap(({ group }) => {
    const base = { region: group.region, primaryId: group.primaryInstanceId, primaryName: '', groupId: group.id, groupName: group.name };
    return [
      { ...base, kind: 'group' as const, key: group.id },
      ...group.networks.map((network) => ({ ...base, kind: 'network' as const, key: `${group.id}/${network.ip}`, vip: network.ip, port: network.port })),
    ];
  });
  return [...primaries, ...groups];
}
