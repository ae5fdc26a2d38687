/**
 * The world the emulator serves: its JSON schema (as TypeScript types) and the validator that checks a world
 * file on load, naming the exact field path of the first problem it finds (field readers in worldFields.ts,
 * the checks between resources in worldReferences.ts).
 */
import { readFileSync } from 'node:fs';
import { Fields, TIME_PATTERN, WorldValidationError, withoutUndefined } from './worldFields';
import { checkReferences } from './worldReferences';

export { WorldValidationError } from './worldFields';

export const RO_GROUP_STATUSES = ['creating', 'ok', 'modifying', 'deleting', 'deleted'] as const;
export type RoGroupStatus = (typeof RO_GROUP_STATUSES)[number];
export const NETWORK_STATUSES = ['initing', 'opened', 'closed', 'opening', 'closing'] as const;
export type NetworkStatus = (typeof NETWORK_STATUSES)[number];
export const NET_TYPES = ['inner', 'private', 'public'] as const;
export type NetType = (typeof NET_TYPES)[number];
export const INSTANCE_STATUSES = [
  'applying', 'init', 'initing', 'running', 'limited run', 'isolating', 'isolated', 'recycling', 'recycled',
  'job running', 'offline', 'migrating', 'expanding', 'waitSwitch', 'waitSwitchMaster', 'readonly', 'restarting',
  'network changing', 'upgrading', 'audit-switching', 'primary-switching',
] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];
export const PAY_TYPES = ['prepaid', 'postpaid'] as const;
export type PayType = (typeof PAY_TYPES)[number];

/** A key pair. With `token` it is a temporary credential, valid until `expiresAt`. */
export interface CredentialDefinition {
  secretId: string;
  secretKey: string;
  token?: string;
  /** ISO 8601 instant; required with `token`, compared with the emulator's clock. */
  expiresAt?: string;
}

export interface TaskTimingDefinition {
  /** How long a network task runs before it succeeds. */
  durationMs: number;
  /** Step names reported in TaskDetail (CurrentStep moves through them as Progress rises). */
  steps: string[];
  /** TaskId/FlowId of the first task the emulator starts (then +1 each). */
  firstTaskId?: number;
}

export interface RegionDefinition {
  region: string;
  regionName: string;
  regionId: number;
  /** false: listed by DescribeRegions as UNAVAILABLE, and every call made in it is refused with UnsupportedRegion. */
  supported: boolean;
  supportInternational?: boolean;
  vpcs: VpcDefinition[];
  primaryInstances: PrimaryInstanceDefinition[];
}

export interface VpcDefinition {
  vpcId: string;
  vpcName: string;
  cidrBlock: string;
  isDefault?: boolean;
  /** "YYYY-MM-DD HH:mm:ss" (the API's local-time format). */
  createdTime: string;
  subnets: SubnetDefinition[];
}

export interface SubnetDefinition {
  subnetId: string;
  subnetName: string;
  cidrBlock: string;
  zone: string;
  isDefault?: boolean;
  createdTime?: string;
  /** If given, must equal the CIDR size minus the 3 reserved addresses. */
  totalIpAddressCount?: number;
  /**
   * If given, the subnet is filled with anonymous `cvm` holders (highest addresses first) until exactly this many
   * addresses are free. Without it, the free count follows from `usedIps` and the instances/networks in the subnet.
   */
  availableIpAddressCount?: number;
  /** Addresses held by things outside the database world (servers, load balancers, ...). */
  usedIps?: UsedIpDefinition[];
}

export interface UsedIpDefinition {
  ip: string;
  resourceType: string;
  resourceId: string;
}

export interface PrimaryInstanceDefinition {
  dbInstanceId: string;
  dbInstanceName: string;
  status: InstanceStatus;
  zone: string;
  vpcId: string;
  subnetId: string;
  /**
   * The primary's private address in vpcId/subnetId: shorthand for one `opened` private network there. Required
   * without `networks`; with them, it must be one of their addresses.
   */
  vip?: string;
  /**
   * The primary's networks (1..2, private or inner; the public address is not one of them). The emulator's state
   * keeps them here: CreateDBInstanceNetworkAccess/DeleteDBInstanceNetworkAccess change them, DescribeDBInstances
   * lists them as DBInstanceNetInfo.
   */
  networks?: NetworkDefinition[];
  /** The instance's public address; without it DescribeDBInstances lists a `closed` public entry with no address. */
  publicAddress?: PublicAddressDefinition;
  port?: number;
  dbVersion: string;
  dbMajorVersion?: string;
  dbKernelVersion?: string;
  cpu?: number;
  memoryMb?: number;
  storageGb?: number;
  projectId?: number;
  payType?: PayType;
  createTime: string;
  readOnlyGroups: ReadOnlyGroupDefinition[];
}

export interface PublicAddressDefinition {
  /** Domain name, e.g. "gz-postgres-1moscm05.sql.tencentcdb.com". */
  address: string;
  ip?: string;
  port: number;
  status: NetworkStatus;
}

export interface ReadOnlyGroupDefinition {
  readOnlyGroupId: string;
  readOnlyGroupName: string;
  /** A group loaded as `modifying` stays so (no task drives it): it shows a long-running or stuck change. */
  status: RoGroupStatus;
  zone: string;
  vpcId: string;
  subnetId: string;
  projectId?: number;
  /** The security groups bound to the group (DescribeDBInstanceSecurityGroups with ReadOnlyGroupId); none when absent. */
  securityGroupIds?: string[];
  createTime: string;
  readOnlyInstances: ReadOnlyInstanceDefinition[];
  networks: NetworkDefinition[];
}

export interface ReadOnlyInstanceDefinition {
  dbInstanceId: string;
  dbInstanceName: string;
  status?: InstanceStatus;
  zone?: string;
  createTime?: string;
}

export interface NetworkDefinition {
  vpcId: string;
  subnetId: string;
  ip: string;
  port?: number;
  status: NetworkStatus;
  netType?: NetType;
}

export interface WorldDefinition {
  credentials: CredentialDefinition[];
  taskTiming?: TaskTimingDefinition;
  regions: RegionDefinition[];
}

/** Reads and validates a world file. */
export function loadWorldFile(filePath: string): WorldDefinition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(filePath, 'utf8'));
  } catch (error) {
    throw new WorldValidationError('world', `cannot read ${filePath}: ${(error as Error).message}`);
  }
  return validateWorld(parsed);
}

function readCredential(value: unknown, path: string): CredentialDefinition {
  const f = Fields.of(value, path, ['secretId', 'secretKey', 'token', 'expiresAt']);
  const credential = withoutUndefined({
    secretId: f.string('secretId'),
    secretKey: f.string('secretKey'),
    token: f.optionalString('token'),
    expiresAt: f.optionalString('expiresAt'),
  });
  if (credential.expiresAt !== undefined && Number.isNaN(Date.parse(credential.expiresAt))) {
    throw new WorldValidationError(f.at('expiresAt'), 'expected an ISO 8601 instant');
  }
  if ((credential.token === undefined) !== (credential.expiresAt === undefined)) {
    throw new WorldValidationError(f.at(credential.token === undefined ? 'token' : 'expiresAt'), 'token and expiresAt go together');
  }
  return credential;
}

function readTaskTiming(value: unknown, path: string): TaskTimingDefinition {
  const f = Fields.of(value, path, ['durationMs', 'steps', 'firstTaskId']);
  const steps = f.array('steps', (v, p) => {
    if (typeof v !== 'string' || v.length === 0) throw new WorldValidationError(p, 'expected non-empty string');
    return v;
  });
  if (steps.length === 0) throw new WorldValidationError(f.at('steps'), 'at least one step is needed');
  return withoutUndefined({ durationMs: f.integer('durationMs', 1, 3_600_000), steps, firstTaskId: f.optionalInteger('firstTaskId', 1) });
}

function readUsedIp(value: unknown, path: string): UsedIpDefinition {
  const f = Fields.of(value, path, ['ip', 'resourceType', 'resourceId']);
  return { ip: f.string('ip'), resourceType: f.string('resourceType'), resourceId: f.string('resourceId') };
}

function readSubnet(value: unknown, path: string): SubnetDefinition {
  const f = Fields.of(value, path, [
    'subnetId', 'subnetName', 'cidrBlock', 'zone', 'isDefault', 'createdTime', 'totalIpAddressCount', 'availableIpAddressCount', 'usedIps',
  ]);
  return withoutUndefined({
    subnetId: f.string('subnetId'),
    subnetName: f.string('subnetName'),
    cidrBlock: f.string('cidrBlock'),
    zone: f.string('zone'),
    isDefault: f.optionalBoolean('isDefault'),
    createdTime: f.optionalString('createdTime', TIME_PATTERN, 'YYYY-MM-DD HH:mm:ss'),
    totalIpAddressCount: f.optionalInteger('totalIpAddressCount', 0),
    availableIpAddressCount: f.optionalInteger('availableIpAddressCount', 0),
    usedIps: f.has('usedIps') ? f.array('usedIps', readUsedIp) : undefined,
  });
}

function readVpc(value: unknown, path: string): VpcDefinition {
  const f = Fields.of(value, path, ['vpcId', 'vpcName', 'cidrBlock', 'isDefault', 'createdTime', 'subnets']);
  return withoutUndefined({
    vpcId: f.string('vpcId'),
    vpcName: f.string('vpcName'),
    cidrBlock: f.string('cidrBlock'),
    isDefault: f.optionalBoolean('isDefault'),
    createdTime: f.string('createdTime', TIME_PATTERN, 'YYYY-MM-DD HH:mm:ss'),
    subnets: f.array('subnets', readSubnet),
  });
}

function readNetwork(value: unknown, path: string): NetworkDefinition {
  const f = Fields.of(value, path, ['vpcId', 'subnetId', 'ip', 'port', 'status', 'netType']);
  return withoutUndefined({
    vpcId: f.string('vpcId'),
    subnetId: f.string('subnetId'),
    ip: f.string('ip'),
    port: f.optionalInteger('port', 1, 65535),
    status: f.oneOf('status', NETWORK_STATUSES),
    netType: f.optionalOneOf('netType', NET_TYPES),
  });
}

function readPublicAddress(value: unknown, path: string): PublicAddressDefinition {
  const f = Fields.of(value, path, ['address', 'ip', 'port', 'status']);
  return withoutUndefined({
    address: f.string('address'),
    ip: f.optionalString('ip'),
    port: f.integer('port', 1, 65535),
    status: f.oneOf('status', NETWORK_STATUSES),
  });
}

function readReadOnlyInstance(value: unknown, path: string): ReadOnlyInstanceDefinition {
  const f = Fields.of(value, path, ['dbInstanceId', 'dbInstanceName', 'status', 'zone', 'createTime']);
  return withoutUndefined({
    dbInstanceId: f.string('dbInstanceId'),
    dbInstanceName: f.string('dbInstanceName'),
    status: f.optionalOneOf('status', INSTANCE_STATUSES),
    zone: f.optionalString('zone'),
    createTime: f.optionalString('createTime', TIME_PATTERN, 'YYYY-MM-DD HH:mm:ss'),
  });
}

function readSecurityGroupId(value: unknown, path: string): string {
  if (typeof value !== 'string' || !/^sg-[0-9a-z]+$/.test(value)) throw new WorldValidationError(path, 'expected a security group id like "sg-abc123"');
  return value;
}

function readGroup(value: unknown, path: string): ReadOnlyGroupDefinition {
  const f = Fields.of(value, path, [
    'readOnlyGroupId', 'readOnlyGroupName', 'status', 'zone', 'vpcId', 'subnetId', 'projectId', 'securityGroupIds', 'createTime',
    'readOnlyInstances', 'networks',
  ]);
  const group = withoutUndefined({
    readOnlyGroupId: f.string('readOnlyGroupId'),
    readOnlyGroupName: f.string('readOnlyGroupName'),
    status: f.oneOf('status', RO_GROUP_STATUSES),
    zone: f.string('zone'),
    vpcId: f.string('vpcId'),
    subnetId: f.string('subnetId'),
    projectId: f.optionalInteger('projectId', 0),
    securityGroupIds: f.has('securityGroupIds') ? f.array('securityGroupIds', readSecurityGroupId) : undefined,
    createTime: f.string('createTime', TIME_PATTERN, 'YYYY-MM-DD HH:mm:ss'),
    readOnlyInstances: f.array('readOnlyInstances', readReadOnlyInstance),
    networks: f.array('networks', readNetwork),
  });
  if (group.networks.length > 2) throw new WorldValidationError(f.at('networks'), 'an RO group has at most 2 networks');
  return group;
}

function readPrimary(value: unknown, path: string): PrimaryInstanceDefinition {
  const f = Fields.of(value, path, [
    'dbInstanceId', 'dbInstanceName', 'status', 'zone', 'vpcId', 'subnetId', 'vip', 'port', 'dbVersion', 'dbMajorVersion',
    'dbKernelVersion', 'cpu', 'memoryMb', 'storageGb', 'projectId', 'payType', 'createTime', 'readOnlyGroups', 'networks',
    'publicAddress',
  ]);
  const networks = f.has('networks') ? f.array('networks', readNetwork) : undefined;
  const primary = withoutUndefined({
    dbInstanceId: f.string('dbInstanceId'),
    dbInstanceName: f.string('dbInstanceName'),
    status: f.oneOf('status', INSTANCE_STATUSES),
    zone: f.string('zone'),
    vpcId: f.string('vpcId'),
    subnetId: f.string('subnetId'),
    // Without networks, vip is the one network: required as before.
    vip: networks === undefined ? f.string('vip') : f.optionalString('vip'),
    networks,
    publicAddress: f.has('publicAddress') ? readPublicAddress(f.raw('publicAddress'), f.at('publicAddress')) : undefined,
    port: f.optionalInteger('port', 1, 65535),
    dbVersion: f.string('dbVersion'),
    dbMajorVersion: f.optionalString('dbMajorVersion'),
    dbKernelVersion: f.optionalString('dbKernelVersion'),
    cpu: f.optionalInteger('cpu', 1),
    memoryMb: f.optionalInteger('memoryMb', 1),
    storageGb: f.optionalInteger('storageGb', 1),
    projectId: f.optionalInteger('projectId', 0),
    payType: f.optionalOneOf('payType', PAY_TYPES),
    createTime: f.string('createTime', TIME_PATTERN, 'YYYY-MM-DD HH:mm:ss'),
    readOnlyGroups: f.array('readOnlyGroups', readGroup),
  });
  if (networks !== undefined) {
    if (networks.length < 1 || networks.length > 2) throw new WorldValidationError(f.at('networks'), 'a primary instance has 1 or 2 networks');
    const publicIndex = networks.findIndex((n) => n.netType === 'public');
    if (publicIndex >= 0) throw new WorldValidationError(`${f.at('networks')}[${publicIndex}].netType`, 'a primary\'s networks are private or inner');
    if (primary.vip !== undefined && !networks.some((n) => n.ip === primary.vip)) {
      throw new WorldValidationError(f.at('vip'), `${primary.vip} is not the address of one of the primary's networks`);
    }
  }
  return primary;
}

/** A primary's networks: as listed, or the one network its vpcId/subnetId/vip describe. */
export function primaryNetworks(primary: PrimaryInstanceDefinition): NetworkDefinition[] {
  if (primary.networks) return primary.networks;
  if (primary.vip === undefined) return [];
  return [withoutUndefined({ vpcId: primary.vpcId, subnetId: primary.subnetId, ip: primary.vip, port: primary.port, status: 'opened' as const, netType: 'private' as const })];
}

function readRegion(value: unknown, path: string): RegionDefinition {
  const f = Fields.of(value, path, ['region', 'regionName', 'regionId', 'supported', 'supportInternational', 'vpcs', 'primaryInstances']);
  return withoutUndefined({
    region: f.string('region', /^[a-z]{2}-[a-z0-9-]+$/, 'a region id like "ap-guangzhou"'),
    regionName: f.string('regionName'),
    regionId: f.integer('regionId', 0),
    supported: f.boolean('supported'),
    supportInternational: f.optionalBoolean('supportInternational'),
    vpcs: f.array('vpcs', readVpc),
    primaryInstances: f.array('primaryInstances', readPrimary),
  });
}

/** Checks the shape of `value` field by field, then the references between resources. */
export function validateWorld(value: unknown): WorldDefinition {
  const f = Fields.of(value, 'world', ['credentials', 'taskTiming', 'regions']);
  const world: WorldDefinition = withoutUndefined({
    credentials: f.array('credentials', readCredential),
    taskTiming: f.has('taskTiming') ? readTaskTiming(f.raw('taskTiming'), f.at('taskTiming')) : undefined,
    regions: f.array('regions', readRegion),
  });
  checkReferences(world);
  return world;
}
