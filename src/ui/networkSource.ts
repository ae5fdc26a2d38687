import type { GroupNetwork, PrimaryInstance, ReadOnlyGroup } from '../domain/model';

/** One network with the group that lists it. */
export interface GroupNetworkPair {
  readonly group: ReadOnlyGroup;
  readonly network: GroupNetwork;
}

/** One private network with the primary instance that owns it. */
export interface InstanceNetworkPair {
  readonly instance: PrimaryInstance;
  readonly network: GroupNetwork;
}

/**
 * What the other features (the exports) may ask of the tree about the networks below one of its nodes: the tree
 * implements it, the exports use it; one port, below both.
 */
export interface NetworkSource {
  /**
   * Every network below a region, instance, group or network node of the tree, loading what is not loaded yet
   * (every page, every group). Undefined when `node` is not such a node of the tree. Rejects with the first load
   * failure, or with the signal's reason once it aborts.
   */
  networksUnder(node: unknown, options: { readonly signal: AbortSignal; readonly onProgress?: (groupsLoaded: number) => void }): Promise<GroupNetworkPair[] | undefined>;
  /**
   * The private networks of the primaries below a region or primary node (or the one network node of a primary),
   * loading every page not loaded yet; [] below a group. Their public addresses are not among them.
   */
  instanceNetworksUnder(node: unknown, options: { readonly signal: AbortSignal }): Promise<InstanceNetworkPair[] | undefined>;
}
