import type { CloudApi } from '../../cloud/cloudApi';
import type { CloudError } from '../../cloud/cloudError';
import { isCloudError } from '../../cloud/cloudError';
import type { TaskRef } from '../../domain/model';
import { UserFacingError } from '../../ui/userFacingError';
import type { Translate } from '../../domain/translate';
import type { TaskTracker } from '../../tasks/taskTracker';
import type { GroupView, NetworkLog, NetworkUi } from '../ports';
import type { ChangeSpec } from './changeSpec';
import { apiActionOf } from './changeSpec';
import { reportLostAnswer, reportWriteFailure } from './failureReport';

export interface ChangeDeps {
  readonly api: CloudApi;
  readonly tracker: Pick<TaskTracker, 'start' | 'busyGroupIds'>;
  readonly groupView: Pick<GroupView, 'refreshGroup'>;
  readonly ui: NetworkUi;
  readonly log: NetworkLog;
  readonly t: Translate;
  /** The profile `api` speaks for now: recorded with each task, whose ids mean something only to that account. */
  readonly activeProfileId: () => string | undefined;
}

/**
 * The one operation behind Add Network and Remove Network: send the request once, track the task it starts, and
 * when the answer is lost read the group back before saying anything, so a change is never made twice.
 * One instance per window: its set of groups being written to is what refuses a second write to a busy group.
 */
export class NetworkChanges {
  /** Groups whose create or delete is being sent right now, by either command. */
  private readonly sending = new Set<string>();

  constructor(private readonly deps: ChangeDeps) {}

  /** True when a change to the group is being sent or tracked: a second one is refused before anything is sent. */
  isBusy(groupId: string): boolean {
    return this.sending.has(groupId) || this.deps.tracker.busyGroupIds().has(groupId);
  }

  busyGroupIds(): Set<string> {
    return new Set([...this.sending, ...this.deps.tracker.busyGroupIds()]);
  }

  /** Sends the change and tracks its task. A failure is thrown as it came, for `reportFailure`. */
  async send(spec: ChangeSpec): Promise<TaskRef> {
    const { target } = spec;
    if (this.isBusy(target.groupId)) {
      throw new UserFacingError(this.deps.t('A network change is already in progress on {0}.', spec.group.name || spec.group.id));
    }
    this.sending.add(target.groupId);
    let result: TaskRef;
    try {
      this.deps.log.info(`${apiActionOf(spec.operation)} ${target.groupId} ${target.vpcId}/${target.subnetId} vip=${target.vip ?? 'auto'}`);
      result = await spec.send(this.deps.api);
    } finally {
      this.sending.delete(target.groupId);
    }
    this.track(spec, result);
    return result;
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

  /** A failed change: its specific message, or, when the answer was lost, what reading the group back shows. */
  async reportFailure(spec: ChangeSpec, error: CloudError): Promise<void> {
    const retry = () => this.sendAndReport(spec);
    if (!error.ambiguous) {
      reportWriteFailure(this.deps, spec, error, retry);
      return;
    }
    await reportLostAnswer(this.deps, spec, error, retry, () => this.track(spec, undefined));
  }

  /**
   * Tracks a change that was sent: `result` is undefined when its answer was lost but reading the group back
   * showed the change under way (the tracker then watches the group instead of the task).
   */
  private track(spec: ChangeSpec, result: TaskRef | undefined): void {
    const { group, target } = spec;
    this.deps.tracker.start({
      kind: spec.taskKind,
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
      profileId: this.deps.activeProfileId(),
    });
    // The tree shows the network opening or closing at once, not at the tracker's first poll.
    void this.deps.groupView.refreshGroup(target.region, group.id).catch(() => undefined);
  }
}
