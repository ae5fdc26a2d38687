/** postgres 2017-03-12: the read actions; the network create/delete pairs are in networkAccess.ts. */
import { ApiError } from '../apiError';
import { parseApiTime } from '../clock';
import { FILTERS, int, integerInRange, oneOfValue, readFilters, str, type Params } from '../params';
import { API_VERSION, fuzzyMatchesAny, matchesAny, regionOf, sortBy, type ActionDefinition } from './action';
import { NETWORK_ACCESS_ACTIONS } from './networkAccess';
import * as shapes from './postgresShapes';

const ORDER_TYPES = ['asc', 'desc'] as const;

const describeRegions: ActionDefinition = {
  product: 'postgres',
  name: 'DescribeRegions',
  version: API_VERSION,
  // The API reference marks Region as required for DescribeRegions too.
  regional: true,
  anyRegion: true,
  params: {},
  handle({ model }) {
    const regionSet = model.world.regions.map((r) => ({
      Region: r.region,
      RegionName: r.regionName,
      RegionId: r.regionId,
      RegionState: r.supported ? 'AVAILABLE' : 'UNAVAILABLE',
      SupportInternational: (r.supportInternational ?? true) ? 1 : 0,
    }));
    return { TotalCount: regionSet.length, RegionSet: regionSet };
  },
};

const INSTANCE_FILTERS = [
  'db-instance-id', 'db-instance-name', 'db-project-id', 'db-pay-mode', 'db-tag-key', 'db-private-ip', 'db-public-address', 'db-dedicated-cluster-id',
];

const describeDBInstances: ActionDefinition = {
  product: 'postgres',
  name: 'DescribeDBInstances',
  version: API_VERSION,
  regional: true,
  params: { Filters: FILTERS, Limit: { type: 'Integer' }, Offset: { type: 'Integer' }, OrderBy: { type: 'String' }, OrderByType: { type: 'String' } },
  handle(context, params) {
    const region = regionOf(context);
    const filters = readFilters(params, INSTANCE_FILTERS, 'InvalidParameterValue');
    // 0 is documented as "use the default", like leaving Limit out.
    const limit = integerInRange(int(params, 'Limit'), 'Limit', 0, 100, 10) || 10;
    const offset = integerInRange(int(params, 'Offset'), 'Offset', 0, Number.MAX_SAFE_INTEGER, 0);
    const orderBy = oneOfValue(str(params, 'OrderBy'), 'OrderBy', ['CreateTime', 'Name', 'PayPeriod'] as const);
    const orderType = oneOfValue(str(params, 'OrderByType'), 'OrderByType', ORDER_TYPES) ?? 'asc';

    let instances: Record<string, unknown>[] = [];
    for (const primary of region.primaryInstances) {
      instances.push(shapes.primaryInstance(primary, region));
      for (const group of primary.readOnlyGroups) {
        for (const ro of group.readOnlyInstances) instances.push(shapes.readOnlyInstance(ro, group, primary, region));
      }
    }
    const privateIps = (i: Record<string, unknown>): string[] => (i['DBInstanceNetInfo'] as { Ip: string }[]).map((n) => n.Ip);
    instances = instances.filter(
      (i) =>
        matchesAny(filters.get('db-instance-id'), i['DBInstanceId'] as string) &&
        fuzzyMatchesAny(filters.get('db-instance-name'), i['DBInstanceName'] as string) &&
        matchesAny(filters.get('db-project-id'), String(i['ProjectId'])) &&
        matchesAny(filters.get('db-pay-mode'), i['PayType'] as string) &&
        !filters.has('db-tag-key') &&
        !filters.has('db-public-address') &&
        !filters.has('db-dedicated-cluster-id') &&
        (!filters.has('db-private-ip') || privateIps(i).some((ip) => filters.get('db-private-ip')?.includes(ip))),
    );
    if (orderBy === 'CreateTime') sortBy(instances, (i) => i['CreateTime'] as string, orderType === 'desc');
    if (orderBy === 'Name') sortBy(instances, (i) => i['DBInstanceName'] as string, orderType === 'desc');
    return { TotalCount: instances.length, DBInstanceSet: instances.slice(offset, offset + limit) };
  },
};

const describeReadOnlyGroups: ActionDefinition = {
  product: 'postgres',
  name: 'DescribeReadOnlyGroups',
  version: API_VERSION,
  regional: true,
  rateLimitPerSecond: 1000,
  params: { Filters: FILTERS, PageSize: { type: 'Integer' }, PageNumber: { type: 'Integer' }, OrderBy: { type: 'String' }, OrderByType: { type: 'String' } },
  handle(context, params) {
    const region = regionOf(context);
    const filters = readFilters(params, ['db-master-instance-id', 'read-only-group-id'], 'InvalidParameterValue');
    const pageSize = integerInRange(int(params, 'PageSize'), 'PageSize', 1, 99, 10);
    const pageNumber = integerInRange(int(params, 'PageNumber'), 'PageNumber', 1, Number.MAX_SAFE_INTEGER, 1);
    const orderBy = oneOfValue(str(params, 'OrderBy'), 'OrderBy', ['ROGroupId', 'CreateTime', 'Name'] as const);
    const orderType = oneOfValue(str(params, 'OrderByType'), 'OrderByType', ORDER_TYPES) ?? 'asc';
    const masters = filters.get('db-master-instance-id');
    // Without the master filter the service answers an empty list rather than an error.
    if (!masters) return { ReadOnlyGroupList: [] };

    const found = region.primaryInstances
      .filter((p) => masters.includes(p.dbInstanceId))
      .flatMap((primary) => primary.readOnlyGroups.map((group) => ({ primary, group })))
      .filter(({ group }) => matchesAny(filters.get('read-only-group-id'), group.readOnlyGroupId));
    if (orderBy === 'ROGroupId') sortBy(found, (f) => f.group.readOnlyGroupId, orderType === 'desc');
    if (orderBy === 'CreateTime') sortBy(found, (f) => f.group.createTime, orderType === 'desc');
    if (orderBy === 'Name') sortBy(found, (f) => f.group.readOnlyGroupName, orderType === 'desc');
    const page = found.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    return { ReadOnlyGroupList: page.map(({ primary, group }) => shapes.readOnlyGroup(group, primary, region)) };
  },
};

const describeTasks: ActionDefinition = {
  product: 'postgres',
  name: 'DescribeTasks',
  version: API_VERSION,
  regional: true,
  rateLimitPerSecond: 20,
  params: {
    TaskId: { type: 'Integer' },
    DBInstanceId: { type: 'String' },
    MinStartTime: { type: 'String' },
    MaxStartTime: { type: 'String' },
    Limit: { type: 'Integer' },
    Offset: { type: 'Integer' },
    OrderBy: { type: 'String' },
    OrderByType: { type: 'String' },
  },
  handle(context, params: Params) {
    const region = regionOf(context);
    const limit = integerInRange(int(params, 'Limit'), 'Limit', 1, 100, 20);
    const offset = integerInRange(int(params, 'Offset'), 'Offset', 0, Number.MAX_SAFE_INTEGER, 0);
    const orderBy = oneOfValue(str(params, 'OrderBy'), 'OrderBy', ['StartTime', 'EndTime', 'TaskId'] as const) ?? 'StartTime';
    const orderType = oneOfValue(str(params, 'OrderByType'), 'OrderByType', ORDER_TYPES) ?? 'desc';
    const timeBound = (name: string): number | undefined => {
      const text = str(params, name);
      if (text === undefined) return undefined;
      const seconds = parseApiTime(text);
      if (seconds === undefined) throw new ApiError('InvalidParameterValue', `The parameter \`${name}\` must look like 2024-01-31 23:59:59.`);
      return seconds;
    };
    const minStart = timeBound('MinStartTime');
    const maxStart = timeBound('MaxStartTime');
    const taskId = int(params, 'TaskId');
    const instanceId = str(params, 'DBInstanceId');

    const matching = context.model.tasks.filter((t) => {
      const start = parseApiTime(t.startTime) ?? 0;
      return (
        t.region === region.region &&
        (taskId === undefined || t.taskId === taskId) &&
        (instanceId === undefined || t.masterInstanceId === instanceId || t.owner.id === instanceId) &&
        (minStart === undefined || start >= minStart) &&
        (maxStart === undefined || start <= maxStart)
      );
    });
    // Ties (same second) keep the newest task first when descending.
    sortBy(matching, (t) => (orderBy === 'TaskId' ? t.taskId : `${orderBy === 'EndTime' ? t.endTime : t.startTime}#${String(t.taskId).padStart(12, '0')}`), orderType === 'desc');
    return { TotalCount: matching.length, TaskSet: matching.slice(offset, offset + limit).map((t) => shapes.task(context.model, t)) };
  },
};

/**
 * The security groups bound to a primary (DBInstanceId) or a read-only group (ReadOnlyGroupId only: with both, the
 * API ignores ReadOnlyGroupId). The emulator binds none to primaries; a group's come from its world definition.
 */
const describeDBInstanceSecurityGroups: ActionDefinition = {
  product: 'postgres',
  name: 'DescribeDBInstanceSecurityGroups',
  version: API_VERSION,
  regional: true,
  rateLimitPerSecond: 1000,
  params: { DBInstanceId: { type: 'String' }, ReadOnlyGroupId: { type: 'String' } },
  handle(context, params) {
    const region = regionOf(context);
    const instanceId = str(params, 'DBInstanceId');
    const groupId = str(params, 'ReadOnlyGroupId');
    if (instanceId !== undefined) {
      if (!region.primaryInstances.some((p) => p.dbInstanceId === instanceId)) {
        throw new ApiError('ResourceNotFound.InstanceNotFoundError', `The instance ${instanceId} does not exist.`);
      }
      return { SecurityGroupSet: [] };
    }
    if (groupId === undefined) throw new ApiError('MissingParameter', 'DBInstanceId or ReadOnlyGroupId is required.');
    const location = context.model.findGroup(region, groupId);
    if (!location) throw new ApiError('ResourceNotFound.InstanceNotFoundError', `The RO group ${groupId} does not exist.`);
    return { SecurityGroupSet: (location.group.securityGroupIds ?? []).map((id) => shapes.securityGroup(id, location.primary.projectId ?? 0)) };
  },
};

export const POSTGRES_ACTIONS: readonly ActionDefinition[] = [
  describeRegions, describeDBInstances, describeReadOnlyGroups, ...NETWORK_ACCESS_ACTIONS, describeTasks, describeDBInstanceSecurityGroups,
];
