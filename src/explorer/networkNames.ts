import type { CloudApi } from '../cloud/cloudApi';
import type { NetworkNames } from './presentation';
import { NO_NAMES } from './presentation';

/**
 * VPC and subnet names per region, read once on the first tooltip that needs them (DescribeVpcs + DescribeSubnets),
 * never before: most users never hover. A failure only costs the names, and is tried again on the next hover.
 */
export class NetworkNameCache {
  private readonly byRegion = new Map<string, Promise<NetworkNames>>();
  private readonly settled = new Map<string, NetworkNames>();

  constructor(
    private readonly api: Pick<CloudApi, 'listVpcs' | 'listSubnets'>,
    private readonly signal: AbortSignal,
  ) {}

  /** The names when already loaded, without waiting. */
  peek(region: string): NetworkNames | undefined {
    return this.settled.get(region);
  }

  get(region: string): Promise<NetworkNames> {
    let names = this.byRegion.get(region);
    if (!names) {
      names = this.load(region);
      this.byRegion.set(region, names);
    }
    return names;
  }

  private async load(region: string): Promise<NetworkNames> {
    try {
      const [vpcs, subnets] = await Promise.all([
        this.api.listVpcs(region, { signal: this.signal }),
        this.api.listSubnets(region, undefined, { signal: this.signal }),
      ]);
      const vpcNames = new Map(vpcs.map((vpc) => [vpc.id, vpc.name]));
      const subnetNames = new Map(subnets.map((subnet) => [subnet.id, subnet.name]));
      const names: NetworkNames = {
        vpcName: (id) => vpcNames.get(id) || undefined,
        subnetName: (id) => subnetNames.get(id) || undefined,
      };
      this.settled.set(region, names);
      return names;
    } catch {
      this.byRegion.delete(region);
      return NO_NAMES;
    }
  }
}
