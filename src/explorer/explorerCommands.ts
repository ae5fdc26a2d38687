import { COMMAND } from '../ui/commandIds';
import * as vscode from 'vscode';
import type { CommandContext } from '../ui/commands';
import { registerCommand } from '../ui/commands';
import { UserFacingError } from '../ui/userFacingError';
import { instanceConsoleUrl } from '../domain/consoleLinks';
import type { ExplorerConnection, ExplorerSettings } from './explorerPorts';
import type { ExplorerTreeProvider } from './explorerTreeProvider';
import type { ErrorNode, ExplorerNode, LoadMoreNode } from './nodes';
import { networkAddress } from './presentation';
import { selectRegions } from './selectRegions';
import { ownerId, ownerPrimaryInstanceId, ownerRegion } from '../domain/networkOwner';

export interface ExplorerCommandDeps {
  readonly commands: CommandContext;
  readonly provider: ExplorerTreeProvider;
  readonly connection: ExplorerConnection;
  readonly settings: ExplorerSettings;
}

export function registerExplorerCommands({ commands, provider, connection, settings }: ExplorerCommandDeps): void {
  registerCommand(commands, COMMAND.refresh, () => provider.refreshAll());
  registerCommand(commands, COMMAND.refreshNode, (node?: ExplorerNode) => provider.refreshNode(node));
  registerCommand(commands, COMMAND.retryNode, (node: ErrorNode) => provider.retry(requireNode(node)));
  registerCommand(commands, COMMAND.loadMore, (node: LoadMoreNode) => provider.loadMore(requireNode(node).parent));
  registerCommand(commands, COMMAND.selectRegions, () => selectRegions({ connection, settings, log: commands.log, window: commands.window }));

  registerCommand(commands, COMMAND.copyId, async (node: ExplorerNode) => {
    const id = idOf(requireNode(node));
    if (id === undefined) return;
    await vscode.env.clipboard.writeText(id);
    commands.window.flash(vscode.l10n.t('Copied {0}', id));
  });

  registerCommand(commands, COMMAND.copyAddress, async (node: ExplorerNode) => {
    const target = requireNode(node);
    if (target.kind !== 'network') return;
    const address = networkAddress(target.network);
    await vscode.env.clipboard.writeText(address);
    commands.window.flash(vscode.l10n.t('Copied {0}', address));
  });

  registerCommand(commands, COMMAND.openInConsole, async (node: ExplorerNode) => {
    const target = requireNode(node);
    const primary = primaryOf(target);
    if (!primary) return;
    const site = connection.current?.site ?? 'intl';
    await vscode.env.openExternal(vscode.Uri.parse(instanceConsoleUrl(site, primary.region, primary.id)));
  });
}

/** Menu commands get their node from the tree; from the palette (or a keybinding) there is none. */
function requireNode<T>(node: T | undefined): T {
  if (node === undefined || node === null) {
    throw new UserFacingError(vscode.l10n.t('Run this command from an item of the Read-Only Groups view.'));
  }
  return node;
}

function idOf(node: ExplorerNode): string | undefined {
  switch (node.kind) {
    case 'region':
      return node.regionId;
    case 'primary':
      return node.instance.id;
    case 'roGroup':
    case 'network':
      return ownerId(node.owner);
    case 'loadMore':
    case 'error':
    case 'message':
      return undefined;
  }
}

function primaryOf(node: ExplorerNode): { region: string; id: string } | undefined {
  switch (node.kind) {
    case 'primary':
      return { region: node.instance.region, id: node.instance.id };
    case 'roGroup':
    case 'network':
      return { region: ownerRegion(node.owner), id: ownerPrimaryInstanceId(node.owner) };
    case 'region':
    case 'loadMore':
    case 'error':
    case 'message':
      return undefined;
  }
}
