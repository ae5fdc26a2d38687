/** The checks between a world's resources: ids unique, references resolved, every address inside its subnet, free and not reserved. */
import {
  assignableAddressCount,
  cidrContains,
  cidrWithin,
  cidrsOverlap,
  isReservedAddress,
  parseCidr,
  parseIpv4,
  type Ipv4Cidr,
} from './ipam';
import type { SubnetDefinition, WorldDefinition } from './world';
import { WorldValidationError } from './worldFields';

function unique(seen: Map<string, string>, id: string, path: string, what: string): void {
  const previous = seen.get(id);
  if (previous !== undefined) throw new WorldValidationError(path, `duplicate ${what} "${id}" (also at ${previous})`);
  seen.set(id, path);
}

interface SubnetIndex {
  readonly cidr: Ipv4Cidr;
  readonly vpcId: string;
  readonly occupied: Map<number, string>;
  readonly definition: SubnetDefinition;
  readonly path: string;
}

export function checkReferences(world: WorldDefinition): void {
  const secretIds = new Map<string, string>();
  world.credentials.forEach((c, i) => unique(secretIds, c.secretId, `world.credentials[${i}].secretId`, 'secretId'));
  const regionIds = new Map<string, string>();
  const vpcIds = new Map<string, string>();
  const subnetIds = new Map<string, string>();
  const instanceIds = new Map<string, string>();
  const groupIds = new Map<string, string>();

  world.regions.forEach((region, r) => {
    const regionPath = `world.regions[${r}]`;
    unique(regionIds, region.region, `${regionPath}.region`, 'region');
    const subnets = new Map<string, SubnetIndex>();
    const vpcs = new Map<string, Ipv4Cidr>();

    region.vpcs.forEach((vpc, v) => {
      const vpcPath = `${regionPath}.vpcs[${v}]`;
      unique(vpcIds, vpc.vpcId, `${vpcPath}.vpcId`, 'vpcId');
      const vpcCidr = parseCidr(vpc.cidrBlock);
      if (!vpcCidr || vpcCidr.prefix < 12 || vpcCidr.prefix > 28) {
        throw new WorldValidationError(`${vpcPath}.cidrBlock`, `expected an IPv4 network CIDR with prefix /12../28, got "${vpc.cidrBlock}"`);
      }
      vpcs.set(vpc.vpcId, vpcCidr);
      const siblings: Ipv4Cidr[] = [];
      vpc.subnets.forEach((subnet, s) => {
        const subnetPath = `${vpcPath}.subnets[${s}]`;
        unique(subnetIds, subnet.subnetId, `${subnetPath}.subnetId`, 'subnetId');
        const cidr = parseCidr(subnet.cidrBlock);
        if (!cidr || cidr.prefix < 16 || cidr.prefix > 28) {
          throw new WorldValidationError(`${subnetPath}.cidrBlock`, `expected an IPv4 network CIDR with prefix /16../28, got "${subnet.cidrBlock}"`);
        }
        if (!cidrWithin(cidr, vpcCidr)) throw new WorldValidationError(`${subnetPath}.cidrBlock`, `${subnet.cidrBlock} is outside the VPC CIDR ${vpc.cidrBlock}`);
        if (siblings.some((other) => cidrsOverlap(other, cidr))) {
          throw new WorldValidationError(`${subnetPath}.cidrBlock`, `${subnet.cidrBlock} overlaps another subnet of the VPC`);
        }
        siblings.push(cidr);
        if (subnet.totalIpAddressCount !== undefined && subnet.totalIpAddressCount !== assignableAddressCount(cidr)) {
          throw new WorldValidationError(`${subnetPath}.totalIpAddressCount`, `a ${subnet.cidrBlock} subnet has ${assignableAddressCount(cidr)} assignable addresses`);
        }
        const index: SubnetIndex = { cidr, vpcId: vpc.vpcId, occupied: new Map(), definition: subnet, path: subnetPath };
        subnets.set(subnet.subnetId, index);
        (subnet.usedIps ?? []).forEach((used, u) => occupy(index, used.ip, `${subnetPath}.usedIps[${u}].ip`));
      });
    });

    const subnetOf = (vpcId: string, subnetId: string, path: string): SubnetIndex => {
      if (!vpcs.has(vpcId)) throw new WorldValidationError(`${path}.vpcId`, `VPC "${vpcId}" is not defined in region ${region.region}`);
      const subnet = subnets.get(subnetId);
      if (!subnet || subnet.vpcId !== vpcId) throw new WorldValidationError(`${path}.subnetId`, `subnet "${subnetId}" is not defined in VPC ${vpcId}`);
      return subnet;
    };

    region.primaryInstances.forEach((primary, p) => {
      const primaryPath = `${regionPath}.primaryInstances[${p}]`;
      unique(instanceIds, primary.dbInstanceId, `${primaryPath}.dbInstanceId`, 'instance id');
      const home = subnetOf(primary.vpcId, primary.subnetId, primaryPath);
      if (primary.networks === undefined) occupy(home, primary.vip as string, `${primaryPath}.vip`);
      primary.networks?.forEach((network, n) => {
        const networkPath = `${primaryPath}.networks[${n}]`;
        occupy(subnetOf(network.vpcId, network.subnetId, networkPath), network.ip, `${networkPath}.ip`);
      });
      primary.readOnlyGroups.forEach((group, g) => {
        const groupPath = `${primaryPath}.readOnlyGroups[${g}]`;
        unique(groupIds, group.readOnlyGroupId, `${groupPath}.readOnlyGroupId`, 'RO group id');
        subnetOf(group.vpcId, group.subnetId, groupPath);
        group.readOnlyInstances.forEach((ro, i) => unique(instanceIds, ro.dbInstanceId, `${groupPath}.readOnlyInstances[${i}].dbInstanceId`, 'instance id'));
        group.networks.forEach((network, n) => {
          const networkPath = `${groupPath}.networks[${n}]`;
          occupy(subnetOf(network.vpcId, network.subnetId, networkPath), network.ip, `${networkPath}.ip`);
        });
      });
    });

    for (const subnet of subnets.values()) {
      const free = assignableAddressCount(subnet.cidr) - subnet.occupied.size;
      const wanted = subnet.definition.availableIpAddressCount;
      if (wanted !== undefined && wanted > free) {
        throw new WorldValidationError(`${subnet.path}.availableIpAddressCount`, `${wanted} exceeds the ${free} addresses left free by the subnet's holders`);
      }
    }
  });
}

function occupy(subnet: SubnetIndex, ip: string, path: string): void {
  const address = parseIpv4(ip);
  if (address === undefined) throw new WorldValidationError(path, `expected an IPv4 address, got "${ip}"`);
  if (!cidrContains(subnet.cidr, address)) throw new WorldValidationError(path, `${ip} is outside subnet ${subnet.definition.subnetId} (${subnet.definition.cidrBlock})`);
  if (isReservedAddress(subnet.cidr, address)) throw new WorldValidationError(path, `${ip} is a reserved address of ${subnet.definition.cidrBlock}`);
  const holder = subnet.occupied.get(address);
  if (holder !== undefined) throw new WorldValidationError(path, `${ip} is already used at ${holder}`);
  subnet.occupied.set(address, path);
}
