import { COMMAND } from '../ui/commandIds';
import type { CloudApi } from '../cloud/cloudApi';
import type { Clock } from '../domain/clock';
import type { ReadOnlyGroup } from '../domain/model';
import { primaryInstanceOwner, readOnlyGroupOwner, unreachableOwner } from '../domain/networkOwner';
import type { NetworkOwner } from '../domain/networkOwner';
import type { Translate } from '../domain/translate';
import type { ExplorerSettings } from './explorerPorts';
import { NetworkNameCache } from './networkNames';
import { ErrorNode, LoadMoreNode, MessageNode, PrimaryInstanceNode, RegionNode, RoGroupNode } from './nodes';
import type { ExplorerNode } from './nodes';
import { primaryPages } from './regionLoader';
import { SettleWatcher } from './settleWatcher';

/**
 * What a load stopped by its walk's own signal (Find's Cancel) resolves to: not a result, nor a failure to show.
 * Whoever shared the load and was not cancelled loads again.
 */
const CANCELLED: ExplorerNode[] = [];

/** The calls the tree makes: listing, reading a group or a primary back, and the VPC/subnet names of tooltips. */
export type TreeLoadApi = Pick<CloudApi, 'listPrimaryInstances' | 'listReadOnlyGroups' | 'getReadOnlyGroup' | 'getPrimaryInstance' | 'listVpcs' | 'listSubnets'>;

export interface TreeLoadCacheDeps {
  readonly api: TreeLoadApi;
  readonly settings: Pick<ExplorerSettings, 'regions' | 'pageSize'>;
  readonly clock: Clock;
  readonly t: Translate;
  /** A load failed; the tree shows it as a node, this is for the log. */
  readonly onLoadFailure: (what: string, error: unknown) => void;
  /** Asks the view to redraw a node (and read its children again if they changed), or everything for undefined. */
  readonly changed: (node: ExplorerNode | undefined) => void;
}

/**
 * Everything the tree loaded for one connection, dropped whole when the profile or site changes. Loads lazily (a
 * level when it is expanded), shares in-flight loads, and puts failures and empty states in the tree as nodes.
 * Free of VS Code: the provider turns its nodes into TreeItems.
 */
export class TreeLoadCache {
  private readonly abort = new AbortController();
  /** VPC and subnet names for tooltips. */
  readonly names: NetworkNameCache;
  private regions = new Map<string, RegionNode>();
  private readonly groupNodes = new Map<string, RoGroupNode>();
  /** Every primary's node on a loaded page, by instance id. */
  private readonly primaryNodes = new Map<string, PrimaryInstanceNode>();
  private readonly settle: SettleWatcher;
  private dropped = false;

  constructor(private readonly deps: TreeLoadCacheDeps) {
    this.names = new NetworkNameCache(deps.api, this.abort.signal);
    this.settle = new SettleWatcher(deps.clock, (owner) => this.rereadChanging(owner));
  }

  /**
   * The children of a node, or the root's (the selected regions) for undefined. `signal` is the caller's own (a walk
   * such as Find's): the calls this starts stop when it aborts, not only when the cache is dropped.
   */
  async children(node?: ExplorerNode, signal?: AbortSignal): Promise<ExplorerNode[]> {
    const { t } = this.deps;
    if (!node) return this.rootNodes();
    switch (node.kind) {
      case 'region':
        return this.regionChildren(node, signal);
      case 'primary':
        // Its own networks come with it (no call), before its groups.
        return [...node.networks, ...(await this.groupsOf(node, signal))];
      case 'roGroup':
        return node.networks.length > 0
          ? node.networks
          : [new MessageNode(node, 'noNetworks', t('No networks. Add one to reach this group.'), 'info', {
              id: COMMAND.addNetwork,
              title: t('Add Network…'),
              args: [node],
            })];
      case 'network':
      case 'loadMore':
      case 'error':
      case 'message':
        return [];
    }
  }

  /** The loaded node of a group, if its primary was expanded (or its page loaded). */
  group(groupId: string): RoGroupNode | undefined {
    return this.groupNodes.get(groupId);
  }

  /** The node of a primary on a loaded page. */
  primary(instanceId: string): PrimaryInstanceNode | undefined {
    return this.primaryNodes.get(instanceId);
  }

  /** Drops every region's pages: the next expansion loads them again. */
  resetAll(): void {
    for (const region of this.regions.values()) region.reset();
    this.forgetGroups();
  }

  resetRegion(region: RegionNode): void {
    this.forgetGroups(region.regionId);
    region.reset();
  }

  /** Fetches the next page of a region's primaries and appends it; `signal` as for children. */
  async loadMore(region: RegionNode, signal?: AbortSignal): Promise<void> {
    if (this.dropped || region.nextOffset === undefined) return;
    region.loadMoreError = undefined;
    await this.loadPrimaryPages(region, signal);
    this.deps.changed(region);
  }

  /** Reads a loaded group back by id and redraws it; a group not loaded is not shown, so there is nothing to do. */
  async rereadGroup(region: string, groupId: string): Promise<void> {
    const node = this.groupNodes.get(groupId);
    if (this.dropped || !node || node.group.region !== region) return;
    const group = await this.deps.api.getReadOnlyGroup(region, node.group.primaryInstanceId, groupId, { signal: this.abort.signal });
    if (this.dropped || this.groupNodes.get(groupId) !== node) return;
    if (!group) {
      // The group is gone: its primary's list is what changed.
      this.groupNodes.delete(groupId);
      node.parent.children = undefined;
      this.deps.changed(node.parent);
      return;
    }
    node.update(group);
    this.deps.changed(node);
    this.settle.watch(readOnlyGroupOwner(group));
  }

  /**
   * Reads a loaded primary back by id (DescribeDBInstances with its id) and redraws it with its networks; its
   * groups stay as loaded. A primary on no loaded page is not shown, so there is nothing to do.
   */
  async rereadPrimary(region: string, instanceId: string): Promise<void> {
    const node = this.primaryNodes.get(instanceId);
    if (this.dropped || !node || node.instance.region !== region) return;
    const instance = await this.deps.api.getPrimaryInstance(region, instanceId, { signal: this.abort.signal });
    if (this.dropped || this.primaryNodes.get(instanceId) !== node) return;
    if (!instance) {
      // The instance is gone: its region's pages are what changed.
      this.resetRegion(node.parent);
      this.deps.changed(node.parent);
      return;
    }
    node.update(instance);
    this.deps.changed(node);
    this.settle.watch(primaryInstanceOwner(instance));
  }

  /**
   * Loads a region's pages until the primary shows up (Load more, as the user would), for revealing it.
   */
  async findPrimary(region: string, instanceId: string): Promise<PrimaryInstanceNode | undefined> {
    if (!this.regions.has(region)) this.rootNodes();
    const regionNode = this.regions.get(region);
    if (!regionNode) return undefined;
    await this.regionChildren(regionNode);
    for (let pages = 0; pages < 100 && !this.dropped; pages++) {
      const found = this.primaryNodes.get(instanceId);
      if (found?.parent === regionNode) return found;
      if (regionNode.nextOffset === undefined || regionNode.loadMoreError !== undefined) return undefined;
      await this.loadPrimaryPages(regionNode);
      this.deps.changed(regionNode);
    }
    return undefined;
  }

  /**
   * Loads a region's primaries and their groups until the group shows up. Groups can only be listed per primary,
   * so this walks the primaries, a few at a time (the rate limit of DescribeReadOnlyGroups is generous).
   */
  async findGroup(region: string, groupId: string): Promise<RoGroupNode | undefined> {
    // The tree may not have been shown yet: its region nodes are made on first use.
    if (!this.regions.has(region)) this.rootNodes();
    const regionNode = this.regions.get(region);
    if (!regionNode) return undefined;
    await this.regionChildren(regionNode);
    let searched = 0;
    for (let pages = 0; pages < 100 && !this.dropped; pages++) {
      const pending = regionNode.primaries.slice(searched);
      for (let start = 0; start < pending.length; start += 4) {
        await Promise.all(pending.slice(start, start + 4).map((primary) => this.children(primary)));
        const found = this.groupNodes.get(groupId);
        if (found) return found;
      }
      searched = regionNode.primaries.length;
      if (regionNode.nextOffset === undefined) return undefined;
      await this.loadPrimaryPages(regionNode);
      this.deps.changed(regionNode);
    }
    return undefined;
  }

  /** Cancels the loads in flight and stops re-reading changing groups; what is still on its way is ignored. */
  dispose(): void {
    this.dropped = true;
    this.abort.abort();
    this.settle.clear();
  }

  private rootNodes(): ExplorerNode[] {
    const { t } = this.deps;
    const regionIds = this.deps.settings.regions();
    if (regionIds.length === 0) {
      return [new MessageNode(undefined, 'noRegions', t('No regions selected. Select Regions…'), 'globe', {
        id: COMMAND.selectRegions,
        title: t('Select Regions…'),
      })];
    }
    // Keep the nodes (and what they loaded) of regions that stay selected.
    const next = new Map<string, RegionNode>();
    for (const id of regionIds) next.set(id, this.regions.get(id) ?? new RegionNode(id));
    this.regions = next;
    return [...next.values()];
  }

  private async regionChildren(region: RegionNode, signal?: AbortSignal): Promise<ExplorerNode[]> {
    if (!region.loaded) {
      await this.loadPrimaryPages(region, signal);
      // A first page shared with a walk that was cancelled since ends unloaded and without an error: load it again.
      while (!region.loaded && region.loadMoreError === undefined && !this.dropped && !signal?.aborted) {
        await this.loadPrimaryPages(region, signal);
      }
    } else if (region.loading) {
      await region.loading;
    }
    if (signal?.aborted) throw signal.reason ?? new Error('Cancelled');
    if (!region.loaded) {
      // The first page failed: its error is the only child.
      return [new ErrorNode(region, region.loadMoreError, 'reload')];
    }
    const children: ExplorerNode[] = [...region.primaries];
    if (region.nextOffset !== undefined) {
      children.push(region.loadMoreError !== undefined ? new ErrorNode(region, region.loadMoreError, 'loadMore') : new LoadMoreNode(region));
    }
    if (children.length === 0) {
      children.push(new MessageNode(region, 'noPrimaries', this.deps.t('No PostgreSQL instances in this region.'), 'info'));
    }
    return children;
  }

  /**
   * Loads the next page of primaries (several API pages when they hold other instance types), shared by concurrent
   * callers, and with it the groups of every primary on it.
   */
  private loadPrimaryPages(region: RegionNode, walk?: AbortSignal): Promise<void> {
    const signal = walk ? AbortSignal.any([this.abort.signal, walk]) : this.abort.signal;
    region.loading ??= (async () => {
      try {
        const groupsShown: Promise<unknown>[] = [];
        const offset = region.nextOffset;
        const ahead = region.ahead;
        region.ahead = undefined;
        const pages =
          offset === undefined
            ? []
            : primaryPages(this.deps.api, { region: region.regionId, offset, pageSize: this.deps.settings.pageSize(), signal, ahead, clock: this.deps.clock });
        for await (const page of pages) {
          if (this.dropped) return;
          for (const loaded of page.primaries) {
            const node = new PrimaryInstanceNode(region, loaded.instance);
            this.primaryNodes.set(loaded.instance.id, node);
            this.settle.watch(node.owner);
            // The groups are on their way already: expanding the primary shows them without a round trip.
            node.children = this.loadGroups(node, walk, loaded.groups);
            groupsShown.push(node.children);
            region.primaries.push(node);
          }
          region.nextOffset = page.nextOffset;
          region.totalCount = page.totalCount;
          region.ahead = page.ahead;
        }
        // The page shows once its groups are in too (one round trip later, all at once): each primary then shows
        // its group count from the start, and expanding it is instant. loadGroups never rejects.
        await Promise.all(groupsShown);
        // Cancelled by its walk: the primaries in are kept (their groups load again when asked for), no error shown.
        if (this.dropped || walk?.aborted) return;
        region.loaded = true;
        region.loadMoreError = undefined;
      } catch (error) {
        if (this.dropped || walk?.aborted) return;
        this.logLoadFailure(`primary instances of ${region.regionId}`, error);
        region.loadMoreError = error;
      } finally {
        region.loading = undefined;
      }
    })();
    return region.loading;
  }

  /** A primary's group nodes, loading them (again, if a cancelled walk's load is all there was) when they are not in. */
  private async groupsOf(primary: PrimaryInstanceNode, signal?: AbortSignal): Promise<ExplorerNode[]> {
    for (;;) {
      primary.children ??= this.loadGroups(primary, signal);
      const groups = await primary.children;
      if (groups !== CANCELLED) return groups;
      if (this.dropped) return [];
      if (signal?.aborted) throw signal.reason ?? new Error('Cancelled');
    }
  }

  /**
   * The groups' nodes of a primary, from a load already started with its page (`requested`) or a new one; CANCELLED
   * (and forgotten, so the next caller loads again) when the walk's signal stopped it.
   */
  private async loadGroups(primary: PrimaryInstanceNode, walk: AbortSignal | undefined, requested?: Promise<ReadOnlyGroup[]>): Promise<ExplorerNode[]> {
    try {
      const signal = walk ? AbortSignal.any([this.abort.signal, walk]) : this.abort.signal;
      const groups = await (requested ?? this.deps.api.listReadOnlyGroups(primary.instance.region, primary.instance.id, { signal }));
      if (this.dropped) return [];
      if (primary.groupCount !== groups.length) {
        const shown = primary.groupCount !== undefined;
        primary.groupCount = groups.length;
        // A reload that changed the count redraws the row (its children are cached, so this costs no call).
        if (shown) this.deps.changed(primary);
      }
      if (groups.length === 0) {
        return [new MessageNode(primary, 'noGroups', this.deps.t('No read-only groups on this instance.'), 'info')];
      }
      return groups.map((group) => {
        const node = new RoGroupNode(primary, group);
        this.groupNodes.set(group.id, node);
        this.settle.watch(node.owner);
        return node;
      });
    } catch (error) {
      if (this.dropped) return [];
      if (walk?.aborted) {
        primary.children = undefined;
        return CANCELLED;
      }
      primary.groupCount = undefined;
      this.logLoadFailure(`read-only groups of ${primary.instance.id}`, error);
      // Not cached: Retry (or expanding again after a collapse) loads again.
      primary.children = undefined;
      return [new ErrorNode(primary, error, 'reload')];
    }
  }

  /** Forgets the loaded groups and primaries (of one region, or all) and stops re-reading them. */
  private forgetGroups(regionId?: string): void {
    for (const [id, node] of this.groupNodes) {
      if (regionId === undefined || node.group.region === regionId) {
        this.groupNodes.delete(id);
        this.settle.forget(id);
      }
    }
    for (const [id, node] of this.primaryNodes) {
      if (regionId === undefined || node.instance.region === regionId) {
        this.primaryNodes.delete(id);
        this.settle.forget(id);
      }
    }
  }

  /** The settle watcher's read of a changing owner; a failure is logged, and the watch ends with it. */
  private rereadChanging(owner: NetworkOwner): void {
    const failed = (what: string) => (error: unknown) => this.logLoadFailure(what, error);
    switch (owner.kind) {
      case 'readOnlyGroup':
        this.rereadGroup(owner.group.region, owner.group.id).catch(failed(`read-only group ${owner.group.id}`));
        return;
      case 'primaryInstance':
        this.rereadPrimary(owner.instance.region, owner.instance.id).catch(failed(`primary instance ${owner.instance.id}`));
        return;
      default:
        unreachableOwner(owner);
    }
  }

  private logLoadFailure(what: string, error: unknown): void {
    this.deps.onLoadFailure(what, error);
  }
}
