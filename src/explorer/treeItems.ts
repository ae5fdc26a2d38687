import { COMMAND } from '../ui/commandIds';
import { contextValue } from '../ui/contextValues';
import { escapeMarkdown } from '../ui/markdown';
import * as vscode from 'vscode';
import { isCloudError } from '../cloud/cloudError';
import { ownerRegion } from '../domain/networkOwner';
import { isTransitionalGroupStatus, isTransitionalNetworkStatus } from '../domain/networkRules';
import type { Translate } from '../domain/translate';
import { describeCloudError } from '../ui/describeError';
import type { ErrorNode, ExplorerNode, LoadMoreNode, MessageNode, NetworkNode, PrimaryInstanceNode, RegionNode, RoGroupNode } from './nodes';
import * as present from './presentation';
import type { NetworkNames } from './presentation';
import { regionDisplayName } from './regionNames';

/** What a row shows besides its node: the translator, an owner's running activity, and VPC names once loaded. */
export interface TreeItemContext {
  readonly t: Translate;
  /** The activity on a group or primary instance ("Adding network…"), by its id. */
  activityOf(ownerId: string): string | undefined;
  /** Undefined until loaded: the tooltip is then left for resolveTreeItem to fill in on hover. */
  namesOf(region: string): NetworkNames | undefined;
}

/** The row of any node. */
export function treeItemFor(node: ExplorerNode, context: TreeItemContext): vscode.TreeItem {
  switch (node.kind) {
    case 'region':
      return regionItem(node, context);
    case 'primary':
      return primaryItem(node, context);
    case 'roGroup':
      return groupItem(node, context);
    case 'network':
      return networkItem(node, context);
    case 'loadMore':
      return loadMoreItem(node, context);
    case 'error':
      return errorItem(node, context);
    case 'message':
      return messageItem(node);
  }
}

export function regionItem(node: RegionNode, { t }: TreeItemContext): vscode.TreeItem {
  const name = regionDisplayName(node.regionId);
  const item = new vscode.TreeItem(name ?? node.regionId, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.treeId;
  item.description = name ? node.regionId : undefined;
  item.iconPath = new vscode.ThemeIcon('globe');
  item.contextValue = contextValue('region');
  item.tooltip = name ? `${name} (${node.regionId})` : node.regionId;
  item.accessibilityInformation = { label: t('Region {0}', name ? `${name}, ${node.regionId}` : node.regionId) };
  return item;
}

export function primaryItem(node: PrimaryInstanceNode, { t, activityOf }: TreeItemContext): vscode.TreeItem {
  const { instance } = node;
  const activity = activityOf(instance.id);
  const item = new vscode.TreeItem(present.primaryLabel(instance), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.treeId;
  const description = present.primaryDescription(instance, t, node.groupCount);
  item.description = activity ? `${activity} · ${description}` : description;
  item.iconPath = new vscode.ThemeIcon(activity !== undefined ? 'loading~spin' : 'database');
  item.contextValue = present.primaryContextValue(instance);
  item.tooltip = markdown(present.primaryTooltip(instance, t));
  const label = present.primaryAccessibilityLabel(instance, t);
  item.accessibilityInformation = { label: activity ? `${label}, ${activity}` : label };
  return item;
}

export function groupItem(node: RoGroupNode, { t, activityOf, namesOf }: TreeItemContext): vscode.TreeItem {
  const { group } = node;
  const activity = activityOf(group.id);
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
  const names = namesOf(group.region);
  item.tooltip = names ? markdown(present.groupTooltip(group, t, names)) : undefined;
  item.accessibilityInformation = { label: present.groupAccessibilityLabel(group, t, activity) };
  return item;
}

export function networkItem(node: NetworkNode, { t, namesOf }: TreeItemContext): vscode.TreeItem {
  const { owner, network } = node;
  const item = new vscode.TreeItem(present.networkAddress(network), vscode.TreeItemCollapsibleState.None);
  item.id = node.treeId;
  item.description = present.networkDescription(network, t);
  item.iconPath = networkIcon(network.status);
  item.contextValue = present.networkContextValue(owner, network);
  const names = namesOf(ownerRegion(owner));
  item.tooltip = names ? markdown(present.networkTooltip(owner, network, t, names)) : undefined;
  item.accessibilityInformation = { label: present.networkAccessibilityLabel(network, t) };
  return item;
}

export function loadMoreItem(node: LoadMoreNode, { t }: TreeItemContext): vscode.TreeItem {
  const loaded = node.parent.primaries.length;
  const item = new vscode.TreeItem(t('Load more…'), vscode.TreeItemCollapsibleState.None);
  item.id = node.treeId;
  item.description = t('{0} loaded', loaded);
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.contextValue = contextValue('loadMore');
  item.command = { command: COMMAND.loadMore, title: t('Load more…'), arguments: [node] };
  item.accessibilityInformation = { label: t('Load more primary instances; {0} loaded', loaded) };
  return item;
}

export function errorItem(node: ErrorNode, { t }: TreeItemContext): vscode.TreeItem {
  const message = describeCloudError(node.error);
  const item = new vscode.TreeItem(
    node.retry === 'loadMore' ? t('Could not load more: {0}', message) : t('Could not load: {0}', message),
    vscode.TreeItemCollapsibleState.None,
  );
  item.id = node.treeId;
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  item.contextValue = contextValue('error');
  const requestId = isCloudError(node.error) ? node.error.requestId : undefined;
  const tooltip = new vscode.MarkdownString();
  tooltip.appendText(message);
  if (requestId) {
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(t('Request ID: {0}', requestId));
  }
  tooltip.appendMarkdown(`\n\n${escapeMarkdown(t('Click to retry.'))}`);
  item.tooltip = tooltip;
  item.command = { command: COMMAND.retryNode, title: t('Retry'), arguments: [node] };
  item.accessibilityInformation = { label: t('Error: {0}. Activate to retry.', message) };
  return item;
}

export function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
  item.id = node.treeId;
  item.iconPath = new vscode.ThemeIcon(node.icon);
  item.contextValue = contextValue('message');
  if (node.command) {
    item.command = { command: node.command.id, title: node.command.title, arguments: node.command.args ? [...node.command.args] : undefined };
  }
  item.accessibilityInformation = { label: node.text };
  return item;
}

/** Tooltips quote names from the API: rendered as plain markdown, never HTML or command links. */
export function markdown(text: string): vscode.MarkdownString {
  const value = new vscode.MarkdownString(text);
  value.supportHtml = false;
  value.isTrusted = false;
  return value;
}

function networkIcon(status: string): vscode.ThemeIcon {
  if (isTransitionalNetworkStatus(status)) return new vscode.ThemeIcon('loading~spin');
  if (status === 'opened') return new vscode.ThemeIcon('plug', new vscode.ThemeColor('testing.iconPassed'));
  if (status === 'closed') return new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('disabledForeground'));
  return new vscode.ThemeIcon('plug');
}
