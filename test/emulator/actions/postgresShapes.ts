/** The JSON shapes the postgres API answers with, built from world resources. */
import type { CloudModel, TaskRecord } from '../model';
import type {
  NetworkDefinition,
  PrimaryInstanceDefinition,
  ReadOnlyGroupDefinition,
  ReadOnlyInstanceDefinition,
  RegionDefinition,
} from '../world';
import { primaryNetworks } from '../world';

const NEVER = '0000-00-00 00:00:00';
const APP_ID = 1300000001;
const UID = 100000000001;
const DEFAULT_PORT = 5432;

export function netInfo(network: NetworkDefinition): Record<string, unknown> {
  return {
    Address: '',
    Ip: network.ip,
    Port: network.port ?? DEFAULT_PORT,
    NetType: network.netType ?? 'private',
    Status: network.status,
    VpcId: network.vpcId,
    SubnetId: network.subnetId,
    ProtocolType: 'postgresql',
  };
}

function publicNetInfo(primary: PrimaryInstanceDefinition): Record<string, unknown> {
  const pub = primary.publicAddress;
  return {
    Address: pub?.address ?? '',
    Ip: pub?.ip ?? '',
    Port: pub?.port ?? 0,
    NetType: 'public',
    Status: pub?.status ?? 'closed',
    VpcId: '',
    SubnetId: '',
    ProtocolType: 'postgresql',
  };
}

function majorVersion(primary: PrimaryInstanceDefinition): string {
  return primary.dbMajorVersion ?? primary.dbVersion.split('.')[0];
}

/** What differs between a primary and a read-only instance; the rest of DBInstance comes from the primary. */
interface InstanceOwn {
  readonly VpcId: string;
  readonly SubnetId: string;
  readonly Zone: string;
  readonly DBInstanceId: string;
  readonly DBInstanceName: string;
  readonly DBInstanceStatus: string;
  readonly DBInstanceType: 'primary' | 'readonly';
  readonly CreateTime: string;
  readonly DBInstanceNetInfo: Record<string, unknown>[];
  readonly MasterDBInstanceId: string;
  readonly ReadOnlyInstanceNum: number;
  readonly StatusInReadonlyGroup: string;
}

/**
 * One DBInstance, written as a single literal: a spread of the common fields followed by the instance's own cost
 * V8 ~70 µs per instance (a new object shape each time), which made listing instances the emulator's largest cost.
 */
function dbInstance(primary: PrimaryInstanceDefinition, region: RegionDefinition, own: InstanceOwn): Record<string, unknown> {
  const memoryGb = Math.max(1, Math.round((primary.memoryMb ?? 4096) / 1024));
  return {
    Region: region.region,
    Zone: own.Zone,
    DBInstanceId: own.DBInstanceId,
    DBInstanceName: own.DBInstanceName,
    DBInstanceStatus: own.DBInstanceStatus,
    DBInstanceType: own.DBInstanceType,
    VpcId: own.VpcId,
    SubnetId: own.SubnetId,
    // Documented in GB (the example answers 2), although worlds give megabytes.
    DBInstanceMemory: memoryGb,
    DBInstanceStorage: primary.storageGb ?? 100,
    DBInstanceCpu: primary.cpu ?? 2,
    DBInstanceClass: `cdb.pg.z1.${memoryGb}g`,
    DBMajorVersion: majorVersion(primary),
    DBVersion: primary.dbVersion,
    DBKernelVersion: primary.dbKernelVersion ?? `v${primary.dbVersion}_r1.0`,
    DBInstanceVersion: 'standard',
    DBCharset: 'UTF8',
    CreateTime: own.CreateTime,
    UpdateTime: own.CreateTime,
    ExpireTime: NEVER,
    IsolatedTime: NEVER,
    PayType: primary.payType ?? 'postpaid',
    AutoRenew: 0,
    Type: 'TS85',
    AppId: APP_ID,
    Uid: UID,
    ProjectId: primary.projectId ?? 0,
    TagList: [],
    MasterDBInstanceId: own.MasterDBInstanceId,
    ReadOnlyInstanceNum: own.ReadOnlyInstanceNum,
    StatusInReadonlyGroup: own.StatusInReadonlyGroup,
    OfflineTime: '',
    DBNodeSet: [{ Role: 'Primary', Zone: own.Zone, DedicatedClusterId: '' }],
    IsSupportTDE: 0,
    DBEngine: 'postgresql',
    DBEngineConfig: '',
    NetworkAccessList: null,
    SupportIpv6: 0,
    ExpandedCpu: 0,
    DeletionProtection: false,
    DBInstanceStorageType: 'CLOUD_SSD',
    DBInstanceNetInfo: own.DBInstanceNetInfo,
  };
}

export function primaryInstance(primary: PrimaryInstanceDefinition, region: RegionDefinition): Record<string, unknown> {
  return dbInstance(primary, region, {
    VpcId: primary.vpcId,
    SubnetId: primary.subnetId,
    Zone: primary.zone,
    DBInstanceId: primary.dbInstanceId,
    DBInstanceName: primary.dbInstanceName,
    DBInstanceStatus: primary.status,
    DBInstanceType: 'primary',
    CreateTime: primary.createTime,
    DBInstanceNetInfo: [
      // The stored networks (what the instance network actions change), then the public address (closed without one).
      ...primaryNetworks(primary).map((network) => netInfo({ ...network, port: network.port ?? primary.port })),
      publicNetInfo(primary),
    ],
    MasterDBInstanceId: '',
    ReadOnlyInstanceNum: primary.readOnlyGroups.reduce((n, g) => n + g.readOnlyInstances.length, 0),
    StatusInReadonlyGroup: '',
  });
}

export function readOnlyInstance(
  instance: ReadOnlyInstanceDefinition,
  group: ReadOnlyGroupDefinition,
  primary: PrimaryInstanceDefinition,
  region: RegionDefinition,
): Record<string, unknown> {
  return dbInstance(primary, region, {
    VpcId: group.vpcId,
    SubnetId: group.subnetId,
    Zone: instance.zone ?? group.zone,
    DBInstanceId: instance.dbInstanceId,
    DBInstanceName: instance.dbInstanceName,
    DBInstanceStatus: instance.status ?? 'running',
    DBInstanceType: 'readonly',
    CreateTime: instance.createTime ?? group.createTime,
    DBInstanceNetInfo: [],
    MasterDBInstanceId: primary.dbInstanceId,
    ReadOnlyInstanceNum: 0,
    StatusInReadonlyGroup: 'running',
  });
}

export function readOnlyGroup(group: ReadOnlyGroupDefinition, primary: PrimaryInstanceDefinition, region: RegionDefinition): Record<string, unknown> {
  return {
    ReadOnlyGroupId: group.readOnlyGroupId,
    ReadOnlyGroupName: group.readOnlyGroupName,
    ProjectId: group.projectId ?? primary.projectId ?? 0,
    MasterDBInstanceId: primary.dbInstanceId,
    MinDelayEliminateReserve: 1,
    MaxReplayLatency: 512,
    ReplayLatencyEliminate: 1,
    MaxReplayLag: 32,
    ReplayLagEliminate: 1,
    VpcId: group.vpcId,
    SubnetId: group.subnetId,
    Region: region.region,
    Zone: group.zone,
    Status: group.status,
    ReadOnlyDBInstanceList: group.readOnlyInstances.map((ro) => readOnlyInstance(ro, group, primary, region)),
    Rebalance: 0,
    DBInstanceNetInfo: group.networks.map(netInfo),
    NetworkAccessList: null,
  };
}

export function task(model: CloudModel, record: TaskRecord): Record<string, unknown> {
  return {
    TaskId: record.taskId,
    TaskType: record.kind,
    DBInstanceId: record.masterInstanceId,
    StartTime: record.startTime,
    EndTime: record.endTime,
    Status: record.status,
    Progress: record.progress,
    TaskDetail: {
      CurrentStep: model.currentStep(record),
      AllSteps: allSteps(model, record),
      Input: JSON.stringify({ [record.owner.kind === 'readOnlyGroup' ? 'ReadOnlyGroupId' : 'DBInstanceId']: record.owner.id, VpcId: record.network.vpcId, SubnetId: record.network.subnetId, Vip: record.network.ip }),
      Output: record.status === 'Success' ? JSON.stringify({ Vip: record.network.ip }) : '',
      SwitchTag: 0,
      SwitchTime: '',
      Message: record.message,
    },
  };
}

/**
 * The documented shape: a JSON string of `[{StepId, StepName, StepProcess?, StepMessage?}]`. Steps already done
 * carry StepProcess 100, the current one its share of the progress, later ones neither field; the step a task
 * failed on carries the failure message.
 */
function allSteps(model: CloudModel, record: TaskRecord): string {
  const current = record.steps.indexOf(model.currentStep(record));
  const share = 100 / record.steps.length;
  return JSON.stringify(
    record.steps.map((name, index) => {
      const step: Record<string, unknown> = { StepId: index + 1, StepName: name };
      if (record.status === 'Success' || index < current) step['StepProcess'] = 100;
      else if (index === current) step['StepProcess'] = Math.min(99, Math.floor(((record.progress - index * share) * 100) / share));
      if (index === current && record.status === 'Fail') step['StepMessage'] = record.message;
      return step;
    }),
  );
}

/** A SecurityGroup as DescribeDBInstanceSecurityGroups lists it; the emulator keeps no rules, so both lists are empty. */
export function securityGroup(id: string, projectId: number): Record<string, unknown> {
  return {
    SecurityGroupId: id,
    SecurityGroupName: id,
    SecurityGroupDescription: '',
    ProjectId: projectId,
    CreateTime: '2024-01-01 00:00:00',
    Inbound: [],
    Outbound: [],
  };
}
