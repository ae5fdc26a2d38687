import { COMMAND } from '../ui/commandIds';
import * as vscode from 'vscode';
import type { CommandContext } from '../ui/commands';
import { registerCommand } from '../ui/commands';
import { UserFacingError } from '../ui/userFacingError';
import { networkArgument } from '../ui/treeArguments';
import { checkNetworkReachability, copyConnectionString } from './connectionCommands';
import type { NetworkCarrier } from './connectionCommands';
import type { ConnectionDeps } from './ports';

export type { ConnectionDeps } from './ports';

/** Connecting to a network: its connection strings and a reachability check from where the extension runs. */
export function registerConnection(commands: CommandContext, deps: ConnectionDeps): void {
  registerCommand(commands, COMMAND.copyConnectionString, (node?: unknown) => copyConnectionString(commands.window, requireNetwork(node)));
  registerCommand(commands, COMMAND.checkReachability, (node?: unknown) => checkNetworkReachability(commands.window, requireNetwork(node), deps));
}

function requireNetwork(node: unknown): NetworkCarrier {
  const target = networkArgument(node);
  if (!target) throw new UserFacingError(vscode.l10n.t('Run this command from a network in the Read-Only Groups view.'));
  return target;
}
