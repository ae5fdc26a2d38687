import type { CloudError } from '../../cloud/cloudError';
import { CloudError as CloudErrorClass, isCloudError } from '../../cloud/cloudError';
import type { Clock } from '../../domain/clock';
import type { TaskRef } from '../../domain/model';
import type { Translate } from '../../domain/translate';
import type { GroupClaim } from '../../tasks/shared/taskBoard';
import type { TaskTracker } from '../../tasks/taskTracker';
import { UserFacingError } from '../../ui/userFacingError';
import type { ClientLease, GroupView, NetworkLog, NetworkUi } from '../ports';
import type { ChangeSpec } from './changeSpec';
import { apiActionOf, taskKindOf } from './changeSpec';
import { reportLostAnswer, reportWriteFailure } from './failureReport';

export interface ChangeDeps {
  /** Holds the active profile's client for one write; undefined when signed out. */
  readonly lease: () => ClientLease | undefined;
  readonly tracker: Pick<TaskTracker, 'start' | 'busyGroupIds'>;
  readonly groupView: Pick<GroupView, 'refreshGroup'>;
  readonly ui: NetworkUi;
  readonly log: NetworkLog;
  readonly t: Translate;
  readonly clock: Clock;
  /** How long a group must show no change after a lost answer before "nothing was changed" is said. */
  readonly settleWindowMs: () => number;
  /** Between two reads of the group while a lost answer is settled (a default when absent). */
  readonly settleReadIntervalMs?: number;
  /**
   * The lock of a group across the user's windows: claimed (a `sending` record) before a change is sent, released
   * once its task is recorded or the send clearly failed. Without it only this window's writes are refused.
   */
  readonly groupLock?: GroupLock;
}

export interface GroupLock {
  /** Resolves false when another window is sending a change to the group. */
  claim(claim: GroupClaim): Promise<boolean>;
  release(groupId: string): Promise<void>;
}

/** A write whose answer was lost: its client and group stay held until the truth is settled. */
interface Unsettled {
  readonly lease: ClientLease;
}

/**
 * The one operation behind Add Network and Remove Network: send the request once, track the task it starts, and
 * when the answer is lost watch the group until the truth is settled before saying anything, so a change is
 * never made twice. One instance per window: the groups it is writing to are refused a second write.
 */
export class NetworkChanges {
  /** Groups with a create or delete being sent, or whose lost answer is being settled, by either command. */
  private readonly writing = new Set<string>();
  private readonly unsettled = new Map<ChangeSpec, Unsettled>();

  constructor(private readonly deps: ChangeDeps) {}

  /** True when a change to the group is being sent, settled or tracked: a second one is refused before sending. */
  isBusy(groupId: string): boolean {
    return this.writing.has(groupId) || this.deps.tracker.busyGroupIds().has(groupId);
  }

  busyGroupIds(): Set<string> {
    return new Set([...this.writing, ...this.deps.tracker.busyGroupIds()]);
  }

  /**
   * Sends the change once, with the active profile's client, and tracks its task. A failure is thrown as it
   * came, for `reportFailure`; after a lost answer the group stays held until `reportFailure` has settled it.
   */
  async send(spec: ChangeSpec): Promise<TaskRef> {
    const { target } = spec;
    const busy = (): UserFacingError => new UserFacingError(this.deps.t('A network change is already in progress on {0}.', spec.group.name || spec.group.id));
    if (this.isBusy(target.groupId)) throw busy();
    const lease = this.deps.lease();
    if (!lease) throw notSignedIn();
    this.writing.add(target.groupId);
    let settling = false;
    try {
      if (this.deps.groupLock && !(await this.deps.groupLock.claim({ groupId: target.groupId, kind: taskKindOf(spec.operation), profileId: lease.profileId }))) {
        this.deps.log.info(`${target.groupId}: another window is sending a change to it`);
        throw busy();
      }
      this.deps.log.info(`${apiActionOf(spec.operation)} ${target.groupId} ${target.vpcId}/${target.subnetId} vip=${target.vip ?? 'auto'} profile=${lease.profileId}`);
      const result = await spec.send(lease.api);
      this.track(spec, lease, result);
      return result;
    } catch (error) {
      if (isCloudError(error) && error.ambiguous) {
        this.unsettled.set(spec, { lease });
        settling = true;
      }
      throw error;
    } finally {
      if (!settling) {
        this.writing.delete(target.groupId);
        lease.release();
        // After the task's record (tracker.start wrote it first), or the send failed: the group is free again.
        void this.deps.groupLock?.release(target.groupId);
      }
    }
  }

  /** `send` behind a progress notification, with any failure reported: for Remove and for Retry. */
  async sendAndReport(spec: ChangeSpec): Promise<void> {
    try {
      await this.deps.ui.withProgress(spec.texts.sending, () => this.send(spec));
    } catch (error) {
      if (isCloudError(error)) await this.reportFailure(spec, error);
      else if (error instanceof UserFacingError) this.deps.ui.show('error', error.message);
      else throw error;
    }
  }

  /** A failed change: its specific message, or, when the answer was lost, what watching the group settles. */
  async reportFailure(spec: ChangeSpec, error: CloudError): Promise<void> {
    const pending = this.unsettled.get(spec);
    if (!error.ambiguous || !pending) {
      reportWriteFailure(this.deps, spec, error, () => this.sendAndReport(spec));
      return;
    }
    try {
      await reportLostAnswer(this.deps, spec, error, {
        api: pending.lease.api,
        retry: () => this.retry(spec, pending.lease.profileId),
        track: () => this.track(spec, pending.lease, undefined),
      });
    } finally {
      this.unsettled.delete(spec);
      this.writing.delete(spec.target.groupId);
      pending.lease.release();
      void this.deps.groupLock?.release(spec.target.groupId);
    }
  }

  /**
   * Retry after "nothing was changed": the group is read back once more first, with the same profile, so a write
   * the cloud applied since is tracked instead of sent again.
   */
  private async retry(spec: ChangeSpec, profileId: string): Promise<void> {
    const lease = this.deps.lease();
    if (!lease) throw notSignedIn();
    let outcome;
    try {
      if (lease.profileId !== profileId) {
        this.deps.ui.show('error', this.deps.t('The change was started with the profile {0}: switch back to it to try again.', profileId));
        return;
      }
      outcome = (await this.deps.ui.withProgress(spec.texts.checking, () => spec.readBack(lease.api))).outcome;
      if (outcome === 'tookEffect') {
        this.track(spec, lease, undefined);
        this.deps.ui.show('info', spec.texts.tookEffect);
        return;
      }
    } finally {
      lease.release();
    }
    if (outcome === 'didNotTakeEffect') await this.sendAndReport(spec);
    else this.deps.ui.show('warning', spec.texts.unknown('-'));
  }

  /**
   * Tracks a change that was sent: `result` is undefined when its answer was lost but the group showed the change
   * under way (the tracker then watches the group instead of the task).
   */
  private track(spec: ChangeSpec, lease: ClientLease, result: TaskRef | undefined): void {
    const { group, target } = spec;
    this.deps.tracker.start({
      kind: taskKindOf(spec.operation),
      region: target.region,
      primaryInstanceId: group.primaryInstanceId,
      groupId: group.id,
      groupName: group.name || group.id,
      vpcId: target.vpcId,
      subnetId: target.subnetId,
      vip: target.vip,
      taskId: result?.taskId,
      requestId: result?.requestId,
      ipsBefore: group.networks.map((network) => network.ip),
      // The request went out under this profile: only its account knows the task.
      profileId: lease.profileId,
    });
    // The tree shows the network opening or closing at once, not at the tracker's first poll.
    void this.deps.groupView.refreshGroup(target.region, group.id).catch(() => undefined);
  }
}

function notSignedIn(): CloudError {
  return new CloudErrorClass({ kind: 'auth', code: 'ClientError.NotSignedIn', message: 'Not signed in', retryable: false, ambiguous: false });
}
