/**
 * The Add Network wizard's waits: its own steps (src/wizard/addNetworkSteps.ts) and network catalog, run by the
 * same Wizard the command runs, with a scripted prompter standing in for the quick picks.
 */
import type { CloudApi } from '../../src/cloud/cloudApi';
import type { ReadOnlyGroup } from '../../src/domain/model';
import { readOnlyGroupOwner } from '../../src/domain/networkOwner';
import type { AddNetworkContext } from '../../src/network/add/addNetworkContext';
import { addNetworkWizardOptions } from '../../src/network/add/addNetworkSteps';
import { NetworkCatalog } from '../../src/network/add/networkCatalog';
import { isSeparator, WizardCancelled, type PickItem, type Prompter } from '../../src/wizard/prompter';
import { formatEnglish } from '../../src/domain/translate';
import { Wizard } from '../../src/wizard/wizard';
import { startEmulatorProcess } from './emulatorProcess';
import { measureRoundTrip } from './treeLoads';
import { createBenchClient, median, since, type BenchRow } from './measure';
import { generateWorld } from './worlds';

const LATENCY_MS = 100;
const RUNS = 5;
const GROUP = 'wizard: Add Network on a group, region with 5 VPCs x 4 subnets';

interface WizardTimes {
  /** From the command to the VPC pick's items ready. */
  readonly vpcListMs: number;
  /** From the VPC picked to the subnet pick's items ready. */
  readonly subnetListMs: number;
}

/** Runs the wizard as the command does (catalog loading started with the command) up to the subnet list, then cancels. */
export async function timeWizard(api: CloudApi, group: ReadOnlyGroup): Promise<WizardTimes> {
  const start = performance.now();
  // As in the command: the lists the first steps need start loading with it.
  const catalog = new NetworkCatalog(api);
  catalog.load(group.region);
  let vpcListMs: number | undefined;
  let subnetListMs: number | undefined;
  let pickedAt = 0;
  const prompter: Prompter = {
    async pick<T>(_position: unknown, request: { items: readonly unknown[] | Promise<readonly unknown[]> }): Promise<T> {
      const entries = await request.items;
      const usable = entries.filter((entry) => !isSeparator(entry as PickItem<T>) && !(entry as PickItem<T>).unavailableReason) as PickItem<T>[];
      if (vpcListMs === undefined) {
        vpcListMs = since(start);
        if (usable.length === 0) throw new Error('no VPC to pick');
        pickedAt = performance.now();
        return usable[0].value;
      }
      subnetListMs = since(pickedAt);
      if (usable.length === 0) throw new Error('no subnet to pick');
      throw new WizardCancelled();
    },
    input: () => Promise.reject(new WizardCancelled()),
  };
  const wizard = new Wizard<AddNetworkContext>(
    addNetworkWizardOptions({
      api,
      catalog,
      t: formatEnglish,
      regions: () => [group.region],
      busyOwnerIds: () => new Set(),
      copyToClipboard: () => Promise.resolve(),
      createNetwork: () => Promise.reject(new Error('the benchmark never creates a network here')),
    }),
    prompter,
  );
  try {
    await wizard.run({ pickGroup: false, region: group.region, owner: readOnlyGroupOwner(group) });
  } catch (error) {
    if (!(error instanceof WizardCancelled)) throw error;
  }
  if (vpcListMs === undefined || subnetListMs === undefined) throw new Error('the wizard did not reach the subnet step');
  return { vpcListMs, subnetListMs };
}

/** The same two lists asked for when each step opens: VPCs, then the chosen VPC's subnets. */
async function timeNaiveWizard(api: CloudApi, region: string): Promise<WizardTimes> {
  const start = performance.now();
  const vpcs = await api.listVpcs(region);
  const vpcListMs = since(start);
  const picked = performance.now();
  await api.listSubnets(region, vpcs[0].id);
  return { vpcListMs, subnetListMs: since(picked) };
}

export async function runWizardBench(onRow: (row: BenchRow) => void): Promise<void> {
  const world = generateWorld({ regions: 1, primariesPerRegion: 5, groupsPerPrimary: 1, roInstancesPerGroup: 1, vpcsPerRegion: 5, subnetsPerVpc: 4 });
  const region = world.regions[0];
  const emulator = await startEmulatorProcess(world, { latencyMs: LATENCY_MS });
  const { api } = createBenchClient(emulator.url);
  try {
    const roundTrip = await measureRoundTrip(api, region.region);
    const primary = region.primaryInstances[0];
    const group = await api.getReadOnlyGroup(region.region, primary.dbInstanceId, primary.readOnlyGroups[0].readOnlyGroupId);
    if (!group) throw new Error('the group to add a network to is missing');
    await timeWizard(api, group); // warm-up
    const designed: WizardTimes[] = [];
    const naive: WizardTimes[] = [];
    for (let run = 0; run < RUNS; run++) {
      designed.push(await timeWizard(api, group));
      naive.push(await timeNaiveWizard(api, region.region));
    }
    onRow({ group: GROUP, name: 'round trip (one call, measured)', value: roundTrip, unit: 'ms' });
    onRow({
      group: GROUP,
      name: `command -> VPC list ready (median of ${RUNS})`,
      value: median(designed.map((t) => t.vpcListMs)),
      unit: 'ms',
      lowerBound: roundTrip,
      target: Math.round(1.2 * roundTrip),
      note: 'lower bound 1 round trip; VPCs and all subnets of the region are asked for in parallel',
    });
    onRow({
      group: GROUP,
      name: `VPC picked -> subnet list ready (median of ${RUNS})`,
      value: median(designed.map((t) => t.subnetListMs)),
      unit: 'ms',
      lowerBound: 0,
      note: 'lower bound 0: the subnets arrived with the VPCs',
    });
    onRow({ group: GROUP, name: 'naive: command -> VPC list (DescribeVpcs alone)', value: median(naive.map((t) => t.vpcListMs)), unit: 'ms', lowerBound: roundTrip });
    onRow({ group: GROUP, name: "naive: VPC picked -> subnet list (that VPC's subnets asked then)", value: median(naive.map((t) => t.subnetListMs)), unit: 'ms', lowerBound: 0 });
  } finally {
    api.dispose();
    await emulator.stop();
  }
}
