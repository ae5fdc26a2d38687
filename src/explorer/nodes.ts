import type { GroupNetwork, PrimaryInstance, ReadOnlyGroup } from '../domain/model';
import { primaryInstanceOwner, readOnlyGroupOwner } from '../domain/networkOwner';
import type { NetworkOwner } from '../domain/networkOwner';
import type { InstancesAhead } from './regionLoader';

/**
 * The tree's elements. Plain objects with a `kind`, so menus' command handlers (and tests) can read them without
 * knowing the classes; the tree provider turns them into TreeItems.
 */
export type ExplorerNode = RegionNode | PrimaryInstanceNode | RoGroupNode | NetworkNode | LoadMoreNode | ErrorNode | MessageNode;

/** One region of the `tencentdbPostgres.regions` setting; its children are pages of primary instances. */
export class RegionNode {
  readonly kind = 'region';
  readonly parent = undefined;
  /** Primaries loaded so far, in API order. */
  primaries: PrimaryInstanceNode[] = [];
  /** Offset of the next page; undefined when every page is loaded. 0 before the first load. */
  nextOffset: number | undefined = 0;
  /** Total instances (of any type) the API reported. */
  totalCount = 0;
  /** Primaries the last API page brought beyond the loaded pages, for the next "Load more". */
  ahead: InstancesAhead | undefined;
  loaded = false;
  /** The failure of the last "Load more", shown in its place. */
  loadMoreError: unknown;
  /** The load (first page or "Load more") in progress, shared by concurrent callers. */
  loading: Promise<void> | undefined;

  constructor(readonly regionId: string) {}

  get treeId(): string {
    return `region/${this.regionId}`;
  }

  reset(): void {
    this.primaries = [];
    this.nextOffset = 0;
    this.totalCount = 0;
    this.ahead = undefined;
    this.loaded = false;
    this.loadMoreError = undefined;
    this.loading = undefined;
  }
}

export class PrimaryInstanceNode {
  readonly kind = 'primary';
  /** The groups' nodes once loaded (or the failure / empty state in their place); the networks come before them. */
  children: Promise<ExplorerNode[]> | undefined;
  /** How many read-only groups the last load found; undefined until one succeeded. */
  groupCount: number | undefined;
  /** Replaced when the instance is read back from the API; the node itself stays, so the tree keeps its place. */
  instance: PrimaryInstance;
  /** The instance's own networks as listed with it (private ones and its public address): no call of their own. */
  networks: NetworkNode[];

  constructor(
    readonly parent: RegionNode,
    instance: PrimaryInstance,
  ) {
    this.instance = instance;
    this.networks = networkNodes(this, instance.networks);
  }

  get treeId(): string {
    return `primary/${this.instance.region}/${this.instance.id}`;
  }

  get owner(): NetworkOwner {
    return primaryInstanceOwner(this.instance);
  }

  update(instance: PrimaryInstance): void {
    this.instance = instance;
    this.networks = networkNodes(this, instance.networks);
  }
}

export class RoGroupNode {
  readonly kind = 'roGroup';
  /** Replaced when the group is read back from the API; the node itself stays, so the tree keeps its place. */
  group: ReadOnlyGroup;
  networks: NetworkNode[];

  constructor(
    readonly parent: PrimaryInstanceNode,
    group: ReadOnlyGroup,
  ) {
    this.group = group;
    this.networks = this.buildNetworkNodes();
  }

  get treeId(): string {
    return `group/${this.group.region}/${this.group.id}`;
  }

  get owner(): NetworkOwner {
    return readOnlyGroupOwner(this.group);
  }

  update(group: ReadOnlyGroup): void {
    this.group = group;
    this.networks = this.buildNetworkNodes();
  }

  private buildNetworkNodes(): NetworkNode[] {
    return networkNodes(this, this.group.networks);
  }
}

export class NetworkNode {
  readonly kind = 'network';

  constructor(
    readonly parent: RoGroupNode | PrimaryInstanceNode,
    /** The owner as it was when this network was read (the Add/Remove commands check against it). */
    readonly owner: NetworkOwner,
    readonly network: GroupNetwork,
  ) {}

  get treeId(): string {
    const { vpcId, subnetId, ip, address, port } = this.network;
    return `network/${this.parent.treeId}/${vpcId}/${subnetId}/${ip || address}:${port}`;
  }
}

/** The network nodes of an owner's node, each holding the owner as it was read. */
function networkNodes(parent: RoGroupNode | PrimaryInstanceNode, networks: readonly GroupNetwork[]): NetworkNode[] {
  const owner = parent.owner;
  return networks.map((network) => new NetworkNode(parent, owner, network));
}

/** "Load more…" at the end of a region's primaries while the API has more pages. */
export class LoadMoreNode {
  readonly kind = 'loadMore';

  constructor(readonly parent: RegionNode) {}

  get treeId(): string {
    return `${this.parent.treeId}/loadMore`;
  }
}

/** A failure in place of the children it prevented: Retry reloads `parent` (or the "Load more" page). */
export class ErrorNode {
  readonly kind = 'error';

  constructor(
    readonly parent: RegionNode | PrimaryInstanceNode | undefined,
    readonly error: unknown,
    /** What "Retry" does. */
    readonly retry: 'reload' | 'loadMore',
  ) {}

  get treeId(): string {
    return `${this.parent?.treeId ?? 'root'}/error`;
  }
}

/** An empty state or a hint ("No read-only groups", "No regions selected"), optionally clickable. */
export class MessageNode {
  readonly kind = 'message';

  constructor(
    readonly parent: RegionNode | PrimaryInstanceNode | RoGroupNode | undefined,
    readonly key: string,
    readonly text: string,
    readonly icon: string,
    readonly command?: { readonly id: string; readonly title: string; readonly args?: readonly unknown[] },
  ) {}

  get treeId(): string {
    return `${this.parent?.treeId ?? 'root'}/message/${this.key}`;
  }
}
