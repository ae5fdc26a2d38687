import * as vscode from 'vscode';
import { isCloudError } from '../cloud/cloudError';
import { describeCloudError } from './describeError';
import { describeForLog } from './describeForLog';
import { UserFacingError } from './userFacingError';
import type { WindowUi } from './windowUi';

/** What every command handler may need to report a failure. */
export interface CommandContext {
  readonly extensionContext: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly window: WindowUi;
}


// Commands may take any arguments VS Code passes (tree nodes, URIs, nothing): each handler types its own.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the argument types belong to each handler
export type CommandHandler = (...args: any[]) => unknown;

/**
 * The one way commands are registered: every failure is caught here, logged once, and shown with the actions
 * that help ("Retry" runs the command again with the same arguments).
 */
export function registerCommand(context: CommandContext, id: string, handler: CommandHandler): void {
  const run = async (...args: unknown[]): Promise<unknown> => {
    try {
      return await handler(...args);
    } catch (error) {
      await reportCommandFailure(context, id, error, () => run(...args));
      return undefined;
    }
  };
  context.extensionContext.subscriptions.push(vscode.commands.registerCommand(id, run));
}

/** Logs a failure once and tells the user, unless the user cancelled. */
export async function reportCommandFailure(
  context: CommandContext,
  commandId: string,
  error: unknown,
  retry: () => unknown,
): Promise<void> {
  if (isCancellation(error)) {
    context.log.debug(`${commandId}: cancelled`);
    return;
  }
  context.log.error(`${commandId} failed: ${describeForLog(error)}`);
  const message = error instanceof UserFacingError ? error.message : describeCloudError(error);
  const retryAction = vscode.l10n.t('Retry');
  const showLogAction = vscode.l10n.t('Show Log');
  const copyRequestIdAction = vscode.l10n.t('Copy Request ID');
  const requestId = isCloudError(error) ? error.requestId : undefined;
  const actions = [retryAction, showLogAction, ...(requestId ? [copyRequestIdAction] : [])];
  // Not awaited by the command: a notification waits for the user, the command must not.
  void context.window.ask('error', message, actions).then(async (choice) => {
    if (choice === retryAction) {
      await retry();
    } else if (choice === showLogAction) {
      context.log.show(true);
    } else if (choice === copyRequestIdAction && requestId) {
      await vscode.env.clipboard.writeText(requestId);
    }
  });
}

export function isCancellation(error: unknown): boolean {
  return error instanceof vscode.CancellationError || (isCloudError(error) && error.kind === 'cancelled');
}
