import type { NetworkSource } from '../ui/networkSource';
import { isManagedNetwork, ownerNetworks, primaryInstanceOwner } from '../domain/networkOwner';
import { NetworkNode, PrimaryInstanceNode, RegionNode, RoGroupNode } from './nodes';
import type { ExplorerNode } from './nodes';
import { groupsUnder } from './subtree';
import type { TreeLoadCache } from './treeLoadCache';

export function networkSource(cache: () => TreeLoadCache | undefined): NetworkSource {
  return {
    async networksUnder(node, { signal, onProgress }) {
      const loaded = cache();
      if (!loaded || !isWalkable(node)) return undefined;
      if (node instanceof NetworkNode) return node.owner.kind === 'readOnlyGroup' ? [{ group: node.owner.group, network: node.network }] : [];
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
