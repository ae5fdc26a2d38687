// The explorer's nodes by id, loading pages as a person clicking "Load more" would.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { ExplorerNode, NetworkNode, PrimaryInstanceNode, RegionNode, RoGroupNode } from '../../../src/explorer/nodes';

export async function regionNode(api: ExtensionApi, regionId: string): Promise<RegionNode> {
  const roots = await api.explorer.getChildren();
  const region = roots.find((node): node is RegionNode => node.kind === 'region' && node.regionId === regionId);
  assert.ok(region, `no region node ${regionId}`);
  return region;
}

/** The tree node of a group, loading pages of its region until it shows. */
export async function groupNode(api: ExtensionApi, regionId: string, groupId: string): Promise<RoGroupNode> {
  const region = await regionNode(api, regionId);
  for (let page = 0; page < 20; page++) {
    const children: ExplorerNode[] = await api.explorer.getChildren(region);
    for (const primary of children.filter((child): child is PrimaryInstanceNode => child.kind === 'primary')) {
      const groups = await api.explorer.getChildren(primary);
      const found = groups.find((child): child is RoGroupNode => child.kind === 'roGroup' && child.group.id === groupId);
      if (found) return found;
    }
    const more = children.find((child) => child.kind === 'loadMore');
    if (!more) break;
    await vscode.commands.executeCommand('tencentdbPostgres.loadMore', more);
  }
  assert.fail(`no tree node for group ${groupId}`);
}

export async function networkNode(api: ExtensionApi, regionId: string, groupId: string, ip: string): Promise<NetworkNode> {
  const group = await groupNode(api, regionId, groupId);
  const networks = await api.explorer.getChildren(group);
  const found = networks.find((child): child is NetworkNode => child.kind === 'network' && child.network.ip === ip);
  assert.ok(found, `no network ${ip} under ${groupId}`);
  return found;
}

/** Tree item labels as text. */
export function labelOf(api: ExtensionApi, node: ExplorerNode): string {
  const label = api.explorer.getTreeItem(node).label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}
