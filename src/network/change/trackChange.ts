import type { ReadOnlyGroup, TaskRef } from '../../domain/model';
import type { TaskKind } from '../../tasks/trackedTask';
import type { NetworkCommandDeps } from '../networkDeps';

/** The network a create or delete was asked to change. */
export interface NetworkChange {
  readonly region: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly vip?: string;
}

/**
 * Tracks a create or delete that was sent: `result` is undefined when its answer was lost but reading the group
 * back showed the change under way (the tracker then watches the group instead of the task).
 */
export function trackNetworkChange(
  deps: Pick<NetworkCommandDeps, 'tracker' | 'groupView' | 'activeProfileId'>,
  kind: TaskKind,
  group: ReadOnlyGroup,
  change: NetworkChange,
  result: TaskRef | undefined,
): void {
  deps.tracker.start({
    kind,
    region: change.region,
    primaryInstanceId: group.primaryInstanceId,
    groupId: group.id,
    groupName: group.name || group.id,
    vpcId: change.vpcId,
    subnetId: change.subnetId,
    vip: change.vip,
    taskId: result?.taskId,
    requestId: result?.requestId,
    ipsBefore: group.networks.map((network) => network.ip),
    // The request went out under this profile: only its account knows the task.
    profileId: deps.activeProfileId(),
  });
  // The tree shows the network opening or closing at once, not at the tracker's first poll.
  void deps.groupView.refreshGroup(change.region, group.id).catch(() => undefined);
}
