import * as assert from 'node:assert/strict';
import { ContractHarness, DemoIndex, expectApiError } from './support';

const demo = new DemoIndex();

describe('read actions (real SDK against the demo world)', () => {
  let harness: ContractHarness;
  before(async () => {
    harness = await ContractHarness.start();
  });
  after(() => harness.close());

  describe('postgres DescribeRegions', () => {
    it('lists every region with its state', async () => {
      const answer = await harness.postgres().DescribeRegions();
      const set = answer.RegionSet ?? [];
      assert.equal(answer.TotalCount, set.length);
      const guangzhou = set.find((r) => r.Region === 'ap-guangzhou');
      assert.deepEqual(guangzhou, { Region: 'ap-guangzhou', RegionName: 'South China(Guangzhou)', RegionId: 1, RegionState: 'AVAILABLE', SupportInternational: 1 });
      assert.equal(set.find((r) => r.Region === 'ap-mumbai')?.RegionState, 'UNAVAILABLE');
      for (const name of ['ap-shanghai', 'ap-singapore']) assert.equal(set.find((r) => r.Region === name)?.RegionState, 'AVAILABLE');
    });
  });

  describe('postgres DescribeDBInstances', () => {
    it('pages 10 at a time by default with TotalCount, and every primary is reachable', async () => {
      const client = harness.postgres();
      const first = await client.DescribeDBInstances({});
      assert.equal(first.DBInstanceSet?.length, 10);
      const total = first.TotalCount ?? 0;
      assert.ok(total > 10);
      const seen: string[] = [];
      for (let offset = 0; offset < total; offset += 7) {
        const page = await client.DescribeDBInstances({ Limit: 7, Offset: offset });
        assert.equal(page.TotalCount, total);
        seen.push(...(page.DBInstanceSet ?? []).filter((i) => i.DBInstanceType === 'primary').map((i) => i.DBInstanceId ?? ''));
      }
      assert.deepEqual(seen.sort(), demo.primaries.map((p) => p.dbInstanceId).sort());
    });

    it('describes a primary with its fields and private network', async () => {
      const orders = demo.primary('orders-db');
      const answer = await harness.postgres().DescribeDBInstances({ Filters: [{ Name: 'db-instance-id', Values: [orders.dbInstanceId] }] });
      assert.equal(answer.TotalCount, 1);
      const instance = answer.DBInstanceSet?.[0];
      assert.ok(instance);
      assert.equal(instance.DBInstanceName, 'orders-db');
      assert.equal(instance.DBInstanceType, 'primary');
      assert.equal(instance.DBInstanceStatus, 'running');
      assert.equal(instance.Region, 'ap-guangzhou');
      assert.equal(instance.VpcId, orders.vpcId);
      assert.equal(instance.ReadOnlyInstanceNum, 3);
      assert.equal(typeof instance.DBInstanceMemory, 'number');
      const privateNet = instance.DBInstanceNetInfo?.find((n) => n.NetType === 'private');
      assert.equal(privateNet?.Ip, orders.vip);
      assert.equal(privateNet?.Port, 5432);
    });

    it('filters by name (fuzzy) and orders by name', async () => {
      const answer = await harness.postgres().DescribeDBInstances({ Filters: [{ Name: 'db-instance-name', Values: ['-db'] }], OrderBy: 'Name', OrderByType: 'desc', Limit: 100 });
      const names = (answer.DBInstanceSet ?? []).map((i) => i.DBInstanceName ?? '');
      assert.equal(names.length, demo.primaries.length);
      assert.deepEqual(names, [...names].sort().reverse());
    });

    it('takes Limit 0 as the default page of 10', async () => {
      const answer = await harness.postgres().DescribeDBInstances({ Limit: 0 });
      assert.equal(answer.DBInstanceSet?.length, 10);
      assert.ok((answer.TotalCount ?? 0) > 10);
    });

    it('answers DBInstanceMemory in GB and StatusInReadonlyGroup "running" for read-only instances', async () => {
      const answer = await harness.postgres().DescribeDBInstances({ Limit: 100 });
      const set = answer.DBInstanceSet ?? [];
      const orders = set.find((i) => i.DBInstanceId === demo.primary('orders-db').dbInstanceId);
      assert.equal(orders?.DBInstanceMemory, Math.round((demo.primary('orders-db').memoryMb ?? 4096) / 1024));
      const readOnly = set.filter((i) => i.DBInstanceType === 'readonly');
      assert.ok(readOnly.length > 0);
      assert.ok(readOnly.every((i) => i.StatusInReadonlyGroup === 'running'));
    });

    it('refuses a Limit above 100 and an unknown filter', async () => {
      await expectApiError(harness.postgres().DescribeDBInstances({ Limit: 101 }), 'InvalidParameterValue');
      await expectApiError(harness.postgres().DescribeDBInstances({ Filters: [{ Name: 'db-color', Values: ['blue'] }] }), 'InvalidParameterValue');
    });

    it('answers per region', async () => {
      const answer = await harness.postgres({ region: 'ap-singapore' }).DescribeDBInstances({});
      assert.ok((answer.DBInstanceSet ?? []).every((i) => i.Region === 'ap-singapore'));
      assert.equal((await harness.postgres({ region: 'ap-beijing' }).DescribeDBInstances({})).TotalCount, 0);
    });
  });

  describe('postgres DescribeReadOnlyGroups', () => {
    const masterFilter = (name: string) => [{ Name: 'db-master-instance-id', Values: [demo.primary(name).dbInstanceId] }];

    it('answers an empty list without the db-master-instance-id filter, and no TotalCount', async () => {
      const answer = await harness.postgres().DescribeReadOnlyGroups({});
      assert.deepEqual(answer.ReadOnlyGroupList, []);
      assert.equal((answer as Record<string, unknown>)['TotalCount'], undefined);
    });

    it('lists a primary\'s groups with their networks (1 and 2 networks)', async () => {
      const answer = await harness.postgres().DescribeReadOnlyGroups({ Filters: masterFilter('orders-db') });
      const groups = answer.ReadOnlyGroupList ?? [];
      assert.deepEqual(groups.map((g) => g.ReadOnlyGroupName), ['orders-ro', 'analytics-ro']);
      const analytics = groups[1];
      const expected = demo.group('analytics-ro');
      assert.equal(analytics.ReadOnlyGroupId, expected.readOnlyGroupId);
      assert.equal(analytics.MasterDBInstanceId, expected.masterId);
      assert.equal(analytics.Status, 'ok');
      assert.equal(analytics.Region, 'ap-guangzhou');
      assert.equal(analytics.NetworkAccessList, null);
      assert.equal(analytics.ReadOnlyDBInstanceList?.[0]?.DBInstanceType, 'readonly');
      assert.deepEqual(
        analytics.DBInstanceNetInfo?.map((n) => [n.VpcId, n.SubnetId, n.Ip, n.Port, n.Status, n.NetType]),
        expected.networks.map((n) => [n.vpcId, n.subnetId, n.ip, 5432, 'opened', 'private']),
      );
      assert.equal(groups[0].DBInstanceNetInfo?.length, 1);
    });

    it('shows a group with 0 networks and a group in modifying with an opening network', async () => {
      const inventory = await harness.postgres().DescribeReadOnlyGroups({ Filters: masterFilter('inventory-db') });
      assert.deepEqual(inventory.ReadOnlyGroupList?.find((g) => g.ReadOnlyGroupName === 'inventory-ro')?.DBInstanceNetInfo, []);
      const payments = await harness.postgres().DescribeReadOnlyGroups({ Filters: masterFilter('payments-db') });
      const group = payments.ReadOnlyGroupList?.[0];
      assert.equal(group?.Status, 'modifying');
      assert.deepEqual(group?.DBInstanceNetInfo?.map((n) => n.Status), ['opened', 'opening']);
    });

    it('pages with PageSize/PageNumber (a short page ends the list)', async () => {
      const client = harness.postgres();
      const page1 = await client.DescribeReadOnlyGroups({ Filters: masterFilter('orders-db'), PageSize: 1, PageNumber: 1 });
      const page2 = await client.DescribeReadOnlyGroups({ Filters: masterFilter('orders-db'), PageSize: 1, PageNumber: 2 });
      const page3 = await client.DescribeReadOnlyGroups({ Filters: masterFilter('orders-db'), PageSize: 1, PageNumber: 3 });
      assert.deepEqual([page1, page2, page3].map((p) => p.ReadOnlyGroupList?.map((g) => g.ReadOnlyGroupName)), [['orders-ro'], ['analytics-ro'], []]);
    });

    it('filters by read-only-group-id and orders by Name', async () => {
      const client = harness.postgres();
      const one = await client.DescribeReadOnlyGroups({
        Filters: [...masterFilter('orders-db'), { Name: 'read-only-group-id', Values: [demo.group('analytics-ro').readOnlyGroupId] }],
      });
      assert.deepEqual(one.ReadOnlyGroupList?.map((g) => g.ReadOnlyGroupName), ['analytics-ro']);
      const ordered = await client.DescribeReadOnlyGroups({ Filters: masterFilter('orders-db'), OrderBy: 'Name', OrderByType: 'asc' });
      assert.deepEqual(ordered.ReadOnlyGroupList?.map((g) => g.ReadOnlyGroupName), ['analytics-ro', 'orders-ro']);
    });

    it('refuses PageSize above 99', async () => {
      await harness.postgres().DescribeReadOnlyGroups({ Filters: masterFilter('orders-db'), PageSize: 99 });
      await expectApiError(harness.postgres().DescribeReadOnlyGroups({ Filters: masterFilter('orders-db'), PageSize: 100 }), 'InvalidParameterValue');
    });
  });

  describe('vpc DescribeVpcs', () => {
    it('lists VPCs with names and CIDRs, paged by string Offset/Limit', async () => {
      const client = harness.vpc();
      const all = await client.DescribeVpcs({});
      assert.equal(all.TotalCount, 3);
      const prod = all.VpcSet?.find((v) => v.VpcName === 'prod-vpc');
      assert.equal(prod?.VpcId, demo.vpc('prod-vpc').vpcId);
      assert.equal(prod?.CidrBlock, '10.0.0.0/16');
      assert.equal(prod?.IsDefault, false);
      assert.equal(all.VpcSet?.find((v) => v.VpcName === 'Default-VPC')?.IsDefault, true);
      const page = await client.DescribeVpcs({ Offset: '1', Limit: '1' });
      assert.equal(page.TotalCount, 3);
      assert.deepEqual(page.VpcSet?.map((v) => v.VpcId), [all.VpcSet?.[1]?.VpcId]);
    });

    it('filters (vpc-name fuzzy, is-default) and takes VpcIds', async () => {
      const client = harness.vpc();
      const byName = await client.DescribeVpcs({ Filters: [{ Name: 'vpc-name', Values: ['analytics'] }] });
      assert.deepEqual(byName.VpcSet?.map((v) => v.VpcName), ['analytics-vpc']);
      const defaults = await client.DescribeVpcs({ Filters: [{ Name: 'is-default', Values: ['TRUE'] }] });
      assert.deepEqual(defaults.VpcSet?.map((v) => v.VpcName), ['Default-VPC']);
      const byId = await client.DescribeVpcs({ VpcIds: [demo.vpc('prod-vpc').vpcId] });
      assert.deepEqual(byId.VpcSet?.map((v) => v.VpcName), ['prod-vpc']);
    });

    it('refuses VpcIds with Filters, a numeric Limit, a Limit above 100', async () => {
      const client = harness.vpc();
      await expectApiError(client.DescribeVpcs({ VpcIds: ['vpc-x'], Filters: [{ Name: 'vpc-id', Values: ['vpc-x'] }] }), 'InvalidParameter.Coexist');
      await expectApiError(client.request('DescribeVpcs', { Limit: 10 }), 'InvalidParameter');
      await expectApiError(client.DescribeVpcs({ Limit: '101' }), 'InvalidParameterValue.Range');
      await expectApiError(client.DescribeVpcs({ Limit: 'ten' }), 'InvalidParameterValue.Malformed');
    });
  });

  describe('vpc DescribeSubnets', () => {
    it('reports CIDR, zone and live address counts (nearly full and full /28 subnets)', async () => {
      const answer = await harness.vpc().DescribeSubnets({ Filters: [{ Name: 'vpc-id', Values: [demo.vpc('prod-vpc').vpcId] }], Limit: '100' });
      const byName = new Map((answer.SubnetSet ?? []).map((s) => [s.SubnetName, s]));
      const tiny = byName.get('prod-mgmt-gz3');
      assert.equal(tiny?.CidrBlock, '10.0.9.0/28');
      assert.equal(tiny?.Zone, 'ap-guangzhou-3');
      assert.equal(tiny?.TotalIpAddressCount, 13);
      assert.equal(tiny?.AvailableIpAddressCount, 1);
      assert.equal(byName.get('prod-legacy-gz3')?.AvailableIpAddressCount, 0);
      assert.equal(byName.get('prod-app-gz3')?.AvailableIpAddressCount, 171);
      assert.equal(byName.get('prod-app-gz3')?.TotalIpAddressCount, 253);
      assert.ok((answer.SubnetSet ?? []).every((s) => s.VpcId === demo.vpc('prod-vpc').vpcId));
      assert.equal(answer.TotalCount, 5);
    });

    it('pages, filters by zone and takes SubnetIds', async () => {
      const client = harness.vpc();
      const page = await client.DescribeSubnets({ Offset: '0', Limit: '2' });
      assert.equal(page.SubnetSet?.length, 2);
      assert.ok((page.TotalCount ?? 0) > 2);
      const zone = await client.DescribeSubnets({ Filters: [{ Name: 'zone', Values: ['ap-guangzhou-6'] }] });
      assert.deepEqual(zone.SubnetSet?.map((s) => s.SubnetName), ['etl-gz6']);
      const byId = await client.DescribeSubnets({ SubnetIds: [demo.subnet('bi-gz4').subnetId] });
      assert.deepEqual(byId.SubnetSet?.map((s) => s.SubnetName), ['bi-gz4']);
      await expectApiError(client.DescribeSubnets({ Filters: [{ Name: 'colour', Values: ['x'] }] }), 'InvalidParameter.FilterInvalidKey');
    });
  });

  describe('vpc DescribeUsedIpAddress', () => {
    it('lists occupied addresses with holders, including primaries and RO group VIPs', async () => {
      const dbSubnet = demo.subnet('prod-db-gz3');
      const answer = await harness.vpc().DescribeUsedIpAddress({ VpcId: dbSubnet.vpcId, SubnetId: dbSubnet.subnetId, Limit: 100 });
      const holders = new Map((answer.IpAddressStates ?? []).map((s) => [s.IpAddress, s.ResourceId]));
      assert.equal(holders.get(demo.primary('orders-db').vip ?? ''), demo.primary('orders-db').dbInstanceId);
      assert.equal(holders.get('10.0.2.102'), demo.group('analytics-ro').readOnlyGroupId);
      assert.equal(answer.TotalCount, answer.IpAddressStates?.length);
      assert.ok((answer.IpAddressStates ?? []).every((s) => s.SubnetId === dbSubnet.subnetId && s.VpcId === dbSubnet.vpcId));
    });

    it('checks given addresses: used ones come back, free ones are absent', async () => {
      const bi = demo.subnet('bi-gz4');
      const answer = await harness.vpc().DescribeUsedIpAddress({ VpcId: bi.vpcId, IpAddresses: ['172.16.1.5', '172.16.1.20', '172.16.1.200'] });
      assert.deepEqual(
        answer.IpAddressStates?.map((s) => [s.IpAddress, s.ResourceType, s.ResourceId]),
        [['172.16.1.5', 'cvm', 'ins-metabase'], ['172.16.1.20', 'postgres', demo.group('analytics-ro').readOnlyGroupId]],
      );
    });

    it('refuses a VPC or subnet that does not exist and a malformed address', async () => {
      const client = harness.vpc();
      await expectApiError(client.DescribeUsedIpAddress({ VpcId: 'vpc-missing0' }), 'ResourceNotFound');
      await expectApiError(client.DescribeUsedIpAddress({ VpcId: demo.vpc('prod-vpc').vpcId, SubnetId: demo.subnet('bi-gz4').subnetId }), 'ResourceNotFound');
      await expectApiError(client.DescribeUsedIpAddress({ VpcId: demo.vpc('prod-vpc').vpcId, IpAddresses: ['10.0.2.300'] }), 'InvalidParameterValue.Malformed');
    });

    it('refuses an address outside the VPC, or outside the subnet when one is given, instead of calling it free', async () => {
      const client = harness.vpc();
      const bi = demo.subnet('bi-gz4');
      const outsideVpc = await expectApiError(client.DescribeUsedIpAddress({ VpcId: bi.vpcId, IpAddresses: ['172.16.1.5', '192.0.2.10'] }), 'InvalidParameterValue.Range');
      assert.match(outsideVpc.message, /192\.0\.2\.10/);
      const dbSubnet = demo.subnet('prod-db-gz3');
      const elsewhereInVpc = demo.subnet('prod-app-gz3');
      assert.equal(elsewhereInVpc.vpcId, dbSubnet.vpcId);
      const inOtherSubnet = elsewhereInVpc.cidrBlock.replace(/\.0\/\d+$/, '.10');
      await client.DescribeUsedIpAddress({ VpcId: dbSubnet.vpcId, IpAddresses: [inOtherSubnet] });
      await expectApiError(client.DescribeUsedIpAddress({ VpcId: dbSubnet.vpcId, SubnetId: dbSubnet.subnetId, IpAddresses: [inOtherSubnet] }), 'InvalidParameterValue.Range');
    });
  });
});
