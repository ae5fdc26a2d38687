import * as assert from 'node:assert/strict';
import { ContractHarness, DemoIndex, expectApiError, waitFor } from './support';

const demo = new DemoIndex();
const TASK_MS = 600;

describe("a primary instance's own networks: CreateDBInstanceNetworkAccess / DeleteDBInstanceNetworkAccess (real SDK against the emulator)", function () {
  this.timeout(15_000);
  let harness: ContractHarness;
  before(async () => {
    harness = await ContractHarness.start();
  });
  after(() => harness.close());
  beforeEach(() => {
    harness.emulator.control.apply({ op: 'reset' });
    harness.emulator.control.apply({ op: 'setTaskDuration', durationMs: TASK_MS });
  });

  const orders = demo.primary('orders-db');
  const sessions = demo.primary('sessions-db');
  const bi = demo.subnet('bi-gz4');

  /** The primary as DescribeDBInstances lists it. */
  const listed = async (dbInstanceId: string) => {
    const answer = await harness.postgres().DescribeDBInstances({ Filters: [{ Name: 'db-instance-id', Values: [dbInstanceId] }] });
    const found = answer.DBInstanceSet?.[0];
    assert.ok(found, `instance ${dbInstanceId} is listed`);
    return found;
  };
  const privateNets = async (dbInstanceId: string) => ((await listed(dbInstanceId)).DBInstanceNetInfo ?? []).filter((n) => n.NetType !== 'public');
  const task = async (taskId: number) => (await harness.postgres().DescribeTasks({ TaskId: taskId })).TaskSet?.[0];
  const finished = (taskId: number, status: 'Success' | 'Fail') =>
    waitFor(async () => {
      const t = await task(taskId);
      return t?.Status === status ? t : undefined;
    }, TASK_MS * 5);

  it('lists a primary given as vip as one opened private network, and one given networks with both', async () => {
    assert.deepEqual((await privateNets(orders.dbInstanceId)).map((n) => [n.Ip, n.Status, n.NetType]), [[orders.vip, 'opened', 'private']]);
    assert.deepEqual((await privateNets(sessions.dbInstanceId)).map((n) => n.Ip), sessions.networks?.map((n) => n.ip));
    assert.equal((await listed(orders.dbInstanceId)).DBInstanceNetInfo?.find((n) => n.NetType === 'public')?.Status, 'closed');
    const payments = demo.primary('payments-db');
    const publicNet = (await listed(payments.dbInstanceId)).DBInstanceNetInfo?.find((n) => n.NetType === 'public');
    assert.deepEqual([publicNet?.Address, publicNet?.Port, publicNet?.Status], [payments.publicAddress?.address, payments.publicAddress?.port, 'opened']);
  });

  it('create: network changing/opening, the task in DescribeTasks (by TaskId and by the instance), then opened and running', async () => {
    const before = (await harness.vpc().DescribeSubnets({ SubnetIds: [bi.subnetId] })).SubnetSet?.[0]?.AvailableIpAddressCount ?? 0;
    const created = await harness.postgres().CreateDBInstanceNetworkAccess({ DBInstanceId: orders.dbInstanceId, VpcId: bi.vpcId, SubnetId: bi.subnetId, IsAssignVip: false });
    assert.equal(typeof created.FlowId, 'number');
    assert.equal(created.TaskId, created.FlowId, 'FlowId equals TaskId');
    const taskId = created.FlowId as number;

    const during = await listed(orders.dbInstanceId);
    assert.equal(during.DBInstanceStatus, 'network changing');
    const added = during.DBInstanceNetInfo?.find((n) => n.SubnetId === bi.subnetId);
    assert.equal(added?.Status, 'opening');
    assert.match(added?.Ip ?? '', /^172\.16\.1\.\d+$/);
    const used = await harness.vpc().DescribeUsedIpAddress({ VpcId: bi.vpcId, IpAddresses: [added?.Ip ?? ''] });
    assert.equal(used.IpAddressStates?.[0]?.ResourceId, orders.dbInstanceId);
    assert.equal((await harness.vpc().DescribeSubnets({ SubnetIds: [bi.subnetId] })).SubnetSet?.[0]?.AvailableIpAddressCount, before - 1);

    const running = await task(taskId);
    assert.equal(running?.Status, 'Running');
    assert.equal(running?.TaskType, 'CreateDBInstanceNetworkAccess');
    assert.equal(running?.DBInstanceId, orders.dbInstanceId);
    assert.equal((JSON.parse(running?.TaskDetail?.Input ?? '{}') as { DBInstanceId?: string }).DBInstanceId, orders.dbInstanceId);
    const byInstance = await harness.postgres().DescribeTasks({ DBInstanceId: orders.dbInstanceId });
    assert.deepEqual(byInstance.TaskSet?.map((t) => t.TaskId), [taskId]);

    const done = await finished(taskId, 'Success');
    assert.equal(done.Progress, 100);
    const after = await listed(orders.dbInstanceId);
    assert.equal(after.DBInstanceStatus, 'running');
    assert.deepEqual(after.DBInstanceNetInfo?.filter((n) => n.NetType !== 'public').map((n) => n.Status), ['opened', 'opened']);
    const world = harness.emulator.control.world();
    assert.deepEqual(world.tasks.map((t) => [t.owner, t.readOnlyGroupId, t.dbInstanceId]), [['instance', '', orders.dbInstanceId]]);
  });

  it('create with a given VIP uses exactly it', async () => {
    await harness.postgres().CreateDBInstanceNetworkAccess({ DBInstanceId: orders.dbInstanceId, VpcId: bi.vpcId, SubnetId: bi.subnetId, IsAssignVip: true, Vip: '172.16.1.77' });
    assert.equal((await privateNets(orders.dbInstanceId)).find((n) => n.SubnetId === bi.subnetId)?.Ip, '172.16.1.77');
  });

  it('delete: closing, then the network is gone, the instance running and the address free again', async () => {
    const removed = sessions.networks?.[1];
    assert.ok(removed);
    const deleted = await harness.postgres().DeleteDBInstanceNetworkAccess({
      DBInstanceId: sessions.dbInstanceId, VpcId: removed.vpcId, SubnetId: removed.subnetId, Vip: removed.ip,
    });
    assert.equal(deleted.TaskId, deleted.FlowId);
    assert.equal((await privateNets(sessions.dbInstanceId)).find((n) => n.Ip === removed.ip)?.Status, 'closing');
    const done = await finished(deleted.FlowId as number, 'Success');
    assert.equal(done.TaskType, 'DeleteDBInstanceNetworkAccess');
    assert.deepEqual((await privateNets(sessions.dbInstanceId)).map((n) => n.Ip), [sessions.networks?.[0]?.ip]);
    assert.equal((await listed(sessions.dbInstanceId)).DBInstanceStatus, 'running');
    const used = await harness.vpc().DescribeUsedIpAddress({ VpcId: removed.vpcId, IpAddresses: [removed.ip] });
    assert.equal(used.IpAddressStates?.length ?? 0, 0, 'the address is free');
  });

  it('a task told to fail for this instance ends Fail and is rolled back; a plan for a group does not touch it', async () => {
    const control = harness.emulator.control;
    control.apply({ op: 'failTask', readOnlyGroupId: demo.group('orders-ro').readOnlyGroupId, atProgress: 10 });
    control.apply({ op: 'failTask', dbInstanceId: orders.dbInstanceId, atProgress: 30, message: 'VIP binding failed' });
    const created = await harness.postgres().CreateDBInstanceNetworkAccess({ DBInstanceId: orders.dbInstanceId, VpcId: bi.vpcId, SubnetId: bi.subnetId, IsAssignVip: false });
    const failed = await finished(created.FlowId as number, 'Fail');
    assert.equal(failed.Progress, 30);
    assert.equal(failed.TaskDetail?.Message, 'VIP binding failed');
    assert.equal((await privateNets(orders.dbInstanceId)).length, 1);
    assert.equal((await listed(orders.dbInstanceId)).DBInstanceStatus, 'running');
    assert.deepEqual(control.status().pendingTaskFailures.map((p) => p.readOnlyGroupId), [demo.group('orders-ro').readOnlyGroupId]);
    assert.throws(() => control.apply({ op: 'failTask', readOnlyGroupId: 'pgrogrp-x', dbInstanceId: 'postgres-x', atProgress: 1 }), /at most one/);
  });

  describe('the instance rules and their error codes', () => {
    const dbA = demo.subnet('prod-db-gz3');
    const create = (overrides: Record<string, unknown>) =>
      harness.postgres().request('CreateDBInstanceNetworkAccess', {
        DBInstanceId: orders.dbInstanceId, VpcId: bi.vpcId, SubnetId: bi.subnetId, IsAssignVip: false, ...overrides,
      });
    const remove = (overrides: Record<string, unknown>) => {
      const network = sessions.networks?.[1];
      return harness.postgres().request('DeleteDBInstanceNetworkAccess', {
        DBInstanceId: sessions.dbInstanceId, VpcId: network?.vpcId, SubnetId: network?.subnetId, Vip: network?.ip, ...overrides,
      });
    };

    it('ResourceNotFound.InstanceNotFoundError: unknown, of another region, or a read-only instance', async () => {
      await expectApiError(create({ DBInstanceId: 'postgres-missing1' }), 'ResourceNotFound.InstanceNotFoundError');
      const shanghai = new DemoIndex(undefined, 'ap-shanghai');
      await expectApiError(create({ DBInstanceId: shanghai.primary('crm-db').dbInstanceId }), 'ResourceNotFound.InstanceNotFoundError');
      await expectApiError(create({ DBInstanceId: demo.group('orders-ro').readOnlyInstances[0].dbInstanceId }), 'ResourceNotFound.InstanceNotFoundError');
      await expectApiError(remove({ DBInstanceId: 'postgres-missing1' }), 'ResourceNotFound.InstanceNotFoundError');
    });

    it('OperationDenied.InstanceStatusLimitOpError unless the instance is running (isolated, or a network change under way)', async () => {
      const audit = demo.primary('audit-db');
      await expectApiError(create({ DBInstanceId: audit.dbInstanceId }), 'OperationDenied.InstanceStatusLimitOpError');
      await create({});
      await expectApiError(create({ IsAssignVip: false }), 'OperationDenied.InstanceStatusLimitOpError');
      const network = { vpcId: orders.vpcId, subnetId: orders.subnetId, ip: orders.vip };
      await expectApiError(
        harness.postgres().request('DeleteDBInstanceNetworkAccess', { DBInstanceId: orders.dbInstanceId, VpcId: network.vpcId, SubnetId: network.subnetId, Vip: network.ip }),
        'OperationDenied.InstanceStatusLimitOpError',
      );
    });

    it('FailedOperation.NetworkNumLimitError beyond 2 networks, and for the last one', async () => {
      await expectApiError(create({ DBInstanceId: sessions.dbInstanceId }), 'FailedOperation.NetworkNumLimitError');
      await expectApiError(
        harness.postgres().request('DeleteDBInstanceNetworkAccess', { DBInstanceId: orders.dbInstanceId, VpcId: orders.vpcId, SubnetId: orders.subnetId, Vip: orders.vip }),
        'FailedOperation.NetworkNumLimitError',
      );
    });

    it('FailedOperation.GetVpcInfoError and FailedOperation.GetSubnetError on create', async () => {
      await expectApiError(create({ VpcId: 'vpc-missing1' }), 'FailedOperation.GetVpcInfoError');
      await expectApiError(create({ SubnetId: dbA.subnetId }), 'FailedOperation.GetSubnetError');
    });

    it('a given VIP outside the CIDR, reserved, or in use is refused; a full subnet has nothing to allocate', async () => {
      await expectApiError(create({ IsAssignVip: true, Vip: '172.16.2.50' }), 'InvalidParameterValue');
      await expectApiError(create({ IsAssignVip: true, Vip: '172.16.1.1' }), 'InvalidParameterValue');
      await expectApiError(create({ IsAssignVip: true, Vip: 'not-an-ip' }), 'InvalidParameterValue');
      await expectApiError(create({ VpcId: dbA.vpcId, SubnetId: dbA.subnetId, IsAssignVip: true, Vip: demo.primary('payments-db').vip }), 'ResourceInUse');
      const full = demo.subnet('prod-legacy-gz3');
      await expectApiError(create({ VpcId: full.vpcId, SubnetId: full.subnetId }), 'ResourceInsufficient');
    });

    it('delete: unknown VPC FailedOperation.GetVpcInfoError; a network the instance does not have FailedOperation.FailedOperationError', async () => {
      await expectApiError(remove({ VpcId: 'vpc-missing1' }), 'FailedOperation.GetVpcInfoError');
      await expectApiError(remove({ Vip: '172.16.2.99' }), 'FailedOperation.FailedOperationError');
      await expectApiError(remove({ SubnetId: bi.subnetId }), 'FailedOperation.FailedOperationError');
    });

    it('the gateway: parameter names, types and the 100/s limit of each action', async () => {
      await expectApiError(create({ ReadOnlyGroupId: 'pgrogrp-x' }), 'UnknownParameter');
      await expectApiError(create({ IsAssignVip: 'no' }), 'InvalidParameter');
      await expectApiError(harness.postgres().request('DeleteDBInstanceNetworkAccess', { DBInstanceId: sessions.dbInstanceId }), 'MissingParameter');
      // The limit counts every call that reaches it, refused or not: 100 unknown instances, then the 101st is limited.
      const calls = Array.from({ length: 100 }, () => create({ DBInstanceId: 'postgres-missing1' }).catch((error: unknown) => error));
      await Promise.all(calls);
      await expectApiError(create({ DBInstanceId: 'postgres-missing1' }), 'RequestLimitExceeded');
    });
  });

  it('an injected fault and a listing lag apply to the instance actions like to the group ones', async () => {
    const control = harness.emulator.control;
    control.apply({ op: 'failNext', action: 'CreateDBInstanceNetworkAccess', code: 'FailedOperation.FlowCreateError' });
    await expectApiError(
      harness.postgres().CreateDBInstanceNetworkAccess({ DBInstanceId: orders.dbInstanceId, VpcId: bi.vpcId, SubnetId: bi.subnetId, IsAssignVip: false }),
      'FailedOperation.FlowCreateError',
    );
    assert.equal(harness.emulator.control.world().tasks.length, 0, 'an injected error carries nothing out');

    const lagMs = 800;
    // A long task: the change is still under way whenever the lagging listing first shows it.
    control.apply({ op: 'setTaskDuration', durationMs: 60_000 });
    control.apply({ op: 'setListingLag', action: 'DescribeDBInstances', ms: lagMs });
    const sentAt = Date.now();
    const created = await harness.postgres().CreateDBInstanceNetworkAccess({ DBInstanceId: orders.dbInstanceId, VpcId: bi.vpcId, SubnetId: bi.subnetId, IsAssignVip: false });
    const livePrimary = control.world().regions[0].primaryInstances.find((p) => p.dbInstanceId === orders.dbInstanceId);
    assert.equal(livePrimary?.networks?.length, 2, 'the live state has it at once');
    assert.equal(livePrimary?.status, 'network changing');
    const early = await listed(orders.dbInstanceId);
    if (Date.now() - sentAt < lagMs - 100) {
      assert.equal(early.DBInstanceNetInfo?.filter((n) => n.NetType !== 'public').length, 1, 'the lagging listing does not show the network yet');
      assert.equal(early.DBInstanceStatus, 'running');
    }
    assert.equal((await harness.postgres().DescribeTasks({ TaskId: created.FlowId })).TotalCount, 1, 'DescribeTasks has no lag of its own here');
    const shown = await waitFor(async () => {
      const instance = await listed(orders.dbInstanceId);
      return instance.DBInstanceNetInfo?.some((n) => n.SubnetId === bi.subnetId) ? instance : undefined;
    }, lagMs + 3000);
    assert.ok(Date.now() - sentAt >= lagMs, 'not before the lag');
    assert.equal(shown.DBInstanceStatus, 'network changing');
  });
});
