import * as vscode from 'vscode';
import { describeCloudError } from '../ui/describeError';
import { isCancellation } from '../ui/commands';
import type { WindowUi } from '../ui/windowUi';
import type { FindEntry } from './findMatch';
import { FIND_RENDER_INTERVAL_MS, RunningFind } from './findMatch';
import type { ExplorerNode, NetworkNode, PrimaryInstanceNode, RegionNode, RoGroupNode } from './nodes';
import { networkAddress } from './presentation';
import { regionDisplayName } from './regionNames';
import { groupsUnder } from './subtree';
import type { TreeLoadCache } from './treeLoadCache';
import { nameOrId } from '../domain/cloudText';
import { unreachableOwner } from '../domain/networkOwner';
import type { Logger } from '../domain/logger';

type FoundNode = PrimaryInstanceNode | RoGroupNode | NetworkNode;

interface NodeEntry extends FindEntry {
  readonly node: FoundNode;
}

interface FindItem extends vscode.QuickPickItem {
  readonly node?: FoundNode;
}

export interface FindDeps {
  /** The current connection's loaded tree; undefined when signed out. */
  readonly cache: () => TreeLoadCache | undefined;
  /** Expands the tree down to the node and selects it. */
  readonly reveal: (node: ExplorerNode) => Promise<void>;
  readonly log: Logger;
  readonly window: WindowUi;
}

/**
 * A quick pick that searches instances, groups and networks by id, name or VIP. What is loaded is searched at
 * once; every configured region is loaded in full at the same time (the client's rate limiter paces the calls),
 * and the results grow as regions come in. Closing the pick cancels the loads still running.
 */
export async function findGroupOrNetwork(deps: FindDeps): Promise<void> {
  const cache = deps.cache();
  if (!cache) {
    deps.window.show('info', vscode.l10n.t('Sign in to search your read-only groups.'));
    return;
  }
  const t = vscode.l10n.t;
  // What the walk brought so far, matched against the query as it comes in (only what is new on each redraw).
  const entries = new RunningFind<NodeEntry>();
  const failures: string[] = [];
  const abort = new AbortController();
  const pick = deps.window.createQuickPick<FindItem>();
  pick.title = t('Find Group or Network');
  pick.placeholder = t('Type a VIP, an instance or group ID, or a name');
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  pick.busy = true;

  const render = (): void => {
    const query = pick.value;
    const found = entries.results(query);
    const items: FindItem[] = found.map(({ entry }) => itemOf(entry));
    // The quick pick must not filter again: our matching already decided, on texts the item does not all show.
    for (const item of items) item.alwaysShow = true;
    if (query.trim() === '') {
      items.push({ label: t('Type to search {0} loaded items', entries.size), alwaysShow: true });
    } else if (items.length === 0) {
      items.push({ label: pick.busy ? t('Searching…') : t('Nothing matches {0}', query), alwaysShow: true });
    }
    for (const failure of failures) items.push({ label: `$(warning) ${failure}`, alwaysShow: true });
    pick.items = items;
  };
  // A big account's walk brings a thousand batches: drawing the list on each one would keep the extension host busy.
  // Batches only mark the list stale; it is drawn again at most every FIND_RENDER_INTERVAL_MS (typing still redraws
  // at once), and each redraw matches only the entries new since the last.
  let pendingRender: ReturnType<typeof setTimeout> | undefined;
  const renderSoon = (): void => {
    pendingRender ??= setTimeout(() => {
      pendingRender = undefined;
      render();
    }, FIND_RENDER_INTERVAL_MS);
  };
  const renderNow = (): void => {
    clearTimeout(pendingRender);
    pendingRender = undefined;
    render();
  };
  const add = (nodes: Iterable<FoundNode>): void => {
    for (const node of nodes) {
      entries.add(entryOf(node));
    }
  };
  const addGroups = (groups: readonly RoGroupNode[]): void => {
    for (const group of groups) add([group, ...group.networks]);
  };

  const chosen = new Promise<FoundNode | undefined>((resolve) => {
    pick.onDidChangeValue(render);
    pick.onDidAccept(() => {
      const node = pick.selectedItems[0]?.node;
      if (node) {
        resolve(node);
        pick.hide();
      }
    });
    pick.onDidHide(() => {
      clearTimeout(pendingRender);
      abort.abort(new vscode.CancellationError());
      resolve(undefined);
    });
  });
  render();
  pick.show();

  const regions = (await cache.children()).filter((node): node is RegionNode => node.kind === 'region');
  const loads = regions.map(async (region) => {
    try {
      await groupsUnder(cache, region, {
        signal: abort.signal,
        onBatch: (batch) => {
          // A primary's own networks (VIPs and public address) come with it, before its groups.
          for (const primary of batch.primaries) add([primary, ...primary.networks]);
          addGroups(batch.groups);
          renderSoon();
        },
      });
    } catch (error) {
      if (isCancellation(error) || abort.signal.aborted) return;
      deps.log.warn(`find: could not load ${region.regionId}: ${describeCloudError(error)}`);
      failures.push(t('{0} could not be searched: {1}', region.regionId, describeCloudError(error)));
      renderSoon();
    }
  });
  void Promise.all(loads).then(() => {
    pick.busy = false;
    renderNow();
  });

  const node = await chosen;
  pick.dispose();
  if (node) await deps.reveal(node);
}

function entryOf(node: FoundNode): NodeEntry {
  switch (node.kind) {
    case 'primary':
      return { ...primaryFields(node), kind: 'primary', key: node.treeId, node };
    case 'roGroup':
      return { ...groupFields(node), kind: 'group', key: node.treeId, node };
    case 'network': {
      const owner = node.parent.kind === 'roGroup' ? groupFields(node.parent) : primaryFields(node.parent);
      // A public address may have no IP: its domain name is what the user knows it by.
      return { ...owner, kind: 'network', key: node.treeId, node, vip: node.network.ip || node.network.address, port: node.network.port };
    }
  }
}

function primaryFields(node: PrimaryInstanceNode): Omit<FindEntry, 'kind' | 'key'> {
  return { region: node.instance.region, primaryId: node.instance.id, primaryName: node.instance.name };
}

function groupFields(node: RoGroupNode): Omit<FindEntry, 'kind' | 'key'> {
  return {
    region: node.group.region,
    primaryId: node.group.primaryInstanceId,
    primaryName: node.parent.instance.name,
    groupId: node.group.id,
    groupName: node.group.name,
  };
}

function itemOf(entry: NodeEntry): FindItem {
  const t = vscode.l10n.t;
  const region = regionDisplayName(entry.region) ?? entry.region;
  const { node } = entry;
  switch (node.kind) {
    case 'primary':
      return {
        label: `$(database) ${nameOrId(node.instance)}`,
        description: node.instance.id,
        detail: t('Primary instance in {0}', region),
        node,
      };
    case 'roGroup':
      return {
        label: `$(layers) ${nameOrId(node.group)}`,
        description: node.group.id,
        detail: t('Read-only group of {0} in {1}', node.parent.instance.name || node.group.primaryInstanceId, region),
        node,
      };
    case 'network':
      return {
        label: `$(plug) ${networkAddress(node.network)}`,
        description: node.network.vpcId,
        detail: networkDetail(node, region),
        node,
      };
  }
}

function networkDetail(node: NetworkNode, region: string): string {
  const t = vscode.l10n.t;
  const { owner } = node;
  switch (owner.kind) {
    case 'readOnlyGroup':
      return t('Network of {0} ({1}) in {2}', owner.group.name || owner.group.id, owner.group.id, region);
    case 'primaryInstance':
      return t('Network of primary instance {0} ({1}) in {2}', owner.instance.name || owner.instance.id, owner.instance.id, region);
    default:
      return unreachableOwner(owner);
  }
}
