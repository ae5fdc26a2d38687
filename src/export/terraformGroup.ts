import type { ReadOnlyGroup } from '../domain/model';
import { commentText } from './commentText';
import { isVpcId } from './exportedNetwork';
import { hclString } from './hcl';
import type { Attribute } from './terraformBlocks';
import { block, importBlock, providerAttribute } from './terraformBlocks';
import { resourceNameBase } from './terraformNames';

/**
 * The provider's resource for a read-only group. Its vpc_id/subnet_id are the group's own network: a change of
 * them creates the new network, waits for it to open, then deletes the old one. A group's other network has no
 * resource in any released provider (test/data/terraform-provider-tencentcloud.json).
 */
export const READONLY_GROUP_RESOURCE = 'tencentcloud_postgresql_readonly_group';

export type TerraformGroup = Pick<ReadOnlyGroup, 'id' | 'name' | 'region' | 'primaryInstanceId' | 'projectId' | 'vpcId' | 'subnetId' | 'replication'>;

/** The security groups bound to a group, or why they could not be read. */
export type BoundSecurityGroups =
  | { readonly kind: 'known'; readonly ids: readonly string[] }
  | { readonly kind: 'unknown'; readonly reason: string };

/** Why a group cannot be written as the resource (every required attribute must come from the cloud, never a guess). */
export type GroupNotWritableReason = 'noReplicationSettings' | 'notVpc';

export function whyGroupNotWritable(group: TerraformGroup): GroupNotWritableReason | undefined {
  if (!isVpcId(group.vpcId) || !isVpcId(group.subnetId)) return 'notVpc';
  if (group.replication === undefined) return 'noReplicationSettings';
  return undefined;
}

/** A network is the group's own when it is in the group's VPC and subnet: the one the resource's vpc_id/subnet_id manage. */
export function isGroupsOwnNetwork(group: Pick<ReadOnlyGroup, 'vpcId' | 'subnetId'>, network: { readonly vpcId: string; readonly subnetId: string }): boolean {
  return network.vpcId === group.vpcId && network.subnetId === group.subnetId;
}

/** The resource name a group gets on its own, before names are made unique within an export. */
export function groupResourceNameBase(group: TerraformGroup): string {
  return resourceNameBase(group.name, group.id, '');
}

/**
 * The group's resource and the import block that adopts it. Every attribute is what the provider's Read sets
 * from DescribeReadOnlyGroups and DescribeDBInstanceSecurityGroups, with the same values, so the plan after the
 * import shows no change; a test holds this against the Read of the checked release. The one exception is a
 * group whose security groups could not be read: Read would set them, and a configuration without them would
 * plan to unbind them, so they are ignored instead.
 */
export function terraformGroupBlocks(group: TerraformGroup, securityGroups: BoundSecurityGroups, resourceName: string, providerAlias?: string): string {
  const replication = group.replication;
  if (replication === undefined || whyGroupNotWritable(group) !== undefined) throw new Error(`group ${group.id} cannot be written as ${READONLY_GROUP_RESOURCE}`);
  const attributes: Attribute[] = [
    ...providerAttribute(providerAlias),
    ['master_db_instance_id', hclString(group.primaryInstanceId)],
    ['name', hclString(group.name)],
    ['project_id', String(group.projectId)],
    ['vpc_id', hclString(group.vpcId)],
    ['subnet_id', hclString(group.subnetId)],
    ['replay_lag_eliminate', String(replication.replayLagEliminate)],
    ['replay_latency_eliminate', String(replication.replayLatencyEliminate)],
    ['max_replay_lag', String(replication.maxReplayLag)],
    ['max_replay_latency', String(replication.maxReplayLatency)],
    ['min_delay_eliminate_reserve', String(replication.minDelayEliminateReserve)],
  ];
  // Read sets security_groups_ids only when the group has some: none bound means the attribute stays out.
  if (securityGroups.kind === 'known' && securityGroups.ids.length > 0) {
    attributes.push(['security_groups_ids', `[${securityGroups.ids.map(hclString).join(', ')}]`]);
  }
  const nested = securityGroups.kind === 'unknown'
    ? [
      '',
      `  # ${commentText(`The bound security groups could not be read (${securityGroups.reason}). Ignored, so that this configuration`)}`,
      '  # can never plan to change them; list them here and remove this block once they are known.',
      '  lifecycle {',
      '    ignore_changes = [security_groups_ids]',
      '  }',
    ]
    : [];
  const address = `${READONLY_GROUP_RESOURCE}.${resourceName}`;
  return [
    `# ${commentText(`Read-only group ${group.name || group.id} (${group.id}) of ${group.primaryInstanceId} in ${group.region}`)}`,
    block(`resource "${READONLY_GROUP_RESOURCE}" "${resourceName}"`, attributes, nested),
    '',
    importBlock(address, group.id, providerAlias),
  ].join('\n');
}
