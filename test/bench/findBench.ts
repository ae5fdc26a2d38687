/**
 * Find Group or Network: the time until a VIP is found in the whole-account world, walking the tree's own cache
 * (src/explorer/treeLoadCache.ts and subtree.ts, what the Find command runs) across every region at once, against
 * the lower bound of loading every group of the account.
 */
import { systemClock } from '../../src/domain/clock';
import { formatEnglish } from '../../src/domain/translate';
import { findMatches } from '../../src/explorer/findMatch';
import type { RegionNode, RoGroupNode } from '../../src/explorer/nodes';
import { groupsUnder } from '../../src/explorer/subtree';
import { TreeLoadCache } from '../../src/explorer/treeLoadCache';
import { startEmulatorProcess } from './emulatorProcess';
import { EXPLORER_SCENARIOS } from './explorerBench';
import { lowerBound, measureRoundTripAt } from './treeLoads';
import { countThrottled, createBenchClient, median, since, type BenchRow } from './measure';
import { generateWorld } from './worlds';

const LATENCY_MS = 100;
const RUNS = 3;
/** The tree's default page of primaries: Find follows "Load more" as the user would. */
const PAGE_SIZE = 20;

export async function runFindBench(onRow: (row: BenchRow) => void): Promise<void> {
  const scenario = EXPLORER_SCENARIOS.find((candidate) => candidate.key === 'account');
  if (!scenario) throw new Error('no whole-account scenario');
  const world = generateWorld(scenario.shape);
  const regions = world.regions.map((region) => region.region);
  // The VIP of the last network of the last region: found only once (nearly) everything is loaded.
  const lastRegion = world.regions[world.regions.length - 1];
  const lastPrimary = lastRegion.primaryInstances[lastRegion.primaryInstances.length - 1];
  const lastGroup = lastPrimary.readOnlyGroups[lastPrimary.readOnlyGroups.length - 1];
  const vip = lastGroup.networks[lastGroup.networks.length - 1].ip;
  const emulator = await startEmulatorProcess(world, { latencyMs: LATENCY_MS });
  try {
    const roundTrip = await measureRoundTripAt(emulator.url, regions[0]);
    const foundTimes: number[] = [];
    let throttled = 0;
    for (let run = 0; run <= RUNS; run++) {
      const { api } = createBenchClient(emulator.url);
      const cache = new TreeLoadCache({
        api,
        settings: { regions: () => regions, pageSize: () => PAGE_SIZE },
        clock: systemClock,
        t: formatEnglish,
        onLoadFailure: () => undefined,
        changed: () => undefined,
      });
      try {
        await emulator.control({ op: 'clearRequests' });
        const abort = new AbortController();
        const start = performance.now();
        let foundAt = Number.NaN;
        const look = (groups: readonly RoGroupNode[]): void => {
          const entries = groups.flatMap((group) =>
            group.group.networks.map((network) => ({
              kind: 'network' as const,
              key: `${group.group.id}/${network.ip}`,
              region: group.group.region,
              primaryId: group.group.primaryInstanceId,
              primaryName: '',
              groupId: group.group.id,
              groupName: group.group.name,
              vip: network.ip,
              port: network.port,
            })),
          );
          if (Number.isNaN(foundAt) && findMatches(vip, entries).some((result) => result.entry.vip === vip)) {
            foundAt = since(start);
            abort.abort();
          }
        };
        const roots = (await cache.children()) as RegionNode[];
        await Promise.all(roots.map((region) => groupsUnder(cache, region, { signal: abort.signal, onBatch: (batch) => look(batch.groups) }).catch(() => undefined)));
        if (Number.isNaN(foundAt)) throw new Error(`the VIP ${vip} was not found`);
        throttled += countThrottled(await emulator.requests());
        if (run > 0) foundTimes.push(foundAt);
      } finally {
        cache.dispose();
        api.dispose();
      }
    }
    const bound = lowerBound(world);
    onRow({
      group: 'find',
      name: `Find a VIP in the whole account (${regions.length} regions, the last network listed)`,
      value: Math.round(median(foundTimes)),
      unit: 'ms',
      lowerBound: Math.round(bound.roundTrips * roundTrip),
      note: `lower bound: loading every group of the account, ${bound.roundTrips} round trips; pageSize ${PAGE_SIZE} (Load more followed); RequestLimitExceeded on the wire: ${throttled}`,
    });
  } finally {
    await emulator.stop();
  }
}
