import type {
  GroupNetwork,
  PrimaryInstance,
  ReadOnlyGroup,
  ReplicationSettings,
  Region,
  Subnet,
  TaskPage,
  TaskStatus,
  UsedIp,
  Vpc,
} from '../domain/model';

/*
 * SDK answers -> domain types. Real answers carry nulls where lists are promised, empty strings and missing
 * fields, and statuses added after this code was written: every reader here accepts `unknown` and never throws.
 */

type Fields = Readonly<Record<string, unknown>>;

export function asRecord(value: unknown): Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : {};
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return '';
}

export function asNumber(value: unknown, fallback = 0): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    if (Number.isFinite(parsed)) return parsed;
  }
  return fallback;
}

/** The API writes booleans as true/false, 1/0 or "TRUE"/"FALSE" depending on the product. */
export function asBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return ['true', '1', 'yes'].includes(value.trim().toLowerCase());
  return false;
}

export function requestIdOf(response: unknown): string {
  return asString(asRecord(response).RequestId);
}

/**
 * Only RegionState decides: the documented example answers SupportInternational 0 for Guangzhou, Shanghai and
 * Beijing, so that flag is no reason to hide a region (a region the API cannot serve says so when asked).
 */
export function mapRegion(raw: unknown): Region {
  const r = asRecord(raw);
  const state = asString(r.RegionState);
  const id = asString(r.Region);
  return { id, name: asString(r.RegionName) || id, available: state === '' || state === 'AVAILABLE' };
}

export function mapRegions(response: unknown): Region[] {
  return asArray(asRecord(response).RegionSet)
    .map((raw) => mapRegion(raw))
    .filter((region) => region.id !== '');
}

export function isPrimaryInstance(raw: unknown): boolean {
  return asString(asRecord(raw).DBInstanceType) === 'primary';
}

export function mapPrimaryInstance(raw: unknown): PrimaryInstance {
  const r = asRecord(raw);
  return {
    id: asString(r.DBInstanceId),
    name: asString(r.DBInstanceName),
    region: asString(r.Region),
    zone: asString(r.Zone),
    status: asString(r.DBInstanceStatus),
    vpcId: asString(r.VpcId),
    subnetId: asString(r.SubnetId),
    version: asString(r.DBVersion) || asString(r.DBMajorVersion),
    readOnlyInstanceCount: asNumber(r.ReadOnlyInstanceNum),
    networks: mapNetworks(r.DBInstanceNetInfo),
  };
}

/** A DBInstanceNetInfo list: an entry with neither address nor VPC (a public address never opened) carries nothing to show or delete. */
function mapNetworks(raw: unknown): GroupNetwork[] {
  return asArray(raw)
    .filter((net) => typeof net === 'object' && net !== null)
    .map(mapGroupNetwork)
    .filter((net) => net.ip !== '' || net.vpcId !== '' || net.address !== '');
}

export function mapGroupNetwork(raw: unknown): GroupNetwork {
  const r = asRecord(raw);
  return {
    vpcId: asString(r.VpcId),
    subnetId: asString(r.SubnetId),
    ip: asString(r.Ip),
    port: asNumber(r.Port),
    address: asString(r.Address),
    netType: asString(r.NetType),
    status: asString(r.Status),
    protocolType: asString(r.ProtocolType),
  };
}

export function mapReadOnlyGroup(raw: unknown): ReadOnlyGroup {
  const r = asRecord(raw);
  return {
    id: asString(r.ReadOnlyGroupId),
    name: asString(r.ReadOnlyGroupName),
    region: asString(r.Region),
    zone: asString(r.Zone),
    primaryInstanceId: asString(r.MasterDBInstanceId),
    projectId: asNumber(r.ProjectId),
    vpcId: asString(r.VpcId),
    subnetId: asString(r.SubnetId),
    status: asString(r.Status),
    readOnlyInstanceIds: asArray(r.ReadOnlyDBInstanceList)
      .map((instance) => asString(asRecord(instance).DBInstanceId))
      .filter((id) => id !== ''),
    networks: mapNetworks(r.DBInstanceNetInfo),
    ...optionalReplication(r),
  };
}

/** The five settings of how a group drops lagging replicas; left out unless the answer holds all five as integers. */
function optionalReplication(r: Record<string, unknown>): { replication?: ReplicationSettings } {
  const values = {
    replayLagEliminate: r.ReplayLagEliminate,
    replayLatencyEliminate: r.ReplayLatencyEliminate,
    maxReplayLag: r.MaxReplayLag,
    maxReplayLatency: r.MaxReplayLatency,
    minDelayEliminateReserve: r.MinDelayEliminateReserve,
  };
  const numbers = Object.values(values).map((value) => asNumber(value, Number.NaN));
  if (!numbers.every(Number.isInteger)) return {};
  const [replayLagEliminate, replayLatencyEliminate, maxReplayLag, maxReplayLatency, minDelayEliminateReserve] = numbers;
  return { replication: { replayLagEliminate, replayLatencyEliminate, maxReplayLag, maxReplayLatency, minDelayEliminateReserve } };
}

/** DescribeDBInstanceSecurityGroups: the bound security groups' ids, in the order listed. */
export function mapSecurityGroupIds(response: unknown): string[] {
  return asArray(asRecord(response).SecurityGroupSet)
    .map((group) => asString(asRecord(group).SecurityGroupId))
    .filter((id) => id !== '');
}

export function mapReadOnlyGroups(response: unknown): ReadOnlyGroup[] {
  return asArray(asRecord(response).ReadOnlyGroupList)
    .map(mapReadOnlyGroup)
    .filter((group) => group.id !== '');
}

export function mapVpc(raw: unknown): Vpc {
  const r = asRecord(raw);
  return { id: asString(r.VpcId), name: asString(r.VpcName), cidr: asString(r.CidrBlock), isDefault: asBoolean(r.IsDefault) };
}

export function mapSubnet(raw: unknown): Subnet {
  const r = asRecord(raw);
  return {
    id: asString(r.SubnetId),
    name: asString(r.SubnetName),
    vpcId: asString(r.VpcId),
    cidr: asString(r.CidrBlock),
    zone: asString(r.Zone),
    isDefault: asBoolean(r.IsDefault),
    availableIpCount: asNumber(r.AvailableIpAddressCount),
    totalIpCount: asNumber(r.TotalIpAddressCount),
  };
}

export function mapUsedIp(raw: unknown): UsedIp {
  const r = asRecord(raw);
  return {
    ip: asString(r.IpAddress),
    vpcId: asString(r.VpcId),
    subnetId: asString(r.SubnetId),
    resourceType: asString(r.ResourceType),
    resourceId: asString(r.ResourceId),
  };
}

export function mapTaskStatus(raw: unknown): TaskStatus {
  const r = asRecord(raw);
  const detail = asRecord(r.TaskDetail);
  const progress = asNumber(r.Progress);
  return {
    taskId: asNumber(r.TaskId),
    type: asString(r.TaskType),
    instanceId: asString(r.DBInstanceId),
    state: asString(r.Status),
    progress: Math.min(100, Math.max(0, progress)),
    currentStep: asString(detail.CurrentStep),
    message: asString(detail.Message),
    startTime: asString(r.StartTime),
    endTime: asString(r.EndTime),
  };
}

/** The task with this id from a DescribeTasks answer, or undefined when the set is empty or names others only. */
export function findTask(response: unknown, taskId: number): TaskStatus | undefined {
  const tasks = asArray(asRecord(response).TaskSet).map(mapTaskStatus);
  return tasks.find((task) => task.taskId === taskId);
}

/** A DescribeTasks answer listing tasks; tasks without an id are dropped, TotalCount defaults to what came back. */
export function mapTaskPage(response: unknown, offset: number): TaskPage {
  const r = asRecord(response);
  const tasks = asArray(r.TaskSet).map(mapTaskStatus).filter((task) => task.taskId > 0);
  return { tasks, totalCount: asNumber(r.TotalCount, offset + tasks.length) };
}

/** The service's times are Beijing time (UTC+8) as "YYYY-MM-DD HH:mm:ss", whatever the caller's time zone. */
const API_TIME_ZONE_OFFSET_MS = 8 * 3600 * 1000;

/** Epoch milliseconds -> the API's time format (e.g. DescribeTasks' MinStartTime), rounded down to the second. */
export function formatApiTime(epochMs: number): string {
  const iso = new Date(Math.floor(epochMs / 1000) * 1000 + API_TIME_ZONE_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** TaskId of a Create/Delete answer; FlowId carries the same number. 0 when the answer names neither. */
export function taskIdOf(response: unknown): number {
  const r = asRecord(response);
  return asNumber(r.TaskId, asNumber(r.FlowId));
}
