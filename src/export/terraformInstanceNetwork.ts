import { commentText } from './commentText';
import { hclString } from './hcl';
import { block, importBlock, providerAttribute } from './terraformBlocks';

/** The provider's resource for one network of a primary instance (CreateDBInstanceNetworkAccess). */
export const INSTANCE_NETWORK_RESOURCE = 'tencentcloud_postgresql_instance_network_access';

export interface InstanceNetwork {
  readonly region: string;
  readonly dbInstanceId: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly vip: string;
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
