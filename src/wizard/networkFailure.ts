import * as vscode from 'vscode';
import type { CloudError } from '../cloud/cloudError';
import { describeForLog } from '../commands/registerCommand';
import { describeCloudError } from '../ui/describeError';
import type { NetworkCommandDeps } from './networkDeps';
import type { NetworkErrorAction, NetworkErrorReport, NetworkOperation } from './networkErrors';
import { describeNetworkError } from './networkErrors';
import type { MessageAction } from './networkMessages';

export interface WriteFailure {
  readonly operation: NetworkOperation;
  readonly error: CloudError;
  readonly region: string;
  readonly groupId: string;
  readonly groupName: string;
  readonly vpcId: string;
  readonly subnetId: string;
  /** Sends the same request again (only offered when the error says nothing was changed). */
  readonly retry: () => unknown;
  /** Reopens the wizard with the user's choices (create only). */
  readonly editChoices?: () => unknown;
}

/** Logs a create/delete failure once and shows its specific message with the actions that help. */
export function reportWriteFailure(deps: NetworkCommandDeps, failure: WriteFailure): void {
  const { error } = failure;
  deps.log.error(`${failure.operation === 'create' ? 'CreateReadOnlyGroupNetworkAccess' : 'DeleteReadOnlyGroupNetworkAccess'} on ${failure.groupId} failed: ${describeForLog(error)}`);
  const report =
    describeNetworkError(error, failure.operation, failure, vscode.l10n.t) ?? genericReport(error);
  const actions = [...report.actions];
  if (failure.editChoices && !actions.includes('editChoices')) actions.splice(actions.indexOf('showLog'), 0, 'editChoices');
  deps.messages.show('error', report.message, actions.map((action) => toMessageAction(deps, failure, action)));
}

/** Codes not specific to these actions (authentication, throttling, network...): the generic description. */
function genericReport(error: CloudError): NetworkErrorReport {
  const actions: NetworkErrorAction[] = [];
  // A write that failed without ambiguity changed nothing: sending it again is safe when the cause may pass.
  if (error.retryable || error.kind === 'throttled') actions.push('retry');
  actions.push('showLog');
  if (error.requestId) actions.push('copyRequestId');
  return { message: describeCloudError(error), actions };
}

function toMessageAction(deps: NetworkCommandDeps, failure: WriteFailure, action: NetworkErrorAction): MessageAction {
  switch (action) {
    case 'retry':
      return { label: vscode.l10n.t('Retry'), run: failure.retry };
    case 'editChoices':
      return { label: vscode.l10n.t('Edit and Retry'), run: () => failure.editChoices?.() };
    case 'refreshGroup':
      return { label: vscode.l10n.t('Refresh Group'), run: () => deps.groupView.refreshGroup(failure.region, failure.groupId) };
    case 'showLog':
      return { label: vscode.l10n.t('Show Log'), run: () => deps.log.show(true) };
    case 'copyRequestId':
      return { label: vscode.l10n.t('Copy Request ID'), run: () => vscode.env.clipboard.writeText(failure.error.requestId ?? '') };
  }
}
