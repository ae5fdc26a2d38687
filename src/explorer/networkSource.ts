import type { GroupNetwork, PrimaryInstance, ReadOnlyGroup } from '../domain/model';
import { isManagedNetwork, ownerNetworks, primaryInstanceOwner } from '../domain/networkOwner';
import { NetworkNode, PrimaryInstanceNode, RegionNode, RoGroupNode } from './nodes';
import type { ExplorerNode } from './nodes';
import { groupsUnder } from './subtree';
import type { TreeLoadCache } from './treeLoadCache';

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

/** What the other features may ask of the tree about the networks below one of its nodes. */
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

export function networkSource(cache: () => TreeLoadCache | undefined): NetworkSource {
  return {
    async networksUnder(node, { signal, onProgress }) {
      const loaded = cache();
      if (!loaded || !isWalkable(node)) return undefined;
      if (node instanceof NetworkNode) return node.group ? [{ group: node.group, network: node.network }] : [];
      let groupsLoaded = 0;
      const groups = await groupsUnder(loaded, node, {
        signal,
        onBatch: (batch) => {
          groupsLoaded += batch.groups.length;
          onProgress?.(groupsLoaded);
        },
      });
      return groups.flatMap(({ group }) => group.networks.map((network) => ({ group, network })));
    },

    async instanceNetworksUnder(node, { signal }) {
      const loaded = cache();
      if (!loaded || !isWalkable(node)) return undefined;
      if (node instanceof NetworkNode) {
        const { owner, network } = node;
        return owner.kind === 'primaryInstance' && isManagedNetwork(owner, network) ? [{ instance: owner.instance, network }] : [];
      }
      const primaries: PrimaryInstanceNode[] = node instanceof PrimaryInstanceNode ? [node] : [];
      // The walk loads what a region still lacks (what is loaded costs no call) and names its primaries as it goes.
      if (node instanceof RegionNode) await groupsUnder(loaded, node, { signal, onBatch: (batch) => primaries.push(...batch.primaries) });
      return primaries.flatMap(({ instance }) => ownerNetworks(primaryInstanceOwner(instance)).map((network) => ({ instance, network })));
    },
  };
}

function isWalkable(node: unknown): node is ExplorerNode {
  return node instanceof RegionNode || node instanceof PrimaryInstanceNode || node instanceof RoGroupNode || node instanceof NetworkNode;
}
