/**
 * Every API action the Tencent Cloud client calls, with its service: the source of the least-privilege CAM
 * policy. A unit test reads tencentCloudApi.ts and fails when it calls an action missing here (or this lists
 * one it no longer calls), so the policy cannot drift from the client.
 */
export const CLOUD_ACTIONS = [
  { service: 'postgres', action: 'DescribeRegions' },
  { service: 'postgres', action: 'DescribeDBInstances' },
  { service: 'postgres', action: 'DescribeReadOnlyGroups' },
  // A group's bound security groups, for its Terraform resource.
  { service: 'postgres', action: 'DescribeDBInstanceSecurityGroups' },
  { service: 'postgres', action: 'CreateReadOnlyGroupNetworkAccess' },
  { service: 'postgres', action: 'DeleteReadOnlyGroupNetworkAccess' },
  // A primary instance's own networks.
  { service: 'postgres', action: 'CreateDBInstanceNetworkAccess' },
  { service: 'postgres', action: 'DeleteDBInstanceNetworkAccess' },
  { service: 'postgres', action: 'DescribeTasks' },
  { service: 'vpc', action: 'DescribeVpcs' },
  { service: 'vpc', action: 'DescribeSubnets' },
  { service: 'vpc', action: 'DescribeUsedIpAddress' },
] as const satisfies readonly { readonly service: 'postgres' | 'vpc'; readonly action: string }[];
