import * as vscode from 'vscode';
import type { Clock } from '../domain/clock';
import { ownerRegion, refOf, unreachableOwner } from '../domain/networkOwner';
import type { OwnerRef } from '../domain/networkOwner';
import type { OwnerView } from '../ui/ownerView';
import type { Translate } from '../domain/translate';
import { describeForLog } from '../ui/describeForLog';
import type { ExplorerAccount, ExplorerConnection, ExplorerSettings } from './explorerPorts';
import type { ErrorNode, ExplorerNode, PrimaryInstanceNode, RegionNode, RoGroupNode } from './nodes';
import * as present from './presentation';
import { markdown, treeItemFor } from './treeItems';
import type { TreeItemContext } from './treeItems';
import { TreeLoadCache } from './treeLoadCache';
import type { Logger } from '../domain/logger';

const t: Translate = (message, ...args) => vscode.l10n.t(message, ...args);

export interface ExplorerTreeDeps {
  readonly connection: ExplorerConnection;
  readonly settings: ExplorerSettings;
  readonly clock: Clock;
  readonly log: Logger;
}

/**
 * The tree of regions > primary instances > read-only groups > networks, as VS Code asks for it. What is loaded
 * lives in a TreeLoadCache, one per connection; this class answers the view, the commands and the OwnerView.
 */
export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, OwnerView, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  private cache: TreeLoadCache | undefined;
  /** Activities shown on owners ("Creating network…"), by group or instance id; they belong to the connection too. */
  private readonly activities = new Map<string, string>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  private view: vscode.TreeView<ExplorerNode> | undefined;
  private readonly connectionReady: Promise<void>;
  private readonly itemContext: TreeItemContext = {
    t,
    activityOf: (groupId) => this.activities.get(groupId),
    // Left undefined when the VPC names are not loaded yet, so resolveTreeItem fills the tooltip in on hover.
    namesOf: (region) => this.cache?.names.peek(region),
  };

  constructor(private readonly deps: ExplorerTreeDeps) {
    this.connectionReady = deps.connection.ready;
    this.startSession(deps.connection.current);
    this.subscriptions.push(
      deps.connection.onDidChange((current) => {
        this.startSession(current);
        this.changed.fire(undefined);
      }),
      deps.settings.onDidChange((keys) => {
        if (keys.has('pageSize')) {
          // Pages loaded with the old size would not line up with the next ones.
          this.refreshAll();
        } else if (keys.has('regions')) {
          this.changed.fire(undefined);
        }
      }),
    );
  }

  /** The view shows this provider; needed to reveal a group. */
  attachView(view: vscode.TreeView<ExplorerNode>): void {
    this.view = view;
  }

  // ---- TreeDataProvider ----

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return treeItemFor(node, this.itemContext);
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    // Right after activation the view shows its progress bar until the stored profiles are read.
    await this.connectionReady;
    // Signed out: an empty tree lets the welcome view (with "Sign In") show.
    return this.cache ? this.cache.children(node) : [];
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  async resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    const cache = this.cache;
    if (!cache || item.tooltip !== undefined || (node.kind !== 'roGroup' && node.kind !== 'network')) {
      return item;
    }
    const names = await cache.names.get(ownerRegion(node.owner));
    if (token.isCancellationRequested) return item;
    item.tooltip = markdown(
      node.kind === 'roGroup' ? present.groupTooltip(node.group, t, names) : present.networkTooltip(node.owner, node.network, t, names),
    );
    return item;
  }

  // ---- Commands' entry points ----

  /** Reloads everything (the view title's Refresh). */
  refreshAll(): void {
    this.cache?.resetAll();
    this.changed.fire(undefined);
  }

  /** Reloads one node's level: a region's pages, a primary's groups, a group (read back by id). */
  async refreshNode(node: ExplorerNode | undefined): Promise<void> {
    if (!node) {
      this.refreshAll();
      return;
    }
    switch (node.kind) {
      case 'region':
        this.cache?.resetRegion(node);
        this.changed.fire(node);
        return;
      case 'primary':
        node.children = undefined;
        this.changed.fire(node);
        return;
      case 'roGroup':
      case 'network':
        await this.refreshOwner(refOf(node.owner));
        return;
      case 'loadMore':
        await this.loadMore(node.parent);
        return;
      case 'error':
        await this.retry(node);
        return;
      case 'message':
        if (node.parent) await this.refreshNode(node.parent);
        return;
    }
  }

  async retry(node: ErrorNode): Promise<void> {
    if (node.retry === 'loadMore' && node.parent?.kind === 'region') {
      await this.loadMore(node.parent);
    } else if (node.parent) {
      await this.refreshNode(node.parent);
    } else {
      this.refreshAll();
    }
  }

  /** Fetches the next page of a region's primaries and appends it. */
  async loadMore(region: RegionNode): Promise<void> {
    await this.cache?.loadMore(region);
  }

  // ---- OwnerView ----

  /** Reads a group (DescribeReadOnlyGroups) or a primary (DescribeDBInstances by id) back and redraws it. */
  async refreshOwner(owner: OwnerRef): Promise<void> {
    switch (owner.kind) {
      case 'readOnlyGroup':
        await this.cache?.rereadGroup(owner.region, owner.id);
        return;
      case 'primaryInstance':
        await this.cache?.rereadPrimary(owner.region, owner.id);
        return;
      default:
        unreachableOwner(owner);
    }
  }

  private async ownerNode(cache: TreeLoadCache, owner: OwnerRef): Promise<RoGroupNode | PrimaryInstanceNode | undefined> {
    switch (owner.kind) {
      case 'readOnlyGroup':
        return cache.group(owner.id) ?? (await cache.findGroup(owner.region, owner.id));
      case 'primaryInstance':
        return cache.primary(owner.id) ?? (await cache.findPrimary(owner.region, owner.id));
      default:
        return unreachableOwner(owner);
    }
  }

  setOwnerActivity(ownerId: string, activity: string | undefined): void {
    if (activity === undefined) this.activities.delete(ownerId);
    else this.activities.set(ownerId, activity);
    const node = this.cache?.group(ownerId) ?? this.cache?.primary(ownerId);
    if (node) this.changed.fire(node);
  }

  async revealOwner(owner: OwnerRef): Promise<void> {
    const cache = this.cache;
    if (!cache) return;
    const node = await this.ownerNode(cache, owner);
    if (node && cache === this.cache) {
      await this.view?.reveal(node, { select: true, focus: true, expand: true });
    }
  }

  /** The current connection's loaded tree, for the walks that load more of it (Find, exports); undefined when signed out. */
  get loaded(): TreeLoadCache | undefined {
    return this.cache;
  }

  /** Expands the tree down to a node and selects it. */
  async reveal(node: ExplorerNode): Promise<void> {
    await this.view?.reveal(node, { select: true, focus: true, expand: node.kind === 'roGroup' });
  }

  dispose(): void {
    this.cache?.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  /** Drops everything loaded for the previous account; a new cache loads lazily for the new one. */
  private startSession(account: ExplorerAccount | undefined): void {
    this.cache?.dispose();
    this.activities.clear();
    this.cache = account
      ? new TreeLoadCache({
          api: account.api,
          settings: this.deps.settings,
          clock: this.deps.clock,
          t,
          changed: (node) => this.changed.fire(node),
          onLoadFailure: (what, error) => this.deps.log.warn(`Could not load ${what}: ${describeForLog(error)}`),
        })
      : undefined;
  }
}
