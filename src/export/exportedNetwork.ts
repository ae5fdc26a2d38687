import { parseIpv4 } from '../domain/ipv4';
import type { CreateInstanceNetworkRequest, CreateNetworkRequest, GroupNetwork, PrimaryInstance, ReadOnlyGroup } from '../domain/model';

/** One existing network with the group that holds it: all an export needs to describe or recreate it. */
export interface ExportedNetwork {
  readonly group: Pick<ReadOnlyGroup, 'id' | 'name' | 'region' | 'primaryInstanceId'>;
  readonly network: Pick<GroupNetwork, 'vpcId' | 'subnetId' | 'ip' | 'port'>;
}

/** Why a listed network cannot be recreated (and so is left out of an export). */
export type NotExportableReason = 'notVpc' | 'noIpv4Vip' | 'noPort';

/**
 * Only VPC networks with a concrete IPv4 VIP and port can be recreated: a classic network lists VpcId/SubnetId as
 * "" or "0" (the API's own marker), and the VIP and port are what clients are configured with.
 */
export function whyNotExportable(network: ExportedNetwork['network']): NotExportableReason | undefined {
  if (!isVpcId(network.vpcId) || !isVpcId(network.subnetId)) return 'notVpc';
  if (parseIpv4(network.ip) !== network.ip) return 'noIpv4Vip';
  if (!Number.isInteger(network.port) || network.port < 1 || network.port > 65535) return 'noPort';
  return undefined;
}

/** A VPC or subnet id that names one: a classic network lists "" or "0" instead. */
export function isVpcId(id: string): boolean {
  return id !== '' && id !== '0';
}

/** The request that creates this network again, keeping its VIP (so clients configured with it still reach it). */
export function recreateRequest(item: ExportedNetwork): CreateNetworkRequest {
  return {
    region: item.group.region,
    groupId: item.group.id,
    vpcId: item.network.vpcId,
    subnetId: item.network.subnetId,
    vip: item.network.ip,
  };
}

/** One private network of a primary instance (CreateDBInstanceNetworkAccess), exported beside the groups' networks. */
export interface ExportedInstanceNetwork {
  readonly instance: Pick<PrimaryInstance, 'id' | 'name' | 'region'>;
  readonly network: Pick<GroupNetwork, 'vpcId' | 'subnetId' | 'ip' | 'port'>;
}

/** The request that creates a primary's network again, keeping its VIP. */
export function recreateInstanceRequest(item: ExportedInstanceNetwork): CreateInstanceNetworkRequest {
  return { region: item.instance.region, instanceId: item.instance.id, vpcId: item.network.vpcId, subnetId: item.network.subnetId, vip: item.network.ip };
}

/** The distinct regions of some networks (of groups, and of primaries if any), sorted: for the header of an export. */
export function regionsOf(items: readonly ExportedNetwork[], instanceItems: readonly ExportedInstanceNetwork[] = []): string[] {
  return [...new Set([...items.map((item) => item.group.region), ...instanceItems.map((item) => item.instance.region)])].sort();
}
