import { COMMAND } from '../ui/commandIds';
import * as vscode from 'vscode';
import type { Clock } from '../domain/clock';
import type { CommandContext } from '../ui/commands';
import type { ExplorerConnection, ExplorerSettings } from './explorerPorts';
import { registerExplorerCommands } from './explorerCommands';
import { ExplorerTreeProvider } from './explorerTreeProvider';
import { findGroupOrNetwork } from './findCommand';
import type { OwnerView } from '../ui/ownerView';
import { networkSource } from './networkSource';
import type { NetworkSource } from '../ui/networkSource';
import { registerCommand } from '../ui/commands';
import type { ExplorerNode } from './nodes';

export type { ExplorerNode } from './nodes';
export type { ExplorerConnection, ExplorerSettings } from './explorerPorts';

/** The tree as programs (tests) see it: the same nodes and items the view shows. */
export interface ExplorerApi {
  getChildren(node?: ExplorerNode): Promise<ExplorerNode[]>;
  getTreeItem(node: ExplorerNode): vscode.TreeItem;
  /** The rows selected in the view (Find selects what it reveals). */
  selection(): readonly ExplorerNode[];
}

export interface ExplorerFeature {
  /** For the wizard and the task tracker: refresh, mark and reveal one group. */
  readonly ownerView: OwnerView;
  /** For the exports: the networks below a node of the tree, loaded if needed. */
  readonly networks: NetworkSource;
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
  registerCommand(deps.commands, COMMAND.find, () =>
    findGroupOrNetwork({ cache: () => provider.loaded, reveal: (node) => provider.reveal(node), log: deps.commands.log, window: deps.commands.window }),
  );
  return {
    ownerView: provider,
    networks: networkSource(() => provider.loaded),
    api: {
      getChildren: (node) => provider.getChildren(node),
      getTreeItem: (node) => provider.getTreeItem(node),
      selection: () => view.selection,
    },
  };
}
