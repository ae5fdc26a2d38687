import type {
  CreateInstanceNetworkRequest,
  CreateNetworkRequest,
  DeleteInstanceNetworkRequest,
  DeleteNetworkRequest,
  PrimaryInstance,
  PrimaryInstancePage,
  ReadOnlyGroup,
  Region,
  Subnet,
  TaskListQuery,
  TaskPage,
  TaskRef,
  TaskStatus,
  UsedIp,
  Vpc,
} from '../domain/model';

export interface CallOptions {
  /** Aborts the call; the promise then rejects with a CloudError of kind "cancelled". */
  readonly signal?: AbortSignal;
}

/**
 * Everything the extension asks of Tencent Cloud. The UI depends on this interface only,
 * never on the SDK, so it can run against the real API, the emulator or a fake.
 * Every method rejects with a CloudError and nothing else.
 */
export interface CloudApi {
  /** postgres DescribeRegions. */
  listRegions(options?: CallOptions): Promise<Region[]>;
  /** postgres DescribeDBInstances, primaries only, one page (limit at most 100). */
  listPrimaryInstances(region: string, page: { offset: number; limit: number }, options?: CallOptions): Promise<PrimaryInstancePage>;
  /** One primary read back by id (db-instance-id filter), its networks included; undefined when it no longer exists. */
  getPrimaryInstance(region: string, instanceId: string, options?: CallOptions): Promise<PrimaryInstance | undefined>;
  /** postgres DescribeReadOnlyGroups for one primary, every page. */
  listReadOnlyGroups(region: string, primaryInstanceId: string, options?: CallOptions): Promise<ReadOnlyGroup[]>;
  /**
   * One group read back by id (read-only-group-id filter), or undefined when it no longer exists.
   * The API answers nothing without the mandatory db-master-instance-id filter, hence the primary's id.
   */
  getReadOnlyGroup(region: string, primaryInstanceId: string, groupId: string, options?: CallOptions): Promise<ReadOnlyGroup | undefined>;
  /** postgres DescribeDBInstanceSecurityGroups for a read-only group: the ids of the security groups bound to it. */
  listReadOnlyGroupSecurityGroups(region: string, groupId: string, options?: CallOptions): Promise<string[]>;
  /** vpc DescribeVpcs, every page. */
  listVpcs(region: string, options?: CallOptions): Promise<Vpc[]>;
  /** vpc DescribeSubnets, every page; all subnets of the region when vpcId is omitted. */
  listSubnets(region: string, vpcId?: string, options?: CallOptions): Promise<Subnet[]>;
  /** vpc DescribeUsedIpAddress for the given addresses (any number: batched by 100); free addresses are absent. */
  findUsedIps(region: string, vpcId: string, subnetId: string, ips: readonly string[], options?: CallOptions): Promise<UsedIp[]>;
  /** postgres CreateReadOnlyGroupNetworkAccess. Never retried. */
  createNetwork(request: CreateNetworkRequest, options?: CallOptions): Promise<TaskRef>;
  /** postgres DeleteReadOnlyGroupNetworkAccess. Never retried. */
  deleteNetwork(request: DeleteNetworkRequest, options?: CallOptions): Promise<TaskRef>;
  /** postgres CreateDBInstanceNetworkAccess: a network of the primary instance itself. Never retried. */
  createInstanceNetwork(request: CreateInstanceNetworkRequest, options?: CallOptions): Promise<TaskRef>;
  /** postgres DeleteDBInstanceNetworkAccess. Never retried. */
  deleteInstanceNetwork(request: DeleteInstanceNetworkRequest, options?: CallOptions): Promise<TaskRef>;
  /** postgres DescribeTasks for one task id, or undefined when the API does not know it. */
  describeTask(region: string, taskId: number, options?: CallOptions): Promise<TaskStatus | undefined>;
  /**
   * postgres DescribeTasks without TaskId: one page of the region's tasks started since `query.since`, newest
   * first, so one call can answer for many tasks in flight.
   */
  listTasks(region: string, query: TaskListQuery, options?: CallOptions): Promise<TaskPage>;
}

/**
 * A hold on the client of the profile active when a write starts: the write, its read-back and its tracking go
 * through it even if the user switches profile or changes a setting meanwhile (the old client drains, then goes).
 */
export interface ClientLease {
  /** Refuses every call (not signed in) once the profile is signed out: a signed-out key is never used again. */
  readonly api: CloudApi;
  readonly profileId: string;
  /** Where the profile's requests go (site and endpoint): a task is known there only, and followed there only. */
  readonly connection: string;
  /** Aborts when the profile is signed out. */
  readonly revoked: AbortSignal;
  release(): void;
}

/** Secrets for one call. Read through a provider at call time, so a key rotation needs no restart. */
export interface Credentials {
  readonly secretId: string;
  readonly secretKey: string;
  readonly token?: string;
}

export interface CredentialProvider {
  getCredentials(): Promise<Credentials>;
}

