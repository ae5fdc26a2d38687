// One write whose answer is lost, against a cloud that may apply it before, later or never, with listings that
// show changes at once or late: the real SDK client talks to the emulator, and the change operation runs as the
// commands run it. Used by the write fault matrix (writeMatrix.test.ts) and by the settle-window benchmark.
import { createTencentCloudApi } from '../../src/cloud/tencentCloudApi';
import { systemClock } from '../../src/domain/clock';
import type { CreateNetworkRequest, DeleteNetworkRequest, ReadOnlyGroup } from '../../src/domain/model';
import { formatEnglish } from '../../src/domain/translate';
import type { ChangeSpec } from '../../src/network/change/changeSpec';
import { NetworkChanges } from '../../src/network/change/networkChanges';
import { readBackCreate, readBackDelete } from '../../src/network/change/readBack';
import type { ApplyWrite, ControlOp, RunningEmulator } from '../emulator';
import { demoWorldPath, startEmulator } from '../emulator';
import { RecordingTracker, RecordingUi } from '../unit/network/networkFakes';
import { DEMO_CREDENTIALS, RecordingLogger, waitFor } from './clientHarness';

const REGION = 'ap-guangzhou';
const PRIMARY = 'postgres-go1nxg3q';
/** A group with one network (a create may add one) and one with two (a delete may remove one). */
const ONE_NETWORK = 'pgrogrp-ehv9k8jn';
const TWO_NETWORKS = 'pgrogrp-5zyz187t';
const BI_SUBNET = { vpcId: 'vpc-9jtwov7c', subnetId: 'subnet-jemqvs6d' };
const TYPED_VIP = '172.16.1.123';
const REMOVED = { vpcId: 'vpc-9jtwov7c', subnetId: 'subnet-jemqvs6d', vip: '172.16.1.20' };

/** The client's timeout: short, so the matrix runs quickly; late applies are set relative to it. */
export const TIMEOUT_MS = 300;

export type Fault = 'stall' | 'drop' | 'timeout' | 'http 5xx' | 'unreadable body';
export const FAULTS: readonly Fault[] = ['stall', 'drop', 'timeout', 'http 5xx', 'unreadable body'];
export const APPLIES: ReadonlyArray<{ readonly name: string; readonly mode: ApplyWrite }> = [
  { name: 'applied before the answer is lost', mode: 'before' },
  { name: 'applied at 0.5x the timeout', mode: { afterMs: TIMEOUT_MS / 2 } },
  { name: 'applied at 1x the timeout', mode: { afterMs: TIMEOUT_MS } },
  { name: 'applied at 3x the timeout', mode: { afterMs: TIMEOUT_MS * 3 } },
  { name: 'never applied', mode: 'never' },
];

export interface WriteKind {
  readonly name: string;
  readonly action: 'CreateReadOnlyGroupNetworkAccess' | 'DeleteReadOnlyGroupNetworkAccess';
  readonly groupId: string;
  spec(group: ReadOnlyGroup): ChangeSpec;
  /** The group shows the change (the network added, or being removed / gone). */
  changed(group: ReadOnlyGroup): boolean;
}

const create = (vip: string | undefined, name: string): WriteKind => ({
  name,
  action: 'CreateReadOnlyGroupNetworkAccess',
  groupId: ONE_NETWORK,
  spec: (group) => {
    const request: CreateNetworkRequest = { region: REGION, groupId: ONE_NETWORK, ...BI_SUBNET, vip };
    return changeSpec('create', group, request, (api) => api.createNetwork(request), (api) => readBackCreate(api, request, group));
  },
  changed: (group) => group.networks.filter((network) => network.subnetId === BI_SUBNET.subnetId).length > 0,
});

export const KINDS: readonly WriteKind[] = [
  create(TYPED_VIP, 'create with a typed VIP'),
  create(undefined, 'create with an automatic VIP'),
  {
    name: 'delete',
    action: 'DeleteReadOnlyGroupNetworkAccess',
    groupId: TWO_NETWORKS,
    spec: (group) => {
      const request: DeleteNetworkRequest = { region: REGION, groupId: TWO_NETWORKS, ...REMOVED };
      return changeSpec('delete', group, request, (api) => api.deleteNetwork(request), (api) => readBackDelete(api, request, PRIMARY));
    },
    changed: (group) => !group.networks.some((network) => network.ip === REMOVED.vip && network.status === 'opened'),
  },
];

function changeSpec(operation: 'create' | 'delete', group: ReadOnlyGroup, target: ChangeSpec['target'], send: ChangeSpec['send'], readBack: ChangeSpec['readBack']): ChangeSpec {
  return {
    operation,
    group,
    target,
    send,
    readBack,
    texts: {
      sending: 'sending',
      checking: 'checking',
      tookEffect: 'TOOK EFFECT',
      didNotTakeEffect: () => 'NOTHING CHANGED',
      unknown: () => 'UNKNOWN',
    },
  };
}

function faultOp(fault: Fault, action: string, applyWrite: ApplyWrite, timeoutMs: number): ControlOp {
  const target = { action, applyWrite };
  switch (fault) {
    case 'stall':
      return { op: 'stallBody', ...target };
    case 'drop':
      return { op: 'dropConnection', ...target };
    case 'timeout':
      return { op: 'delayAnswer', ms: timeoutMs * 4, ...target };
    case 'http 5xx':
      return { op: 'httpError', status: 502, ...target };
    case 'unreadable body':
      return { op: 'nonJson', ...target };
  }
}

export interface ScenarioOptions {
  readonly timeoutMs?: number;
  readonly settleWindowMs?: number;
}

/** What one cell showed, or why it failed; and how long the user waited for the truth after the answer was lost. */
export async function runCell(
  kind: WriteKind,
  fault: Fault,
  apply: ApplyWrite,
  lagMs: number,
  options: ScenarioOptions = {},
): Promise<{ problem?: string; msToMessage?: number }> {
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  const emulator = await startEmulator({ world: demoWorldPath(), listingLagMs: lagMs });
  const api = createTencentCloudApi({ site: 'intl', endpoint: emulator.url, credentials: { getCredentials: async () => DEMO_CREDENTIALS }, logger: new RecordingLogger(), timeoutMs });
  try {
    const before = await groupNow(emulator, kind.groupId);
    emulator.control.apply(faultOp(fault, kind.action, apply, timeoutMs));
    const ui = new RecordingUi();
    const tracker = new RecordingTracker();
    const changes = new NetworkChanges({
      lease: () => ({ api, profileId: 'matrix', release: () => undefined }),
      tracker,
      groupView: { refreshGroup: async () => undefined },
      ui,
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      t: formatEnglish,
      clock: systemClock,
      // Longer than the latest apply (3x the timeout) plus the listing lag: the rule the setting's text gives.
      settleWindowMs: () => options.settleWindowMs ?? timeoutMs * 3 + lagMs + 1500,
      settleReadIntervalMs: 250,
    });
    const spec = kind.spec(before);
    const error = await changes.send(spec).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    if (error === undefined) return { problem: 'the answer was not lost' };
    const lostAt = performance.now();
    await changes.reportFailure(spec, error as never);
    const msToMessage = performance.now() - lostAt;

    // Let the cloud finish whatever it was going to do, then compare with what the user was told.
    await waitFor(async () => (emulator.control.requests().every((entry) => !entry.write || entry.write.apply !== 'after' || entry.write.processedAt) ? true : undefined), 10_000);
    const sent = emulator.control.requests().filter((entry) => entry.action === kind.action);
    if (sent.length !== 1) return { problem: `the write was sent ${sent.length} times`, msToMessage };
    const applied = sent[0].write?.applied === true;
    const after = await groupNow(emulator, kind.groupId);
    const told = ui.last()?.message;
    if (applied) {
      if (!kind.changed(after)) return { problem: 'the log says applied, the group shows no change', msToMessage };
      const added = after.networks.length - before.networks.length;
      if (kind.action === 'CreateReadOnlyGroupNetworkAccess' && added !== 1) return { problem: `${added} networks were added`, msToMessage };
      if (told !== 'TOOK EFFECT') return { problem: `applied, but the user was told "${told}"`, msToMessage };
      if (tracker.started.length !== 1) return { problem: `applied, but ${tracker.started.length} tasks are tracked`, msToMessage };
    } else {
      if (kind.changed(after) && kind.action === 'CreateReadOnlyGroupNetworkAccess') return { problem: 'not applied, yet the group changed', msToMessage };
      if (told !== 'NOTHING CHANGED') return { problem: `never applied, but the user was told "${told}"`, msToMessage };
      if (tracker.started.length !== 0) return { problem: 'never applied, but a task is tracked', msToMessage };
    }
    return { msToMessage };
  } finally {
    api.dispose();
    await emulator.stop();
  }
}

/** The group as it truly is now (not as the lagging listing shows it). */
async function groupNow(emulator: RunningEmulator, groupId: string): Promise<ReadOnlyGroup> {
  const world = emulator.control.world();
  for (const region of world.regions) {
    for (const primary of region.primaryInstances) {
      const group = primary.readOnlyGroups.find((candidate) => candidate.readOnlyGroupId === groupId);
      if (group) {
        return {
          id: group.readOnlyGroupId,
          name: group.readOnlyGroupName,
          region: REGION,
          zone: '',
          primaryInstanceId: primary.dbInstanceId,
          projectId: 0,
          vpcId: group.vpcId,
          subnetId: group.subnetId,
          status: group.status,
          readOnlyInstanceIds: [],
          networks: group.networks.map((network) => ({ vpcId: network.vpcId, subnetId: network.subnetId, ip: network.ip, port: network.port ?? 5432, address: '', netType: 'private', status: network.status, protocolType: '' })),
        };
      }
    }
  }
  throw new Error(`no group ${groupId}`);
}

