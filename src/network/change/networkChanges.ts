import type { CloudError } from '../../cloud/cloudError';
import { isCloudError, notSignedInError } from '../../cloud/cloudError';
import type { Clock } from '../../domain/clock';
import type { TaskRef } from '../../domain/model';
import type { NetworkOwnerKind } from '../../domain/networkOwner';
import { ownerId, ownerName, ownerNetworks, ownerRegion, refOf } from '../../domain/networkOwner';
import type { Translate } from '../../domain/translate';
import type { OwnerClaim } from '../../tasks/shared/taskBoard';
import type { TaskTracker } from '../../tasks/taskTracker';
import type { OwnerView } from '../../ui/ownerView';
import { UserFacingError } from '../../ui/userFacingError';
import type { ClientLease, NetworkLog, NetworkUi } from '../ports';
import type { ChangeSpec } from './changeSpec';
import { apiActionOf, sendChange } from './changeSpec';
import { reportLostAnswer, reportWriteFailure } from './failureReport';
import { readBackChange } from './readBack';

export interface ChangeDeps {
  /** Holds the active profile's client for one write; undefined when signed out. */
  readonly lease: () => ClientLease | undefined;
  readonly tracker: Pick<TaskTracker, 'start' | 'busyOwnerIds'>;
  readonly ownerView: Pick<OwnerView, 'refreshOwner'>;
  readonly ui: NetworkUi;
  readonly log: NetworkLog;
  readonly t: Translate;
  readonly clock: Clock;
  /** How long an owner must show no change after a lost answer before "nothing was changed" is said. */
  readonly settleWindowMs: () => number;
  /** Between two reads of the owner while a lost answer is settled (a default when absent). */
  readonly settleReadIntervalMs?: number;
  /**
   * The lock of an owner across the user's windows: claimed (a `sending` record) before a change is sent, released
   * once its task is recorded or the send clearly failed. Without it only this window's writes are refused.
   */
  readonly ownerLock?: OwnerLock;
}

export interface OwnerLock {
  /** Resolves false when another window is sending a change to the owner. */
  claim(claim: OwnerClaim): Promise<boolean>;
  release(ownerId: string): Promise<void>;
}

/**
 * A change that was sent and failed. Its report (the message, or after a lost answer the watch of the owner until
 * the truth is settled) started when it failed, and the owner stays held until `reported` resolves: the caller
 * cannot leave the owner locked by forgetting to report.
 */
export class ChangeFailed extends Error {
  constructor(
    readonly error: CloudError,
    readonly reported: Promise<void>,
  ) {
    super(error.message);
  }
}

/**
 * The one operation behind Add Network and Remove Network, for a read-only group and a primary instance alike:
 * send the request once, track the task it starts, and when the answer is lost watch the owner until the truth
 * is settled before saying anything, so a change is never made twice. One instance per window: the owners it is
 * writing to are refused a second write.
 */
export class NetworkChanges {
  /** Owners with a change being sent, or whose lost answer is being settled, by either command. */
  private readonly writing = new Set<string>();

  constructor(private readonly deps: ChangeDeps) {}

  /** True when a change to the owner is being sent, settled or tracked: a second one is refused before sending. */
  isBusy(id: string): boolean {
    return this.writing.has(id) || this.deps.tracker.busyOwnerIds().has(id);
  }

  busyOwnerIds(): Set<string> {
    return new Set([...this.writing, ...this.deps.tracker.busyOwnerIds()]);
  }

  /**
   * Sends the change once, with the active profile's client, and tracks its task. Refused before sending with a
   * UserFacingError; a failure of the request is reported here and thrown as ChangeFailed.
   */
  async send(spec: ChangeSpec): Promise<TaskRef> {
    const id = ownerId(spec.owner);
    const busy = (): UserFacingError => new UserFacingError(this.deps.t('A network change is already in progress on {0}.', ownerName(spec.owner)));
    if (this.isBusy(id)) throw busy();
    const lease = this.deps.lease();
    if (!lease) throw notSignedInError();
    this.writing.add(id);
    let handedOver = false;
    const release = (): void => {
      this.writing.delete(id);
      lease.release();
      void this.deps.ownerLock?.release(id);
    };
    try {
      if (this.deps.ownerLock && !(await this.deps.ownerLock.claim({ ownerId: id, kind: spec.change.kind, profileId: lease.profileId }))) {
        this.deps.log.info(`${id}: another window is sending a change to it`);
        throw busy();
      }
      const { change } = spec;
      this.deps.log.info(`${this.action(spec)} ${id} ${change.vpcId}/${change.subnetId} vip=${change.vip ?? 'auto'} profile=${lease.profileId}`);
      const result = await sendChange(lease.api, spec.owner, change);
      // Tracked before the lock goes: the task's record holds the owner from here on.
      this.track(spec, lease, result);
      return result;
    } catch (error) {
      if (!isCloudError(error)) throw error;
      handedOver = true;
      throw new ChangeFailed(error, this.report(spec, error, lease).finally(release));
    } finally {
      if (!handedOver) release();
    }
  }

  /** `send` behind a progress notification, its failure reported to the end: for Remove and for Retry. */
  async sendAndReport(spec: ChangeSpec): Promise<void> {
    try {
      await this.deps.ui.withProgress(spec.texts.sending, () => this.send(spec));
    } catch (error) {
      if (error instanceof ChangeFailed) await error.reported;
      else if (error instanceof UserFacingError) this.deps.ui.show('error', error.message);
      else throw error;
    }
  }

  /** A failed change: its specific message, or, when the answer was lost, what watching the owner settles. */
  private async report(spec: ChangeSpec, error: CloudError, lease: ClientLease): Promise<void> {
    if (!error.ambiguous) {
      reportWriteFailure(this.deps, spec, error, () => this.sendAndReport(spec));
      return;
    }
    await reportLostAnswer(this.deps, spec, error, {
      api: lease.api,
      retry: () => this.retry(spec, lease.profileId),
      track: () => this.track(spec, lease, undefined),
    });
  }

  /**
   * Retry after "nothing was changed": the owner is read back once more first, with the same profile, so a write
   * the cloud applied since is tracked instead of sent again.
   */
  private async retry(spec: ChangeSpec, profileId: string): Promise<void> {
    const lease = this.deps.lease();
    if (!lease) throw notSignedInError();
    let outcome;
    try {
      if (lease.profileId !== profileId) {
        this.deps.ui.show('error', this.deps.t('The change was started with the profile {0}: switch back to it to try again.', profileId));
        return;
      }
      outcome = (await this.deps.ui.withProgress(spec.texts.checking, () => readBackChange(lease.api, spec.owner, spec.change))).outcome;
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

  private action(spec: ChangeSpec): string {
    const kind: NetworkOwnerKind = spec.owner.kind;
    return apiActionOf(spec.change.kind, kind);
  }

  /**
   * Tracks a change that was sent: `result` is undefined when its answer was lost but the owner showed the change
   * under way (the tracker then watches the owner instead of the task).
   */
  private track(spec: ChangeSpec, lease: ClientLease, result: TaskRef | undefined): void {
    const { owner, change } = spec;
    this.deps.tracker.start({
      kind: change.kind,
      region: ownerRegion(owner),
      owner: refOf(owner),
      ownerName: ownerName(owner),
      vpcId: change.vpcId,
      subnetId: change.subnetId,
      vip: change.vip,
      taskId: result?.taskId,
      requestId: result?.requestId,
      ipsBefore: ownerNetworks(owner).map((network) => network.ip),
      // The request went out under this profile: only its account knows the task.
      profileId: lease.profileId,
    });
    // The tree shows the network opening or closing at once, not at the tracker's first poll.
    void this.deps.ownerView.refreshOwner(refOf(owner)).catch(() => undefined);
  }
}
