import type { GroupNetwork, ReadOnlyGroup } from './model';

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
