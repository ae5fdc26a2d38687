import type { CloudApi } from '../cloud/cloudApi';
import type { CreateNetworkRequest, DeleteNetworkRequest, GroupNetwork, ReadOnlyGroup } from '../domain/model';
import { isTransitionalGroupStatus, isTransitionalNetworkStatus } from '../domain/networkRules';

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

/**
 * The network a create added: the one with the requested VIP, or (VIP assigned automatically) one in the
 * requested VPC and subnet whose address the group did not have before.
 */
export function findCreatedNetwork(
  group: ReadOnlyGroup,
  request: { readonly vpcId: string; readonly subnetId: string; readonly vip?: string },
  ipsBefore: readonly string[],
): GroupNetwork | undefined {
  return group.networks.find(
    (network) =>
      network.vpcId === request.vpcId &&
      network.subnetId === request.subnetId &&
      (request.vip !== undefined ? network.ip === request.vip : !ipsBefore.includes(network.ip)),
  );
}

export function findNetwork(group: ReadOnlyGroup, vpcId: string, subnetId: string, vip: string): GroupNetwork | undefined {
  return group.networks.find((network) => network.vpcId === vpcId && network.subnetId === subnetId && network.ip === vip);
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
