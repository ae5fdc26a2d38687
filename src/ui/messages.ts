import * as vscode from 'vscode';

export type MessageSeverity = 'info' | 'warning' | 'error';

export interface MessageAction {
  readonly label: string;
  readonly run: () => unknown;
}

export interface ShownMessage {
  readonly severity: MessageSeverity;
  readonly message: string;
  readonly actions: readonly string[];
}

/**
 * Notifications with actions that run when picked. Not awaited by the commands
 * (a notification waits for the user, a command must not); each message is also announced on an event, which
 * the extension-host tests read since the workbench offers no way to list notifications.
 */
export class Messages implements vscode.Disposable {
  private readonly shown = new vscode.EventEmitter<ShownMessage>();
  readonly onDidShow = this.shown.event;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  show(severity: MessageSeverity, message: string, actions: readonly MessageAction[] = []): void {
    const labels = actions.map((action) => action.label);
    const shown =
      severity === 'error'
        ? vscode.window.showErrorMessage(message, ...labels)
        : severity === 'warning'
          ? vscode.window.showWarningMessage(message, ...labels)
          : vscode.window.showInformationMessage(message, ...labels);
    this.shown.fire({ severity, message, actions: labels });
    void shown.then(async (choice) => {
      const action = actions.find((candidate) => candidate.label === choice);
      try {
        await action?.run();
      } catch (error) {
        this.log.error(`"${choice}" failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }

  dispose(): void {
    this.shown.dispose();
  }
}
