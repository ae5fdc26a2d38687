import type { CloudApi } from '../../cloud/cloudApi';
import type { Logger } from '../../domain/logger';
import { CLOUD_ACTIONS } from '../../cloud/cloudActions';
import type { CloudError } from '../../cloud/cloudError';
import type { Clock } from '../../domain/clock';
import { ownerId, ownerName, refOf } from '../../domain/networkOwner';
import type { Translate } from '../../domain/translate';
import { camPolicyJson } from '../../export/camPolicy';
import type { OwnerView } from '../../ui/ownerView';
import type { NetworkUi } from '../ports';
import { describeForLog } from '../../ui/describeForLog';
import type { MessageAction } from '../../ui/windowUi';
import type { ChangeSpec } from './changeSpec';
import { apiActionOf } from './changeSpec';
import type { NetworkErrorAction, NetworkErrorReport, NetworkErrorSubject } from './networkErrors';
import { CAM_DENIED_CODES, describeNetworkError, noLongerExists, refreshLabel } from './networkErrors';
import type { WriteOutcome } from './readBack';
import { readBackChange } from './readBack';
import { settleWriteOutcome } from './settle';

/** What reporting a failed change needs of the window and of time. */
export interface ReportDeps {
  readonly ui: NetworkUi;
  readonly log: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly t: Translate;
  readonly ownerView: Pick<OwnerView, 'refreshOwner'>;
  readonly clock: Clock;
  readonly settleWindowMs: () => number;
  /** Between two reads of the owner while a lost answer is settled; SETTLE_READ_INTERVAL_MS by default. */
  readonly settleReadIntervalMs?: number;
}

/** Between two reads of the owner while a lost answer is settled. */
const SETTLE_READ_INTERVAL_MS = 2000;

/** What the lost-answer report may do: read through the write's own client, send again, track. */
export interface LostAnswerActions {
  readonly api: CloudApi;
  /** Reads the owner back once more, then sends again only if it still shows nothing. */
  readonly retry: () => unknown;
  readonly track: () => void;
  /** Aborts when the write's profile is signed out: its key may not be used for one more read. */
  readonly revoked?: AbortSignal;
  /** Says that the profile went while the truth was being settled (with where to follow the change). */
  readonly reportSignedOut: () => void;
}

/**
 * A change without a clear answer (timeout, dropped connection): its owner is watched until the truth is settled,
 * so a write that went through is tracked and never sent twice, and "nothing was changed" (with Retry) is said
 * only when the owner showed no change for the whole settle window.
 */
export async function reportLostAnswer(deps: ReportDeps, spec: ChangeSpec, error: CloudError, lost: LostAnswerActions): Promise<void> {
  const { texts } = spec;
  const action = apiActionOf(spec.change.kind, spec.owner.kind);
  const id = ownerId(spec.owner);
  const windowMs = deps.settleWindowMs();
  deps.log.warn(`${action} on ${id}: no clear answer (${error.code}); watching it for up to ${Math.round(windowMs / 1000)} s`);
  const name = ownerName(spec.owner);
  const settled = await deps.ui.withProgress(
    texts.checking,
    (progress) =>
      settleWriteOutcome(() => readBackChange(lost.api, spec.owner, spec.change), {
        clock: deps.clock,
        windowMs,
        intervalMs: deps.settleReadIntervalMs ?? SETTLE_READ_INTERVAL_MS,
        signal: lost.revoked ? AbortSignal.any([progress.signal, lost.revoked]) : progress.signal,
        onRead: (outcome, watchedMs) => progress.report(watchLine(deps.t, name, outcome, watchedMs, windowMs)),
      }),
    { cancellable: true },
  );
  deps.log.info(`${action} on ${id}: ${settled.outcome} after ${Math.round(settled.watchedMs)} ms${settled.cancelled ? ' (watch cancelled)' : ''}`);
  const actions = (...names: NetworkErrorAction[]) => names.map((name) => toMessageAction(deps, spec, error, lost.retry, name));
  if (settled.cancelled && lost.revoked?.aborted) {
    lost.reportSignedOut();
    return;
  }
  if (settled.cancelled && settled.outcome === 'unknown') {
    deps.ui.show('warning', deps.t('You stopped the check: whether {0} took the change is not known. The next change to {0} reads it back first.', name), actions('refreshOwner', 'showLog'));
    return;
  }
  switch (settled.outcome) {
    case 'tookEffect':
      lost.track();
      deps.ui.show('info', texts.tookEffect);
      return;
    case 'didNotTakeEffect':
      deps.ui.show('error', texts.didNotTakeEffect(error.code), actions('retry', ...(spec.editChoices ? (['editChoices'] as const) : []), 'showLog'));
      return;
    case 'ownerGone':
      deps.ui.show('error', noLongerExists(subjectOf(spec), deps.t), actions('refreshOwner'));
      return;
    case 'unknown':
      deps.ui.show('warning', texts.unknown(error.code), actions('refreshOwner', 'showLog'));
      return;
  }
}

/** The line under the watch's progress: what the reads so far have shown, never more. */
function watchLine(t: Translate, name: string, outcome: WriteOutcome, watchedMs: number, windowMs: number): string {
  const watched = Math.round(watchedMs / 1000);
  const window = Math.round(windowMs / 1000);
  switch (outcome) {
    case 'didNotTakeEffect':
      return t('No change seen for {0} of {1} s', watched, window);
    case 'unknown':
      return t('{0} could not be read, or is busy: still watching ({1} of {2} s)', name, watched, window);
    case 'tookEffect':
    case 'ownerGone':
      return '';
  }
}

/** Logs a create/delete failure once and shows its specific message with the actions that help. */
export function reportWriteFailure(deps: ReportDeps, spec: ChangeSpec, error: CloudError, retry: () => unknown): void {
  deps.log.error(`${apiActionOf(spec.change.kind, spec.owner.kind)} on ${ownerId(spec.owner)} failed: ${describeForLog(error)}`);
  const report = describeNetworkError(error, spec.change.kind, subjectOf(spec), deps.t) ?? genericReport(deps, error);
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
    case 'refreshOwner':
      return { label: refreshLabel(spec.owner.kind, deps.t), run: () => deps.ownerView.refreshOwner(refOf(spec.owner)) };
    case 'showLog':
      return { label: deps.t('Show Log'), run: () => deps.ui.showLog() };
    case 'copyRequestId':
      return { label: deps.t('Copy Request ID'), run: () => deps.ui.copyToClipboard(error.requestId ?? '') };
    case 'copyCamPolicy':
      return { label: deps.t('Copy CAM Policy'), run: () => deps.ui.copyToClipboard(camPolicyJson(CLOUD_ACTIONS)) };
  }
}

function subjectOf(spec: ChangeSpec): NetworkErrorSubject {
  return { ownerKind: spec.owner.kind, ownerName: ownerName(spec.owner), vpcId: spec.change.vpcId, subnetId: spec.change.subnetId };
}
