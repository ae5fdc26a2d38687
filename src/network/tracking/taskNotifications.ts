import * as vscode from 'vscode';
import { instanceConsoleUrl } from '../../domain/consoleLinks';
import { refPrimaryInstanceId } from '../../domain/networkOwner';
import type { OwnerView } from '../../ui/ownerView';
import type { Site } from '../../domain/model';
import type { TaskTracker } from '../../tasks/taskTracker';
import { outcomeMessage, ownerActivityText, taskTitle } from '../../tasks/taskText';
import type { MessageAction, WindowUi } from '../../ui/windowUi';
import type { TaskOutcome, TrackedTask } from '../../tasks/trackedTask';

export interface TaskNotificationDeps {
  readonly tracker: TaskTracker;
  /** The window's notifications, announced to the tests as they are shown. */
  readonly window: WindowUi;
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
    const showInTree = { label: vscode.l10n.t('Show in Tree'), run: () => this.deps.ownerView.revealOwner(task.owner) };
    const showLog = { label: vscode.l10n.t('Show Log'), run: () => this.deps.log.show(true) };
    switch (outcome.result) {
      case 'succeeded':
        this.deps.window.show('info', message, [showInTree]);
        break;
      case 'failed':
        this.deps.window.show('error', message, [showInTree, showLog]);
        break;
      case 'timedOut':
        this.deps.window.show('warning', message, [this.openConsole(task), showInTree]);
        break;
    }
    this.outcomes.fire(outcome);
  }

  /**
   * Tasks of a profile that was signed out: they are no longer followed (nothing may use its key), so each one is
   * said to have left the list, with where to follow it.
   */
  signedOut(tasks: readonly TrackedTask[], profileName: string): void {
    for (const task of tasks) {
      this.deps.window.show(
        'warning',
        vscode.l10n.t('{0} is no longer followed: its profile {1} was signed out. It may still be running: follow it in the Tencent Cloud console.', taskTitle(task, vscode.l10n.t), profileName),
        [this.openConsole(task)],
      );
    }
  }

  private openConsole(task: TrackedTask): MessageAction {
    const url = instanceConsoleUrl(this.deps.site(), task.region, refPrimaryInstanceId(task.owner));
    return { label: vscode.l10n.t('Open Console'), run: () => vscode.env.openExternal(vscode.Uri.parse(url)) };
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.outcomes.dispose();
  }
}
