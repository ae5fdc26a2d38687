/** vpc 2017-03-12: VPCs, subnets (with live address counts) and the occupied addresses of a subnet. */
import { ApiError } from '../apiError';
import { assignableAddressCount, cidrContains, parseCidr, parseIpv4, type Ipv4Cidr } from '../ipam';
import { FILTERS, int, integerInRange, readFilters, str, strings, type Params } from '../params';
import { API_VERSION, fuzzyMatchesAny, matchesAny, regionOf, type ActionDefinition } from './action';

const UNKNOWN_FILTER = 'InvalidParameter.FilterInvalidKey';

/** VPC paging parameters are strings holding a number. */
function stringNumber(params: Params, name: string, min: number, max: number, fallback: number): number {
  const text = str(params, name);
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new ApiError('InvalidParameterValue.Malformed', `The value of parameter \`${name}\` is not a number: "${text}".`);
  const value = Number(text);
  if (value < min || value > max) throw new ApiError('InvalidParameterValue.Range', `The value of parameter \`${name}\` must be between ${min} and ${max}.`);
  return value;
}

function idsOrFilters(params: Params, idsName: string): void {
  if (params[idsName] !== undefined && params['Filters'] !== undefined) {
    throw new ApiError('InvalidParameter.Coexist', `The parameters \`${idsName}\` and \`Filters\` cannot be specified at the same time.`);
  }
  if ((strings(params, idsName) ?? []).length > 100) {
    throw new ApiError('InvalidParameterValue.Range', `At most 100 values may be given in \`${idsName}\`.`);
  }
}

function booleanFilter(values: readonly string[] | undefined, actual: boolean): boolean {
  return values === undefined || values.some((v) => (v.toUpperCase() === 'TRUE') === actual);
}

const describeVpcs: ActionDefinition = {
  product: 'vpc',
  name: 'DescribeVpcs',
  version: API_VERSION,
  regional: true,
  rateLimitPerSecond: 100,
  params: { VpcIds: { type: { arrayOf: 'String' } }, Filters: FILTERS, Offset: { type: 'String' }, Limit: { type: 'String' } },
  handle(context, params) {
    const region = regionOf(context);
    idsOrFilters(params, 'VpcIds');
    const filters = readFilters(params, ['vpc-name', 'vpc-id', 'is-default', 'cidr-block', 'tag-key'], UNKNOWN_FILTER);
    const offset = stringNumber(params, 'Offset', 0, Number.MAX_SAFE_INTEGER, 0);
    const limit = stringNumber(params, 'Limit', 1, 100, 20);
    const ids = strings(params, 'VpcIds');
    const vpcs = region.vpcs.filter(
      (v) =>
        matchesAny(ids, v.vpcId) &&
        fuzzyMatchesAny(filters.get('vpc-name'), v.vpcName) &&
        matchesAny(filters.get('vpc-id'), v.vpcId) &&
        booleanFilter(filters.get('is-default'), v.isDefault ?? false) &&
        matchesAny(filters.get('cidr-block'), v.cidrBlock) &&
        !filters.has('tag-key'),
    );
    return {
      TotalCount: vpcs.length,
      VpcSet: vpcs.slice(offset, offset + limit).map((v) => ({
        VpcName: v.vpcName,
        VpcId: v.vpcId,
        CidrBlock: v.cidrBlock,
        IsDefault: v.isDefault ?? false,
        EnableMulticast: false,
        CreatedTime: v.createdTime,
        DnsServerSet: ['183.60.83.19', '183.60.82.98'],
        DomainName: '',
        DhcpOptionsId: '',
        EnableDhcp: true,
        Ipv6CidrBlock: '',
        TagSet: [],
        AssistantCidrSet: [],
        EnableRouteVpcPublish: false,
        Ipv6CidrBlockSet: [],
        EnableRouteVpcPublishIpv6: false,
      })),
    };
  },
};

const describeSubnets: ActionDefinition = {
  product: 'vpc',
  name: 'DescribeSubnets',
  version: API_VERSION,
  regional: true,
  rateLimitPerSecond: 100,
  params: {
    SubnetIds: { type: { arrayOf: 'String' } },
    Filters: FILTERS,
    Offset: { type: 'String' },
    Limit: { type: 'String' },
    MaxResults: { type: 'Integer' },
    NextToken: { type: 'String' },
  },
  handle(context, params) {
    const region = regionOf(context);
    idsOrFilters(params, 'SubnetIds');
    const filters = readFilters(params, ['vpc-id', 'subnet-id', 'zone', 'cidr-block', 'subnet-name', 'is-default', 'tag-key'], UNKNOWN_FILTER);
    const offset = stringNumber(params, 'Offset', 0, Number.MAX_SAFE_INTEGER, 0);
    const limit = stringNumber(params, 'Limit', 1, 100, 20);
    const ids = strings(params, 'SubnetIds');
    const found = region.vpcs
      .flatMap((vpc) => vpc.subnets.map((subnet) => ({ vpc, subnet })))
      .filter(
        ({ vpc, subnet }) =>
          matchesAny(ids, subnet.subnetId) &&
          matchesAny(filters.get('vpc-id'), vpc.vpcId) &&
          matchesAny(filters.get('subnet-id'), subnet.subnetId) &&
          matchesAny(filters.get('zone'), subnet.zone) &&
          matchesAny(filters.get('cidr-block'), subnet.cidrBlock) &&
          fuzzyMatchesAny(filters.get('subnet-name'), subnet.subnetName) &&
          booleanFilter(filters.get('is-default'), subnet.isDefault ?? false) &&
          !filters.has('tag-key'),
      );
    return {
      TotalCount: found.length,
      SubnetSet: found.slice(offset, offset + limit).map(({ vpc, subnet }) => {
        const location = context.model.findSubnet(vpc, subnet.subnetId);
        if (!location) throw new Error('subnet vanished while listing');
        return {
          VpcId: vpc.vpcId,
          SubnetId: subnet.subnetId,
          SubnetName: subnet.subnetName,
          CidrBlock: subnet.cidrBlock,
          IsDefault: subnet.isDefault ?? false,
          EnableBroadcast: false,
          Zone: subnet.zone,
          RouteTableId: `rtb-${vpc.vpcId.slice(4, 12)}`,
          CreatedTime: subnet.createdTime ?? vpc.createdTime,
          AvailableIpAddressCount: context.model.availableAddressCount(region, location),
          Ipv6CidrBlock: '',
          NetworkAclId: '',
          IsRemoteVpcSnat: false,
          TotalIpAddressCount: assignableAddressCount(location.cidr),
          TagSet: [],
          CdcId: '',
          IsCdcSubnet: 0,
        };
      }),
    };
  },
};

const describeUsedIpAddress: ActionDefinition = {
  product: 'vpc',
  name: 'DescribeUsedIpAddress',
  version: API_VERSION,
  regional: true,
  params: {
    VpcId: { type: 'String', required: true },
    SubnetId: { type: 'String' },
    IpAddresses: { type: { arrayOf: 'String' } },
    Filters: FILTERS,
    Offset: { type: 'Integer' },
    Limit: { type: 'Integer' },
  },
  handle(context, params) {
    const region = regionOf(context);
    const vpcId = str(params, 'VpcId') as string;
    const subnetId = str(params, 'SubnetId');
    readFilters(params, [], UNKNOWN_FILTER);
    const offset = integerInRange(int(params, 'Offset'), 'Offset', 0, Number.MAX_SAFE_INTEGER, 0, 'InvalidParameterValue.Range');
    const limit = integerInRange(int(params, 'Limit'), 'Limit', 1, 100, 20, 'InvalidParameterValue.Range');
    const addresses = strings(params, 'IpAddresses');
    if (addresses && addresses.length > 100) throw new ApiError('InvalidParameterValue.Range', 'At most 100 values may be given in `IpAddresses`.');
    for (const ip of addresses ?? []) {
      if (parseIpv4(ip) === undefined) throw new ApiError('InvalidParameterValue.Malformed', `"${ip}" is not a valid IPv4 address.`);
    }
    const vpc = context.model.findVpc(region, vpcId);
    if (!vpc) throw new ApiError('ResourceNotFound', `VPC ${vpcId} does not exist.`);
    const subnet = subnetId === undefined ? undefined : vpc.subnets.find((s) => s.subnetId === subnetId);
    if (subnetId !== undefined && !subnet) throw new ApiError('ResourceNotFound', `Subnet ${subnetId} does not exist in VPC ${vpcId}.`);
    // Documented: an address outside the VPC (or the subnet, when one is given) is refused, not reported free.
    const scope = subnet ?? vpc;
    const cidr = parseCidr(scope.cidrBlock) as Ipv4Cidr;
    const outside = (addresses ?? []).find((ip) => !cidrContains(cidr, parseIpv4(ip) as number));
    if (outside !== undefined) {
      throw new ApiError('InvalidParameterValue.Range', `IP address ${outside} is outside ${scope.cidrBlock} of ${subnet ? subnet.subnetId : vpcId}.`);
    }
    const used = vpc.subnets
      .filter((s) => matchesAny(subnetId === undefined ? undefined : [subnetId], s.subnetId))
      .flatMap((s) => context.model.usedIps(region, vpcId, s.subnetId))
      .filter((u) => matchesAny(addresses, u.ip));
    return {
      IpAddressStates: used.slice(offset, offset + limit).map((u) => ({
        VpcId: u.vpcId,
        SubnetId: u.subnetId,
        IpAddress: u.ip,
        ResourceType: u.resourceType,
        ResourceId: u.resourceId,
      })),
      TotalCount: used.length,
    };
  },
};

export const VPC_ACTIONS: readonly ActionDefinition[] = [describeVpcs, describeSubnets, describeUsedIpAddress];
