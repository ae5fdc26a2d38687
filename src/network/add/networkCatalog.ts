import type { CloudApi } from '../../cloud/cloudApi';
import { candidateAddresses, parseCidr } from '../../domain/ipv4';
import type { Subnet, Vpc } from '../../domain/model';

/** The VPC and subnet lists of one region, loading. */
export interface RegionNetworks {
  readonly vpcs: Promise<Vpc[]>;
  readonly subnets: Promise<Subnet[]>;
}

/**
 * The VPCs and subnets of a region, asked for once per wizard and in parallel as soon as the region is known:
 * the VPC list shows after one round trip and the subnet list at once after it.
 */
export class NetworkCatalog {
  private readonly loads = new Map<string, RegionNetworks>();

  constructor(
    private readonly api: CloudApi,
    private readonly signal?: AbortSignal,
  ) {}

  /** Starts both calls (if not started yet) and returns them. */
  load(region: string): RegionNetworks {
    let load = this.loads.get(region);
    if (!load) {
      load = {
        vpcs: this.api.listVpcs(region, { signal: this.signal }),
        subnets: this.api.listSubnets(region, undefined, { signal: this.signal }),
      };
      // Whoever awaits a promise sees its failure; this only keeps a failure nobody awaited yet
      // (the subnets while the VPC list is open) from counting as unhandled.
      load.vpcs.catch(() => undefined);
      load.subnets.catch(() => undefined);
      this.loads.set(region, load);
    }
    return load;
  }

  /** Forgets a failed load so that the next step asks again. */
  forget(region: string): void {
    this.loads.delete(region);
  }
}

/** How many addresses are checked with DescribeUsedIpAddress (its batch size) to offer a few free ones. */
const ADDRESSES_CHECKED = 100;

/**
 * A few addresses of the subnet that DescribeUsedIpAddress reports free right now, lowest first.
 * A suggestion, not a reservation: someone else may take one before the network is created.
 */
export async function findFreeAddresses(
  api: CloudApi,
  region: string,
  subnet: Subnet,
  count: number,
  signal?: AbortSignal,
): Promise<string[]> {
  const cidr = parseCidr(subnet.cidr);
  if (!cidr) return [];
  const candidates = candidateAddresses(cidr, new Set(), ADDRESSES_CHECKED);
  if (candidates.length === 0) return [];
  const used = await api.findUsedIps(region, subnet.vpcId, subnet.id, candidates, { signal });
  const taken = new Set(used.map((entry) => entry.ip));
  return candidates.filter((ip) => !taken.has(ip)).slice(0, count);
}
