import * as assert from 'node:assert/strict';
import { AbstractClient } from 'tencentcloud-sdk-nodejs/tencentcloud/common/abstract_client';
import { ContractHarness, DEMO_CREDENTIAL, DemoIndex, expectApiError } from './support';

const demo = new DemoIndex();

describe('routing and parameter checks (real SDK against the emulator)', () => {
  let harness: ContractHarness;
  before(async () => {
    harness = await ContractHarness.start();
  });
  after(() => harness.close());

  it('InvalidAction for an action no product has', async () => {
    await expectApiError(harness.postgres().request('DescribeUnicorns', {}), 'InvalidAction');
  });

  it('NoSuchVersion for a version the product does not have', async () => {
    const client = new AbstractClient(harness.endpoint, '2099-01-01', {
      credential: DEMO_CREDENTIAL,
      region: 'ap-guangzhou',
      profile: { httpProfile: { protocol: 'http://', reqTimeout: 5, agent: harness.agent } },
    });
    await expectApiError(client.request('DescribeRegions', {}), 'NoSuchVersion');
  });

  it('MissingParameter for a required parameter, naming it', async () => {
    const group = demo.group('orders-ro');
    const error = await expectApiError(
      harness.postgres().request('CreateReadOnlyGroupNetworkAccess', { ReadOnlyGroupId: group.readOnlyGroupId, VpcId: group.vpcId, IsAssignVip: false }),
      'MissingParameter',
    );
    assert.match(error.message, /SubnetId/);
    await expectApiError(harness.vpc().request('DescribeUsedIpAddress', {}), 'MissingParameter');
  });

  it('MissingParameter for any action called without a region, DescribeRegions included', async () => {
    const noRegion = new AbstractClient(harness.endpoint, '2017-03-12', {
      credential: DEMO_CREDENTIAL,
      profile: { httpProfile: { protocol: 'http://', reqTimeout: 5, agent: harness.agent } },
    });
    await expectApiError(noRegion.request('DescribeDBInstances', {}), 'MissingParameter');
    const error = await expectApiError(noRegion.request('DescribeRegions', {}), 'MissingParameter');
    assert.match(error.message, /Region/);
  });

  it('DescribeRegions answers from any region it is asked in, except one the product is not offered in', async () => {
    assert.ok((await harness.postgres({ region: 'ap-guangzhou' }).DescribeRegions()).RegionSet);
    // A region the world does not model still names an endpoint the real API answers from.
    assert.ok((await harness.postgres({ region: 'na-ashburn' }).DescribeRegions()).RegionSet);
    await expectApiError(harness.postgres({ region: 'ap-mumbai' }).DescribeRegions(), 'UnsupportedRegion');
  });

  it('UnknownParameter for a parameter the action does not take, also inside filters', async () => {
    const error = await expectApiError(harness.postgres().request('DescribeDBInstances', { PageSize: 5 }), 'UnknownParameter');
    assert.match(error.message, /PageSize/);
    await expectApiError(harness.postgres().request('DescribeDBInstances', { Filters: [{ Name: 'db-instance-id', Values: ['x'], Fuzzy: true }] }), 'UnknownParameter');
  });

  it('InvalidParameter for wrong JSON types', async () => {
    const group = demo.group('orders-ro');
    await expectApiError(
      harness.postgres().request('CreateReadOnlyGroupNetworkAccess', { ReadOnlyGroupId: group.readOnlyGroupId, VpcId: group.vpcId, SubnetId: group.subnetId, IsAssignVip: 'false' }),
      'InvalidParameter',
    );
    await expectApiError(harness.postgres().request('DescribeDBInstances', { Limit: '10' }), 'InvalidParameter');
    await expectApiError(harness.vpc().request('DescribeSubnets', { Offset: 0 }), 'InvalidParameter');
    await expectApiError(harness.postgres().request('DescribeReadOnlyGroups', { Filters: { Name: 'db-master-instance-id' } }), 'InvalidParameter');
  });

  it('UnsupportedRegion for a region the product is not offered in, or an unknown one', async () => {
    await expectApiError(harness.postgres({ region: 'ap-mumbai' }).DescribeDBInstances({}), 'UnsupportedRegion');
    await expectApiError(harness.vpc({ region: 'xx-nowhere-1' }).DescribeVpcs({}), 'UnsupportedRegion');
  });

  it('every answer is HTTP 200 JSON with a RequestId, errors included', async () => {
    const error = await expectApiError(harness.postgres().request('DescribeUnicorns', {}), 'InvalidAction');
    assert.equal(error.httpCode, undefined);
    const entry = harness.emulator.control.requests().find((e) => e.requestId === error.requestId);
    assert.equal(entry?.outcome, 'InvalidAction');
  });
});
