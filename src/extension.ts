import * as vscode from 'vscode';
import { createTencentCloudApi } from './cloud/tencentCloudApi';
import { registerCommonCommands } from './commands';
import { registerCredentials } from './credentials';
import type { ProfilesApi } from './credentials';
import { registerExplorer } from './explorer';
import type { ExplorerApi } from './explorer';
import { settings } from './settings';
import { registerNetworkCommands } from './wizard/activation';
import type { NetworkFeature } from './wizard/activation';
import { currentConnectionApi } from './wizard/currentApi';

/** What activate() returns: used by the extension-host tests, kept small on purpose. */
export interface ExtensionApi {
  readonly explorer: ExplorerApi;
  readonly profiles: ProfilesApi;
  readonly network: NetworkFeature;
}

/** The composition root: builds every part of the extension and wires them together. */
export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const log = vscode.window.createOutputChannel('TencentDB for PostgreSQL', { log: true });
  context.subscriptions.push(log);
  const commands = { extensionContext: context, log };
  registerCommonCommands(commands);
  const credentials = await registerCredentials(context, { commands, createApi: createTencentCloudApi, environment: process.env });
  const explorer = registerExplorer(context, { commands, connection: credentials.connection });
  const network = registerNetworkCommands(context, {
    api: currentConnectionApi(() => credentials.connection.current?.api),
    groupView: explorer.groupView,
    log,
    regions: () => settings.regions(),
    site: () => settings.site(),
  });
  return { explorer: explorer.api, profiles: credentials.api, network };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
