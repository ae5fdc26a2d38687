import * as vscode from 'vscode';

/** The composition root: builds every part of the extension and wires them together. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('TencentDB for PostgreSQL', { log: true });
  context.subscriptions.push(log);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
