import type { GroupNetwork } from './model';

/**
 * The network a create added: the one with the requested VIP, or (VIP assigned automatically) one in the
 * requested VPC and subnet whose address the owner did not have before.
 */
export function findCreatedNetwork(
  networks: readonly GroupNetwork[],
  request: { readonly vpcId: string; readonly subnetId: string; readonly vip?: string },
  ipsBefore: readonly string[],
): GroupNetwork | undefined {
  return networks.find(
    (network) =>
      network.vpcId === request.vpcId &&
      network.subnetId === request.subnetId &&
      (request.vip !== undefined ? network.ip === request.vip : !ipsBefore.includes(network.ip)),
  );
}

export function findNetwork(networks: readonly GroupNetwork[], vpcId: string, subnetId: string, vip: string): GroupNetwork | undefined {
  return networks.find((network) => network.vpcId === vpcId && network.subnetId === subnetId && network.ip === vip);
}
