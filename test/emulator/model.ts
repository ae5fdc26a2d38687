/**
 * The emulated cloud's mutable state: a private copy of the world, address occupancy per subnet, and the network
 * tasks with their lifecycle. Tasks advance lazily from elapsed time whenever the state is observed, so there are no
 * timers to leak and every observer sees a consistent picture.
 */
import { createHash } from 'node:crypto';
import { formatApiTime, type EmulatorClock } from './clock';
import {
  assignableAddressCount,
  formatIpv4,
  highestFreeAddresses,
  parseCidr,
  parseIpv4,
  type Ipv4Cidr,
} from './ipam';
import type {
  CredentialDefinition,
  NetworkDefinition,
  PrimaryInstanceDefinition,
  ReadOnlyGroupDefinition,
  RegionDefinition,
  SubnetDefinition,
  VpcDefinition,
  WorldDefinition,
} from './world';
import { primaryNetworks } from './world';

export const DEFAULT_TASK_TIMING = { durationMs: 20_000, steps: ['Init', 'AllocateVip', 'ConfigureNetwork', 'Finish'], firstTaskId: 100_000 };

/** Resource type reported by DescribeUsedIpAddress for database addresses (the real value is not documented). */
export const DATABASE_RESOURCE_TYPE = 'postgres';

export type TaskKind =
  | 'CreateReadOnlyGroupNetworkAccess'
  | 'DeleteReadOnlyGroupNetworkAccess'
  | 'CreateDBInstanceNetworkAccess'
  | 'DeleteDBInstanceNetworkAccess';
export type TaskStatus = 'Running' | 'Success' | 'Fail';

/** What holds networks: a read-only group or a primary instance. */
export type OwnerKind = 'readOnlyGroup' | 'instance';

export interface OwnerRef {
  readonly kind: OwnerKind;
  /** The group id or the instance id. */
  readonly id: string;
}

export interface TaskRecord {
  readonly taskId: number;
  readonly kind: TaskKind;
  /** Whether the task creates a network (else it deletes one). */
  readonly creates: boolean;
  readonly region: string;
  readonly owner: OwnerRef;
  readonly masterInstanceId: string;
  readonly network: { readonly vpcId: string; readonly subnetId: string; readonly ip: string };
  readonly startedAtMs: number;
  /** Emulator-clock time of the start; with the duration it fixes EndTime, whenever the end is observed. */
  readonly startEpochSeconds: number;
  readonly startTime: string;
  readonly durationMs: number;
  readonly steps: readonly string[];
  readonly failAtProgress?: number;
  readonly failMessage?: string;
  status: TaskStatus;
  progress: number;
  endTime: string;
  message: string;
}

export interface TaskFailurePlan {
  /** Only a task of this group; with neither id, the next task of any owner. */
  readonly readOnlyGroupId?: string;
  /** Only a task of this primary instance's own networks. */
  readonly dbInstanceId?: string;
  readonly atProgress: number;
  readonly message?: string;
}

export interface UsedIp {
  readonly vpcId: string;
  readonly subnetId: string;
  readonly ip: string;
  readonly address: number;
  readonly resourceType: string;
  readonly resourceId: string;
}

export interface GroupLocation {
  readonly kind: 'readOnlyGroup';
  readonly region: RegionDefinition;
  readonly primary: PrimaryInstanceDefinition;
  readonly group: ReadOnlyGroupDefinition;
}

export interface InstanceLocation {
  readonly kind: 'instance';
  readonly region: RegionDefinition;
  readonly primary: PrimaryInstanceDefinition;
}

/** Where an owner of networks lives in the state. */
export type OwnerLocation = GroupLocation | InstanceLocation;

export function ownerRef(location: OwnerLocation): OwnerRef {
  switch (location.kind) {
    case 'readOnlyGroup':
      return { kind: location.kind, id: location.group.readOnlyGroupId };
    case 'instance':
      return { kind: location.kind, id: location.primary.dbInstanceId };
  }
}

/** The owner's networks, as stored (the model fills every primary's list when it loads the world). */
export function ownerNetworks(location: OwnerLocation): NetworkDefinition[] {
  switch (location.kind) {
    case 'readOnlyGroup':
      return location.group.networks;
    case 'instance':
      location.primary.networks ??= [];
      return location.primary.networks;
  }
}

/**
 * Marks the owner busy while a network task runs, or idle again: a group turns `modifying` / `ok`, a primary
 * `network changing` / `running` (a DBInstanceStatus the API documents; which status the real change shows is a guess).
 */
function setOwnerBusy(location: OwnerLocation, busy: boolean): void {
  switch (location.kind) {
    case 'readOnlyGroup':
      location.group.status = busy ? 'modifying' : 'ok';
      return;
    case 'instance':
      location.primary.status = busy ? 'network changing' : 'running';
      return;
  }
}

function planMatches(plan: TaskFailurePlan, owner: OwnerRef): boolean {
  if (plan.readOnlyGroupId !== undefined) return owner.kind === 'readOnlyGroup' && owner.id === plan.readOnlyGroupId;
  if (plan.dbInstanceId !== undefined) return owner.kind === 'instance' && owner.id === plan.dbInstanceId;
  return true;
}

export interface SubnetLocation {
  readonly vpc: VpcDefinition;
  readonly subnet: SubnetDefinition;
  readonly cidr: Ipv4Cidr;
}

export class CloudModel {
  readonly world: WorldDefinition;
  readonly tasks: TaskRecord[] = [];
  private readonly failurePlans: TaskFailurePlan[] = [];
  private nextTaskId: number;
  private timing: { durationMs: number; steps: readonly string[] };
  private readonly initialTiming: { durationMs: number; steps: readonly string[] };

  constructor(
    definition: WorldDefinition,
    private readonly clock: EmulatorClock,
    private readonly monotonicMs: () => number = () => performance.now(),
  ) {
    this.world = structuredClone(definition);
    const timing = { ...DEFAULT_TASK_TIMING, ...this.world.taskTiming };
    this.timing = { durationMs: timing.durationMs, steps: timing.steps };
    this.initialTiming = this.timing;
    this.nextTaskId = timing.firstTaskId;
    for (const region of this.world.regions) {
      // The primaries' networks are the stored truth from here on: vip was only shorthand for the first one.
      for (const primary of region.primaryInstances) {
        primary.networks = primaryNetworks(primary);
        delete primary.vip;
      }
      this.fillAnonymousHolders(region);
    }
  }

  /** The monotonic time (ms) tasks progress by; the listing history is stamped with it too. */
  nowMs(): number {
    return this.monotonicMs();
  }

  /**
   * An independent copy of the state as it is now (world, tasks, task numbering), for the listing history.
   * Running tasks keep progressing in the copy from their own start times.
   */
  fork(): CloudModel {
    // The world was validated and its anonymous holders filled: the constructor only copies it again.
    const copy = new CloudModel(this.world, this.clock, this.monotonicMs);
    copy.tasks.push(...structuredClone(this.tasks));
    copy.nextTaskId = this.nextTaskId;
    copy.timing = this.timing;
    return copy;
  }

  credential(secretId: string): CredentialDefinition | undefined {
    return this.world.credentials.find((c) => c.secretId === secretId);
  }

  region(name: string): RegionDefinition | undefined {
    return this.world.regions.find((r) => r.region === name);
  }

  findGroup(region: RegionDefinition, readOnlyGroupId: string): GroupLocation | undefined {
    for (const primary of region.primaryInstances) {
      const group = primary.readOnlyGroups.find((g) => g.readOnlyGroupId === readOnlyGroupId);
      if (group) return { kind: 'readOnlyGroup', region, primary, group };
    }
    return undefined;
  }

  /** A primary instance (read-only instances are not owners of networks here). */
  findPrimary(region: RegionDefinition, dbInstanceId: string): InstanceLocation | undefined {
    const primary = region.primaryInstances.find((p) => p.dbInstanceId === dbInstanceId);
    return primary && { kind: 'instance', region, primary };
  }

  findOwner(region: RegionDefinition, owner: OwnerRef): OwnerLocation | undefined {
    switch (owner.kind) {
      case 'readOnlyGroup':
        return this.findGroup(region, owner.id);
      case 'instance':
        return this.findPrimary(region, owner.id);
    }
  }

  findVpc(region: RegionDefinition, vpcId: string): VpcDefinition | undefined {
    return region.vpcs.find((v) => v.vpcId === vpcId);
  }

  findSubnet(vpc: VpcDefinition, subnetId: string): SubnetLocation | undefined {
    const subnet = vpc.subnets.find((s) => s.subnetId === subnetId);
    // The CIDR was checked when the world was loaded.
    return subnet && { vpc, subnet, cidr: parseCidr(subnet.cidrBlock) as Ipv4Cidr };
  }

  /** Every occupied address of a subnet, with its holder. */
  usedIps(region: RegionDefinition, vpcId: string, subnetId: string): UsedIp[] {
    const result: UsedIp[] = [];
    const add = (ip: string, resourceType: string, resourceId: string): void => {
      result.push({ vpcId, subnetId, ip, address: parseIpv4(ip) ?? 0, resourceType, resourceId });
    };
    const vpc = this.findVpc(region, vpcId);
    const subnet = vpc?.subnets.find((s) => s.subnetId === subnetId);
    for (const used of subnet?.usedIps ?? []) add(used.ip, used.resourceType, used.resourceId);
    for (const primary of region.primaryInstances) {
      for (const network of primaryNetworks(primary)) {
        if (network.vpcId === vpcId && network.subnetId === subnetId && network.status !== 'closed') {
          add(network.ip, DATABASE_RESOURCE_TYPE, primary.dbInstanceId);
        }
      }
      for (const group of primary.readOnlyGroups) {
        for (const network of group.networks) {
          if (network.vpcId === vpcId && network.subnetId === subnetId && network.status !== 'closed') {
            add(network.ip, DATABASE_RESOURCE_TYPE, group.readOnlyGroupId);
          }
        }
      }
    }
    return result.sort((a, b) => a.address - b.address);
  }

  availableAddressCount(region: RegionDefinition, location: SubnetLocation): number {
    return assignableAddressCount(location.cidr) - this.usedIps(region, location.vpc.vpcId, location.subnet.subnetId).length;
  }

  /**
   * Starts a network task: the owner turns busy (see setOwnerBusy), the network `opening` (create) or `closing`
   * (delete).
   */
  startNetworkTask(kind: TaskKind, creates: boolean, location: OwnerLocation, network: NetworkDefinition): TaskRecord {
    const owner = ownerRef(location);
    const planIndex = this.failurePlans.findIndex((p) => planMatches(p, owner));
    const plan = planIndex >= 0 ? this.failurePlans.splice(planIndex, 1)[0] : undefined;
    if (creates) {
      network.status = 'opening';
      ownerNetworks(location).push(network);
    } else {
      network.status = 'closing';
    }
    setOwnerBusy(location, true);
    const task: TaskRecord = {
      taskId: this.nextTaskId++,
      kind,
      creates,
      region: location.region.region,
      owner,
      masterInstanceId: location.primary.dbInstanceId,
      network: { vpcId: network.vpcId, subnetId: network.subnetId, ip: network.ip },
      startedAtMs: this.monotonicMs(),
      startEpochSeconds: this.clock.nowSeconds(),
      startTime: formatApiTime(this.clock.nowSeconds()),
      durationMs: this.timing.durationMs,
      steps: this.timing.steps,
      failAtProgress: plan?.atProgress,
      failMessage: plan?.message,
      status: 'Running',
      progress: 0,
      endTime: '',
      message: '',
    };
    this.tasks.push(task);
    return task;
  }

  /** Brings every running task up to date with the time elapsed since it started (by `now`, default the present). */
  advance(now: number = this.monotonicMs()): void {
    for (const task of this.tasks) {
      if (task.status !== 'Running') continue;
      const elapsed = now - task.startedAtMs;
      const progress = Math.min(100, Math.floor((elapsed * 100) / task.durationMs));
      if (task.failAtProgress !== undefined && progress >= task.failAtProgress) {
        this.finish(task, 'Fail', task.failAtProgress);
      } else if (elapsed >= task.durationMs) {
        this.finish(task, 'Success', 100);
      } else {
        task.progress = Math.min(99, progress);
      }
    }
  }

  currentStep(task: TaskRecord): string {
    if (task.status === 'Success') return task.steps[task.steps.length - 1];
    const index = Math.min(task.steps.length - 1, Math.floor((task.progress / 100) * task.steps.length));
    return task.steps[index];
  }

  planTaskFailure(plan: TaskFailurePlan): void {
    this.failurePlans.push(plan);
  }

  setTaskTiming(durationMs: number, steps?: readonly string[]): void {
    this.timing = { durationMs, steps: steps ?? this.timing.steps };
  }

  resetTaskTiming(): void {
    this.timing = this.initialTiming;
  }

  clearTaskFailurePlans(): void {
    this.failurePlans.length = 0;
  }

  pendingTaskFailures(): readonly TaskFailurePlan[] {
    return this.failurePlans;
  }

  taskTiming(): { durationMs: number; steps: readonly string[] } {
    return this.timing;
  }

  private finish(task: TaskRecord, status: TaskStatus, progress: number): void {
    task.status = status;
    task.progress = progress;
    // When the task ended, not when somebody first looked: a lagged listing and the live state must agree.
    task.endTime = formatApiTime(task.startEpochSeconds + Math.floor((task.durationMs * progress) / 100 / 1000));
    task.message = status === 'Fail' ? (task.failMessage ?? 'The network change failed and was rolled back.') : '';
    const region = this.region(task.region);
    const location = region && this.findOwner(region, task.owner);
    if (!location) return;
    const networks = ownerNetworks(location);
    const index = networks.findIndex((n) => n.vpcId === task.network.vpcId && n.subnetId === task.network.subnetId && n.ip === task.network.ip);
    const succeeded = status === 'Success';
    if (index >= 0) {
      if (task.creates === succeeded) networks[index].status = 'opened';
      else networks.splice(index, 1);
    }
    const stillRunning = this.tasks.some((t) => t.status === 'Running' && t.owner.kind === task.owner.kind && t.owner.id === task.owner.id);
    if (!stillRunning) setOwnerBusy(location, false);
  }

  /**
   * A subnet declared with fewer free addresses than its listed holders leave gets anonymous server holders on its
   * highest addresses, so the free count, DescribeUsedIpAddress and VIP allocation all agree.
   */
  private fillAnonymousHolders(region: RegionDefinition): void {
    for (const vpc of region.vpcs) {
      for (const subnet of vpc.subnets) {
        const wanted = subnet.availableIpAddressCount;
        if (wanted === undefined) continue;
        const location = this.findSubnet(vpc, subnet.subnetId) as SubnetLocation;
        const used = new Set(this.usedIps(region, vpc.vpcId, subnet.subnetId).map((u) => u.address));
        const extra = assignableAddressCount(location.cidr) - used.size - wanted;
        const holders = highestFreeAddresses(location.cidr, used, extra).map((address) => ({
          ip: formatIpv4(address),
          resourceType: 'cvm',
          resourceId: `ins-${createHash('sha256').update(`${subnet.subnetId}/${address}`).digest('hex').slice(0, 8)}`,
        }));
        subnet.usedIps = [...(subnet.usedIps ?? []), ...holders];
        delete subnet.availableIpAddressCount;
      }
    }
  }
}
