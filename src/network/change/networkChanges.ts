import type { CloudError } from '../../cloud/cloudError';
import { isCloudError, notSignedInError } from '../../cloud/cloudError';
import type { Clock } from '../../domain/clock';
import type { TaskRef } from '../../domain/model';
import type { Site } from '../../domain/model';
import { ownerConsoleUrl, ownerId, ownerName, ownerNetworks, ownerRegion, refOf } from '../../domain/networkOwner';
import type { Translate } from '../../domain/translate';
import type { OwnerClaim } from '../../tasks/shared/ownerLocks';
import type { TaskTracker } from '../../tasks/taskTracker';
import type { OwnerView } from '../../ui/ownerView';
import { UserFacingError } from '../../ui/userFacingError';
import type { ClientLease } from '../../cloud/cloudApi';
import type { Logger } from '../../domain/logger';
import type { NetworkUi } from '../ports';
import type { ChangeSpec } from './changeSpec';
import { apiActionOf, sendChange } from './changeSpec';
import { reportLostAnswer, reportWriteFailure } from './failureReport';
import { readBackChange } from './readBack';
import { settleAdopted } from './resumeUnsettled';
import type { UnsettledWrite } from '../../tasks/shared/unsettledRecord';
import type { SentWith } from '../../tasks/elsewherePollers';

export interface ChangeDeps {
  /** Holds the active profile's client for one write; undefined when signed out. */
  readonly lease: () => ClientLease | undefined;
  /**
   * A client for the profile, site and endpoint a gone window's write was sent with, when they are not the active
   * ones (undefined when none can be built): the write is read back there. Without it, such a write is left to a
   * window whose active profile and endpoint are those.
   */
  readonly leaseFor?: (sentWith: SentWith) => ClientLease | undefined;
  readonly tracker: Pick<TaskTracker, 'start' | 'busyOwnerIds'>;
  readonly ownerView: Pick<OwnerView, 'refreshOwner'>;
  readonly ui: NetworkUi;
  /** The extension's one logger port (the log channel), as the cloud layer writes to it. */
  readonly log: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly t: Translate;
  readonly clock: Clock;
  /** How long an owner must show no change after a lost answer before "nothing was changed" is said. */
  readonly settleWindowMs: () => number;
  /** The site the console links point to. */
  readonly site: () => Site;
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
  /** Records the write whose answer was lost with the owner's lock, for a window that outlives this one. */
  markUnsettled?(ownerId: string, write: Omit<UnsettledWrite, 'liveMs'>): Promise<void>;
  /** Owners whose unsettled write belongs to a window that is gone. */
  deadUnsettled?(): ReadonlyMap<string, UnsettledWrite>;
  /** Takes such a write over (atomically: one window wins); undefined when another window did. */
  adoptOwner?(ownerId: string): Promise<UnsettledWrite | undefined>;
}

/**
 * A change that did not end in a new task, already being told to the user by the operation itself: the caller
 * only waits for `reported` (the owner stays held until then), and cannot leave the owner locked by forgetting.
 */
export class ChangeReported extends Error {
  constructor(
    message: string,
    readonly reported: Promise<void>,
  ) {
    super(message);
  }
}

/** A change that was sent and failed: its report is the message, or after a lost answer the watch of the owner. */
export class ChangeFailed extends ChangeReported {
  constructor(
    readonly error: CloudError,
    reported: Promise<void>,
  ) {
    super(error.message, reported);
  }
}

/** A change whose answer was lost and whose truth is not settled yet: the next change to its owner reads it back first. */
interface Unsettled {
  readonly spec: ChangeSpec;
  readonly profileId: string;
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
  /** By owner id: the last change whose answer was lost, until a read-back shows what became of it. */
  private readonly unsettled = new Map<string, Unsettled>();

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
    // Only a request that left can have been applied: a failure before it (the read-back of an earlier change) is plain.
    let sent = false;
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
      await this.settleEarlier(id, lease);
      const { change } = spec;
      this.deps.log.info(`${apiActionOf(change.kind, spec.owner.kind)} ${id} ${change.vpcId}/${change.subnetId} vip=${change.vip ?? 'auto'} profile=${lease.profileId}`);
      sent = true;
      const result = await sendChange(lease.api, spec.owner, change);
      if (lease.revoked.aborted) {
        // The profile went while the request was out: its task cannot be followed with its key, nor left to hold
        // the owner in every window. Said once, with where to follow it.
        this.reportSignedOut(spec, lease, result);
        return result;
      }
      // Tracked before the lock goes: the task's record holds the owner from here on.
      this.track(spec, lease, result);
      return result;
    } catch (error) {
      if (error instanceof ChangeReported || !isCloudError(error)) throw error;
      handedOver = true;
      const lost = error.ambiguous && sent;
      if (lost) {
        this.unsettled.set(id, { spec, profileId: lease.profileId });
        void this.recordUnsettled(spec, lease);
      }
      throw new ChangeFailed(error, this.report(spec, error, lease, lost).finally(release));
    } finally {
      if (!handedOver) release();
    }
  }

  /** The lost write goes on the board with the owner's lock: a window that outlives this one settles it. */
  private async recordUnsettled(spec: ChangeSpec, lease: ClientLease): Promise<void> {
    const { owner, change } = spec;
    const ipsBefore = ownerNetworks(owner).map((network) => network.ip);
    const write = { owner: refOf(owner), ownerName: ownerName(owner), ...change, ipsBefore, profileId: lease.profileId, connection: lease.connection };
    await this.deps.ownerLock?.markUnsettled?.(ownerId(owner), { ...write, sentAt: this.deps.clock.now(), settleWindowMs: this.deps.settleWindowMs() });
  }

  /**
   * Settles the unsettled writes of windows that are gone (reloaded, closed) whose profile and endpoint this
   * window's client has: another window's are left to it. Called when the window starts and on the board's pace.
   */
  async adoptDead(): Promise<void> {
    const lock = this.deps.ownerLock;
    for (const [id, write] of lock?.deadUnsettled?.() ?? []) {
      // Not isBusy: the tracker counts the very record being adopted as another window's lock.
      if (this.writing.has(id)) continue;
      // Its effect can be read only with its own account at its own endpoint.
      const lease = this.leaseToSettle(write);
      if (!lease) continue;
      this.writing.add(id);
      let adopted: UnsettledWrite | undefined;
      try {
        adopted = await lock?.adoptOwner?.(id);
        if (adopted) await settleAdopted({ ...this.deps, start: (task) => void this.deps.tracker.start(task) }, adopted, lease);
      } finally {
        this.writing.delete(id);
        lease.release();
        if (adopted) void lock?.release(id);
      }
    }
  }

  /** The active client when the write was sent with it, else a client for its own profile and endpoint, if any. */
  private leaseToSettle(write: UnsettledWrite): ClientLease | undefined {
    const active = this.deps.lease();
    if (active && active.profileId === write.profileId && active.connection === write.connection) return active;
    active?.release();
    return this.deps.leaseFor?.({ profileId: write.profileId, connection: write.connection });
  }

  /** `send` behind a progress notification, its failure reported to the end: for Remove and for Retry. */
  async sendAndReport(spec: ChangeSpec): Promise<void> {
    try {
      await this.deps.ui.withProgress(spec.texts.sending, () => this.send(spec));
    } catch (error) {
      if (error instanceof ChangeReported) await error.reported;
      else if (error instanceof UserFacingError) this.deps.ui.show('error', error.message);
      else throw error;
    }
  }

  /** A failed change: its specific message, or, when the answer was lost, what watching the owner settles. */
  private async report(spec: ChangeSpec, error: CloudError, lease: ClientLease, lost: boolean): Promise<void> {
    if (!lost) {
      reportWriteFailure(this.deps, spec, error, () => this.sendAndReport(spec));
      return;
    }
    await reportLostAnswer(this.deps, spec, error, {
      api: lease.api,
      // Sends again through `send`, which reads the owner back first: a write applied since is tracked instead.
      retry: () => this.sendAndReport(spec),
      track: () => {
        this.unsettled.delete(ownerId(spec.owner));
        this.track(spec, lease, undefined);
      },
      revoked: lease.revoked,
      reportSignedOut: () => {
        this.unsettled.delete(ownerId(spec.owner));
        this.reportSignedOut(spec, lease, undefined);
      },
    });
  }

  /**
   * Before a change is sent to an owner whose last change lost its answer (Retry, Edit and Retry, or any new Add
   * or Remove after the watch ended or was stopped), that change is read back: applied since, it is tracked and
   * this one is not sent; not applied, this one goes; unknown, nothing is sent.
   */
  private async settleEarlier(id: string, lease: ClientLease): Promise<void> {
    const earlier = this.unsettled.get(id);
    if (!earlier) return;
    const { t } = this.deps;
    const name = ownerName(earlier.spec.owner);
    if (earlier.profileId !== lease.profileId) {
      throw new UserFacingError(t('The last change to {0} was sent with the profile {1} and its answer was lost: switch back to {1} so it can be checked first.', name, earlier.profileId));
    }
    const { outcome, readError } = await readBackChange(lease.api, earlier.spec.owner, earlier.spec.change);
    this.deps.log.info(`${id}: the earlier change whose answer was lost reads back as ${outcome}`);
    // A read that failed for a reason of its own (a key refused, a clock off) says that reason: nothing is sent.
    if (isCloudError(readError)) throw readError;
    switch (outcome) {
      case 'didNotTakeEffect':
      case 'ownerGone':
        this.unsettled.delete(id);
        return;
      case 'tookEffect':
        this.unsettled.delete(id);
        this.track(earlier.spec, lease, undefined);
        this.deps.ui.show('info', earlier.spec.texts.tookEffect);
        throw new ChangeReported(earlier.spec.texts.tookEffect, Promise.resolve());
      case 'unknown':
        throw new UserFacingError(t('The last change to {0} lost its answer and cannot be checked yet: nothing was sent. Refresh {0} and try again when it is idle.', name));
    }
  }

  /** The write's profile was signed out: nothing is followed with its key, and the user learns where to look. */
  private reportSignedOut(spec: ChangeSpec, lease: ClientLease, result: TaskRef | undefined): void {
    const { t } = this.deps;
    const name = ownerName(spec.owner);
    this.deps.log.warn(`${ownerId(spec.owner)}: profile ${lease.profileId} was signed out while its change was out${result ? ` (task ${result.taskId})` : ''}`);
    const message = result
      ? t('The profile {0} was signed out while the change to {1} was being sent. Tencent Cloud started it (task {2}), but it is not followed here: follow it in the Tencent Cloud console.', lease.profileId, name, result.taskId)
      : t('The profile {0} was signed out while the change to {1} was being checked: whether it was made is not known. Look at {1} in the Tencent Cloud console.', lease.profileId, name);
    this.deps.ui.show('warning', message, [{ label: t('Open Console'), run: () => this.deps.ui.openExternal(ownerConsoleUrl(this.deps.site(), spec.owner)) }]);
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
      // The request went out under this profile, to this site and endpoint: only there is the task known.
      profileId: lease.profileId,
      connection: lease.connection,
    });
    // The tree shows the network opening or closing at once, not at the tracker's first poll.
    void this.deps.ownerView.refreshOwner(refOf(owner)).catch(() => undefined);
  }
}
