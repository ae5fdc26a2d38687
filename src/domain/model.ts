/**
 * The extension's own picture of the cloud: plain data, no SDK types and no VS Code types.
 * Fields the API may leave empty are normalised by the cloud layer ("" for unknown text, [] for lists).
 */

/** Where API calls go: the international site or the China site. */
export type Site = 'intl' | 'china';

export interface Region {
  /** API name, e.g. "ap-guangzhou". */
  readonly id: string;
  /** Human name as the API gives it, e.g. "South China (Guangzhou)". */
  readonly name: string;
  readonly available: boolean;
}

export interface PrimaryInstance {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly zone: string;
  /** DBInstanceStatus as the API gives it, e.g. "running". */
  readonly status: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly version: string;
  readonly readOnlyInstanceCount: number;
  /**
   * The instance's own networks (DBInstanceNetInfo of DescribeDBInstances): private ones, and the public address
   * when it has one. Listed with the instance, so showing them costs no call.
   */
  readonly networks: readonly GroupNetwork[];
}

export interface PrimaryInstancePage {
  readonly instances: readonly PrimaryInstance[];
  /**
   * Where each of `instances` stands in the API's list of every instance (the Offset that would start a page with
   * it): the list holds other instance types too, so a page of primaries can only be cut where a primary stands.
   */
  readonly positions: readonly number[];
  /** Total number of primary-and-other instances the API reports for the query. */
  readonly totalCount: number;
  /** Offset to ask for the next page, or undefined when this was the last page. */
  readonly nextOffset: number | undefined;
}

/** ReadOnlyGroup.Status; anything the API adds later stays a plain string. */
export type ReadOnlyGroupStatus = 'creating' | 'ok' | 'modifying' | 'deleting' | 'deleted' | (string & {});

/** DBInstanceNetInfo.Status. */
export type NetworkStatus = 'initing' | 'opened' | 'closed' | 'opening' | 'closing' | (string & {});

/** One network (DBInstanceNetInfo) of a read-only group or of a primary instance. */
export interface GroupNetwork {
  readonly vpcId: string;
  readonly subnetId: string;
  readonly ip: string;
  readonly port: number;
  /** Domain name, when the API gives one. */
  readonly address: string;
  /** inner | private | public. */
  readonly netType: string;
  readonly status: NetworkStatus;
  readonly protocolType: string;
}

export interface ReadOnlyGroup {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly zone: string;
  readonly primaryInstanceId: string;
  readonly projectId: number;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly status: ReadOnlyGroupStatus;
  readonly readOnlyInstanceIds: readonly string[];
  readonly networks: readonly GroupNetwork[];
  /** Absent when the API's answer did not hold all five settings. */
  readonly replication?: ReplicationSettings;
}

/** How a read-only group drops replicas that lag behind its primary (DescribeReadOnlyGroups). */
export interface ReplicationSettings {
  /** 1: a replica lagging more than maxReplayLag (ms) leaves the group; 0: it stays. */
  readonly replayLagEliminate: number;
  /** 1: a replica whose log lags more than maxReplayLatency (MB) leaves the group; 0: it stays. */
  readonly replayLatencyEliminate: number;
  readonly maxReplayLag: number;
  readonly maxReplayLatency: number;
  /** The fewest replicas the group keeps, whatever they lag. */
  readonly minDelayEliminateReserve: number;
}

export interface Vpc {
  readonly id: string;
  readonly name: string;
  readonly cidr: string;
  readonly isDefault: boolean;
}

export interface Subnet {
  readonly id: string;
  readonly name: string;
  readonly vpcId: string;
  readonly cidr: string;
  readonly zone: string;
  readonly isDefault: boolean;
  readonly availableIpCount: number;
  readonly totalIpCount: number;
}

/** An address that is taken inside a VPC, and what holds it. */
export interface UsedIp {
  readonly ip: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly resourceType: string;
  readonly resourceId: string;
}

/** What CreateReadOnlyGroupNetworkAccess needs. `vip` undefined means "assign automatically". */
export interface CreateNetworkRequest {
  readonly region: string;
  readonly groupId: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly vip?: string;
}

/** What DeleteReadOnlyGroupNetworkAccess needs: the network to remove, exactly as the group lists it. */
export interface DeleteNetworkRequest {
  readonly region: string;
  readonly groupId: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly vip: string;
}

/** What CreateDBInstanceNetworkAccess needs. `vip` undefined means "assign automatically". */
export interface CreateInstanceNetworkRequest {
  readonly region: string;
  readonly instanceId: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly vip?: string;
}

/** What DeleteDBInstanceNetworkAccess needs: the network to remove, exactly as the instance lists it. */
export interface DeleteInstanceNetworkRequest {
  readonly region: string;
  readonly instanceId: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly vip: string;
}

/** The task a create or delete started. */
export interface TaskRef {
  readonly region: string;
  readonly taskId: number;
  readonly requestId: string;
}

/** DescribeTasks' TaskSet.Status. */
export type TaskState = 'Running' | 'Success' | 'WaitSwitch' | 'Fail' | 'Pause' | (string & {});

export interface TaskStatus {
  readonly taskId: number;
  readonly type: string;
  readonly instanceId: string;
  readonly state: TaskState;
  /** 0..100. */
  readonly progress: number;
  readonly currentStep: string;
  readonly message: string;
  readonly startTime: string;
  /** "" while running. */
  readonly endTime: string;
}

/** Which of a region's tasks to list: those started since a moment, one page of them, newest first. */
export interface TaskListQuery {
  /** Epoch milliseconds: tasks that started earlier are left out (DescribeTasks' MinStartTime). */
  readonly since: number;
  readonly offset: number;
  /** 1..100. */
  readonly limit: number;
}

/** One page of a region's tasks. */
export interface TaskPage {
  readonly tasks: readonly TaskStatus[];
  /** How many tasks match the query over every page (DescribeTasks' TotalCount). */
  readonly totalCount: number;
}
