/** What the connection commands need from the rest of the extension. */
export interface ConnectionDeps {
  /** The API endpoint override in effect, or undefined for Tencent Cloud itself. */
  readonly endpoint: () => string | undefined;
  /** The CIDR of a subnet as the VPC API lists it (DescribeSubnets), or undefined when it cannot be read. */
  readonly subnetCidr: (region: string, vpcId: string, subnetId: string) => Promise<string | undefined>;
}
