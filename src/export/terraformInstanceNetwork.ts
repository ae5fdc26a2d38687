import type { GroupNetwork, PrimaryInstance } from '../domain/model';
import { commentText } from './commentText';
import { hclString } from './hcl';
import { block, importBlock, providerAttribute } from './terraformBlocks';
import { resourceNameBase } from './terraformNames';

/** The provider's resource for one network of a primary instance (CreateDBInstanceNetworkAccess). */
export const INSTANCE_NETWORK_RESOURCE = 'tencentcloud_postgresql_instance_network_access';

export interface InstanceNetwork {
  readonly region: string;
  readonly dbInstanceId: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly vip: string;
}

/** One private network of a primary as the resource describes it: its VIP is the one it has now. */
export function instanceNetworkOf(instance: Pick<PrimaryInstance, 'region' | 'id'>, network: Pick<GroupNetwork, 'vpcId' | 'subnetId' | 'ip'>): InstanceNetwork {
  return { region: instance.region, dbInstanceId: instance.id, vpcId: network.vpcId, subnetId: network.subnetId, vip: network.ip };
}

/** "sessions-db_10_0_3_21": the instance's name (or id) and the VIP, as a group's networks are named. */
export function instanceNetworkResourceNameBase(instance: Pick<PrimaryInstance, 'name' | 'id'>, network: Pick<GroupNetwork, 'ip'>): string {
  return resourceNameBase(instance.name, instance.id, network.ip);
}

/** The provider's import id, split by its Read on "#": `db_instance_id#vpc_id#subnet_id#vip`. */
export function instanceNetworkImportId(network: InstanceNetwork): string {
  const parts = [network.dbInstanceId, network.vpcId, network.subnetId, network.vip];
  // The importer splits on every "#": a part holding one would be read as two.
  if (parts.some((part) => part.includes('#') || part === '')) throw new Error(`not an importable network: ${parts.join(', ')}`);
  return parts.join('#');
}

/** A primary instance's network as the resource, with the import block that adopts it (Terraform 1.5+). */
export function terraformInstanceNetworkBlocks(network: InstanceNetwork, resourceName: string, providerAlias?: string): string {
  const address = `${INSTANCE_NETWORK_RESOURCE}.${resourceName}`;
  return [
    `# ${commentText(`Network ${network.vip} of ${network.dbInstanceId} in ${network.region}`)}`,
    block(`resource "${INSTANCE_NETWORK_RESOURCE}" "${resourceName}"`, [
      ...providerAttribute(providerAlias),
      ['db_instance_id', hclString(network.dbInstanceId)],
      ['vpc_id', hclString(network.vpcId)],
      ['subnet_id', hclString(network.subnetId)],
      ['vip', hclString(network.vip)],
    ]),
    '',
    importBlock(address, instanceNetworkImportId(network), providerAlias),
  ].join('\n');
}
