import type { NetworkStatus, ReadOnlyGroupStatus } from './model';

/** A read-only group has at least one network and at most two (CreateReadOnlyGroupNetworkAccess / Delete...). */
export const MAX_NETWORKS_PER_GROUP = 2;
export const MIN_NETWORKS_PER_GROUP = 1;

/** Statuses that end by themselves: the tree shows them spinning and polls until they settle. */
export function isTransitionalNetworkStatus(status: NetworkStatus): boolean {
  return status === 'opening' || status === 'closing' || status === 'initing';
}

export function isTransitionalGroupStatus(status: ReadOnlyGroupStatus): boolean {
  return status === 'creating' || status === 'modifying' || status === 'deleting';
}
