import * as assert from 'node:assert/strict';
import { ContractHarness, DemoIndex, expectApiError, rawRequest, waitFor } from './support';

const demo = new DemoIndex();
const LAG_MS = 800;

describe('listings that lag behind writes (real SDK against the emulator)', function () {
  this.timeout(15_000);
  let harness: ContractHarness;
  before(async () => {
    harness = await ContractHarness.start();
  });
  after(() => harness.close());
  beforeEach(() => harness.emulator.control.apply({ op: 'reset' }));

  const orders = demo.group('orders-ro');
  const bi = demo.subnet('bi-gz4');
  const listed = async (name: string) => {
    const expected = demo.group(name);
    const answer = await harness.postgres().DescribeReadOnlyGroups({
      Filters: [
        { Name: 'db-master-instance-id', Values: [expected.masterId] },
        { Name: 'read-only-group-id', Values: [expected.readOnlyGroupId] },
      ],
    });
    const group = answer.ReadOnlyGroupList?.[0];
    assert.ok(group);
    return group;
  };
  const live = (groupId: string) => {
    const primary = harness.emulator.control.world().regions.flatMap((r) => r.primaryInstances).find((p) => p.readOnlyGroups.some((g) => g.readOnlyGroupId === groupId));
    const group = primary?.readOnlyGroups.find((g) => g.readOnlyGroupId === groupId);
    assert.ok(group);
    return group;
  };
  const taskCount = async (taskId: number) => (await harness.postgres().DescribeTasks({ TaskId: taskId })).TotalCount;

  it('a created network and its task show in the listings only after the lag; the live state has them at once', async () => {
    const control = harness.emulator.control;
    control.apply({ op: 'setTaskDuration', durationMs: 60_000 });
    control.apply({ op: 'setListingLag', ms: LAG_MS });
    const sentAt = Date.now();
    const created = await harness.postgres().CreateReadOnlyGroupNetworkAccess({
      ReadOnlyGroupId: orders.readOnlyGroupId, VpcId: bi.vpcId, SubnetId: bi.subnetId, IsAssignVip: false,
    });
    assert.equal(live(orders.readOnlyGroupId).networks.length, 2);
    assert.equal(live(orders.readOnlyGroupId).status, 'modifying');

    const during = await listed('orders-ro');
    if (Date.now() - sentAt < LAG_MS - 100) {
      assert.equal(during.DBInstanceNetInfo?.length, 1, 'the listing does not show the new network yet');
      assert.equal(during.Status, 'ok');
      assert.equal(await taskCount(created.TaskId as number), 0, 'nor the task');
    }
    const shown = await waitFor(async () => {
      const group = await listed('orders-ro');
      return group.DBInstanceNetInfo?.length === 2 ? group : undefined;
    }, LAG_MS + 3000);
    assert.ok(Date.now() - sentAt >= LAG_MS, 'not before the lag');
    assert.equal(shown.Status, 'modifying');
    assert.equal(shown.DBInstanceNetInfo?.find((n) => n.SubnetId === bi.subnetId)?.Status, 'opening');
    assert.equal(await taskCount(created.TaskId as number), 1);
  });

  it('a write beyond the 2-network limit is refused during the lag, although the listing shows 1 network', async () => {
    const control = harness.emulator.control;
    control.apply({ op: 'setTaskDuration', durationMs: 50 });
    control.apply({ op: 'setListingLag', ms: 5000 });
    await harness.postgres().CreateReadOnlyGroupNetworkAccess({
      ReadOnlyGroupId: orders.readOnlyGroupId, VpcId: bi.vpcId, SubnetId: bi.subnetId, IsAssignVip: false,
    });
    await waitFor(async () => {
      const group = live(orders.readOnlyGroupId);
      return group.status === 'ok' && group.networks.every((n) => n.status === 'opened') ? group : undefined;
    }, 3000);
    assert.equal((await listed('orders-ro')).DBInstanceNetInfo?.length, 1, 'the listing still lags');
    const etl = demo.subnet('etl-gz6');
    await expectApiError(
      harness.postgres().CreateReadOnlyGroupNetworkAccess({ ReadOnlyGroupId: orders.readOnlyGroupId, VpcId: etl.vpcId, SubnetId: etl.subnetId, IsAssignVip: false }),
      'FailedOperation.NetworkNumLimitError',
    );
  });

  it('a lag per listing: DescribeTasks without lag while the groups lag; the status shows both', async () => {
    const control = harness.emulator.control;
    control.apply({ op: 'setTaskDuration', durationMs: 60_000 });
    control.apply({ op: 'setListingLag', ms: 5000 });
    control.apply({ op: 'setListingLag', action: 'DescribeTasks', ms: 0 });
    assert.deepEqual(control.status().listingLagMs, { default: 5000, byAction: { DescribeTasks: 0 } });
    const created = await harness.postgres().CreateReadOnlyGroupNetworkAccess({
      ReadOnlyGroupId: orders.readOnlyGroupId, VpcId: bi.vpcId, SubnetId: bi.subnetId, IsAssignVip: false,
    });
    assert.equal(await taskCount(created.TaskId as number), 1);
    assert.equal((await listed('orders-ro')).DBInstanceNetInfo?.length, 1);
    // The other reads are not listings: the subnet's free count and the used addresses show the new address at once.
    const used = await harness.vpc().DescribeUsedIpAddress({ VpcId: bi.vpcId, SubnetId: bi.subnetId, Limit: 100 });
    assert.ok((used.IpAddressStates ?? []).some((s) => s.ResourceId === orders.readOnlyGroupId));
    control.apply({ op: 'resetFaults' });
    assert.equal((await listed('orders-ro')).DBInstanceNetInfo?.length, 2, 'without lag the listing shows the present');
  });

  it('a lag set at start applies to every listing; the HTTP control endpoint sets and checks it', async () => {
    const lagged = await ContractHarness.start({ listingLagMs: 5000 });
    try {
      lagged.emulator.control.apply({ op: 'setTaskDuration', durationMs: 60_000 });
      await lagged.postgres().CreateReadOnlyGroupNetworkAccess({
        ReadOnlyGroupId: orders.readOnlyGroupId, VpcId: bi.vpcId, SubnetId: bi.subnetId, IsAssignVip: false,
      });
      assert.equal((await lagged.postgres().DescribeTasks({})).TotalCount, 0);
      const post = (body: unknown) =>
        rawRequest(lagged.emulator.port, 'POST', '/__emulator/control', { 'Content-Type': 'application/json' }, JSON.stringify(body));
      assert.equal((await post({ op: 'setListingLag', action: 'DescribeTasks', ms: 0 })).status, 200);
      assert.equal((await lagged.postgres().DescribeTasks({})).TotalCount, 1);
      assert.equal((await post({ op: 'setListingLag', action: 'DescribeVpcs', ms: 10 })).status, 400);
      assert.equal((await post({ op: 'setListingLag', ms: -5 })).status, 400);
    } finally {
      await lagged.close();
    }
  });
});
