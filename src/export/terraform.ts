import { joinInChunks, type ChunkOptions } from './chunked';
import { commentText } from './commentText';
import type { ExportedInstanceNetwork, ExportedNetwork } from './exportedNetwork';
import { recreateRequest, regionsOf } from './exportedNetwork';
import { tccliCreateNetworkCommand } from './tccli';
import { CHECKED_PROVIDER_VERSION, providerAliases, providerBlocks, requiredProvidersBlock } from './terraformBlocks';
import type { BoundSecurityGroups, TerraformGroup } from './terraformGroup';
import { groupResourceNameBase, isGroupsOwnNetwork, terraformGroupBlocks, whyGroupNotWritable } from './terraformGroup';
import { instanceNetworkOf, instanceNetworkResourceNameBase, terraformInstanceNetworkBlocks } from './terraformInstanceNetwork';
import { UniqueNames } from './terraformNames';

/** A network with all of its group that the group's resource needs. */
export interface TerraformNetwork extends ExportedNetwork {
  readonly group: TerraformGroup;
}

export interface TerraformExportInput {
  readonly networks: readonly TerraformNetwork[];
  /** Primary instances' private networks, each written as its own resource after the groups. */
  readonly instanceNetworks?: readonly ExportedInstanceNetwork[];
  /** The security groups bound to each group, by group id; a group missing here is written as "could not be read". */
  readonly securityGroups: ReadonlyMap<string, BoundSecurityGroups>;
  /** What was exported, e.g. a region, an instance or a group; written in the header as it is. */
  readonly scope: string;
  /** When the export was made: passed in, so the same input always gives the same file. */
  readonly generatedAt: Date;
}

/**
 * A Terraform file that stands alone: the header, `required_providers`, one aliased provider per region, then
 * each read-only group as the provider's resource with its import block, in the order the groups first appear.
 * A group's other networks (not its own VPC and subnet) have no resource in any released provider: the file says
 * so where they would be, with the tccli command that recreates each. Primary instances' private networks follow,
 * each as its own tencentcloud_postgresql_instance_network_access resource with its import block.
 * @internal The whole text at once: the golden tests read it, and the chunked writer is held to it byte for byte.
 */
export function terraformExport(input: TerraformExportInput): string {
  return `${[...terraformSections(input)].join(SECTION_GAP)}\n`;
}

/** The same file as terraformExport, written in chunks that give the event loop back (for a whole account). */
export async function terraformExportInChunks(input: TerraformExportInput, options?: ChunkOptions): Promise<string> {
  return `${await joinInChunks(terraformSections(input), SECTION_GAP, options)}\n`;
}

const SECTION_GAP = '\n\n';

/** The file's sections in order, made one at a time as they are taken. */
function* terraformSections(input: TerraformExportInput): Generator<string, void, undefined> {
  const instanceNetworks = input.instanceNetworks ?? [];
  const regions = regionsOf(input.networks, instanceNetworks);
  const aliases = providerAliases(regions);
  const groups = groupsInOrder(input.networks);
  const names = new UniqueNames();
  yield [
      '# TencentDB for PostgreSQL read-only groups and their networks, for the tencentcloud provider',
      `# (${CHECKED_PROVIDER_VERSION} or later; Terraform 1.5+ for the import blocks).`,
      `# Regions: ${commentText(regions.join(', ') || '-')}`,
      `# Scope: ${commentText(input.scope)}`,
      `# Generated at: ${input.generatedAt.toISOString()}`,
      `# Read-only groups: ${groups.length}; networks: ${input.networks.length}`,
      ...(instanceNetworks.length > 0 ? [`# Primary instances' own networks: ${instanceNetworks.length}`] : []),
  ].join('\n');
  yield requiredProvidersBlock();
  yield* providerBlocks(aliases);
  for (const { group, networks } of groups) {
    const alias = aliases.get(group.region);
    const why = whyGroupNotWritable(group);
    // Named in order whether written or not, as every group's name was taken before.
    const name = names.next(groupResourceNameBase(group));
    yield why === undefined
      ? terraformGroupBlocks(group, input.securityGroups.get(group.id) ?? { kind: 'unknown', reason: 'not read' }, name, alias)
      : groupNotWritten(group, why);
    const others = networks.filter((item) => !isGroupsOwnNetwork(group, item.network));
    if (others.length > 0) yield otherNetworksNote(others);
  }
  const instanceNames = new UniqueNames();
  for (const item of instanceNetworks) {
    const name = instanceNames.next(instanceNetworkResourceNameBase(item.instance, item.network));
    yield terraformInstanceNetworkBlocks(instanceNetworkOf(item.instance, item.network), name, aliases.get(item.instance.region));
  }
}

/** The comment that stands where a group's other networks would be: what cannot be written, and the command instead. */
export function otherNetworksNote(others: readonly ExportedNetwork[]): string {
  const lines = [
    '# No released tencentcloud provider has a resource for a read-only group\'s other network (a VPC or subnet',
    '# other than the group\'s own), so it is not managed here. To create it again, run:',
  ];
  for (const item of others) {
    lines.push(`#   ${commentText(tccliCreateNetworkCommand(recreateRequest(item)))}`);
  }
  return lines.join('\n');
}

function groupNotWritten(group: TerraformGroup, why: NonNullable<ReturnType<typeof whyGroupNotWritable>>): string {
  const reason = why === 'notVpc' ? 'it is not in a VPC' : 'the API did not list its replication settings, which the resource requires';
  return `# ${commentText(`Read-only group ${group.name || group.id} (${group.id}) is not written as a resource: ${reason}.`)}`;
}

/** The distinct groups of some networks, in the order they first appear, each with its networks. */
function groupsInOrder(items: readonly TerraformNetwork[]): { group: TerraformGroup; networks: TerraformNetwork[] }[] {
  const byId = new Map<string, { group: TerraformGroup; networks: TerraformNetwork[] }>();
  for (const item of items) {
    const entry = byId.get(item.group.id) ?? { group: item.group, networks: [] };
    entry.networks.push(item);
    byId.set(item.group.id, entry);
  }
  return [...byId.values()];
}
