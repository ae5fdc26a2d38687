import { checkVip, parseCidr } from '../../domain/ipv4';
import type { CreateNetworkRequest, PrimaryInstance, ReadOnlyGroup, Subnet, UsedIp, Vpc } from '../../domain/model';
import { tccliCreateNetworkCommand } from '../../export/tccli';
import { canAddNetwork, MAX_NETWORKS_PER_GROUP } from '../../domain/networkRules';
import type { AddNetworkContext, VipMode } from './addNetworkContext';
import { chosenVip } from './addNetworkContext';
import type { PickEntry, PickItem } from '../../wizard/prompter';
import type { Translate } from '../../domain/translate';
import { nameOrId } from '../../domain/cloudText';

/**
 * The items and messages of each Add Network step, as pure functions of the data: what the user sees is
 * decided here and unit-tested; the steps only wire these to the prompts.
 */

export function regionItems(regions: readonly string[]): PickItem<string>[] {
  return regions.map((region) => ({ label: region, icon: 'globe', value: region }));
}

export function primaryInstanceItems(instances: readonly PrimaryInstance[], t: Translate): PickItem<PrimaryInstance>[] {
  return instances.map((instance) => ({
    label: nameOrId(instance),
    description: instance.name ? instance.id : undefined,
    detail: t('{0} · {1} · {2} read-only instances', instance.zone, instance.status, instance.readOnlyInstanceCount),
    icon: 'database',
    value: instance,
  }));
}

/**
 * Every group of the instance: those that cannot take a network stay visible with the reason, so nobody wonders
 * where their group went. `busyGroupIds` are groups with a network change already in flight.
 */
export function groupItems(
  groups: readonly ReadOnlyGroup[],
  busyGroupIds: ReadonlySet<string>,
  t: Translate,
): PickItem<ReadOnlyGroup>[] {
  return groups.map((group) => ({
    label: nameOrId(group),
    description: group.name ? group.id : undefined,
    detail: networkCountText(group.networks.length, t),
    icon: 'server-environment',
    unavailableReason: whyGroupCannotTakeNetwork(group, busyGroupIds, t),
    value: group,
  }));
}

export function whyGroupCannotTakeNetwork(
  group: ReadOnlyGroup,
  busyGroupIds: ReadonlySet<string>,
  t: Translate,
): string | undefined {
  if (busyGroupIds.has(group.id)) return t('A network change is already in progress on this group.');
  const verdict = canAddNetwork(group);
  if (verdict.ok) return undefined;
  if (verdict.reason === 'full') {
    return t('It already has {0} networks, the most a read-only group can have.', MAX_NETWORKS_PER_GROUP);
  }
  return t('Its status is "{0}": a network can be added only when the group is OK.', group.status);
}

function networkCountText(count: number, t: Translate): string {
  return count === 1 ? t('1 network') : t('{0} networks', count);
}

/** The group's current VPC first, then the others by name; each shows its CIDR, and how many subnets it has. */
export function vpcItems(vpcs: readonly Vpc[], subnets: readonly Subnet[], group: ReadOnlyGroup, t: Translate): PickItem<Vpc>[] {
  const subnetCount = new Map<string, number>();
  for (const subnet of subnets) subnetCount.set(subnet.vpcId, (subnetCount.get(subnet.vpcId) ?? 0) + 1);
  const sorted = [...vpcs].sort(
    (a, b) => rank(a.id === group.vpcId) - rank(b.id === group.vpcId) || displayName(a).localeCompare(displayName(b)),
  );
  return sorted.map((vpc) => {
    const count = subnetCount.get(vpc.id) ?? 0;
    const notes = [count === 1 ? t('1 subnet') : t('{0} subnets', count)];
    if (vpc.id === group.vpcId) notes.unshift(t("The group's current VPC"));
    if (vpc.isDefault) notes.push(t('Default VPC'));
    return {
      label: displayName(vpc),
      description: `${vpc.cidr} · ${vpc.id}`,
      detail: notes.join(' · '),
      icon: 'cloud',
      unavailableReason: count === 0 ? t('This VPC has no subnets.') : undefined,
      value: vpc,
    };
  });
}

/**
 * The subnets of one VPC: the group's current subnet first, then its zone, then by name. A full subnet stays in
 * the list, not pickable, with the reason.
 */
export function subnetItems(subnets: readonly Subnet[], vpcId: string, group: ReadOnlyGroup, t: Translate): PickItem<Subnet>[] {
  const inVpc = subnets.filter((subnet) => subnet.vpcId === vpcId);
  const sorted = [...inVpc].sort(
    (a, b) =>
      rank(a.id === group.subnetId) - rank(b.id === group.subnetId) ||
      rank(a.zone === group.zone) - rank(b.zone === group.zone) ||
      displayName(a).localeCompare(displayName(b)),
  );
  return sorted.map((subnet) => {
    const notes = [
      subnet.availableIpCount === 1 ? t('1 free IP address') : t('{0} free IP addresses', subnet.availableIpCount),
    ];
    if (subnet.id === group.subnetId) notes.unshift(t("The group's current subnet"));
    if (group.networks.some((network) => network.subnetId === subnet.id)) notes.push(t('The group already has a network here'));
    return {
      label: displayName(subnet),
      description: `${subnet.zone} · ${subnet.cidr} · ${subnet.id}`,
      detail: notes.join(' · '),
      icon: 'symbol-namespace',
      unavailableReason: subnet.availableIpCount <= 0 ? t('This subnet has no free IP address.') : undefined,
      value: subnet,
    };
  });
}

export type VipChoice = { readonly mode: Exclude<VipMode, 'suggested'> } | { readonly mode: 'suggested'; readonly ip: string };

export function vipModeItems(subnet: Subnet, t: Translate): PickItem<VipChoice>[] {
  return [
    {
      label: t('Assign automatically'),
      detail: t('Tencent Cloud picks a free address in {0}.', subnet.cidr),
      icon: 'sparkle',
      value: { mode: 'auto' },
    },
    {
      label: t('Specify an address...'),
      detail: t('Type an IPv4 address inside {0}.', subnet.cidr),
      icon: 'edit',
      value: { mode: 'specify' },
    },
  ];
}

/** The free addresses found for the subnet, offered under the two choices. */
export function suggestedVipItems(freeIps: readonly string[], t: Translate): PickEntry<VipChoice>[] {
  if (freeIps.length === 0) return [];
  return [
    { separator: t('Free addresses') },
    ...freeIps.map((ip) => ({ label: ip, description: t('free'), icon: 'circle-outline', value: { mode: 'suggested', ip } as const })),
  ];
}

export function isSameVipChoice(choice: VipChoice, context: AddNetworkContext): boolean {
  if (choice.mode === 'suggested') return context.vipMode === 'suggested' && context.vip === choice.ip;
  return choice.mode === context.vipMode;
}

/** Why a typed VIP cannot be used, checked on every keystroke; undefined when it may be checked with the API. */
export function vipProblem(text: string, subnetCidr: string, t: Translate): string | undefined {
  if (text.trim() === '') return t('Type an IPv4 address, for example {0}.', exampleAddress(subnetCidr));
  const cidr = parseCidr(subnetCidr);
  // A subnet whose CIDR cannot be read leaves the check to the API.
  if (cidr === undefined) return undefined;
  const check = checkVip(text, cidr);
  if (check.ok) return undefined;
  switch (check.problem) {
    case 'notIpv4':
      return t('"{0}" is not an IPv4 address.', text.trim());
    case 'outsideSubnet':
      return t('{0} is outside the subnet {1}.', text.trim(), cidr.text);
    case 'reserved':
      return t('{0} is reserved in {1} (network, gateway or broadcast address).', text.trim(), cidr.text);
  }
}

/** An address the subnet can give a VIP (its last usable one), to show what to type. */
export function exampleAddress(subnetCidr: string): string {
  const cidr = parseCidr(subnetCidr);
  return cidr ? cidr.lastHost : '10.0.0.10';
}

/** "10.0.1.5 is already used by CVM ins-abc." */
export function usedIpMessage(used: UsedIp, t: Translate): string {
  const holder = [used.resourceType, used.resourceId].filter((part) => part !== '').join(' ');
  return holder
    ? t('{0} is already used by {1}. Choose another address.', used.ip, holder)
    : t('{0} is already in use. Choose another address.', used.ip);
}

export type ConfirmChoice = 'create' | 'copy' | 'summary';

/**
 * "Create", "Copy as tccli command", then the summary of what will be created. No Terraform: no released
 * tencentcloud provider has a resource that adds a network to a read-only group.
 */
export function confirmItems(context: AddNetworkContext, t: Translate): PickEntry<ConfirmChoice>[] {
  const { group, vpc, subnet } = required(context);
  const vip = chosenVip(context);
  return [
    {
      label: t('Create'),
      detail: t('Adds the network; this takes a few minutes and its progress shows in the status bar.'),
      icon: 'check',
      value: 'create',
    },
    { label: t('Copy as tccli command'), detail: tccliCommand(context), icon: 'copy', value: 'copy' },
    { separator: t('Summary') },
    { label: t('Read-only group'), description: `${nameOrId(group)} · ${group.id}`, icon: 'server-environment', value: 'summary' },
    { label: t('VPC'), description: `${displayName(vpc)} · ${vpc.cidr} · ${vpc.id}`, icon: 'cloud', value: 'summary' },
    {
      label: t('Subnet'),
      description: `${displayName(subnet)} · ${subnet.zone} · ${subnet.cidr} · ${subnet.id}`,
      icon: 'symbol-namespace',
      value: 'summary',
    },
    { label: t('VIP'), description: vip ?? t('Assigned automatically'), icon: 'plug', value: 'summary' },
  ];
}

/** The request Create sends. */
export function plannedRequest(context: AddNetworkContext): CreateNetworkRequest {
  const { group, vpc, subnet } = required(context);
  return { region: context.region ?? group.region, groupId: group.id, vpcId: vpc.id, subnetId: subnet.id, vip: chosenVip(context) };
}

/** The same request for the Tencent Cloud CLI, for scripts and change tickets. */
export function tccliCommand(context: AddNetworkContext): string {
  return tccliCreateNetworkCommand(plannedRequest(context));
}

function required(context: AddNetworkContext): { group: ReadOnlyGroup; vpc: Vpc; subnet: Subnet } {
  const { group, vpc, subnet } = context;
  if (!group || !vpc || !subnet) throw new Error('The confirm step needs a group, a VPC and a subnet');
  return { group, vpc, subnet };
}

function displayName(resource: { readonly name: string; readonly id: string }): string {
  return nameOrId(resource);
}

function rank(first: boolean): number {
  return first ? 0 : 1;
}
