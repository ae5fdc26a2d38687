/**
 * The client's own CPU per call, beside the floor (test/bench/floorClient.ts: TC3 by hand over a keep-alive agent)
 * in the same run and on the same load: every group of the whole-account world, loaded the way the tree does.
 * process.cpuUsage() covers this process only (the emulator runs in its own), garbage collection included.
 */
import { DEMO_SECRET_ID, DEMO_SECRET_KEY } from '../emulator';
import { startEmulatorProcess } from './emulatorProcess';
import { loadRegionLikeTheTree } from './treeLoads';
import { createFloorClient } from './floorClient';
import { countAction, createBenchClient, median, type BenchRow } from './measure';
import { generateWorld } from './worlds';

const GROUP = 'client CPU per call: whole account (18 regions x 20 primaries x 3 groups), tree loader, fresh client per run';
const RUNS = 7;
/** Loads left out first: the earliest ones pay for compiling and optimising the code, not for the calls. */
const WARM_UP = 3;
const LATENCY_MS = 100;
/** What the SDK path may cost beside the floor. */
const TARGET_RATIO = 1.5;

type Client = Parameters<typeof loadRegionLikeTheTree>[0] & { dispose(): void };

export async function runCpuBench(onRow: (row: BenchRow) => void): Promise<void> {
  const world = generateWorld({ regions: 18, primariesPerRegion: 20, groupsPerPrimary: 3, roInstancesPerGroup: 1 });
  const regions = world.regions.map((region) => region.region);
  const emulator = await startEmulatorProcess(world, { latencyMs: LATENCY_MS });
  const kinds: ReadonlyArray<{ key: 'sdk' | 'floor'; make: () => Client }> = [
    { key: 'sdk', make: () => createBenchClient(emulator.url).api },
    { key: 'floor', make: () => createFloorClient(emulator.url, DEMO_SECRET_ID, DEMO_SECRET_KEY) },
  ];
  const perCall: Record<'sdk' | 'floor', number[]> = { sdk: [], floor: [] };
  const wallMs: Record<'sdk' | 'floor', number[]> = { sdk: [], floor: [] };
  const emulatorMs: number[] = [];
  let calls = 0;
  try {
    // The floor has no limiter: back-to-back loads would be throttled by the emulator's per-second window.
    await emulator.control({ op: 'setRateLimits', enabled: false });
    for (let run = 0; run < WARM_UP + RUNS; run++) {
      // Alternate which goes first, so that neither always runs on a machine the other just warmed or loaded.
      const order = run % 2 === 0 ? kinds : [...kinds].reverse();
      for (const kind of order) {
        const client = kind.make();
        try {
          await emulator.control({ op: 'clearRequests' });
          const before = process.cpuUsage();
          const emulatorBefore = emulator.cpuMs();
          const started = performance.now();
          const outcomes = await Promise.all(regions.map((region) => loadRegionLikeTheTree(client, region)));
          const wall = performance.now() - started;
          const used = process.cpuUsage(before);
          const emulatorAfter = emulator.cpuMs();
          const failures = outcomes.flatMap((outcome) => outcome.failures);
          if (failures.length > 0) throw new Error(`${kind.key}: ${failures.length} failures, e.g. ${failures[0]}`);
          calls = countAction(await emulator.requests());
          if (run >= WARM_UP) {
            perCall[kind.key].push((used.user + used.system) / calls);
            wallMs[kind.key].push(wall);
            if (emulatorBefore !== undefined && emulatorAfter !== undefined) emulatorMs.push(emulatorAfter - emulatorBefore);
          }
        } finally {
          client.dispose();
        }
      }
    }
  } finally {
    await emulator.stop();
  }
  const sdk = roundUs(median(perCall.sdk));
  const floor = roundUs(median(perCall.floor));
  // Each run's pair was measured back to back: the median of their ratios is steadier than a ratio of medians
  // when the machine's load drifts during the section.
  const ratios = perCall.sdk.map((value, i) => value / perCall.floor[i]);
  onRow({
    group: GROUP,
    name: `SDK client (src/cloud), CPU per call, median of ${RUNS}`,
    value: sdk,
    unit: 'µs',
    lowerBound: floor,
    target: roundUs(floor * TARGET_RATIO),
    note: `${calls} calls per load; lower bound = the floor client measured alongside; runs: ${perCall.sdk.map(roundUs).join(', ')}`,
  });
  onRow({
    group: GROUP,
    name: 'SDK client / floor, median of the runs\' ratios',
    value: Math.round(median(ratios) * 100) / 100,
    unit: 'x',
    target: TARGET_RATIO,
    note: `ratios: ${ratios.map((ratio) => ratio.toFixed(2)).join(', ')}`,
  });
  onRow({
    group: GROUP,
    name: 'floor: TC3 by hand + one http.request on a keep-alive agent, CPU per call',
    value: floor,
    unit: 'µs',
    note: `runs: ${perCall.floor.map(roundUs).join(', ')}`,
  });
  // The wall clock of the same loads: what the floor needs is what this machine and emulator allow any client.
  onRow({
    group: GROUP,
    name: `SDK client: time to load every group, median of ${RUNS}`,
    value: Math.round(median(wallMs.sdk)),
    unit: 'ms',
    lowerBound: Math.round(median(wallMs.floor)),
    note: 'lower bound = the floor client on the same load, measured alongside (not a round-trip bound)',
  });
  onRow({
    group: GROUP,
    name: `floor client: time to load every group, median of ${RUNS}`,
    value: Math.round(median(wallMs.floor)),
    unit: 'ms',
    note: `runs: ${wallMs.floor.map(Math.round).join(', ')}`,
  });
  if (emulatorMs.length > 0) {
    onRow({
      group: GROUP,
      name: 'emulator CPU per load (its own process, answering both clients\' loads)',
      value: Math.round(median(emulatorMs)),
      unit: 'ms',
      note: `per call: ${Math.round((median(emulatorMs) / calls) * 1000)} µs; it shares the machine's 2 cores with the client`,
    });
  }
}

function roundUs(value: number): number {
  return Math.round(value);
}
