import * as vscode from 'vscode';
import type { CommandContext } from '../ui/commands';
import type { CloudConnection } from '../credentials/cloudConnection';
import { registerExplorerCommands } from './explorerCommands';
import { ExplorerTreeProvider } from './explorerTreeProvider';
import type { GroupView } from './groupView';
import type { ExplorerNode } from './nodes';

export type { ExplorerNode } from './nodes';

/** The tree as programs (tests) see it: the same nodes and items the view shows. */
export interface ExplorerApi {
  getChildren(node?: ExplorerNode): Promise<ExplorerNode[]>;
  getTreeItem(node: ExplorerNode): vscode.TreeItem;
}

export interface ExplorerFeature {
  /** For the wizard and the task tracker: refresh, mark and reveal one group. */
  readonly groupView: GroupView;
  readonly api: ExplorerApi;
}

export interface ExplorerDeps {
  readonly commands: CommandContext;
  readonly connection: CloudConnection;
}

export function registerExplorer(context: vscode.ExtensionContext, deps: ExplorerDeps): ExplorerFeature {
  const provider = new ExplorerTreeProvider(deps.connection, deps.commands.log);
  const view = vscode.window.createTreeView('tencentdbPostgres.explorer', { treeDataProvider: provider, showCollapseAll: true });
  provider.attachView(view);
  context.subscriptions.push(provider, view);
  registerExplorerCommands({ commands: deps.commands, provider, connection: deps.connection });
  return {
    groupView: provider,
    api: {
      getChildren: (node) => provider.getChildren(node),
      getTreeItem: (node) => provider.getTreeItem(node),
    },
  };
}
