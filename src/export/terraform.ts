import type { CreateNetworkRequest } from '../domain/model';
import { commentText } from './commentText';
import type { ExportedNetwork } from './exportedNetwork';
import { regionsOf } from './exportedNetwork';
import { hclString, identifierPart } from './hcl';
import { resourceNameBase, uniqueNames } from './terraformNames';

/** The tencentcloud provider's resource for one network of a read-only group. */
export const TERRAFORM_RESOURCE_TYPE = 'tencentcloud_postgresql_readonly_group_network_access_attachment';

/** The provider's import id: `db_instance_id#readonly_group_id#vpc_id#vip#port`. */
export function terraformImportId(item: ExportedNetwork): string {
  const { group, network } = item;
  return [group.primaryInstanceId, group.id, network.vpcId, network.ip, String(network.port)].join('#');
}

/** The resource name an existing network gets on its own, before names are made unique within an export. */
export function existingNetworkNameBase(item: ExportedNetwork): string {
  return resourceNameBase(item.group.name, item.group.id, item.network.ip);
}

/**
 * The provider's read never sets is_assign_vip (required, and changing it forces a new resource), so after an
 * import the state holds no value for it and any value in the configuration would plan to delete and recreate
 * the live network. Ignoring changes to it keeps the import a no-op.
 */
const IMPORTED_LIFECYCLE = [
  '',
  '  # The provider does not read is_assign_vip back: without this, the import would plan to replace the network.',
  '  lifecycle {',
  '    ignore_changes = [is_assign_vip]',
  '  }',
];

/**
 * The resource and its Terraform 1.5+ import block for one existing network: `is_assign_vip = true` with the
 * network's VIP, which is what creating it again would need to keep that address.
 */
export function terraformNetworkBlocks(item: ExportedNetwork, resourceName: string, providerAlias?: string): string {
  const { group, network } = item;
  const provider = providerAlias === undefined ? [] : [['provider', `tencentcloud.${providerAlias}`] as const];
  return [
    `# ${commentText(`${group.name || group.id} (${group.id}) in ${group.region}: ${network.ip}:${network.port}`)}`,
    block(`resource "${TERRAFORM_RESOURCE_TYPE}" "${resourceName}"`, [
      ...provider,
      ['db_instance_id', hclString(group.primaryInstanceId)],
      ['readonly_group_id', hclString(group.id)],
      ['vpc_id', hclString(network.vpcId)],
      ['subnet_id', hclString(network.subnetId)],
      ['is_assign_vip', 'true'],
      ['vip', hclString(network.ip)],
    ], IMPORTED_LIFECYCLE),
    '',
    block('import', [
      ...provider,
      ['to', `${TERRAFORM_RESOURCE_TYPE}.${resourceName}`],
      ['id', hclString(terraformImportId(item))],
    ]),
  ].join('\n');
}

export interface TerraformExportInput {
  readonly networks: readonly ExportedNetwork[];
  /** What was exported, e.g. a region, an instance or a group; written in the header as it is. */
  readonly scope: string;
  /** When the export was made: passed in, so the same input always gives the same file. */
  readonly generatedAt: Date;
}

/**
 * A Terraform file for many networks: a header comment, then each resource with its import block, in the order
 * given, with names unique within the file. Networks of one region use the configuration's own provider; when
 * they span several regions, each region gets an aliased provider and every block names its own.
 */
export function terraformExport(input: TerraformExportInput): string {
  const regions = regionsOf(input.networks);
  const aliases = regions.length > 1 ? providerAliases(regions) : undefined;
  const names = uniqueNames(input.networks.map(existingNetworkNameBase));
  const sections = [
    [
      `# TencentDB for PostgreSQL read-only group networks, for the tencentcloud provider (Terraform 1.5+ import blocks).`,
      `# Regions: ${commentText(regions.join(', ') || '-')}`,
      `# Scope: ${commentText(input.scope)}`,
      `# Generated at: ${input.generatedAt.toISOString()}`,
      `# Networks: ${input.networks.length}`,
    ].join('\n'),
  ];
  if (aliases) {
    for (const region of regions) {
      sections.push(block('provider "tencentcloud"', [['alias', hclString(aliases.get(region) ?? '')], ['region', hclString(region)]]));
    }
  }
  input.networks.forEach((item, index) => {
    sections.push(terraformNetworkBlocks(item, names[index], aliases?.get(item.group.region)));
  });
  return `${sections.join('\n\n')}\n`;
}

/** Region ids as provider aliases ("ap-guangzhou" -> "ap_guangzhou"), unique even if two only differ in punctuation. */
function providerAliases(regions: readonly string[]): Map<string, string> {
  const bases = regions.map((region) => {
    const part = identifierPart(region, 60).replace(/-/g, '_') || 'region';
    return /^[a-z_]/.test(part) ? part : `_${part}`;
  });
  const unique = uniqueNames(bases);
  return new Map(regions.map((region, index) => [region, unique[index]]));
}

/** A network the Add Network wizard is about to create. */
export interface PlannedNetwork {
  readonly request: CreateNetworkRequest;
  readonly primaryInstanceId: string;
  readonly groupName: string;
}

/**
 * The resource that would create the planned network (no import block: it does not exist yet).
 * An automatic VIP is `is_assign_vip = false` with no `vip`; a typed one is `true` with it.
 */
export function terraformPlannedNetwork(planned: PlannedNetwork): string {
  const { request } = planned;
  const name = resourceNameBase(planned.groupName, request.groupId, request.vip ?? request.subnetId);
  const vip = request.vip === undefined ? [['is_assign_vip', 'false'] as const] : [['is_assign_vip', 'true'] as const, ['vip', hclString(request.vip)] as const];
  return `${[
    `# ${commentText(`${planned.groupName || request.groupId} (${request.groupId}) in ${request.region}`)}`,
    block(`resource "${TERRAFORM_RESOURCE_TYPE}" "${name}"`, [
      ['db_instance_id', hclString(planned.primaryInstanceId)],
      ['readonly_group_id', hclString(request.groupId)],
      ['vpc_id', hclString(request.vpcId)],
      ['subnet_id', hclString(request.subnetId)],
      ...vip,
    ]),
  ].join('\n')}\n`;
}

/** A block with its attributes aligned as `terraform fmt` writes them, then any nested lines as they are. */
function block(header: string, attributes: readonly (readonly [string, string])[], nested: readonly string[] = []): string {
  const width = Math.max(...attributes.map(([key]) => key.length));
  const body = attributes.map(([key, value]) => `  ${key.padEnd(width)} = ${value}`);
  return [`${header} {`, ...body, ...nested, '}'].join('\n');
}
