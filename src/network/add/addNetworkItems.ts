import { checkVip, parseCidr } from '../../domain/ipv4';
import type { RequestedChange } from '../../domain/changeJudgement';
import type { PrimaryInstance, ReadOnlyGroup, Subnet, UsedIp, Vpc } from '../../domain/model';
import { tccliAddNetworkCommand } from '../../export/tccli';
import type { NetworkOwner } from '../../domain/networkOwner';
import { ownerHomeNetwork, ownerId, ownerName, ownerNetworks, primaryInstanceOwner, readOnlyGroupOwner, refOf, unreachableOwner } from '../../domain/networkOwner';
import { whyNoNetworkCanBeAdded } from '../../ui/changeAvailability';
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

/** What the wizard can add a network to, from the palette. */
export type OwnerChoice = NetworkOwner;

/**
 * The primary instance itself, then every read-only group of it: those that cannot take a network stay visible
 * with the reason, so nobody wonders where they went. `busyOwnerIds` have a network change already in flight.
 */
export function ownerItems(
  instance: PrimaryInstance,
  groups: readonly ReadOnlyGroup[],
  busyOwnerIds: ReadonlySet<string>,
  t: Translate,
): PickEntry<OwnerChoice>[] {
  const item = (owner: NetworkOwner, icon: string, description: string): PickItem<OwnerChoice> => ({
    label: ownerName(owner),
    description,
    detail: networkCountText(ownerNetworks(owner).length, t),
    icon,
    unavailableReason: whyNoNetworkCanBeAdded(owner, busyOwnerIds.has(ownerId(owner)), t),
    value: owner,
  });
  return [
    item(primaryInstanceOwner(instance), 'database', t('the primary instance itself · {0}', instance.id)),
    { separator: groups.length > 0 ? t('Read-only groups') : t('No read-only groups') },
    ...groups.map((group) => item(readOnlyGroupOwner(group), 'server-environment', group.id)),
  ];
}

function networkCountText(count: number, t: Translate): string {
  return count === 1 ? t('1 network') : t('{0} networks', count);
}

/** The owner's own VPC first, then the others by name; each shows its CIDR, and how many subnets it has. */
export function vpcItems(vpcs: readonly Vpc[], subnets: readonly Subnet[], owner: NetworkOwner, t: Translate): PickItem<Vpc>[] {
  const home = ownerHomeNetwork(owner);
  const subnetCount = new Map<string, number>();
  for (const subnet of subnets) subnetCount.set(subnet.vpcId, (subnetCount.get(subnet.vpcId) ?? 0) + 1);
  const sorted = [...vpcs].sort(
    (a, b) => rank(a.id === home.vpcId) - rank(b.id === home.vpcId) || displayName(a).localeCompare(displayName(b)),
  );
  return sorted.map((vpc) => {
    const count = subnetCount.get(vpc.id) ?? 0;
    const notes = [count === 1 ? t('1 subnet') : t('{0} subnets', count)];
    if (vpc.id === home.vpcId) notes.unshift(t('The VPC of {0}', ownerName(owner)));
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
 * The subnets of one VPC: the owner's own subnet first, then its zone, then by name. A full subnet stays in the
 * list, not pickable, with the reason.
 */
export function subnetItems(subnets: readonly Subnet[], vpcId: string, owner: NetworkOwner, t: Translate): PickItem<Subnet>[] {
  const home = ownerHomeNetwork(owner);
  const inVpc = subnets.filter((subnet) => subnet.vpcId === vpcId);
  const sorted = [...inVpc].sort(
    (a, b) =>
      rank(a.id === home.subnetId) - rank(b.id === home.subnetId) ||
      rank(a.zone === home.zone) - rank(b.zone === home.zone) ||
      displayName(a).localeCompare(displayName(b)),
  );
  return sorted.map((subnet) => {
    const notes = [
      subnet.availableIpCount === 1 ? t('1 free IP address') : t('{0} free IP addresses', subnet.availableIpCount),
    ];
    if (subnet.id === home.subnetId) notes.unshift(t('The subnet of {0}', ownerName(owner)));
    if (ownerNetworks(owner).some((network) => network.subnetId === subnet.id)) notes.push(t('{0} already has a network here', ownerName(owner)));
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
  const { owner, vpc, subnet } = required(context);
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
    ownerSummary(owner, t),
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

function ownerSummary(owner: NetworkOwner, t: Translate): PickItem<ConfirmChoice> {
  const description = `${ownerName(owner)} · ${ownerId(owner)}`;
  switch (owner.kind) {
    case 'readOnlyGroup':
      return { label: t('Read-only group'), description, icon: 'server-environment', value: 'summary' };
    case 'primaryInstance':
      return { label: t('Primary instance'), description, icon: 'database', value: 'summary' };
    default:
      return unreachableOwner(owner);
  }
}

/** The change Create asks for. */
export function plannedChange(context: AddNetworkContext): RequestedChange {
  const { vpc, subnet } = required(context);
  return { kind: 'addNetwork', vpcId: vpc.id, subnetId: subnet.id, vip: chosenVip(context) };
}

/** The same request for the Tencent Cloud CLI, for scripts and change tickets. */
export function tccliCommand(context: AddNetworkContext): string {
  const { owner } = required(context);
  const { vpcId, subnetId, vip } = plannedChange(context);
  return tccliAddNetworkCommand(refOf(owner), { vpcId, subnetId, vip });
}

function required(context: AddNetworkContext): { owner: NetworkOwner; vpc: Vpc; subnet: Subnet } {
  const { owner, vpc, subnet } = context;
  if (!owner || !vpc || !subnet) throw new Error('The confirm step needs an owner, a VPC and a subnet');
  return { owner, vpc, subnet };
}

function displayName(resource: { readonly name: string; readonly id: string }): string {
  return nameOrId(resource);
}

function rank(first: boolean): number {
  return first ? 0 : 1;
}
