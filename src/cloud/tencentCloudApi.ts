import type {
  DescribeDBInstanceSecurityGroupsRequest,
  DescribeDBInstancesRequest,
  DescribeReadOnlyGroupsRequest,
  DescribeTasksRequest,
} from 'tencentcloud-sdk-nodejs/tencentcloud/services/postgres/v20170312/postgres_models';
import type {
  DescribeSubnetsRequest,
  DescribeUsedIpAddressRequest,
  DescribeVpcsRequest,
} from 'tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_models';
import type {
  CreateInstanceNetworkRequest,
  CreateNetworkRequest,
  DeleteInstanceNetworkRequest,
  DeleteNetworkRequest,
  PrimaryInstance,
  PrimaryInstancePage,
  ReadOnlyGroup,
  Region,
  Site,
  Subnet,
  TaskListQuery,
  TaskPage,
  TaskRef,
  TaskStatus,
  UsedIp,
  Vpc,
} from '../domain/model';
import type { CallOptions, CloudApi, CredentialProvider } from './cloudApi';
import type { Logger } from '../domain/logger';
import { CallPipeline, type SdkRequester } from './callPipeline';
import { PostgresClient, VpcClient } from './sdk';
import { createGroupNetworkBody, createInstanceNetworkBody, deleteGroupNetworkBody, deleteInstanceNetworkBody } from './networkAccessBodies';
import { contextCredential } from './credentialContext';
import { createEndpointResolver, type EndpointResolver, type Product } from './endpoints';
import {
  asArray,
  asNumber,
  asRecord,
  findTask,
  formatApiTime,
  isPrimaryInstance,
  mapPrimaryInstance,
  mapReadOnlyGroups,
  mapRegions,
  mapSecurityGroupIds,
  mapSubnet,
  mapTaskPage,
  mapUsedIp,
  mapVpc,
  requestIdOf,
  taskIdOf,
} from './mappers';
import { systemClock, type Clock } from '../domain/clock';
import { accountRateLimits, AccountRateLimits, type AccountBudgets } from './accountRateLimits';
import { retryPolicy, type RetryOptions } from './retryPolicy';
import { setMaxListeners } from 'node:events';

export interface CloudApiConfig {
  /** 'intl' -> *.intl.tencentcloudapi.com, 'china' -> *.tencentcloudapi.com. */
  readonly site: Site;
  /** e.g. "http://127.0.0.1:4567" (the local emulator). http:// only for loopback hosts, else the factory throws. */
  readonly endpoint?: string;
  /** Read on every request, so a key rotation needs no rebuild. */
  readonly credentials: CredentialProvider;
  readonly logger: Logger;
  /** Per request (each attempt), default 15000. */
  readonly timeoutMs?: number;
  readonly language?: 'en-US' | 'zh-CN';
  /** Retries of reads; writes are never retried. */
  readonly retry?: RetryOptions;
  /** Requests per second per action, overriding the documented limits (e.g. for a test server). */
  readonly rateLimits?: Readonly<Record<string, number>>;
  /** Time source and timers; the real clock by default. */
  readonly clock?: Clock;
  /** The region calls that are not about one region (DescribeRegions) are sent to; DEFAULT_HOME_REGION by default. */
  readonly homeRegion?: string;
  /**
   * Where the per-account budgets live: the process-wide registry by default, so that every client signing with
   * the same SecretId shares them. A client given its own clock (tests) gets a registry of its own unless one is
   * passed here.
   */
  readonly accountLimits?: AccountRateLimits;
}

/**
 * A CloudApi that can be let go (when the profile changes or the extension deactivates): its calls still in
 * flight or waiting end as cancelled, and later calls are cancelled at once.
 */
export interface DisposableCloudApi extends CloudApi {
  dispose(): void;
}

const DB_INSTANCES_PAGE_MAX = 100;
const RO_GROUPS_PAGE_SIZE = 99;
const VPC_PAGE_SIZE = 100;
const TASKS_PAGE_MAX = 100;
const USED_IP_BATCH = 100;
/** A server that ignores paging must not keep us looping forever. */
const MAX_PAGES = 200;

export const DEFAULT_TIMEOUT_MS = 15000;

/** Served on both sites, so a region list can always be asked for there. */
export const DEFAULT_HOME_REGION = 'ap-guangzhou';

/**
 * The Tencent Cloud implementation of CloudApi (postgres and vpc, API version 2017-03-12).
 * One instance per credential profile: SDK clients are built lazily per (product, region) and reused.
 */
export function createTencentCloudApi(config: CloudApiConfig): DisposableCloudApi {
  return new TencentCloudApi(config);
}

class TencentCloudApi implements DisposableCloudApi {
  private readonly endpoints: EndpointResolver;
  private readonly clients = new Map<string, SdkRequester>();
  private readonly pipeline: CallPipeline;
  private readonly timeoutMs: number;
  private readonly budgets: AccountBudgets;
  /** Aborted by dispose(): the connections are shared with other clients, so the calls are ended, not the sockets. */
  private readonly lifetime = new AbortController();

  constructor(private readonly config: CloudApiConfig) {
    if (config.site !== 'intl' && config.site !== 'china') throw new Error(`Unknown site "${String(config.site)}": expected "intl" or "china"`);
    // Every call in flight listens to the lifetime signal: hundreds at once are expected, not a leak.
    setMaxListeners(0, this.lifetime.signal);
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!(this.timeoutMs > 0)) throw new Error(`timeoutMs must be positive, got ${this.timeoutMs}`);
    this.endpoints = createEndpointResolver(config.site, config.endpoint);
    const clock = config.clock ?? systemClock;
    const registry = config.accountLimits ?? (config.clock ? new AccountRateLimits(clock) : accountRateLimits);
    // The real API's budgets are shared by both sites; an endpoint override is another server with its own.
    this.budgets = registry.open(config.endpoint ?? '', config.rateLimits);
    this.pipeline = new CallPipeline({
      credentials: config.credentials,
      logger: config.logger,
      timeoutMs: this.timeoutMs,
      retry: retryPolicy(config.retry),
      budgets: this.budgets,
      clock,
    });
  }

  dispose(): void {
    this.lifetime.abort(new Error('The client was disposed'));
    this.endpoints.dispose();
    this.clients.clear();
    this.budgets.release();
  }

  async listRegions(options?: CallOptions): Promise<Region[]> {
    // DescribeRegions takes no body parameters, but the API requires the common Region parameter (X-TC-Region).
    const response = await this.read('postgres', this.config.homeRegion ?? DEFAULT_HOME_REGION, 'DescribeRegions', {}, options);
    return mapRegions(response);
  }

  async listPrimaryInstances(region: string, page: { offset: number; limit: number }, options?: CallOptions): Promise<PrimaryInstancePage> {
    const offset = Math.max(0, Math.floor(page.offset));
    const limit = Math.min(DB_INSTANCES_PAGE_MAX, Math.max(1, Math.floor(page.limit)));
    const request: DescribeDBInstancesRequest = { Offset: offset, Limit: limit };
    const response = asRecord(await this.read('postgres', region, 'DescribeDBInstances', request, options));
    const raw = asArray(response.DBInstanceSet);
    const totalCount = asNumber(response.TotalCount, offset + raw.length);
    // The offset counts every instance, primaries or not: advance by what the API returned, not by what we kept.
    const next = offset + raw.length;
    const instances: PrimaryInstance[] = [];
    const positions: number[] = [];
    raw.forEach((entry, index) => {
      if (!isPrimaryInstance(entry)) return;
      instances.push(mapPrimaryInstance(entry));
      positions.push(offset + index);
    });
    return {
      instances,
      positions,
      totalCount,
      nextOffset: raw.length > 0 && next < totalCount ? next : undefined,
    };
  }

  async getPrimaryInstance(region: string, instanceId: string, options?: CallOptions): Promise<PrimaryInstance | undefined> {
    const request: DescribeDBInstancesRequest = { Filters: [{ Name: 'db-instance-id', Values: [instanceId] }], Offset: 0, Limit: 1 };
    const response = asRecord(await this.read('postgres', region, 'DescribeDBInstances', request, options));
    return asArray(response.DBInstanceSet).filter(isPrimaryInstance).map(mapPrimaryInstance).find((instance) => instance.id === instanceId);
  }

  async listReadOnlyGroups(region: string, primaryInstanceId: string, options?: CallOptions): Promise<ReadOnlyGroup[]> {
    return this.readOnlyGroups(region, [{ Name: 'db-master-instance-id', Values: [primaryInstanceId] }], options);
  }

  async getReadOnlyGroup(region: string, primaryInstanceId: string, groupId: string, options?: CallOptions): Promise<ReadOnlyGroup | undefined> {
    const groups = await this.readOnlyGroups(
      region,
      [
        { Name: 'db-master-instance-id', Values: [primaryInstanceId] },
        { Name: 'read-only-group-id', Values: [groupId] },
      ],
      options,
    );
    return groups.find((group) => group.id === groupId);
  }

  async listReadOnlyGroupSecurityGroups(region: string, groupId: string, options?: CallOptions): Promise<string[]> {
    // Only ReadOnlyGroupId: with DBInstanceId as well, the API answers for the instance and ignores the group.
    const request: DescribeDBInstanceSecurityGroupsRequest = { ReadOnlyGroupId: groupId };
    const response = await this.read('postgres', region, 'DescribeDBInstanceSecurityGroups', request, options);
    return mapSecurityGroupIds(response);
  }

  async listVpcs(region: string, options?: CallOptions): Promise<Vpc[]> {
    const raw = await this.offsetPages(region, 'DescribeVpcs', 'VpcSet', (Offset, Limit) => ({ Offset, Limit }) satisfies DescribeVpcsRequest, options);
    return raw.map(mapVpc).filter((vpc) => vpc.id !== '');
  }

  async listSubnets(region: string, vpcId?: string, options?: CallOptions): Promise<Subnet[]> {
    const filters = vpcId ? [{ Name: 'vpc-id', Values: [vpcId] }] : undefined;
    const raw = await this.offsetPages(
      region,
      'DescribeSubnets',
      'SubnetSet',
      (Offset, Limit) => ({ Offset, Limit, ...(filters ? { Filters: filters } : {}) }) satisfies DescribeSubnetsRequest,
      options,
    );
    return raw.map(mapSubnet).filter((subnet) => subnet.id !== '');
  }

  async findUsedIps(region: string, vpcId: string, subnetId: string, ips: readonly string[], options?: CallOptions): Promise<UsedIp[]> {
    const unique = [...new Set(ips.filter((ip) => ip !== ''))];
    const used: UsedIp[] = [];
    for (let start = 0; start < unique.length; start += USED_IP_BATCH) {
      const batch = unique.slice(start, start + USED_IP_BATCH);
      // Limit defaults to 20: ask for the most, and still follow TotalCount.
      let received = 0;
      for (let page = 0; page < MAX_PAGES; page++) {
        const request: DescribeUsedIpAddressRequest = { VpcId: vpcId, SubnetId: subnetId, IpAddresses: batch, Offset: received, Limit: USED_IP_BATCH };
        const response = asRecord(await this.read('vpc', region, 'DescribeUsedIpAddress', request, options));
        const states = asArray(response.IpAddressStates);
        received += states.length;
        used.push(...states.map(mapUsedIp).filter((entry) => entry.ip !== ''));
        if (states.length === 0 || received >= asNumber(response.TotalCount, received)) break;
      }
    }
    return used;
  }

  async createNetwork(request: CreateNetworkRequest, options?: CallOptions): Promise<TaskRef> {
    return this.startTask('CreateReadOnlyGroupNetworkAccess', request.region, createGroupNetworkBody(request), options);
  }

  async deleteNetwork(request: DeleteNetworkRequest, options?: CallOptions): Promise<TaskRef> {
    return this.startTask('DeleteReadOnlyGroupNetworkAccess', request.region, deleteGroupNetworkBody(request), options);
  }

  async createInstanceNetwork(request: CreateInstanceNetworkRequest, options?: CallOptions): Promise<TaskRef> {
    return this.startTask('CreateDBInstanceNetworkAccess', request.region, createInstanceNetworkBody(request), options);
  }

  async deleteInstanceNetwork(request: DeleteInstanceNetworkRequest, options?: CallOptions): Promise<TaskRef> {
    return this.startTask('DeleteDBInstanceNetworkAccess', request.region, deleteInstanceNetworkBody(request), options);
  }

  async describeTask(region: string, taskId: number, options?: CallOptions): Promise<TaskStatus | undefined> {
    const request: DescribeTasksRequest = { TaskId: taskId };
    const response = await this.read('postgres', region, 'DescribeTasks', request, options);
    return findTask(response, taskId);
  }

  async listTasks(region: string, query: TaskListQuery, options?: CallOptions): Promise<TaskPage> {
    const offset = Math.max(0, Math.floor(query.offset));
    const request: DescribeTasksRequest = {
      MinStartTime: formatApiTime(query.since),
      Limit: Math.min(TASKS_PAGE_MAX, Math.max(1, Math.floor(query.limit))),
      Offset: offset,
      // Newest first: tasks started while paging push older ones down (seen twice), never out of the listing.
      OrderBy: 'StartTime',
      OrderByType: 'desc',
    };
    return mapTaskPage(await this.read('postgres', region, 'DescribeTasks', request, options), offset);
  }

  // ---- paging ----

  private async readOnlyGroups(
    region: string,
    filters: NonNullable<DescribeReadOnlyGroupsRequest['Filters']>,
    options: CallOptions | undefined,
  ): Promise<ReadOnlyGroup[]> {
    const groups: ReadOnlyGroup[] = [];
    const seen = new Set<string>();
    // No TotalCount in this answer: a page shorter than asked is the last one.
    for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
      const request: DescribeReadOnlyGroupsRequest = { Filters: filters, PageSize: RO_GROUPS_PAGE_SIZE, PageNumber: pageNumber };
      const response = await this.read('postgres', region, 'DescribeReadOnlyGroups', request, options);
      const rawCount = asArray(asRecord(response).ReadOnlyGroupList).length;
      let fresh = 0;
      for (const group of mapReadOnlyGroups(response)) {
        if (seen.has(group.id)) continue;
        seen.add(group.id);
        groups.push(group);
        fresh++;
      }
      // A full page of groups already seen means the server ignores PageNumber: stop rather than loop.
      if (rawCount < RO_GROUPS_PAGE_SIZE || fresh === 0) break;
    }
    return groups;
  }

  /** VPC-style paging: Offset/Limit as strings, until TotalCount is reached or a page comes back empty. */
  private async offsetPages(
    region: string,
    action: 'DescribeVpcs' | 'DescribeSubnets',
    setField: 'VpcSet' | 'SubnetSet',
    makeRequest: (offset: string, limit: string) => DescribeVpcsRequest | DescribeSubnetsRequest,
    options: CallOptions | undefined,
  ): Promise<unknown[]> {
    const items: unknown[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const request = makeRequest(String(items.length), String(VPC_PAGE_SIZE));
      const response = asRecord(await this.read('vpc', region, action, request, options));
      const set = asArray(response[setField]);
      items.push(...set);
      const total = asNumber(response.TotalCount, items.length);
      if (set.length === 0 || items.length >= total) break;
    }
    return items;
  }

  // ---- calls ----

  private read(product: Product, region: string, action: string, request: unknown, options: CallOptions | undefined): Promise<unknown> {
    return this.pipeline.call({ client: this.client(product, region), action, region, request, isWrite: false, signal: this.signal(options) });
  }

  /** The caller's signal, if any, joined with the client's lifetime. */
  private signal(options: CallOptions | undefined): AbortSignal {
    return options?.signal ? AbortSignal.any([options.signal, this.lifetime.signal]) : this.lifetime.signal;
  }

  /** Sends a write (never retried) and returns the task it started. */
  private async startTask(action: string, region: string, request: unknown, options: CallOptions | undefined): Promise<TaskRef> {
    const response = await this.pipeline.call({
      client: this.client('postgres', region),
      action,
      region,
      request,
      isWrite: true,
      signal: this.signal(options),
    });
    return { region, taskId: taskIdOf(response), requestId: requestIdOf(response) };
  }

  private client(product: Product, region: string): SdkRequester {
    const key = `${product}|${region}`;
    let client = this.clients.get(key);
    if (!client) {
      client = this.buildClient(product, region);
      this.clients.set(key, client);
    }
    return client;
  }

  private buildClient(product: Product, region: string): SdkRequester {
    const target = this.endpoints.resolve(product);
    const clientConfig = {
      credential: contextCredential,
      // An empty region leaves X-TC-Region out (every action needs one: the API then answers MissingParameter).
      region: region || undefined,
      profile: {
        language: this.config.language,
        httpProfile: {
          endpoint: target.endpoint,
          protocol: target.protocol,
          agent: target.agent,
          // The pipeline's own timer aborts the request and the body read (with a clear "timeout" error); 0 spares
          // node-fetch two more timers per request.
          reqTimeout: 0,
        },
      },
    };
    // The clients' typed methods are not used: `request` is the one that accepts an AbortSignal.
    return product === 'postgres' ? new PostgresClient(clientConfig) : new VpcClient(clientConfig);
  }
}

