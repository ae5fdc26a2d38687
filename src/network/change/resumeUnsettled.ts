import type { ClientLease } from '../../cloud/cloudApi';
import type { NetworkChangeKind, RequestedChange } from '../../domain/changeJudgement';
import { unreachableChange } from '../../domain/changeJudgement';
import type { Logger } from '../../domain/logger';
import type { Clock } from '../../domain/clock';
import type { Translate } from '../../domain/translate';
import type { NewTask } from '../../tasks/trackedTask';
import type { UnsettledWrite } from '../../tasks/shared/unsettledRecord';
import type { NetworkUi } from '../ports';
import { readBackByRef } from './readBack';
import { settleWriteOutcome } from './settle';

/** What settling another window's unsettled write needs: the same reads and words as the window that sent it. */
export interface ResumeDeps {
  readonly ui: NetworkUi;
  readonly log: Pick<Logger, 'info'>;
  readonly t: Translate;
  readonly clock: Clock;
  readonly settleReadIntervalMs?: number;
  readonly start: (task: NewTask) => void;
}

/** Between two reads of the owner (as for a window's own lost answer). */
const READ_INTERVAL_MS = 2000;

/**
 * Settles a write whose answer was lost in a window that is gone (reloaded, closed, crashed): reads its owner back
 * with the sending profile's client at the endpoint it was sent to, for the writer's whole settle window counted
 * from here (this window has seen nothing before), and says what that shows: the change under way is tracked,
 * "nothing was changed" only after no change for the whole window, otherwise that it is not known.
 */
export async function settleAdopted(deps: ResumeDeps, write: UnsettledWrite, lease: ClientLease): Promise<void> {
  const { t } = deps;
  const name = write.ownerName;
  const change = requestedChange(write);
  deps.log.info(`${write.owner.id}: settling the change sent at ${new Date(write.sentAt).toISOString()} by a window that is gone (${write.kind}, profile ${write.profileId})`);
  const settled = await deps.ui.withProgress(
    t('Checking the change to {0} sent before the window was reloaded…', name),
    (progress) =>
      settleWriteOutcome(() => readBackByRef(lease.api, write.owner, write.ipsBefore, change), {
        clock: deps.clock,
        windowMs: write.settleWindowMs,
        intervalMs: deps.settleReadIntervalMs ?? READ_INTERVAL_MS,
        signal: AbortSignal.any([progress.signal, lease.revoked]),
      }),
    { cancellable: true },
  );
  deps.log.info(`${write.owner.id}: the change of a gone window reads back as ${settled.outcome} after ${Math.round(settled.watchedMs)} ms${settled.cancelled ? ' (stopped)' : ''}`);
  if (settled.outcome === 'tookEffect') {
    deps.start({ kind: write.kind, region: write.owner.region, owner: write.owner, ownerName: name, vpcId: write.vpcId, subnetId: write.subnetId, vip: write.vip, ipsBefore: write.ipsBefore, profileId: write.profileId, connection: write.connection });
    deps.ui.show('info', t('The change to {0} sent before the window was reloaded (its answer was lost) is being made by Tencent Cloud. Its progress shows in the status bar.', name));
    return;
  }
  if (settled.outcome === 'didNotTakeEffect') {
    const seconds = Math.round(settled.watchedMs / 1000);
    const nothingChanged: Record<NetworkChangeKind, string> = {
      addNetwork: t('The network change to {0} sent before the window was reloaded got no answer, and {0} showed no change for {1} s: nothing was created.', name, seconds),
      removeNetwork: t('The network change to {0} sent before the window was reloaded got no answer, and {0} showed no change for {1} s: nothing was removed.', name, seconds),
    };
    deps.ui.show('error', nothingChanged[write.kind]);
    return;
  }
  if (settled.outcome === 'ownerGone') {
    deps.ui.show('warning', t('{0}, changed before the window was reloaded, no longer exists.', name));
    return;
  }
  deps.ui.show(
    'warning',
    settled.cancelled
      ? t('You stopped the check of the change to {0} sent before the window was reloaded: whether it was made is not known. Refresh {0} before changing it again.', name)
      : t('The change to {0} sent before the window was reloaded could not be checked: it may or may not be under way. Refresh {0} before changing it again.', name),
  );
}

/** The change as the read-back judges it, from what the board recorded. */
function requestedChange(write: UnsettledWrite): RequestedChange {
  switch (write.kind) {
    case 'addNetwork':
      return { kind: 'addNetwork', vpcId: write.vpcId, subnetId: write.subnetId, vip: write.vip };
    case 'removeNetwork':
      return { kind: 'removeNetwork', vpcId: write.vpcId, subnetId: write.subnetId, vip: write.vip ?? '' };
    default:
      return unreachableChange(write.kind);
  }
}
