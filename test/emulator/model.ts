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

export const DEFAULT_TASK_TIMING = { durationMs: 20_000, steps: ['Init', 'AllocateVip', 'ConfigureNetwork', 'Finish'], firstTaskId: 100_000 };

/** Resource type reported by DescribeUsedIpAddress for database addresses (the real value is not documented). */
export const DATABASE_RESOURCE_TYPE = 'postgres';

export type TaskKind = 'CreateReadOnlyGroupNetworkAccess' | 'DeleteReadOnlyGroupNetworkAccess';
export type TaskStatus = 'Running' | 'Success' | 'Fail';

export interface TaskRecord {
  readonly taskId: number;
  readonly kind: TaskKind;
  readonly region: string;
  readonly readOnlyGroupId: string;
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
  readonly readOnlyGroupId?: string;
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
  readonly region: RegionDefinition;
  readonly primary: PrimaryInstanceDefinition;
  readonly group: ReadOnlyGroupDefinition;
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
    for (const region of this.world.regions) this.fillAnonymousHolders(region);
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
      if (group) return { region, primary, group };
    }
    return undefined;
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
      if (primary.vpcId === vpcId && primary.subnetId === subnetId) add(primary.vip, DATABASE_RESOURCE_TYPE, primary.dbInstanceId);
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

  /** Starts a network task: the group turns `modifying`, the network `opening` (create) or `closing` (delete). */
  startNetworkTask(kind: TaskKind, location: GroupLocation, network: NetworkDefinition): TaskRecord {
    const { group } = location;
    const planIndex = this.failurePlans.findIndex((p) => p.readOnlyGroupId === undefined || p.readOnlyGroupId === group.readOnlyGroupId);
    const plan = planIndex >= 0 ? this.failurePlans.splice(planIndex, 1)[0] : undefined;
    if (kind === 'CreateReadOnlyGroupNetworkAccess') {
      network.status = 'opening';
      group.networks.push(network);
    } else {
      network.status = 'closing';
    }
    group.status = 'modifying';
    const task: TaskRecord = {
      taskId: this.nextTaskId++,
      kind,
      region: location.region.region,
      readOnlyGroupId: group.readOnlyGroupId,
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
    const location = region && this.findGroup(region, task.readOnlyGroupId);
    if (!location) return;
    const { group } = location;
    const index = group.networks.findIndex(
      (n) => n.vpcId === task.network.vpcId && n.subnetId === task.network.subnetId && n.ip === task.network.ip,
    );
    const succeeded = status === 'Success';
    const creating = task.kind === 'CreateReadOnlyGroupNetworkAccess';
    if (index >= 0) {
      if (creating === succeeded) group.networks[index].status = 'opened';
      else group.networks.splice(index, 1);
    }
    const stillRunning = this.tasks.some((t) => t.status === 'Running' && t.readOnlyGroupId === group.readOnlyGroupId);
    if (!stillRunning) group.status = 'ok';
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
