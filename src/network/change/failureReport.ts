import { CLOUD_ACTIONS } from '../../cloud/cloudActions';
import type { CloudError } from '../../cloud/cloudError';
import { camPolicyJson } from '../../export/camPolicy';
import { describeForLog } from '../../ui/describeForLog';
import type { MessageAction } from '../../ui/messages';
import type { ChangeSpec } from './changeSpec';
import { apiActionOf } from './changeSpec';
import type { ChangeDeps } from './networkChanges';
import type { NetworkErrorAction, NetworkErrorReport } from './networkErrors';
import { CAM_DENIED_CODES, describeNetworkError } from './networkErrors';

type ReportDeps = Pick<ChangeDeps, 'api' | 'ui' | 'log' | 't' | 'groupView'>;

/**
 * A create or delete without a clear answer (timeout, dropped connection): the group is read back first, so a
 * write that went through is tracked and never sent twice, and Retry is offered only when nothing happened.
 */
export async function reportLostAnswer(
  deps: ReportDeps,
  spec: ChangeSpec,
  error: CloudError,
  retry: () => unknown,
  track: () => void,
): Promise<void> {
  const { texts, target } = spec;
  deps.log.warn(`${apiActionOf(spec.operation)} on ${target.groupId}: no clear answer (${error.code}); reading the group back`);
  const readBack = await deps.ui.withProgress(texts.checking, () => spec.readBack(deps.api));
  const actions = (...names: NetworkErrorAction[]) => names.map((name) => toMessageAction(deps, spec, error, retry, name));
  switch (readBack.outcome) {
    case 'tookEffect':
      track();
      deps.ui.show('info', texts.tookEffect);
      return;
    case 'didNotTakeEffect':
      deps.ui.show('error', texts.didNotTakeEffect(error.code), actions('retry', ...(spec.editChoices ? (['editChoices'] as const) : []), 'showLog'));
      return;
    case 'groupGone':
      deps.ui.show('error', deps.t('The read-only group {0} no longer exists.', spec.group.name || spec.group.id), actions('refreshGroup'));
      return;
    case 'unknown':
      deps.ui.show('warning', texts.unknown(error.code), actions('refreshGroup', 'showLog'));
      return;
  }
}

/** Logs a create/delete failure once and shows its specific message with the actions that help. */
export function reportWriteFailure(deps: ReportDeps, spec: ChangeSpec, error: CloudError, retry: () => unknown): void {
  deps.log.error(`${apiActionOf(spec.operation)} on ${spec.target.groupId} failed: ${describeForLog(error)}`);
  const subject = { groupName: spec.group.name || spec.group.id, vpcId: spec.target.vpcId, subnetId: spec.target.subnetId };
  const report = describeNetworkError(error, spec.operation, subject, deps.t) ?? genericReport(deps, error);
  const actions = [...report.actions];
  if (spec.editChoices && !actions.includes('editChoices')) actions.splice(actions.indexOf('showLog'), 0, 'editChoices');
  deps.ui.show('error', report.message, actions.map((action) => toMessageAction(deps, spec, error, retry, action)));
}

/** Codes not specific to these actions (authentication, throttling, network...): the generic description. */
function genericReport(deps: ReportDeps, error: CloudError): NetworkErrorReport {
  const actions: NetworkErrorAction[] = CAM_DENIED_CODES.has(error.code) ? ['copyCamPolicy'] : [];
  // A write that failed without ambiguity changed nothing: sending it again is safe when the cause may pass.
  if (error.retryable || error.kind === 'throttled') actions.push('retry');
  actions.push('showLog');
  if (error.requestId) actions.push('copyRequestId');
  return { message: deps.ui.describeError(error), actions };
}

function toMessageAction(deps: ReportDeps, spec: ChangeSpec, error: CloudError, retry: () => unknown, action: NetworkErrorAction): MessageAction {
  switch (action) {
    case 'retry':
      return { label: deps.t('Retry'), run: retry };
    case 'editChoices':
      return { label: deps.t('Edit and Retry'), run: () => spec.editChoices?.() };
    case 'refreshGroup':
      return { label: deps.t('Refresh Group'), run: () => deps.groupView.refreshGroup(spec.target.region, spec.target.groupId) };
    case 'showLog':
      return { label: deps.t('Show Log'), run: () => deps.ui.showLog() };
    case 'copyRequestId':
      return { label: deps.t('Copy Request ID'), run: () => deps.ui.copyToClipboard(error.requestId ?? '') };
    case 'copyCamPolicy':
      return { label: deps.t('Copy CAM Policy'), run: () => deps.ui.copyToClipboard(camPolicyJson(CLOUD_ACTIONS)) };
  }
}
