import * as vscode from 'vscode';
import { instanceConsoleUrl } from '../../domain/consoleLinks';
import type { GroupView } from '../ports';
import type { Site } from '../../domain/model';
import type { TaskTracker } from '../../tasks/taskTracker';
import { groupActivityText, outcomeMessage } from '../../tasks/taskText';
import type { TaskOutcome, TrackedTask } from '../../tasks/trackedTask';

export interface TaskNotificationDeps {
  readonly tracker: TaskTracker;
  readonly groupView: GroupView;
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
  private readonly groupsWithActivity = new Set<string>();
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
      current.add(task.groupId);
      this.deps.groupView.setGroupActivity(task.groupId, groupActivityText(task, vscode.l10n.t));
    }
    for (const groupId of this.groupsWithActivity) {
      if (!current.has(groupId)) this.deps.groupView.setGroupActivity(groupId, undefined);
    }
    this.groupsWithActivity.clear();
    current.forEach((groupId) => this.groupsWithActivity.add(groupId));
  }

  private async refresh(task: TrackedTask): Promise<void> {
    try {
      await this.deps.groupView.refreshGroup(task.region, task.groupId);
    } catch (error) {
      this.deps.log.warn(`could not refresh group ${task.groupId} after its task: ${String(error)}`);
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
      await this.deps.groupView.revealGroup(task.region, task.groupId);
    } else if (choice === showLog) {
      this.deps.log.show(true);
    } else if (choice === openConsole) {
      await vscode.env.openExternal(vscode.Uri.parse(instanceConsoleUrl(this.deps.site(), task.region, task.primaryInstanceId)));
    }
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.outcomes.dispose();
  }
}
