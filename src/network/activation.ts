import { COMMAND } from '../ui/commandIds';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CloudApi } from '../cloud/cloudApi';
import { systemClock } from '../domain/clock';
import { addNetwork } from './add/addNetwork';
import type { CommandContext } from '../ui/commands';
import { registerCommand } from '../ui/commands';
import { prefixedLogger } from '../domain/logger';
import { removeNetwork } from './removeNetwork';
import type { Site } from '../domain/model';
import type { ClientLease } from '../cloud/cloudApi';
import type { OwnerView } from '../ui/ownerView';
import { MementoTaskStore } from './tracking/mementoTaskStore';
import { nodeBoardFs } from './tracking/nodeBoardFs';
import { RESCAN_MS, TaskBoard } from '../tasks/shared/taskBoard';
import { showTasks } from './tracking/showTasks';
import { TaskNotifications } from './tracking/taskNotifications';
import { TaskStatusBar } from './tracking/taskStatusBar';
import { TaskTracker } from '../tasks/taskTracker';
import type { SentWith } from '../tasks/elsewherePollers';
import { networkSettings } from './networkSettings';
import { NetworkChanges } from './change/networkChanges';
import type { NetworkCommandDeps } from './networkDeps';
import { vscodeNetworkUi } from './vscodeNetworkUi';
import { UserFacingError } from '../ui/userFacingError';
import { QuickInputPrompter } from '../wizard/quickInputPrompter';

export interface NetworkFeatureDeps {
  readonly api: CloudApi;
  readonly ownerView: OwnerView;
  /** How commands report failures and speak to the window. */
  readonly commands: CommandContext;
  readonly log: vscode.LogOutputChannel;
  readonly regions: () => readonly string[];
  readonly site: () => Site;
  /** The profile `api` speaks for now: tasks are polled only with the profile they were started under. */
  readonly activeProfileId: () => string | undefined;
  /** Where `api` sends its calls now (site and endpoint): tasks are polled only where they were sent. */
  readonly activeConnection: () => string | undefined;
  /** Fires when the active profile (and so `api`) changes. */
  readonly onDidChangeProfile: vscode.Event<unknown>;
  /** Fires with a profile's id once it is signed out: its tasks can no longer be followed. */
  readonly onDidSignOut: vscode.Event<string>;
  /** Holds the active profile's client for one write (see ClientLease). */
  readonly lease: () => ClientLease | undefined;
  /**
   * A client for the profile, site and endpoint something was sent with: a task sent elsewhere is polled through it
   * until it ends, and a gone window's write is read back through it (see ChangeDeps.leaseFor).
   */
  readonly leaseFor?: (sentWith: SentWith) => ClientLease | undefined;
  /** How a profile is named in the UI (the credentials feature knows). */
  readonly profileDisplayName: (profileId: string) => string;
  /** How long one API request may take: part of how long a window's `sending` record may stand. */
  readonly requestTimeoutMs: () => number;
}

/** Beyond a request's timeout and the settle window, before a `sending` record is taken for a dead window's. */
const SENDING_MARGIN_MS = 60_000;

/**
 * A change refused because the board cannot be read or written: sending it unrecorded would let another window
 * send the same change. The words name the folder and the error, so the user can free space or fix permissions.
 */
function boardUnavailable(folder: string, error: unknown): UserFacingError {
  const reason = error instanceof Error ? error.message : String(error);
  return new UserFacingError(
    vscode.l10n.t('The change was not sent: the task folder {0} that your windows share cannot be used ({1}). Free disk space or fix its permissions, then try again.', folder, reason),
  );
}

/** A change refused because the group's lock file cannot be read: it is left alone, and named for the user. */
function recordUnreadable(file: string): UserFacingError {
  return new UserFacingError(
    vscode.l10n.t('The change was not sent: the lock file {0} of this group cannot be read (damaged, or written by a newer version of the extension). If no window is changing this group, delete the file and try again.', file),
  );
}

/** What the network feature exposes to the rest of the extension (and to the extension-host tests). */
export interface NetworkFeature {
  readonly tracker: TaskTracker;
  readonly prompter: QuickInputPrompter;
  readonly notifications: TaskNotifications;
  /** The folder of the board the user's windows share (undefined when global storage is not on disk). */
  readonly taskFolder: string | undefined;
}

/**
 * Add Network, Remove Network and the task tracker: builds them, registers their commands, and resumes the
 * tasks a previous window left in flight.
 */
export function registerNetworkCommands(context: vscode.ExtensionContext, deps: NetworkFeatureDeps): NetworkFeature {
  // Every window of the user on this machine shares the extension's global storage folder, and so this board.
  // Storage that is not a local folder (a browser's) leaves each window with its own tasks in global state.
  const taskFolder = context.globalStorageUri.scheme === 'file' ? path.join(context.globalStorageUri.fsPath, 'tasks') : undefined;
  const tasksLog = prefixedLogger(deps.log, 'tasks: ');
  const board =
    taskFolder === undefined
      ? undefined
      : new TaskBoard({
          fs: nodeBoardFs(taskFolder),
          clock: systemClock,
          windowId: randomUUID(),
          sendingStaleMs: () => deps.requestTimeoutMs() + networkSettings.writeSettleMs() + SENDING_MARGIN_MS,
          log: tasksLog,
          unavailable: (error) => boardUnavailable(taskFolder, error),
          unreadable: (fileName) => recordUnreadable(path.join(taskFolder, fileName)),
        });
  const tracker = new TaskTracker({
    api: deps.api,
    clock: systemClock,
    board,
    // Only what an older version left in global state: the board holds the tasks now.
    store: new MementoTaskStore(context.globalState),
    timing: networkSettings,
    activeProfileId: deps.activeProfileId,
    activeConnection: deps.activeConnection,
    clientFor: deps.leaseFor,
    log: tasksLog,
  });
  const prompter = new QuickInputPrompter();
  const notifications = new TaskNotifications({
    tracker,
    window: deps.commands.window,
    ownerView: deps.ownerView,
    log: deps.log,
    site: deps.site,
    timeoutMinutes: () => networkSettings.timeoutMinutes(),
  });
  const statusBar = new TaskStatusBar(tracker, COMMAND.showTasks, deps.profileDisplayName);
  context.subscriptions.push(prompter, notifications, statusBar, { dispose: () => tracker.dispose() });
  context.subscriptions.push(
    deps.onDidChangeProfile(() => tracker.activeProfileChanged()),
    deps.onDidSignOut((profileId) => {
      const dropped = tracker.tasks().filter((task) => task.profileId === profileId);
      tracker.forgetProfile(profileId);
      notifications.signedOut(dropped, deps.profileDisplayName(profileId));
    }),
  );

  const ui = vscodeNetworkUi(deps.commands.window, deps.log);
  const t = vscode.l10n.t;
  const owners = board?.owners;
  const ownerLock = owners && {
    claim: owners.claimOwner.bind(owners),
    release: owners.releaseOwner.bind(owners),
    markUnsettled: owners.markUnsettled.bind(owners),
    deadUnsettled: owners.deadUnsettled.bind(owners),
    adoptOwner: owners.adoptOwner.bind(owners),
  };
  const changes = new NetworkChanges({ ...deps, tracker, ui, t, clock: systemClock, settleWindowMs: () => networkSettings.writeSettleMs(), ownerLock });
  // A write whose answer was lost in a window since reloaded or closed is settled here once its record stops changing.
  const adopting = setInterval(() => void changes.adoptDead().catch((error: unknown) => deps.log.warn(`settling a gone window's change: ${String(error)}`)), RESCAN_MS);
  context.subscriptions.push({ dispose: () => clearInterval(adopting) });
  const commandDeps: NetworkCommandDeps = { api: deps.api, prompter, ui, t, regions: deps.regions, changes };
  registerCommand(deps.commands, COMMAND.addNetwork, (argument?: unknown) => addNetwork(commandDeps, argument));
  registerCommand(deps.commands, COMMAND.addNetworkToGroup, () => addNetwork(commandDeps));
  registerCommand(deps.commands, COMMAND.removeNetwork, (argument?: unknown) => removeNetwork(commandDeps, argument));
  registerCommand(deps.commands, COMMAND.showTasks, () => showTasks(deps.commands.window, tracker, deps.ownerView, deps.profileDisplayName));

  tracker.resume();
  return { tracker, prompter, notifications, taskFolder };
}
