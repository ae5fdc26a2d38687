import * as vscode from 'vscode';
import { isCloudError } from '../cloud/cloudError';
import { describeForLog } from '../ui/describeError';
import type { ReadOnlyGroup } from '../domain/model';
import { isTransitionalGroupStatus, isTransitionalNetworkStatus } from '../domain/networkRules';
import type { CloudConnection, Connection } from '../credentials/cloudConnection';
import { describeCloudError } from '../ui/describeError';
import { settings } from '../settings';
import type { GroupView } from './groupView';
import { NetworkNameCache } from './networkNames';
import { ErrorNode, LoadMoreNode, MessageNode, PrimaryInstanceNode, RegionNode, RoGroupNode } from './nodes';
import type { ExplorerNode, NetworkNode } from './nodes';
import type { Translate } from '../domain/translate';
import * as present from './presentation';
import { primaryPages } from './regionLoader';
import { regionDisplayName } from './regionNames';

/** While a group or one of its networks is changing, it is read again after this delay, doubling up to the max. */
const SETTLE_POLL_MS = 5000;
const SETTLE_POLL_MAX_INTERVAL_MS = 60_000;
/** ...for at most this long (a task tracker takes over for longer work). */
const SETTLE_POLL_MAX_MS = 10 * 60 * 1000;

const t: Translate = (message, ...args) => vscode.l10n.t(message, ...args);

/** Everything loaded for one connection: dropped whole when the profile or site changes. */
interface Session {
  readonly connection: Connection;
  readonly abort: AbortController;
  readonly names: NetworkNameCache;
}

/**
 * The tree of regions > primary instances > read-only groups > networks. Loads lazily (a level when it is
 * expanded), shares in-flight loads, and puts failures and empty states in the tree as nodes.
 */
export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, GroupView, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  private session: Session | undefined;
  private regions = new Map<string, RegionNode>();
  private readonly groupNodes = new Map<string, RoGroupNode>();
  private readonly activities = new Map<string, string>();
  private readonly settleTimers = new Map<string, { timer: NodeJS.Timeout; since: number; attempts: number }>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  private view: vscode.TreeView<ExplorerNode> | undefined;
  private readonly connectionReady: Promise<void>;

  constructor(
    connection: CloudConnection,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.connectionReady = connection.ready;
    this.startSession(connection.current);
    this.subscriptions.push(
      connection.onDidChange((current) => {
        this.startSession(current);
        this.changed.fire(undefined);
      }),
      settings.onDidChange((keys) => {
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
    switch (node.kind) {
      case 'region':
        return this.regionItem(node);
      case 'primary':
        return this.primaryItem(node);
      case 'roGroup':
        return this.groupItem(node);
      case 'network':
        return this.networkItem(node);
      case 'loadMore':
        return this.loadMoreItem(node);
      case 'error':
        return this.errorItem(node);
      case 'message':
        return this.messageItem(node);
    }
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    // Right after activation the view shows its progress bar until the stored profiles are read.
    await this.connectionReady;
    const session = this.session;
    if (!session) {
      // Signed out: an empty tree lets the welcome view (with "Sign In") show.
      return [];
    }
    if (!node) return this.rootNodes();
    switch (node.kind) {
      case 'region':
        return this.regionChildren(node, session);
      case 'primary':
        node.children ??= this.loadGroups(node, session);
        return node.children;
      case 'roGroup':
        return node.networks.length > 0
          ? node.networks
          : [new MessageNode(node, 'noNetworks', t('No networks. Add one to reach this group.'), 'info', {
              id: 'tencentdbPostgres.addNetwork',
              title: t('Add Network…'),
              args: [node],
            })];
      default:
        return [];
    }
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  async resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    const session = this.session;
    if (!session || item.tooltip !== undefined || (node.kind !== 'roGroup' && node.kind !== 'network')) {
      return item;
    }
    const names = await session.names.get(node.group.region);
    if (token.isCancellationRequested) return item;
    item.tooltip = markdown(
      node.kind === 'roGroup' ? present.groupTooltip(node.group, t, names) : present.networkTooltip(node.group, node.network, t, names),
    );
    return item;
  }

  // ---- Commands' entry points ----

  /** Reloads everything (the view title's Refresh). */
  refreshAll(): void {
    for (const region of this.regions.values()) region.reset();
    this.forgetGroups();
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
        this.forgetGroups(node.regionId);
        node.reset();
        this.changed.fire(node);
        return;
      case 'primary':
        node.children = undefined;
        this.changed.fire(node);
        return;
      case 'roGroup':
      case 'network':
        await this.refreshGroup(node.group.region, node.group.id);
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
    const session = this.session;
    if (!session || region.nextOffset === undefined) return;
    region.loadMoreError = undefined;
    await this.loadPrimaryPages(region, session);
    this.changed.fire(region);
  }

  // ---- GroupView ----

  async refreshGroup(region: string, groupId: string): Promise<void> {
    const session = this.session;
    const node = this.groupNodes.get(groupId);
    // A group that is not loaded is not shown: it will be read fresh when its primary is expanded.
    if (!session || !node || node.group.region !== region) return;
    const group = await session.connection.api.getReadOnlyGroup(region, node.group.primaryInstanceId, groupId, {
      signal: session.abort.signal,
    });
    if (session !== this.session || this.groupNodes.get(groupId) !== node) return;
    if (!group) {
      // The group is gone: its primary's list is what changed.
      this.groupNodes.delete(groupId);
      node.parent.children = undefined;
      this.changed.fire(node.parent);
      return;
    }
    node.update(group);
    this.changed.fire(node);
    this.watchUntilSettled(node);
  }

  setGroupActivity(groupId: string, activity: string | undefined): void {
    if (activity === undefined) this.activities.delete(groupId);
    else this.activities.set(groupId, activity);
    const node = this.groupNodes.get(groupId);
    if (node) this.changed.fire(node);
  }

  async revealGroup(region: string, groupId: string): Promise<void> {
    const session = this.session;
    if (!session) return;
    const node = this.groupNodes.get(groupId) ?? (await this.findGroup(region, groupId, session));
    if (node && session === this.session) {
      await this.view?.reveal(node, { select: true, focus: true, expand: true });
    }
  }

  /**
   * Loads a region's primaries and their groups until the group shows up. Groups can only be listed per primary,
   * so this walks the primaries, a few at a time (the rate limit of DescribeReadOnlyGroups is generous).
   */
  private async findGroup(region: string, groupId: string, session: Session): Promise<RoGroupNode | undefined> {
    // The tree may not have been shown yet: its region nodes are made on first use.
    if (!this.regions.has(region)) this.rootNodes();
    const regionNode = this.regions.get(region);
    if (!regionNode) return undefined;
    await this.regionChildren(regionNode, session);
    let searched = 0;
    for (let pages = 0; pages < 100 && session === this.session; pages++) {
      const pending = regionNode.primaries.slice(searched);
      for (let start = 0; start < pending.length; start += 4) {
        await Promise.all(pending.slice(start, start + 4).map((primary) => this.getChildren(primary)));
        const found = this.groupNodes.get(groupId);
        if (found) return found;
      }
      searched = regionNode.primaries.length;
      if (regionNode.nextOffset === undefined) return undefined;
      await this.loadPrimaryPages(regionNode, session);
      this.changed.fire(regionNode);
    }
    return undefined;
  }

  dispose(): void {
    this.session?.abort.abort();
    this.clearSettleTimers();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  // ---- Loading ----

  private startSession(connection: Connection | undefined): void {
    this.session?.abort.abort();
    this.clearSettleTimers();
    this.regions = new Map();
    this.groupNodes.clear();
    this.activities.clear();
    if (!connection) {
      this.session = undefined;
      return;
    }
    const abort = new AbortController();
    this.session = { connection, abort, names: new NetworkNameCache(connection.api, abort.signal) };
  }

  private rootNodes(): ExplorerNode[] {
    const regionIds = settings.regions();
    if (regionIds.length === 0) {
      return [new MessageNode(undefined, 'noRegions', t('No regions selected. Select Regions…'), 'globe', {
        id: 'tencentdbPostgres.selectRegions',
        title: t('Select Regions…'),
      })];
    }
    // Keep the nodes (and what they loaded) of regions that stay selected.
    const next = new Map<string, RegionNode>();
    for (const id of regionIds) next.set(id, this.regions.get(id) ?? new RegionNode(id));
    this.regions = next;
    return [...next.values()];
  }

  private async regionChildren(region: RegionNode, session: Session): Promise<ExplorerNode[]> {
    if (!region.loaded) {
      await this.loadPrimaryPages(region, session);
    } else if (region.loading) {
      await region.loading;
    }
    if (!region.loaded) {
      // The first page failed: its error is the only child.
      return [new ErrorNode(region, region.loadMoreError, 'reload')];
    }
    const children: ExplorerNode[] = [...region.primaries];
    if (region.nextOffset !== undefined) {
      children.push(region.loadMoreError !== undefined ? new ErrorNode(region, region.loadMoreError, 'loadMore') : new LoadMoreNode(region));
    }
    if (children.length === 0) {
      children.push(new MessageNode(region, 'noPrimaries', t('No PostgreSQL instances in this region.'), 'info'));
    }
    return children;
  }

  /**
   * Loads the next page of primaries (several API pages when they hold other instance types), shared by concurrent
   * callers, and with it the groups of every primary on it.
   */
  private loadPrimaryPages(region: RegionNode, session: Session): Promise<void> {
    region.loading ??= (async () => {
      try {
        const groupsShown: Promise<unknown>[] = [];
        const offset = region.nextOffset;
        const pages =
          offset === undefined
            ? []
            : primaryPages(session.connection.api, { region: region.regionId, offset, pageSize: settings.pageSize(), signal: session.abort.signal });
        for await (const page of pages) {
          if (session !== this.session) return;
          for (const loaded of page.primaries) {
            const node = new PrimaryInstanceNode(region, loaded.instance);
            // The groups are on their way already: expanding the primary shows them without a round trip.
            node.children = this.loadGroups(node, session, loaded.groups);
            groupsShown.push(node.children);
            region.primaries.push(node);
          }
          region.nextOffset = page.nextOffset;
          region.totalCount = page.totalCount;
        }
        // The page shows once its groups are in too (one round trip later, all at once): each primary then shows
        // its group count from the start, and expanding it is instant. loadGroups never rejects.
        await Promise.all(groupsShown);
        if (session !== this.session) return;
        region.loaded = true;
        region.loadMoreError = undefined;
      } catch (error) {
        if (session !== this.session) return;
        this.logLoadFailure(`primary instances of ${region.regionId}`, error);
        region.loadMoreError = error;
      } finally {
        region.loading = undefined;
      }
    })();
    return region.loading;
  }

  /** The groups' nodes of a primary, from a load already started with its page (`requested`) or a new one. */
  private async loadGroups(primary: PrimaryInstanceNode, session: Session, requested?: Promise<ReadOnlyGroup[]>): Promise<ExplorerNode[]> {
    try {
      const groups = await (requested ??
        session.connection.api.listReadOnlyGroups(primary.instance.region, primary.instance.id, { signal: session.abort.signal }));
      if (session !== this.session) return [];
      if (primary.groupCount !== groups.length) {
        const shown = primary.groupCount !== undefined;
        primary.groupCount = groups.length;
        // A reload that changed the count redraws the row (its children are cached, so this costs no call).
        if (shown) this.changed.fire(primary);
      }
      if (groups.length === 0) {
        return [new MessageNode(primary, 'noGroups', t('No read-only groups on this instance.'), 'info')];
      }
      return groups.map((group) => {
        const node = new RoGroupNode(primary, group);
        this.groupNodes.set(group.id, node);
        this.watchUntilSettled(node);
        return node;
      });
    } catch (error) {
      if (session !== this.session) return [];
      primary.groupCount = undefined;
      this.logLoadFailure(`read-only groups of ${primary.instance.id}`, error);
      // Not cached: Retry (or expanding again after a collapse) loads again.
      primary.children = undefined;
      return [new ErrorNode(primary, error, 'reload')];
    }
  }

  /** Reads a changing group again every few seconds, so its spinning networks stop spinning by themselves. */
  private watchUntilSettled(node: RoGroupNode): void {
    const id = node.group.id;
    const existing = this.settleTimers.get(id);
    if (existing) clearTimeout(existing.timer);
    if (!isChanging(node.group)) {
      this.settleTimers.delete(id);
      return;
    }
    const since = existing?.since ?? Date.now();
    const attempts = existing?.attempts ?? 0;
    if (Date.now() - since > SETTLE_POLL_MAX_MS) {
      this.settleTimers.delete(id);
      return;
    }
    const session = this.session;
    const delay = Math.min(SETTLE_POLL_MS * 2 ** attempts, SETTLE_POLL_MAX_INTERVAL_MS);
    const timer = setTimeout(() => {
      if (session !== this.session) return;
      this.refreshGroup(node.group.region, id).catch((error: unknown) => this.logLoadFailure(`read-only group ${id}`, error));
    }, delay);
    this.settleTimers.set(id, { timer, since, attempts: attempts + 1 });
  }

  private forgetGroups(regionId?: string): void {
    for (const [id, node] of this.groupNodes) {
      if (regionId === undefined || node.group.region === regionId) {
        this.groupNodes.delete(id);
        clearTimeout(this.settleTimers.get(id)?.timer);
        this.settleTimers.delete(id);
      }
    }
  }

  private clearSettleTimers(): void {
    for (const { timer } of this.settleTimers.values()) clearTimeout(timer);
    this.settleTimers.clear();
  }

  private logLoadFailure(what: string, error: unknown): void {
    this.log.warn(`Could not load ${what}: ${describeForLog(error)}`);
  }

  // ---- Tree items ----

  private regionItem(node: RegionNode): vscode.TreeItem {
    const name = regionDisplayName(node.regionId);
    const item = new vscode.TreeItem(name ?? node.regionId, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.treeId;
    item.description = name ? node.regionId : undefined;
    item.iconPath = new vscode.ThemeIcon('globe');
    item.contextValue = 'region';
    item.tooltip = name ? `${name} (${node.regionId})` : node.regionId;
    item.accessibilityInformation = { label: t('Region {0}', name ? `${name}, ${node.regionId}` : node.regionId) };
    return item;
  }

  private primaryItem(node: PrimaryInstanceNode): vscode.TreeItem {
    const { instance } = node;
    const item = new vscode.TreeItem(present.primaryLabel(instance), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.treeId;
    item.description = present.primaryDescription(instance, t, node.groupCount);
    item.iconPath = new vscode.ThemeIcon('database');
    item.contextValue = 'primaryInstance';
    item.tooltip = markdown(present.primaryTooltip(instance, t));
    item.accessibilityInformation = { label: present.primaryAccessibilityLabel(instance, t) };
    return item;
  }

  private groupItem(node: RoGroupNode): vscode.TreeItem {
    const { group } = node;
    const activity = this.activities.get(group.id);
    const item = new vscode.TreeItem(present.groupLabel(group), vscode.TreeItemCollapsibleState.Expanded);
    item.id = node.treeId;
    item.description = present.groupDescription(group, t, activity);
    item.iconPath =
      activity !== undefined || isTransitionalGroupStatus(group.status)
        ? new vscode.ThemeIcon('loading~spin')
        : group.status === 'ok'
          ? new vscode.ThemeIcon('layers')
          : new vscode.ThemeIcon('layers', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.contextValue = present.groupContextValue(group);
    // Left undefined when the VPC names are not loaded yet, so resolveTreeItem fills it in on hover.
    const names = this.session?.names.peek(group.region);
    item.tooltip = names ? markdown(present.groupTooltip(group, t, names)) : undefined;
    item.accessibilityInformation = { label: present.groupAccessibilityLabel(group, t, activity) };
    return item;
  }

  private networkItem(node: NetworkNode): vscode.TreeItem {
    const { group, network } = node;
    const item = new vscode.TreeItem(present.networkAddress(network), vscode.TreeItemCollapsibleState.None);
    item.id = node.treeId;
    item.description = present.networkDescription(network, t);
    item.iconPath = networkIcon(network.status);
    item.contextValue = present.networkContextValue(group, network);
    const names = this.session?.names.peek(group.region);
    item.tooltip = names ? markdown(present.networkTooltip(group, network, t, names)) : undefined;
    item.accessibilityInformation = { label: present.networkAccessibilityLabel(network, t) };
    return item;
  }

  private loadMoreItem(node: LoadMoreNode): vscode.TreeItem {
    const loaded = node.parent.primaries.length;
    const item = new vscode.TreeItem(t('Load more…'), vscode.TreeItemCollapsibleState.None);
    item.id = node.treeId;
    item.description = t('{0} loaded', loaded);
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = 'loadMore';
    item.command = { command: 'tencentdbPostgres.loadMore', title: t('Load more…'), arguments: [node] };
    item.accessibilityInformation = { label: t('Load more primary instances; {0} loaded', loaded) };
    return item;
  }

  private errorItem(node: ErrorNode): vscode.TreeItem {
    const message = describeCloudError(node.error);
    const item = new vscode.TreeItem(
      node.retry === 'loadMore' ? t('Could not load more: {0}', message) : t('Could not load: {0}', message),
      vscode.TreeItemCollapsibleState.None,
    );
    item.id = node.treeId;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.contextValue = 'error';
    const requestId = isCloudError(node.error) ? node.error.requestId : undefined;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(message);
    if (requestId) {
      tooltip.appendMarkdown('\n\n');
      tooltip.appendText(t('Request ID: {0}', requestId));
    }
    tooltip.appendMarkdown(`\n\n${present.escapeMarkdown(t('Click to retry.'))}`);
    item.tooltip = tooltip;
    item.command = { command: 'tencentdbPostgres.retryNode', title: t('Retry'), arguments: [node] };
    item.accessibilityInformation = { label: t('Error: {0}. Activate to retry.', message) };
    return item;
  }

  private messageItem(node: MessageNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
    item.id = node.treeId;
    item.iconPath = new vscode.ThemeIcon(node.icon);
    item.contextValue = 'message';
    if (node.command) {
      item.command = { command: node.command.id, title: node.command.title, arguments: node.command.args ? [...node.command.args] : undefined };
    }
    item.accessibilityInformation = { label: node.text };
    return item;
  }
}

function isChanging(group: ReadOnlyGroup): boolean {
  return isTransitionalGroupStatus(group.status) || group.networks.some((network) => isTransitionalNetworkStatus(network.status));
}

function networkIcon(status: string): vscode.ThemeIcon {
  if (isTransitionalNetworkStatus(status)) return new vscode.ThemeIcon('loading~spin');
  if (status === 'opened') return new vscode.ThemeIcon('plug', new vscode.ThemeColor('testing.iconPassed'));
  if (status === 'closed') return new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('disabledForeground'));
  return new vscode.ThemeIcon('plug');
}

function markdown(text: string): vscode.MarkdownString {
  const value = new vscode.MarkdownString(text);
  value.supportHtml = false;
  value.isTrusted = false;
  return value;
}

