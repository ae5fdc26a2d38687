import type { CloudApi } from '../../cloud/cloudApi';
import { CLOUD_ACTIONS } from '../../cloud/cloudActions';
import type { CloudError } from '../../cloud/cloudError';
import type { Clock } from '../../domain/clock';
import type { Translate } from '../../domain/translate';
import { camPolicyJson } from '../../export/camPolicy';
import type { GroupView, NetworkLog, NetworkUi } from '../ports';
import { describeForLog } from '../../ui/describeForLog';
import type { MessageAction } from '../../ui/messages';
import type { ChangeSpec } from './changeSpec';
import { apiActionOf } from './changeSpec';
import type { NetworkErrorAction, NetworkErrorReport } from './networkErrors';
import { CAM_DENIED_CODES, describeNetworkError } from './networkErrors';
import { settleWriteOutcome } from './settle';

/** What reporting a failed change needs of the window and of time. */
export interface ReportDeps {
  readonly ui: NetworkUi;
  readonly log: NetworkLog;
  readonly t: Translate;
  readonly groupView: Pick<GroupView, 'refreshGroup'>;
  readonly clock: Clock;
  readonly settleWindowMs: () => number;
  /** Between two reads of the group while a lost answer is settled; SETTLE_READ_INTERVAL_MS by default. */
  readonly settleReadIntervalMs?: number;
}

/** Between two reads of the group while a lost answer is settled. */
const SETTLE_READ_INTERVAL_MS = 2000;

/** What the lost-answer report may do: read through the write's own client, send again, track. */
export interface LostAnswerActions {
  readonly api: CloudApi;
  /** Reads the group back once more, then sends again only if it still shows nothing. */
  readonly retry: () => unknown;
  readonly track: () => void;
}

/**
 * A create or delete without a clear answer (timeout, dropped connection): the group is watched until the truth
 * is settled, so a write that went through is tracked and never sent twice, and "nothing was changed" (with
 * Retry) is said only when the group showed no change for the whole settle window.
 */
export async function reportLostAnswer(deps: ReportDeps, spec: ChangeSpec, error: CloudError, lost: LostAnswerActions): Promise<void> {
  const { texts, target } = spec;
  const windowMs = deps.settleWindowMs();
  deps.log.warn(`${apiActionOf(spec.operation)} on ${target.groupId}: no clear answer (${error.code}); watching the group for up to ${Math.round(windowMs / 1000)} s`);
  const settled = await deps.ui.withProgress(
    texts.checking,
    (progress) =>
      settleWriteOutcome(() => spec.readBack(lost.api), {
        clock: deps.clock,
        windowMs,
        intervalMs: deps.settleReadIntervalMs ?? SETTLE_READ_INTERVAL_MS,
        signal: progress.signal,
        onRead: (_, watchedMs) => progress.report(deps.t('No change seen for {0} of {1} s', Math.round(watchedMs / 1000), Math.round(windowMs / 1000))),
      }),
    { cancellable: true },
  );
  deps.log.info(`${apiActionOf(spec.operation)} on ${target.groupId}: ${settled.outcome} after ${Math.round(settled.watchedMs)} ms${settled.cancelled ? ' (watch cancelled)' : ''}`);
  const actions = (...names: NetworkErrorAction[]) => names.map((name) => toMessageAction(deps, spec, error, lost.retry, name));
  switch (settled.outcome) {
    case 'tookEffect':
      lost.track();
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
