// One write whose answer is lost, against a cloud that may apply it before, later or never, with listings that
// show changes at once or late: the real SDK client talks to the emulator, and the change operation runs as the
// commands run it. Used by the write fault matrix (writeMatrix.test.ts) and by the settle-window benchmark.
import { createTencentCloudApi } from '../../src/cloud/tencentCloudApi';
import type { RequestedChange } from '../../src/domain/changeJudgement';
import { systemClock } from '../../src/domain/clock';
import type { GroupNetwork } from '../../src/domain/model';
import type { NetworkOwner, NetworkOwnerKind } from '../../src/domain/networkOwner';
import { ownerNetworks, primaryInstanceOwner, readOnlyGroupOwner } from '../../src/domain/networkOwner';
import { formatEnglish } from '../../src/domain/translate';
import type { ChangeSpec } from '../../src/network/change/changeSpec';
import { apiActionOf } from '../../src/network/change/changeSpec';
import { ChangeFailed, NetworkChanges } from '../../src/network/change/networkChanges';
import type { ApplyWrite, ControlOp, RunningEmulator } from '../emulator';
import { demoWorldPath, startEmulator } from '../emulator';
import { primaryNetworks } from '../emulator/world';
import { RecordingTracker, RecordingUi } from '../unit/network/networkFakes';
import { DEMO_CREDENTIALS, RecordingLogger, waitFor } from './clientHarness';

const REGION = 'ap-guangzhou';
/** A group with one network (a create may add one) and one with two (a delete may remove one). */
const ONE_NETWORK = 'pgrogrp-ehv9k8jn';
const TWO_NETWORKS = 'pgrogrp-5zyz187t';
/** The same for primaries: orders-db has one network of its own, sessions-db two. */
const ONE_NETWORK_PRIMARY = 'postgres-go1nxg3q';
const TWO_NETWORKS_PRIMARY = 'postgres-uk7kcuhe';
const BI_SUBNET = { vpcId: 'vpc-9jtwov7c', subnetId: 'subnet-jemqvs6d' };
const TYPED_VIP = '172.16.1.123';
const REMOVED_FROM_GROUP = { vpcId: 'vpc-9jtwov7c', subnetId: 'subnet-jemqvs6d', vip: '172.16.1.20' };
const REMOVED_FROM_PRIMARY = { vpcId: 'vpc-9jtwov7c', subnetId: 'subnet-unuu55q6', vip: '172.16.2.21' };

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

/** One write of the matrix: to which owner, what it asks for, and how the owner shows it happened. */
export interface WriteKind {
  readonly name: string;
  readonly ownerKind: NetworkOwnerKind;
  readonly ownerId: string;
  readonly change: RequestedChange;
  /** The owner shows the change (the network added, or being removed / gone). */
  changed(networks: readonly GroupNetwork[]): boolean;
}

const create = (ownerKind: NetworkOwnerKind, ownerId: string, vip: string | undefined, name: string): WriteKind => ({
  name,
  ownerKind,
  ownerId,
  change: { kind: 'addNetwork', ...BI_SUBNET, vip },
  changed: (networks) => networks.some((network) => network.subnetId === BI_SUBNET.subnetId),
});

const remove = (ownerKind: NetworkOwnerKind, ownerId: string, removed: typeof REMOVED_FROM_GROUP, name: string): WriteKind => ({
  name,
  ownerKind,
  ownerId,
  change: { kind: 'removeNetwork', ...removed },
  changed: (networks) => !networks.some((network) => network.ip === removed.vip && network.status === 'opened'),
});

export const KINDS: readonly WriteKind[] = [
  create('readOnlyGroup', ONE_NETWORK, TYPED_VIP, "a group's create with a typed VIP"),
  create('readOnlyGroup', ONE_NETWORK, undefined, "a group's create with an automatic VIP"),
  remove('readOnlyGroup', TWO_NETWORKS, REMOVED_FROM_GROUP, "a group's delete"),
  create('primaryInstance', ONE_NETWORK_PRIMARY, TYPED_VIP, "a primary's create with a typed VIP"),
  create('primaryInstance', ONE_NETWORK_PRIMARY, undefined, "a primary's create with an automatic VIP"),
  remove('primaryInstance', TWO_NETWORKS_PRIMARY, REMOVED_FROM_PRIMARY, "a primary's delete"),
];

function changeSpec(owner: NetworkOwner, change: RequestedChange): ChangeSpec {
  return {
    owner,
    change,
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
    const action = apiActionOf(kind.change.kind, kind.ownerKind);
    const before = ownerNow(emulator, kind);
    emulator.control.apply(faultOp(fault, action, apply, timeoutMs));
    const ui = new RecordingUi();
    const tracker = new RecordingTracker();
    const changes = new NetworkChanges({
      lease: () => ({ api, profileId: 'matrix', connection: emulator.url, revoked: new AbortController().signal, release: () => undefined }),
      tracker,
      ownerView: { refreshOwner: async () => undefined },
      ui,
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      t: formatEnglish,
      clock: systemClock,
      // Longer than the latest apply (3x the timeout) plus the listing lag: the rule the setting's text gives.
      settleWindowMs: () => options.settleWindowMs ?? timeoutMs * 3 + lagMs + 1500,
      settleReadIntervalMs: 250,
      site: () => 'intl',
    });
    const lostAt = performance.now();
    const failure = await changes.send(changeSpec(before, kind.change)).then(
      () => undefined,
      (error: unknown) => error,
    );
    if (!(failure instanceof ChangeFailed)) return { problem: failure === undefined ? 'the answer was not lost' : `it failed with ${String(failure)}` };
    // The report (the watch of the owner until the truth is settled) started when the answer was lost.
    await failure.reported;
    const msToMessage = performance.now() - lostAt;

    // Let the cloud finish whatever it was going to do, then compare with what the user was told.
    await waitFor(async () => (emulator.control.requests().every((entry) => !entry.write || entry.write.apply !== 'after' || entry.write.processedAt) ? true : undefined), 10_000);
    const sent = emulator.control.requests().filter((entry) => entry.action === action);
    if (sent.length !== 1) return { problem: `the write was sent ${sent.length} times`, msToMessage };
    const applied = sent[0].write?.applied === true;
    const after = ownerNetworks(ownerNow(emulator, kind));
    const told = ui.last()?.message;
    if (applied) {
      if (!kind.changed(after)) return { problem: 'the log says applied, the owner shows no change', msToMessage };
      const added = after.length - ownerNetworks(before).length;
      if (kind.change.kind === 'addNetwork' && added !== 1) return { problem: `${added} networks were added`, msToMessage };
      if (told !== 'TOOK EFFECT') return { problem: `applied, but the user was told "${told}"`, msToMessage };
      if (tracker.started.length !== 1) return { problem: `applied, but ${tracker.started.length} tasks are tracked`, msToMessage };
    } else {
      if (kind.changed(after) && kind.change.kind === 'addNetwork') return { problem: 'not applied, yet the owner changed', msToMessage };
      if (told !== 'NOTHING CHANGED') return { problem: `never applied, but the user was told "${told}"`, msToMessage };
      if (tracker.started.length !== 0) return { problem: 'never applied, but a task is tracked', msToMessage };
    }
    return { msToMessage };
  } finally {
    api.dispose();
    await emulator.stop();
  }
}

/** The owner as it truly is now (not as the lagging listing shows it). */
function ownerNow(emulator: RunningEmulator, kind: WriteKind): NetworkOwner {
  const toNetwork = (network: { vpcId: string; subnetId: string; ip: string; port?: number; status: string }): GroupNetwork => ({
    vpcId: network.vpcId,
    subnetId: network.subnetId,
    ip: network.ip,
    port: network.port ?? 5432,
    address: '',
    netType: 'private',
    status: network.status,
    protocolType: '',
  });
  for (const region of emulator.control.world().regions) {
    for (const primary of region.primaryInstances) {
      if (kind.ownerKind === 'primaryInstance' && primary.dbInstanceId === kind.ownerId) {
        return primaryInstanceOwner({
          id: primary.dbInstanceId,
          name: primary.dbInstanceName,
          region: REGION,
          zone: '',
          status: primary.status,
          vpcId: primary.vpcId,
          subnetId: primary.subnetId,
          version: '',
          readOnlyInstanceCount: 0,
          networks: primaryNetworks(primary).map(toNetwork),
        });
      }
      const group = primary.readOnlyGroups.find((candidate) => candidate.readOnlyGroupId === kind.ownerId);
      if (kind.ownerKind === 'readOnlyGroup' && group) {
        return readOnlyGroupOwner({
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
          networks: group.networks.map(toNetwork),
        });
      }
    }
  }
  throw new Error(`no ${kind.ownerKind} ${kind.ownerId}`);
}
