import * as vscode from 'vscode';
import type { Logger } from '../domain/logger';

export type MessageSeverity = 'info' | 'warning' | 'error';

export interface MessageAction {
  readonly label: string;
  readonly run: () => unknown;
}

export interface ShownMessage {
  readonly severity: MessageSeverity;
  readonly message: string;
  /** A modal question blocks the window until answered; a notification does not. */
  readonly modal: boolean;
  readonly actions: readonly string[];
}

/** Answers a message in place of the user: the label of the action chosen, or undefined for dismissed. */
export type MessageAnswerer = (shown: ShownMessage) => string | undefined;

export interface QuestionOptions {
  readonly modal?: boolean;
  /** Shown under the message of a modal question. */
  readonly detail?: string;
}

export interface PickOptions {
  readonly title: string;
  readonly placeholder: string;
  readonly matchOnDescription?: boolean;
  readonly matchOnDetail?: boolean;
  /** Keeps the pick open when focus moves elsewhere (to read a key, say). */
  readonly ignoreFocusOut?: boolean;
}

/**
 * What the extension asks of the window, in one place: notifications, modal questions and quick picks. Every
 * feature goes through it, so each message is also announced on an event (the workbench offers no way to list
 * notifications), every quick pick is handed out when created (a test drives the real one), and a message can be
 * answered by code instead of a click (a modal question cannot be clicked from an extension-host test).
 */
export class WindowUi implements vscode.Disposable {
  private readonly messageShown = new vscode.EventEmitter<ShownMessage>();
  private readonly quickPickCreated = new vscode.EventEmitter<vscode.QuickPick<vscode.QuickPickItem>>();
  private answerer: MessageAnswerer | undefined;
  readonly onDidShowMessage = this.messageShown.event;
  readonly onDidCreateQuickPick = this.quickPickCreated.event;

  constructor(private readonly log: Logger) {}

  /** A notification whose actions run when picked. Not awaited: a notification waits for the user, a command must not. */
  show(severity: MessageSeverity, message: string, actions: readonly MessageAction[] = []): void {
    void this.ask(severity, message, actions.map((action) => action.label)).then(async (choice) => {
      const action = actions.find((candidate) => candidate.label === choice);
      try {
        await action?.run();
      } catch (error) {
        this.log.error(`"${choice}" failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }

  /** A message the caller waits on: resolves with the label picked, or undefined when dismissed. */
  async ask(severity: MessageSeverity, message: string, labels: readonly string[] = [], options: QuestionOptions = {}): Promise<string | undefined> {
    const modal = options.modal === true;
    const shown: ShownMessage = { severity, message, modal, actions: labels };
    this.messageShown.fire(shown);
    if (this.answerer) return this.answerer(shown);
    const messageOptions: vscode.MessageOptions = { modal, detail: options.detail };
    switch (severity) {
      case 'error':
        return vscode.window.showErrorMessage(message, messageOptions, ...labels);
      case 'warning':
        return vscode.window.showWarningMessage(message, messageOptions, ...labels);
      case 'info':
        return vscode.window.showInformationMessage(message, messageOptions, ...labels);
    }
  }

  /** Until the returned disposable is disposed, messages are answered by `answerer` and not shown. */
  answerWith(answerer: MessageAnswerer): vscode.Disposable {
    this.answerer = answerer;
    return new vscode.Disposable(() => {
      if (this.answerer === answerer) this.answerer = undefined;
    });
  }

  createQuickPick<T extends vscode.QuickPickItem>(): vscode.QuickPick<T> {
    const pick = vscode.window.createQuickPick<T>();
    this.quickPickCreated.fire(pick as unknown as vscode.QuickPick<vscode.QuickPickItem>);
    return pick;
  }

  /** One item picked from a list, or undefined when the pick is closed. */
  async pickOne<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<T | undefined> {
    const chosen = await this.runPick(items, options, false);
    return chosen?.[0];
  }

  /** The items checked when the pick is accepted (those `picked` start checked), or undefined when it is closed. */
  async pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<readonly T[] | undefined> {
    return this.runPick(items, options, true);
  }

  /** A short confirmation in the status bar, gone after a few seconds. */
  flash(text: string): void {
    vscode.window.setStatusBarMessage(text, 3000);
  }

  dispose(): void {
    this.messageShown.dispose();
    this.quickPickCreated.dispose();
  }

  private async runPick<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions, many: boolean): Promise<readonly T[] | undefined> {
    const pick = this.createQuickPick<T>();
    pick.title = options.title;
    pick.placeholder = options.placeholder;
    pick.matchOnDescription = options.matchOnDescription ?? false;
    pick.matchOnDetail = options.matchOnDetail ?? false;
    pick.canSelectMany = many;
    pick.ignoreFocusOut = options.ignoreFocusOut ?? false;
    pick.items = items;
    if (many) pick.selectedItems = items.filter((item) => item.picked === true);
    try {
      return await new Promise<readonly T[] | undefined>((resolve) => {
        pick.onDidAccept(() => resolve(many ? pick.selectedItems : pick.selectedItems.length > 0 ? pick.selectedItems : undefined));
        pick.onDidHide(() => resolve(undefined));
        pick.show();
      });
    } finally {
      pick.dispose();
    }
  }
}
