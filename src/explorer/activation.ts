import * as vscode from 'vscode';
import type { Clock } from '../domain/clock';
import type { CommandContext } from '../ui/commands';
import type { ExplorerConnection, ExplorerSettings } from './explorerPorts';
import { registerExplorerCommands } from './explorerCommands';
import { ExplorerTreeProvider } from './explorerTreeProvider';
import type { GroupView } from './groupView';
import type { ExplorerNode } from './nodes';

export type { ExplorerNode } from './nodes';
export type { ExplorerAccount, ExplorerConnection, ExplorerSettings } from './explorerPorts';

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
  /** The active account; the credentials' CloudConnection fits as it is. */
  readonly connection: ExplorerConnection;
  readonly settings: ExplorerSettings;
  readonly clock: Clock;
}

export function registerExplorer(context: vscode.ExtensionContext, deps: ExplorerDeps): ExplorerFeature {
  const provider = new ExplorerTreeProvider({ connection: deps.connection, settings: deps.settings, clock: deps.clock, log: deps.commands.log });
  const view = vscode.window.createTreeView('tencentdbPostgres.explorer', { treeDataProvider: provider, showCollapseAll: true });
  provider.attachView(view);
  context.subscriptions.push(provider, view);
  registerExplorerCommands({ commands: deps.commands, provider, connection: deps.connection, settings: deps.settings });
  return {
    groupView: provider,
    api: {
      getChildren: (node) => provider.getChildren(node),
      getTreeItem: (node) => provider.getTreeItem(node),
    },
  };
}
