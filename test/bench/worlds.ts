/**
 * Generated worlds for the benchmarks: as many regions, primaries, groups and RO instances as a scenario needs,
 * valid for the emulator's validator (unique ids, addresses inside their subnets, no reserved or reused address).
 */
import { DEMO_SECRET_ID, DEMO_SECRET_KEY, type PrimaryInstanceDefinition, type RegionDefinition, type WorldDefinition } from '../emulator';

/** The regions the postgres API supports on the international site. */
export const INTL_REGIONS: readonly string[] = [
  'ap-bangkok', 'ap-beijing', 'ap-chengdu', 'ap-chongqing', 'ap-guangzhou', 'ap-hongkong', 'ap-jakarta', 'ap-nanjing',
  'ap-seoul', 'ap-shanghai', 'ap-shanghai-fsi', 'ap-shenzhen-fsi', 'ap-singapore', 'ap-tokyo', 'eu-frankfurt',
  'na-ashburn', 'na-siliconvalley', 'sa-saopaulo',
];

export interface WorldShape {
  readonly regions: number;
  readonly primariesPerRegion: number;
  readonly groupsPerPrimary: number;
  /** RO instances in each group: DescribeDBInstances lists them too, so they decide how many instance pages a region takes. */
  readonly roInstancesPerGroup: number;
  /** When set, the first primary of each region has this many groups instead (past one DescribeReadOnlyGroups page of 99). */
  readonly groupsOfFirstPrimary?: number;
  readonly vpcsPerRegion?: number;
  readonly subnetsPerVpc?: number;
  /** Overrides for the first region only (e.g. one region past one page of primaries). */
  readonly firstRegion?: Partial<Omit<WorldShape, 'regions' | 'firstRegion'>>;
  /** Network tasks' duration. */
  readonly taskDurationMs?: number;
}

const CREATED = '2024-01-15 10:00:00';
/** Each subnet is a /20: 4093 assignable addresses, enough for every primary and group network of a region. */
const SUBNET_PREFIX = 20;

export function generateWorld(shape: WorldShape): WorldDefinition {
  if (shape.regions < 1 || shape.regions > INTL_REGIONS.length) throw new Error(`regions must be 1..${INTL_REGIONS.length}`);
  const ids = new IdSource();
  const regions = INTL_REGIONS.slice(0, shape.regions).map((region, index) =>
    generateRegion(index === 0 && shape.firstRegion ? { ...shape, ...shape.firstRegion } : shape, region, index, ids),
  );
  return {
    credentials: [{ secretId: DEMO_SECRET_ID, secretKey: DEMO_SECRET_KEY }],
    taskTiming: { durationMs: shape.taskDurationMs ?? 10_000, steps: ['Validating', 'Allocating address', 'Binding', 'Done'] },
    regions,
  };
}

function generateRegion(shape: WorldShape, region: string, index: number, ids: IdSource): RegionDefinition {
  const vpcCount = Math.max(1, shape.vpcsPerRegion ?? 1);
  const subnetCount = Math.max(2, shape.subnetsPerVpc ?? 2);
  const vpcs = Array.from({ length: vpcCount }, (_, v) => ({
    vpcId: ids.next('vpc'),
    vpcName: `bench-vpc-${v + 1}`,
    cidrBlock: `10.${v}.0.0/16`,
    isDefault: v === 0,
    createdTime: CREATED,
    subnets: Array.from({ length: subnetCount }, (_, s) => ({
      subnetId: ids.next('subnet'),
      subnetName: `bench-subnet-${v + 1}-${s + 1}`,
      cidrBlock: `10.${v}.${s * 16}.0/${SUBNET_PREFIX}`,
      zone: `${region}-${(s % 2) + 1}`,
      createdTime: CREATED,
    })),
  }));
  // Primaries live in the first subnet, group networks in the second, addresses handed out in order.
  const [primarySubnet, groupSubnet] = vpcs[0].subnets;
  const primaryAddresses = new AddressSource(0, 0);
  const groupAddresses = new AddressSource(0, 16);
  const primaryInstances: PrimaryInstanceDefinition[] = [];
  for (let p = 0; p < shape.primariesPerRegion; p++) {
    const groupCount = p === 0 ? (shape.groupsOfFirstPrimary ?? shape.groupsPerPrimary) : shape.groupsPerPrimary;
    primaryInstances.push({
      dbInstanceId: ids.next('postgres'),
      dbInstanceName: `bench-db-${p + 1}`,
      status: 'running',
      zone: primarySubnet.zone,
      vpcId: vpcs[0].vpcId,
      subnetId: primarySubnet.subnetId,
      vip: primaryAddresses.next(),
      port: 5432,
      dbVersion: '15.4',
      createTime: CREATED,
      readOnlyGroups: Array.from({ length: groupCount }, (_, g) => ({
        readOnlyGroupId: ids.next('pgrogrp'),
        readOnlyGroupName: `bench-ro-${p + 1}-${g + 1}`,
        status: 'ok' as const,
        zone: groupSubnet.zone,
        vpcId: vpcs[0].vpcId,
        subnetId: groupSubnet.subnetId,
        createTime: CREATED,
        readOnlyInstances: Array.from({ length: shape.roInstancesPerGroup }, (_, r) => ({
          dbInstanceId: ids.next('pgro'),
          dbInstanceName: `bench-ro-${p + 1}-${g + 1}-${r + 1}`,
        })),
        networks: [{ vpcId: vpcs[0].vpcId, subnetId: groupSubnet.subnetId, ip: groupAddresses.next(), port: 5432, status: 'opened' as const }],
      })),
    });
  }
  return { region, regionName: region, regionId: index + 1, supported: true, supportInternational: true, vpcs, primaryInstances };
}

/** Ids shaped like the API's (`prefix-` and 8 base-36 characters), unique within the world. */
class IdSource {
  private counter = 0;

  next(prefix: string): string {
    this.counter++;
    return `${prefix}-${this.counter.toString(36).padStart(8, '0')}`;
  }
}

/** Host addresses of 10.V.S.0/20 in order, skipping the network address and the gateway (the first host). */
class AddressSource {
  private offset = 2;

  constructor(
    private readonly vpcOctet: number,
    private readonly subnetThirdOctet: number,
  ) {}

  next(): string {
    const n = this.offset++;
    if (n >= 4095) throw new Error('subnet full');
    return `10.${this.vpcOctet}.${this.subnetThirdOctet + Math.floor(n / 256)}.${n % 256}`;
  }
}
