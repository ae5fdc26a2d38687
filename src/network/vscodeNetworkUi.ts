import { COMMAND } from '../ui/commandIds';
import * as vscode from 'vscode';
import { describeCloudError } from '../ui/describeError';
import type { WindowUi } from '../ui/windowUi';
import type { NetworkUi } from './ports';

/** The network commands' window: VS Code's notifications, progress, modal questions and clipboard. */
export function vscodeNetworkUi(window: WindowUi, log: vscode.LogOutputChannel): NetworkUi {
  return {
    withProgress: (title, work, options) =>
      Promise.resolve(
        vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: options?.cancellable ?? false }, (progress, token) => {
          const abort = new AbortController();
          const cancelled = token.onCancellationRequested(() => abort.abort());
          return work({ signal: abort.signal, report: (message) => progress.report({ message }) }).finally(() => cancelled.dispose());
        }),
      ),
    show: (severity, message, actions) => window.show(severity, message, actions),
    confirm: async (message, detail, confirmLabel) =>
      (await window.ask('warning', message, [confirmLabel], { modal: true, detail })) === confirmLabel,
    copyToClipboard: (text) => Promise.resolve(vscode.env.clipboard.writeText(text)),
    openExternal: (url) => Promise.resolve(vscode.env.openExternal(vscode.Uri.parse(url))),
    showLog: () => log.show(true),
    describeError: describeCloudError,
    reopenAddNetwork: (choices) => vscode.commands.executeCommand(COMMAND.addNetwork, choices),
  };
}
