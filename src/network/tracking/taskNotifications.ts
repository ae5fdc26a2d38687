import * as vscode from 'vscode';
import { instanceConsoleUrl } from '../../domain/consoleLinks';
import { refPrimaryInstanceId } from '../../domain/networkOwner';
import type { OwnerView } from '../../ui/ownerView';
import type { Site } from '../../domain/model';
import type { TaskTracker } from '../../tasks/taskTracker';
import { outcomeMessage, ownerActivityText } from '../../tasks/taskText';
import type { TaskOutcome, TrackedTask } from '../../tasks/trackedTask';

export interface TaskNotificationDeps {
  readonly tracker: TaskTracker;
  readonly ownerView: OwnerView;
  readonly log: vscode.LogOutputChannel;
  readonly site: () => Site;
  readonly timeoutMinutes: () => number;
}

/**
 * What the rest of the window sees of tasks: the group's activity in the tree while a task runs, and when it ends
 * the group read back into the tree and a notification (with "Show in Tree", the log, or the console).
 */
export class TaskNotifications implements vscode.Disposable {
  private readonly subscriptions: { dispose(): void }[] = [];
  private readonly ownersWithActivity = new Set<string>();
  private readonly outcomes = new vscode.EventEmitter<TaskOutcome>();
  /** Fires after the group has been refreshed and the notification shown. */
  readonly onDidReport = this.outcomes.event;

  constructor(private readonly deps: TaskNotificationDeps) {
    this.subscriptions.push(
      deps.tracker.onDidChange((tasks) => this.showActivities(tasks)),
      deps.tracker.onDidFinish((outcome) => void this.report(outcome)),
      // Another window reported the end: this one shows the group as it is now, without a second notification.
      deps.tracker.onDidEndElsewhere((task) => void this.refresh(task)),
    );
    this.showActivities(deps.tracker.tasks());
  }

  private showActivities(tasks: readonly TrackedTask[]): void {
    const current = new Set<string>();
    for (const task of tasks) {
      current.add(task.owner.id);
      this.deps.ownerView.setOwnerActivity(task.owner.id, ownerActivityText(task, vscode.l10n.t));
    }
    for (const id of this.ownersWithActivity) {
      if (!current.has(id)) this.deps.ownerView.setOwnerActivity(id, undefined);
    }
    this.ownersWithActivity.clear();
    current.forEach((id) => this.ownersWithActivity.add(id));
  }

  private async refresh(task: TrackedTask): Promise<void> {
    try {
      await this.deps.ownerView.refreshOwner(task.owner);
    } catch (error) {
      this.deps.log.warn(`could not refresh ${task.owner.id} after its task: ${String(error)}`);
    }
  }

  private async report(outcome: TaskOutcome): Promise<void> {
    const { task } = outcome;
    await this.refresh(task);
    const message = outcomeMessage(outcome, this.deps.timeoutMinutes(), vscode.l10n.t);
    const showInTree = vscode.l10n.t('Show in Tree');
    const showLog = vscode.l10n.t('Show Log');
    const openConsole = vscode.l10n.t('Open Console');
    const shown =
      outcome.result === 'succeeded'
        ? vscode.window.showInformationMessage(message, showInTree)
        : outcome.result === 'failed'
          ? vscode.window.showErrorMessage(message, showInTree, showLog)
          : vscode.window.showWarningMessage(message, openConsole, showInTree);
    this.outcomes.fire(outcome);
    const choice = await shown;
    if (choice === showInTree) {
      await this.deps.ownerView.revealOwner(task.owner);
    } else if (choice === showLog) {
      this.deps.log.show(true);
    } else if (choice === openConsole) {
      await vscode.env.openExternal(vscode.Uri.parse(instanceConsoleUrl(this.deps.site(), task.region, refPrimaryInstanceId(task.owner))));
    }
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.outcomes.dispose();
  }
}
