import { nameOrId } from './cloudText';
import { instanceConsoleUrl } from './consoleLinks';
import type { GroupNetwork, PrimaryInstance, ReadOnlyGroup, Site } from './model';
import { isTransitionalGroupStatus, isTransitionalNetworkStatus, MAX_NETWORKS_PER_GROUP, MIN_NETWORKS_PER_GROUP } from './networkRules';

/**
 * What holds the networks Add Network and Remove Network change: a read-only group
 * (Create/DeleteReadOnlyGroupNetworkAccess) or a primary instance itself (Create/DeleteDBInstanceNetworkAccess).
 * Every switch over it ends in `unreachableOwner`, so a third kind does not compile until each one handles it.
 */
export type NetworkOwner =
  | { readonly kind: 'readOnlyGroup'; readonly group: ReadOnlyGroup }
  | { readonly kind: 'primaryInstance'; readonly instance: PrimaryInstance };

export type NetworkOwnerKind = NetworkOwner['kind'];

/**
 * Which owner a change or a task is about, as plain JSON: what the board records, and what the owner is read back
 * by (a group is found only through its primary, hence its primary's id).
 */
export type OwnerRef =
  | { readonly kind: 'readOnlyGroup'; readonly region: string; readonly id: string; readonly primaryInstanceId: string }
  | { readonly kind: 'primaryInstance'; readonly region: string; readonly id: string };

export function refOf(owner: NetworkOwner): OwnerRef {
  switch (owner.kind) {
    case 'readOnlyGroup':
      return { kind: 'readOnlyGroup', region: owner.group.region, id: owner.group.id, primaryInstanceId: owner.group.primaryInstanceId };
    case 'primaryInstance':
      return { kind: 'primaryInstance', region: owner.instance.region, id: owner.instance.id };
    default:
      return unreachableOwner(owner);
  }
}

/** The primary instance a reference is or belongs to. */
export function refPrimaryInstanceId(ref: OwnerRef): string {
  switch (ref.kind) {
    case 'readOnlyGroup':
      return ref.primaryInstanceId;
    case 'primaryInstance':
      return ref.id;
    default:
      return unreachableOwner(ref);
  }
}

/** The owner's name as the user knows it (its id when it has none), safe to show. */
export function ownerName(owner: NetworkOwner): string {
  switch (owner.kind) {
    case 'readOnlyGroup':
      return nameOrId(owner.group);
    case 'primaryInstance':
      return nameOrId(owner.instance);
    default:
      return unreachableOwner(owner);
  }
}

export function readOnlyGroupOwner(group: ReadOnlyGroup): NetworkOwner {
  return { kind: 'readOnlyGroup', group };
}

export function primaryInstanceOwner(instance: PrimaryInstance): NetworkOwner {
  return { kind: 'primaryInstance', instance };
}

/** The compile-time proof that a switch over owners (or their references) handled every case. */
export function unreachableOwner(owner: never): never {
  throw new Error(`Unknown network owner: ${JSON.stringify(owner)}`);
}

/** The id the API names the owner by: ReadOnlyGroupId or DBInstanceId. */
export function ownerId(owner: NetworkOwner): string {
  return refOf(owner).id;
}

export function ownerRegion(owner: NetworkOwner): string {
  return refOf(owner).region;
}

/** The primary instance the owner is or belongs to: what DescribeReadOnlyGroups and DescribeTasks are asked about. */
export function ownerPrimaryInstanceId(owner: NetworkOwner): string {
  return refPrimaryInstanceId(refOf(owner));
}

/** The owner's console page: a group's is a tab of its primary's page. */
export function ownerConsoleUrl(site: Site, owner: NetworkOwner): string {
  return instanceConsoleUrl(site, ownerRegion(owner), ownerPrimaryInstanceId(owner));
}

/**
 * The networks the create/delete pair manages. A primary's DBInstanceNetInfo also lists its public address, which
 * those actions neither add nor remove (it has its own switch): it is not one of them and not counted.
 */
export function ownerNetworks(owner: NetworkOwner): readonly GroupNetwork[] {
  switch (owner.kind) {
    case 'readOnlyGroup':
      return owner.group.networks;
    case 'primaryInstance':
      return owner.instance.networks.filter((network) => isManagedNetwork(owner, network));
    default:
      return unreachableOwner(owner);
  }
}

/** Whether the create/delete pair manages this network of the owner: all of a group's, all of a primary's but its public address. */
export function isManagedNetwork(owner: NetworkOwner, network: GroupNetwork): boolean {
  switch (owner.kind) {
    case 'readOnlyGroup':
      return true;
    case 'primaryInstance':
      return network.netType !== 'public';
    default:
      return unreachableOwner(owner);
  }
}

export interface NetworkLimits {
  readonly min: number;
  readonly max: number;
}

/** Both owners keep at least 1 network and at most 2 (each action's documentation says so for its own owner). */
export function networkLimitsOf(kind: NetworkOwnerKind): NetworkLimits {
  switch (kind) {
    case 'readOnlyGroup':
      return { min: MIN_NETWORKS_PER_GROUP, max: MAX_NETWORKS_PER_GROUP };
    case 'primaryInstance':
      return { min: 1, max: 2 };
    default:
      return unreachableOwner(kind);
  }
}

export function ownerNetworkLimits(owner: NetworkOwner): NetworkLimits {
  return networkLimitsOf(owner.kind);
}

/**
 * Whether the owner itself is in the middle of a change, so a change of its networks may still be on its way: a
 * group in a transitional status, an instance in any status but `running` ("network changing" among them).
 */
export function ownerIsChanging(owner: NetworkOwner): boolean {
  switch (owner.kind) {
    case 'readOnlyGroup':
      return isTransitionalGroupStatus(owner.group.status);
    case 'primaryInstance':
      return owner.instance.status !== 'running';
    default:
      return unreachableOwner(owner);
  }
}

/** The owner's status as the API gives it (ReadOnlyGroup.Status or DBInstanceStatus). */
export function ownerStatus(owner: NetworkOwner): string {
  switch (owner.kind) {
    case 'readOnlyGroup':
      return owner.group.status;
    case 'primaryInstance':
      return owner.instance.status;
    default:
      return unreachableOwner(owner);
  }
}

/** The VPC, subnet and zone the owner itself lives in: the wizard's first choices. */
export function ownerHomeNetwork(owner: NetworkOwner): { readonly vpcId: string; readonly subnetId: string; readonly zone: string } {
  switch (owner.kind) {
    case 'readOnlyGroup':
      return { vpcId: owner.group.vpcId, subnetId: owner.group.subnetId, zone: owner.group.zone };
    case 'primaryInstance':
      return { vpcId: owner.instance.vpcId, subnetId: owner.instance.subnetId, zone: owner.instance.zone };
    default:
      return unreachableOwner(owner);
  }
}

/** Whether the owner's status lets the API change its networks now: a group `ok`, an instance `running`. */
export function ownerAcceptsChanges(owner: NetworkOwner): boolean {
  switch (owner.kind) {
    case 'readOnlyGroup':
      return owner.group.status === 'ok';
    case 'primaryInstance':
      return owner.instance.status === 'running';
    default:
      return unreachableOwner(owner);
  }
}

export type OwnerAddVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: 'status' | 'full' };
export type OwnerRemoveVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: 'lastNetwork' | 'status' | 'networkBusy' };

/** Add Network is accepted on an owner whose status allows it and that has room for one more. */
export function canAddNetworkTo(owner: NetworkOwner): OwnerAddVerdict {
  if (!ownerAcceptsChanges(owner)) return { ok: false, reason: 'status' };
  if (ownerNetworks(owner).length >= ownerNetworkLimits(owner).max) return { ok: false, reason: 'full' };
  return { ok: true };
}

/** A network can go only when another stays, the owner's status allows it, and the network is not changing. */
export function canRemoveNetworkFrom(owner: NetworkOwner, network: GroupNetwork): OwnerRemoveVerdict {
  if (ownerNetworks(owner).length <= ownerNetworkLimits(owner).min) return { ok: false, reason: 'lastNetwork' };
  if (!ownerAcceptsChanges(owner)) return { ok: false, reason: 'status' };
  if (isTransitionalNetworkStatus(network.status)) return { ok: false, reason: 'networkBusy' };
  return { ok: true };
}
