import type { CloudApi } from '../../cloud/cloudApi';
import type { CreateNetworkRequest, DeleteNetworkRequest, ReadOnlyGroup } from '../../domain/model';
import { findCreatedNetwork, findNetwork } from '../../domain/networkMatch';
import { isTransitionalGroupStatus, isTransitionalNetworkStatus } from '../../domain/networkRules';

/**
 * What reading the group back says about a create or delete whose answer was lost (timeout, dropped
 * connection, unreadable answer):
 * - tookEffect:       the change is under way or done; track it, never send it again;
 * - didNotTakeEffect: the group is as before and idle; sending it again is safe;
 * - groupGone:        the group no longer exists;
 * - unknown:          the group could not be read, or is busy with something that may or may not be this.
 */
export type WriteOutcome = 'tookEffect' | 'didNotTakeEffect' | 'groupGone' | 'unknown';

export interface ReadBack {
  readonly outcome: WriteOutcome;
}

/** Reads the group and compares it with what it was before the create. Never throws. */
export async function readBackCreate(
  api: Pick<CloudApi, 'getReadOnlyGroup'>,
  request: CreateNetworkRequest,
  before: ReadOnlyGroup,
): Promise<ReadBack> {
  const group = await readGroup(api, request.region, before.primaryInstanceId, request.groupId);
  if (group === 'failed') return { outcome: 'unknown' };
  if (group === undefined) return { outcome: 'groupGone' };
  if (findCreatedNetwork(group, request, before.networks.map((network) => network.ip)) !== undefined) {
    return { outcome: 'tookEffect' };
  }
  if (isTransitionalGroupStatus(group.status) || group.networks.some((network) => isTransitionalNetworkStatus(network.status))) {
    return { outcome: 'unknown' };
  }
  return { outcome: 'didNotTakeEffect' };
}

/** Reads the group and looks for the network that was to be removed. Never throws. */
export async function readBackDelete(
  api: Pick<CloudApi, 'getReadOnlyGroup'>,
  request: DeleteNetworkRequest,
  primaryInstanceId: string,
): Promise<ReadBack> {
  const group = await readGroup(api, request.region, primaryInstanceId, request.groupId);
  if (group === 'failed') return { outcome: 'unknown' };
  if (group === undefined) return { outcome: 'groupGone' };
  const network = findNetwork(group, request.vpcId, request.subnetId, request.vip);
  if (network === undefined || network.status === 'closing' || network.status === 'closed') return { outcome: 'tookEffect' };
  if (network.status === 'opened' && !isTransitionalGroupStatus(group.status)) return { outcome: 'didNotTakeEffect' };
  return { outcome: 'unknown' };
}


async function readGroup(
  api: Pick<CloudApi, 'getReadOnlyGroup'>,
  region: string,
  primaryInstanceId: string,
  groupId: string,
): Promise<ReadOnlyGroup | undefined | 'failed'> {
  try {
    return await api.getReadOnlyGroup(region, primaryInstanceId, groupId);
  } catch {
    return 'failed';
  }
}
