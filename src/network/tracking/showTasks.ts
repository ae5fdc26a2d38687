import * as vscode from 'vscode';
import type { OwnerView } from '../../ui/ownerView';
import type { WindowUi } from '../../ui/windowUi';
import { waitingForProfileName } from './taskStatusBar';
import type { TaskTracker } from '../../tasks/taskTracker';
import { taskDetail, taskProgressText, taskTitle } from '../../tasks/taskText';
import type { TrackedTask } from '../../tasks/trackedTask';

interface TaskItem extends vscode.QuickPickItem {
  readonly task: TrackedTask;
}

/** Lists the tasks in flight with their details; picking one (or its button) shows its group in the tree. */
export async function showTasks(window: WindowUi, tracker: TaskTracker, ownerView: Pick<OwnerView, 'revealOwner'>, profileDisplayName: (profileId: string) => string): Promise<void> {
  const tasks = tracker.tasks();
  if (tasks.length === 0) {
    window.show('info', vscode.l10n.t('No network task is in progress.'));
    return;
  }
  const showInTree: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('list-tree'), tooltip: vscode.l10n.t('Show in Tree') };
  const now = Date.now();
  const waitingFor = waitingForProfileName(tracker, profileDisplayName);
  const quickPick = window.createQuickPick<TaskItem>();
  quickPick.title = vscode.l10n.t('Network Tasks in Progress');
  quickPick.placeholder = vscode.l10n.t('Pick a task to show its read-only group in the tree');
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.items = tasks.map((task) => ({
    label: `${waitingFor(task) === undefined ? '$(sync~spin)' : '$(clock)'} ${taskTitle(task, vscode.l10n.t)}`,
    description: taskProgressText(task, vscode.l10n.t, waitingFor),
    detail: taskDetail(task, now, vscode.l10n.t),
    buttons: [showInTree],
    task,
  }));
  const chosen = await new Promise<TrackedTask | undefined>((resolve) => {
    quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]?.task));
    quickPick.onDidTriggerItemButton((event) => resolve(event.item.task));
    quickPick.onDidHide(() => resolve(undefined));
    quickPick.show();
  });
  quickPick.dispose();
  if (chosen) await ownerView.revealOwner(chosen.owner);
}
