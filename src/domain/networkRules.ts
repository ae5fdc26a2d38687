import type { GroupNetwork, NetworkStatus, ReadOnlyGroup, ReadOnlyGroupStatus } from './model';

/** A read-only group has at least one network and at most two (CreateReadOnlyGroupNetworkAccess / Delete...). */
export const MAX_NETWORKS_PER_GROUP = 2;
export const MIN_NETWORKS_PER_GROUP = 1;

export type AddNetworkVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: 'status' | 'full' };
export type RemoveNetworkVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'lastNetwork' | 'status' | 'networkBusy' };

/** The API accepts a new network only on a group that is `ok` and has room for it. */
export function canAddNetwork(group: ReadOnlyGroup): AddNetworkVerdict {
  if (group.status !== 'ok') return { ok: false, reason: 'status' };
  if (group.networks.length >= MAX_NETWORKS_PER_GROUP) return { ok: false, reason: 'full' };
  return { ok: true };
}

/** A network can go only when another stays, the group is `ok`, and the network itself is not changing. */
export function canRemoveNetwork(group: ReadOnlyGroup, network: GroupNetwork): RemoveNetworkVerdict {
  if (group.networks.length <= MIN_NETWORKS_PER_GROUP) return { ok: false, reason: 'lastNetwork' };
  if (group.status !== 'ok') return { ok: false, reason: 'status' };
  if (isTransitionalNetworkStatus(network.status)) return { ok: false, reason: 'networkBusy' };
  return { ok: true };
}

/** Statuses that end by themselves: the tree shows them spinning and polls until they settle. */
export function isTransitionalNetworkStatus(status: NetworkStatus): boolean {
  return status === 'opening' || status === 'closing' || status === 'initing';
}

export function isTransitionalGroupStatus(status: ReadOnlyGroupStatus): boolean {
  return status === 'creating' || status === 'modifying' || status === 'deleting';
}
