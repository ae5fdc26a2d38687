import { COMMAND } from './ui/commandIds';
import * as vscode from 'vscode';
import { registerAsCode } from './asCode/activation';
import { createLazyTencentCloudApi } from './cloud/lazyCloudApi';
import { registerConnection } from './connection/activation';
import { registerCredentials } from './credentials/activation';
import type { ProfilesApi } from './credentials/activation';
import { profileDisplayName } from './credentials/profileLabels';
import { systemClock } from './domain/clock';
import { registerExplorer } from './explorer/activation';
import type { ExplorerApi } from './explorer/activation';
import { settings } from './settings';
import { WindowUi } from './ui/windowUi';
import { registerCommand } from './ui/commands';
import { registerNetworkCommands } from './network/activation';
import type { NetworkFeature } from './network/activation';
import { currentConnectionApi } from './network/currentApi';
import { maskingLog } from './ui/maskingLog';

/** Set by the bundle's first statement (esbuild.mjs); absent when the compiled modules are loaded one by one. */
declare const __tencentdbBundleStartedAt: number | undefined;
const bundleStartedAt = typeof __tencentdbBundleStartedAt === 'number' ? __tencentdbBundleStartedAt : undefined;
/** When this module's body ran: every module the bundle loads up front has been evaluated by then. */
const evaluatedAt = performance.now();

/** performance.now() stamps of the activation, so that its cost can be told from the host's own. */
export interface ActivationTimes {
  readonly bundleStartedAt: number | undefined;
  readonly evaluatedAt: number;
  readonly activateStartedAt: number;
  readonly activateEndedAt: number;
}

/** What activate() returns: used by the extension-host tests, kept small on purpose. */
export interface ExtensionApi {
  readonly explorer: ExplorerApi;
  readonly profiles: ProfilesApi;
  readonly network: NetworkFeature;
  /** Every message and quick pick the extension shows goes through it. */
  readonly window: WindowUi;
  /** Resolves once the stored credentials are read and the active profile's client is set up. */
  readonly ready: Promise<void>;
  readonly activation: ActivationTimes;
}

/**
 * The composition root: builds every part of the extension and wires them together. Returns without waiting for
 * anything: the stored credentials are read in the background and the SDK is loaded on the first API call.
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const activateStartedAt = performance.now();
  const channel = vscode.window.createOutputChannel('TencentDB for PostgreSQL', { log: true });
  context.subscriptions.push(channel);
  const log = maskingLog(channel);
  const window = new WindowUi(log);
  context.subscriptions.push(window);
  const commands = { extensionContext: context, log, window };
  registerCommand(commands, COMMAND.showLog, () => log.show(true));
  const credentials = registerCredentials(context, { commands, createApi: createLazyTencentCloudApi, environment: process.env, settings });
  const explorer = registerExplorer(context, { commands, connection: credentials.connection, settings, clock: systemClock });
  // The signed-in profile's client at the time of each call; a call with no profile fails as "not signed in".
  const currentApi = currentConnectionApi(() => credentials.connection.current?.api, credentials.ready);
  const network = registerNetworkCommands(context, {
    api: currentApi,
    ownerView: explorer.ownerView,
    commands,
    log,
    regions: () => settings.regions(),
    site: () => settings.site(),
    // The same source as `api` above, so a task is polled only through its own profile's client.
    activeProfileId: () => credentials.connection.current?.profile.id,
    activeConnection: () => credentials.connection.current?.where,
    onDidChangeProfile: credentials.connection.onDidChange,
    onDidSignOut: credentials.onDidSignOut,
    profileDisplayName,
    lease: () => credentials.connection.lease(),
    // What was sent elsewhere (another profile, site or endpoint) is asked about there, with its own profile's keys.
    leaseFor: ({ profileId, connection }) => credentials.connection.leaseFor(profileId, connection),
    requestTimeoutMs: () => settings.requestTimeoutMs(),
  });
  registerAsCode({
    commands,
    networks: explorer.networks,
    securityGroupsOf: (group, signal) => currentApi.listReadOnlyGroupSecurityGroups(group.region, group.id, { signal }),
    now: () => new Date(),
  });
  registerConnection(commands, {
    endpoint: () => settings.endpoint(),
    subnetCidr: async (region, vpcId, subnetId) => {
      const subnets = await currentApi.listSubnets(region, vpcId).catch(() => []);
      return subnets.find((subnet) => subnet.id === subnetId)?.cidr;
    },
  });
  const activation = { bundleStartedAt, evaluatedAt, activateStartedAt, activateEndedAt: performance.now() };
  return { explorer: explorer.api, profiles: credentials.api, network, window, ready: credentials.ready, activation };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
