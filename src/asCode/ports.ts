import type { GroupNetwork, PrimaryInstance, ReadOnlyGroup } from '../domain/model';

/** What the exports need from the tree: the networks below one of its nodes, loaded if needed. */
export interface NetworksBelow {
  /** Undefined when `node` is not a node of the tree that holds networks. */
  networksUnder(
    node: unknown,
    options: { readonly signal: AbortSignal; readonly onProgress?: (groupsLoaded: number) => void },
  ): Promise<readonly { readonly group: ReadOnlyGroup; readonly network: GroupNetwork }[] | undefined>;
  /**
   * The private networks of the primary instances below the node (a region's, a primary's, or a primary's network
   * itself), loading what is not loaded yet; [] below a group. Undefined when `node` is not a node of the tree.
   */
  instanceNetworksUnder(
    node: unknown,
    options: { readonly signal: AbortSignal },
  ): Promise<readonly { readonly instance: PrimaryInstance; readonly network: GroupNetwork }[] | undefined>;
}

/** DescribeDBInstanceSecurityGroups for a group, through the signed-in connection; rejects when it cannot be read. */
export type SecurityGroupsOf = (group: Pick<ReadOnlyGroup, 'region' | 'id'>, signal?: AbortSignal) => Promise<readonly string[]>;
