/**
 * How groups, networks and instances read in the tree: context values, labels, descriptions and tooltips.
 * Pure functions (no VS Code): the translation function comes in as `t`, so unit tests run in plain mocha.
 */
import type { GroupNetwork, PrimaryInstance, ReadOnlyGroup } from '../domain/model';
import { isTransitionalGroupStatus, isTransitionalNetworkStatus, MAX_NETWORKS_PER_GROUP } from '../domain/networkRules';
import { canAddNetworkTo, canRemoveNetworkFrom, isManagedNetwork, ownerNetworkLimits, ownerNetworks, primaryInstanceOwner, readOnlyGroupOwner, unreachableOwner } from '../domain/networkOwner';
import type { NetworkOwner } from '../domain/networkOwner';
import type { Translate } from '../domain/translate';
import { nameOrId } from '../domain/cloudText';
import { whyNetworkCannotBeRemoved, whyNoNetworkCanBeAdded } from '../ui/changeAvailability';
import { contextValue, type ItemFlag } from '../ui/contextValues';
import { escapeMarkdown } from '../ui/markdown';

/** What the tooltip can say about VPCs and subnets when their names are known. */
export interface NetworkNames {
  vpcName(vpcId: string): string | undefined;
  subnetName(subnetId: string): string | undefined;
}

export const NO_NAMES: NetworkNames = { vpcName: () => undefined, subnetName: () => undefined };

/**
 * "roGroup ok canAddNetwork full busy": package.json menus match these words (e.g. `viewItem =~ /^roGroup\b.*\bcanAddNetwork\b/`).
 */
export function groupContextValue(group: ReadOnlyGroup): string {
  const flags: ItemFlag[] = [];
  if (group.status === 'ok') flags.push('ok');
  if (canAddNetworkTo(readOnlyGroupOwner(group)).ok) flags.push('canAddNetwork');
  if (group.networks.length >= MAX_NETWORKS_PER_GROUP) flags.push('full');
  if (isTransitionalGroupStatus(group.status)) flags.push('busy');
  return contextValue('roGroup', flags);
}

/**
 * "primaryInstance running canAddNetwork full": the same words as a group's, for the same menus
 * (`viewItem =~ /^primaryInstance\b.*\bcanAddNetwork\b/`).
 */
export function primaryContextValue(instance: PrimaryInstance): string {
  const owner = primaryInstanceOwner(instance);
  const flags: ItemFlag[] = [];
  if (instance.status === 'running') flags.push('running');
  if (canAddNetworkTo(owner).ok) flags.push('canAddNetwork');
  if (ownerNetworks(owner).length >= ownerNetworkLimits(owner).max) flags.push('full');
  return contextValue('primaryInstance', flags);
}

/**
 * "network vpc removable busy" for a network in a VPC (what Check Reachability and Copy as Terraform act on), or
 * "network publicAddress" for a primary's public address, which no network command changes or checks.
 */
export function networkContextValue(owner: NetworkOwner, network: GroupNetwork): string {
  const busy: ItemFlag[] = isTransitionalNetworkStatus(network.status) ? ['busy'] : [];
  if (!isManagedNetwork(owner, network)) return contextValue('network', ['publicAddress', ...busy]);
  const removable: ItemFlag[] = canRemoveNetworkFrom(owner, network).ok ? ['removable'] : [];
  return contextValue('network', ['vpc', ...removable, ...busy]);
}

export function groupStatusLabel(status: string, t: Translate): string {
  switch (status) {
    case 'creating':
      return t('Creating');
    case 'ok':
      return t('OK');
    case 'modifying':
      return t('Modifying');
    case 'deleting':
      return t('Deleting');
    case 'deleted':
      return t('Deleted');
    default:
      return status || t('Unknown');
  }
}

export function networkStatusLabel(status: string, t: Translate): string {
  switch (status) {
    case 'initing':
      return t('Initialising');
    case 'opened':
      return t('Open');
    case 'closed':
      return t('Closed');
    case 'opening':
      return t('Opening');
    case 'closing':
      return t('Closing');
    default:
      return status || t('Unknown');
  }
}

export function netTypeLabel(netType: string, t: Translate): string {
  switch (netType) {
    case 'private':
      return t('Private network');
    case 'public':
      return t('Public network');
    case 'inner':
      return t('Internal network');
    default:
      return netType || t('Unknown network type');
  }
}

export function groupLabel(group: ReadOnlyGroup): string {
  return nameOrId(group);
}

/** "OK · 1/2 networks", or the activity in progress ("Adding network…") in front. */
export function groupDescription(group: ReadOnlyGroup, t: Translate, activity?: string): string {
  const parts = [
    groupStatusLabel(group.status, t),
    t('{0}/{1} networks', group.networks.length, MAX_NETWORKS_PER_GROUP),
  ];
  return activity ? [activity, ...parts].join(' · ') : parts.join(' · ');
}

/** What a screen reader says for a group row. */
export function groupAccessibilityLabel(group: ReadOnlyGroup, t: Translate, activity?: string): string {
  const base = t(
    'Read-only group {0}, status {1}, {2} of {3} networks',
    groupLabel(group),
    groupStatusLabel(group.status, t),
    group.networks.length,
    MAX_NETWORKS_PER_GROUP,
  );
  return activity ? `${base}, ${activity}` : base;
}

/** "10.0.1.17:5432": what people type into a connection string. */
export function networkAddress(network: GroupNetwork): string {
  const host = network.ip || network.address;
  return network.port > 0 ? `${host}:${network.port}` : host;
}

/** "vpc-1 / subnet-2 · Private network", with the status when it is not simply open. */
export function networkDescription(network: GroupNetwork, t: Translate): string {
  // A primary's public address is in no VPC: "- / -" would only be noise.
  const parts = !network.vpcId && !network.subnetId
    ? [netTypeLabel(network.netType, t)]
    : [`${network.vpcId || '-'} / ${network.subnetId || '-'}`, netTypeLabel(network.netType, t)];
  if (network.status !== 'opened') parts.push(networkStatusLabel(network.status, t));
  return parts.join(' · ');
}

export function networkAccessibilityLabel(network: GroupNetwork, t: Translate): string {
  return t(
    'Network {0}, {1}, VPC {2}, subnet {3}, status {4}',
    networkAddress(network),
    netTypeLabel(network.netType, t),
    network.vpcId || '-',
    network.subnetId || '-',
    networkStatusLabel(network.status, t),
  );
}

export function primaryLabel(instance: PrimaryInstance): string {
  return nameOrId(instance);
}

/**
 * "postgres-abc · running · PostgreSQL 15.1 · 2 RO groups". The id shows when the name hides it; the group count
 * once the groups are loaded (`groupCount`).
 */
export function primaryDescription(instance: PrimaryInstance, t: Translate, groupCount?: number): string {
  const parts: string[] = [];
  if (instance.name && instance.name !== instance.id) parts.push(instance.id);
  parts.push(instance.status || t('Unknown'));
  if (instance.version) parts.push(t('PostgreSQL {0}', instance.version));
  if (groupCount !== undefined) parts.push(groupCount === 1 ? t('1 RO group') : t('{0} RO groups', groupCount));
  return parts.join(' · ');
}

export function primaryAccessibilityLabel(instance: PrimaryInstance, t: Translate): string {
  return t('Primary instance {0}, status {1}', primaryLabel(instance), instance.status || t('Unknown'));
}

/** Markdown for a group's tooltip: ids, zone, status, VPC and subnet (named when the names are known). */
export function groupTooltip(group: ReadOnlyGroup, t: Translate, names: NetworkNames = NO_NAMES): string {
  const rows: Array<[string, string]> = [
    [t('Read-only group'), code(group.id)],
    [t('Name'), escapeMarkdown(group.name || '-')],
    [t('Status'), escapeMarkdown(groupStatusLabel(group.status, t))],
    [t('Primary instance'), code(group.primaryInstanceId)],
    [t('Region / zone'), `${escapeMarkdown(group.region)} / ${escapeMarkdown(group.zone || '-')}`],
    [t('VPC'), named(group.vpcId, names.vpcName(group.vpcId))],
    [t('Subnet'), named(group.subnetId, names.subnetName(group.subnetId))],
    [t('Read-only instances'), group.readOnlyInstanceIds.length > 0 ? group.readOnlyInstanceIds.map(code).join(', ') : '-'],
    [t('Networks'), t('{0}/{1}', group.networks.length, MAX_NETWORKS_PER_GROUP)],
  ];
  return withNote(table(rows), whyNoNetworkCanBeAdded(readOnlyGroupOwner(group), false, t));
}

/** The tooltip row that names the network's owner. */
function ownerRow(owner: NetworkOwner, t: Translate): [string, string] {
  switch (owner.kind) {
    case 'readOnlyGroup':
      return [t('Read-only group'), code(owner.group.id)];
    case 'primaryInstance':
      return [t('Primary instance'), code(owner.instance.id)];
    default:
      return unreachableOwner(owner);
  }
}

export function networkTooltip(owner: NetworkOwner, network: GroupNetwork, t: Translate, names: NetworkNames = NO_NAMES): string {
  const rows: Array<[string, string]> = [
    [t('Address'), code(networkAddress(network))],
    [t('Status'), escapeMarkdown(networkStatusLabel(network.status, t))],
    [t('Network type'), escapeMarkdown(netTypeLabel(network.netType, t))],
    [t('VPC'), named(network.vpcId, names.vpcName(network.vpcId))],
    [t('Subnet'), named(network.subnetId, names.subnetName(network.subnetId))],
  ];
  if (network.address && network.address !== network.ip) rows.push([t('Domain name'), code(network.address)]);
  if (network.protocolType) rows.push([t('Protocol'), escapeMarkdown(network.protocolType)]);
  rows.push(ownerRow(owner, t));
  return withNote(table(rows), whyNetworkCannotBeRemoved(owner, network, false, t));
}

export function primaryTooltip(instance: PrimaryInstance, t: Translate): string {
  const owner = primaryInstanceOwner(instance);
  const rows = table([
    [t('Primary instance'), code(instance.id)],
    [t('Name'), escapeMarkdown(instance.name || '-')],
    [t('Status'), escapeMarkdown(instance.status || '-')],
    [t('Version'), escapeMarkdown(instance.version || '-')],
    [t('Region / zone'), `${escapeMarkdown(instance.region)} / ${escapeMarkdown(instance.zone || '-')}`],
    [t('VPC'), code(instance.vpcId || '-')],
    [t('Subnet'), code(instance.subnetId || '-')],
    [t('Read-only instances'), String(instance.readOnlyInstanceCount)],
    [t('Networks'), t('{0}/{1}', ownerNetworks(owner).length, ownerNetworkLimits(owner).max)],
  ]);
  return withNote(rows, whyNoNetworkCanBeAdded(primaryInstanceOwner(instance), false, t));
}

function code(text: string): string {
  // A pipe ends a table cell even inside a code span (GFM), unless escaped; a backslash of the text would undo the
  // escape. Ids never hold either character legitimately.
  return text ? `\`${text.replace(/[`\\]/g, '').replace(/\|/g, '\\|')}\`` : '-';
}

function named(id: string, name: string | undefined): string {
  if (!id) return '-';
  return name ? `${escapeMarkdown(name)} (${code(id)})` : code(id);
}

function withNote(markdown: string, note: string | undefined): string {
  return note ? `${markdown}\n\n${escapeMarkdown(note)}` : markdown;
}

function table(rows: ReadonlyArray<readonly [string, string]>): string {
  const lines = ['| | |', '|---|---|'];
  for (const [key, value] of rows) {
    lines.push(`| ${escapeMarkdown(key)} | ${value.replace(/[\r\n]+/g, ' ')} |`);
  }
  return lines.join('\n');
}
