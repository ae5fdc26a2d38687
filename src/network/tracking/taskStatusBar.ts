import { escapeMarkdown } from '../../ui/markdown';
import * as vscode from 'vscode';
import type { TaskTracker } from '../../tasks/taskTracker';
import { statusBarText, taskProgressText, taskTitle } from '../../tasks/taskText';
import type { WaitingFor } from '../../tasks/taskText';
import type { TrackedTask } from '../../tasks/trackedTask';

/** The status bar item's id; the workbench renders it as `<publisher>.<name>.<id>`. */
export const TASKS_STATUS_BAR_ID = 'tencentdbPostgres.tasks';

/**
 * One status bar item for every network task in flight: spinner, percent and step for one task, a count for
 * several. Hidden when nothing runs; a click lists the tasks.
 */
export class TaskStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscription: { dispose(): void };

  private readonly waitingFor: WaitingFor;

  constructor(tracker: TaskTracker, showTasksCommand: string, profileDisplayName: (profileId: string) => string) {
    this.waitingFor = waitingForProfileName(tracker, profileDisplayName);
    this.item = vscode.window.createStatusBarItem(TASKS_STATUS_BAR_ID, vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('TencentDB Network Tasks');
    this.item.command = showTasksCommand;
    this.subscription = tracker.onDidChange((tasks) => this.render(tasks));
    this.render(tracker.tasks());
  }

  private render(tasks: readonly TrackedTask[]): void {
    if (tasks.length === 0) {
      this.item.hide();
      return;
    }
    this.item.text = statusBarText(tasks, vscode.l10n.t, this.waitingFor);
    const lines = tasks.map((task) => ({ title: taskTitle(task, vscode.l10n.t), progress: taskProgressText(task, vscode.l10n.t, this.waitingFor) }));
    const tooltip = new vscode.MarkdownString();
    for (const { title, progress } of lines) tooltip.appendMarkdown(`**${escapeMarkdown(title)}**: ${escapeMarkdown(progress)}\n\n`);
    tooltip.appendMarkdown(escapeMarkdown(vscode.l10n.t('Click to see the tasks.')));
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: lines.map(({ title, progress }) => `${title} ${progress}`).join('; ') };
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

/** What a task waits for, as the UI says it: its profile by the name the user knows, or where it was sent. */
export function waitingForProfileName(tracker: TaskTracker, profileDisplayName: (profileId: string) => string): WaitingFor {
  return (task) => {
    const waiting = tracker.waitingFor(task);
    if (waiting === undefined) return undefined;
    return 'profileId' in waiting
      ? vscode.l10n.t('profile "{0}"', profileDisplayName(waiting.profileId))
      : vscode.l10n.t('{0}, where it was sent', waiting.connection);
  };
}
