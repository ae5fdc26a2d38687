import * as vscode from 'vscode';
import type { CloudError } from '../../cloud/cloudError';
import { describeForLog } from '../../ui/describeError';
import { describeCloudError } from '../../ui/describeError';
import type { NetworkCommandDeps } from '../networkDeps';
import type { NetworkErrorAction, NetworkErrorReport, NetworkOperation } from './networkErrors';
import { describeNetworkError } from './networkErrors';
import type { MessageAction } from '../../ui/messages';
import type { ReadBack } from './readBack';

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

/** What the user is told about a write whose answer was lost: each text names the operation and its target. */
export interface LostAnswerTexts {
  /** The progress notification while the group is read back. */
  readonly checking: string;
  readonly tookEffect: string;
  /** Offers Retry (and Edit and Retry for a create): sending again is safe. */
  readonly didNotTakeEffect: string;
  /** Offers only Refresh Group: sending again might make the change twice. */
  readonly unknown: string;
}

export interface LostAnswer extends WriteFailure {
  readonly texts: LostAnswerTexts;
  /** Reads the group back to see whether the write went through; never throws. */
  readonly readBack: () => Promise<ReadBack>;
  /** Tracks the write that went through despite the lost answer. */
  readonly track: () => void;
}

/**
 * A create or delete without a clear answer (timeout, dropped connection): the group is read back first, so a
 * write that went through is tracked and never sent twice, and Retry is offered only when nothing happened.
 */
export async function reportLostAnswer(deps: NetworkCommandDeps, lost: LostAnswer): Promise<void> {
  const { texts } = lost;
  deps.log.warn(`${apiActionOf(lost.operation)} on ${lost.groupId}: no clear answer (${lost.error.code}); reading the group back`);
  const readBack = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: texts.checking }, lost.readBack);
  const actions = (...names: NetworkErrorAction[]) => names.map((name) => toMessageAction(deps, lost, name));
  switch (readBack.outcome) {
    case 'tookEffect':
      lost.track();
      deps.messages.show('info', texts.tookEffect);
      return;
    case 'didNotTakeEffect':
      deps.messages.show('error', texts.didNotTakeEffect, actions('retry', ...(lost.editChoices ? (['editChoices'] as const) : []), 'showLog'));
      return;
    case 'groupGone':
      deps.messages.show('error', vscode.l10n.t('The read-only group {0} no longer exists.', lost.groupName), actions('refreshGroup'));
      return;
    case 'unknown':
      deps.messages.show('warning', texts.unknown, actions('refreshGroup', 'showLog'));
      return;
  }
}

/** Logs a create/delete failure once and shows its specific message with the actions that help. */
export function reportWriteFailure(deps: NetworkCommandDeps, failure: WriteFailure): void {
  const { error } = failure;
  deps.log.error(`${apiActionOf(failure.operation)} on ${failure.groupId} failed: ${describeForLog(error)}`);
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

function apiActionOf(operation: NetworkOperation): string {
  return operation === 'create' ? 'CreateReadOnlyGroupNetworkAccess' : 'DeleteReadOnlyGroupNetworkAccess';
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
