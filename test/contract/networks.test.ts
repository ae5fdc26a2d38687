import * as assert from 'node:assert/strict';
import { ContractHarness, DemoIndex, expectApiError, waitFor } from './support';

const demo = new DemoIndex();
const TASK_MS = 600;

describe('RO group networks: create, delete and their tasks (real SDK against the emulator)', () => {
  let harness: ContractHarness;
  before(async () => {
    harness = await ContractHarness.start();
  });
  after(() => harness.close());
  beforeEach(() => {
    harness.emulator.control.apply({ op: 'reset' });
    harness.emulator.control.apply({ op: 'setTaskDuration', durationMs: TASK_MS });
  });

  const group = async (name: string) => {
    const expected = demo.group(name);
    const answer = await harness.postgres().DescribeReadOnlyGroups({
      Filters: [
        { Name: 'db-master-instance-id', Values: [expected.masterId] },
        { Name: 'read-only-group-id', Values: [expected.readOnlyGroupId] },
      ],
    });
    const found = answer.ReadOnlyGroupList?.[0];
    assert.ok(found, `group ${name} is listed`);
    return found;
  };
  const subnetCount = async (name: string) => {
    const answer = await harness.vpc().DescribeSubnets({ SubnetIds: [demo.subnet(name).subnetId] });
    return answer.SubnetSet?.[0]?.AvailableIpAddressCount;
  };
  const task = async (taskId: number) => {
    const answer = await harness.postgres().DescribeTasks({ TaskId: taskId });
    assert.equal(answer.TotalCount, 1);
    return answer.TaskSet?.[0];
  };

  it('create with an allocated VIP: modifying/opening, Running with rising Progress, then Success, opened, ok', async () => {
    const orders = demo.group('orders-ro');
    const bi = demo.subnet('bi-gz4');
    const before = await subnetCount('bi-gz4');
    const created = await harness.postgres().CreateReadOnlyGroupNetworkAccess({
      ReadOnlyGroupId: orders.readOnlyGroupId, VpcId: bi.vpcId, SubnetId: bi.subnetId, IsAssignVip: false,
    });
    assert.equal(typeof created.TaskId, 'number');
    assert.equal(created.FlowId, created.TaskId);
    const taskId = created.TaskId as number;

    const during = await group('orders-ro');
    assert.equal(during.Status, 'modifying');
    const added = during.DBInstanceNetInfo?.find((n) => n.VpcId === bi.vpcId);
    assert.equal(added?.Status, 'opening');
    const vip = added?.Ip ?? '';
    assert.match(vip, /^172\.16\.1\.\d+$/);
    assert.equal(await subnetCount('bi-gz4'), (before ?? 0) - 1);
    const used = await harness.vpc().DescribeUsedIpAddress({ VpcId: bi.vpcId, IpAddresses: [vip] });
    assert.equal(used.IpAddressStates?.[0]?.ResourceId, orders.readOnlyGroupId);

    const first = await task(taskId);
    assert.equal(first?.Status, 'Running');
    assert.equal(first?.EndTime, '');
    assert.equal(first?.DBInstanceId, orders.masterId);
    // Documented: a JSON string of [{StepId, StepName, StepProcess?, StepMessage?}].
    const steps = JSON.parse(first?.TaskDetail?.AllSteps ?? '[]') as { StepId: number; StepName: string; StepProcess?: number }[];
    assert.ok(steps.length > 0);
    assert.deepEqual(steps.map((step) => step.StepId), steps.map((_, index) => index + 1));
    assert.ok(steps.some((step) => step.StepName === first?.TaskDetail?.CurrentStep));
    assert.equal(steps.at(-1)?.StepProcess, undefined, 'a step not reached yet has no StepProcess');
    const later = await waitFor(async () => {
      const t = await task(taskId);
      return t && t.Status === 'Running' && (t.Progress ?? 0) > (first?.Progress ?? 0) ? t : undefined;
    }, TASK_MS);
    assert.ok((later.Progress ?? 0) < 100);

    const done = await waitFor(async () => {
      const t = await task(taskId);
      return t?.Status === 'Success' ? t : undefined;
    }, TASK_MS * 3);
    assert.equal(done.Progress, 100);
    assert.ok((JSON.parse(done.TaskDetail?.AllSteps ?? '[]') as { StepProcess?: number }[]).every((step) => step.StepProcess === 100));
    assert.notEqual(done.EndTime, '');
    const after = await group('orders-ro');
    assert.equal(after.Status, 'ok');
    assert.equal(after.DBInstanceNetInfo?.find((n) => n.Ip === vip)?.Status, 'opened');
    assert.equal(after.DBInstanceNetInfo?.length, 2);
  });

  it('create with a given VIP uses exactly it', async () => {
    const orders = demo.group('orders-ro');
    const etl = demo.subnet('etl-gz6');
    await harness.postgres().CreateReadOnlyGroupNetworkAccess({
      ReadOnlyGroupId: orders.readOnlyGroupId, VpcId: etl.vpcId, SubnetId: etl.subnetId, IsAssignVip: true, Vip: '172.16.2.77',
    });
    const during = await group('orders-ro');
    assert.equal(during.DBInstanceNetInfo?.find((n) => n.SubnetId === etl.subnetId)?.Ip, '172.16.2.77');
  });

  it('the last free address of a nearly full subnet is allocated, then the subnet is full', async () => {
    const inventory = demo.group('inventory-ro');
    const tiny = demo.subnet('prod-mgmt-gz3');
    assert.equal(await subnetCount('prod-mgmt-gz3'), 1);
    await harness.postgres().CreateReadOnlyGroupNetworkAccess({ ReadOnlyGroupId: inventory.readOnlyGroupId, VpcId: tiny.vpcId, SubnetId: tiny.subnetId, IsAssignVip: false });
    assert.equal(await subnetCount('prod-mgmt-gz3'), 0);
    assert.equal((await group('inventory-ro')).DBInstanceNetInfo?.[0]?.Ip, '10.0.9.4');
  });

  it('delete: modifying/closing, then the network is gone, the group ok and the address free again', async () => {
    const analytics = demo.group('analytics-ro');
    const network = analytics.networks[1];
    const before = await subnetCount('bi-gz4');
    const deleted = await harness.postgres().DeleteReadOnlyGroupNetworkAccess({
      ReadOnlyGroupId: analytics.readOnlyGroupId, VpcId: network.vpcId, SubnetId: network.subnetId, Vip: network.ip,
    });
    assert.equal(deleted.FlowId, deleted.TaskId);
    const during = await group('analytics-ro');
    assert.equal(during.Status, 'modifying');
    assert.equal(during.DBInstanceNetInfo?.find((n) => n.Ip === network.ip)?.Status, 'closing');
    const done = await waitFor(async () => {
      const t = await task(deleted.TaskId as number);
      return t?.Status === 'Success' ? t : undefined;
    }, TASK_MS * 3);
    assert.equal(done.TaskType, 'DeleteReadOnlyGroupNetworkAccess');
    const after = await group('analytics-ro');
    assert.equal(after.Status, 'ok');
    assert.deepEqual(after.DBInstanceNetInfo?.map((n) => n.Ip), [analytics.networks[0].ip]);
    assert.equal(await subnetCount('bi-gz4'), (before ?? 0) + 1);
  });

  it('a task told to fail stops at that progress with Fail, and the change is rolled back', async () => {
    const orders = demo.group('orders-ro');
    const bi = demo.subnet('bi-gz4');
    harness.emulator.control.apply({ op: 'failTask', readOnlyGroupId: orders.readOnlyGroupId, atProgress: 40, message: 'VIP binding failed' });
    const created = await harness.postgres().CreateReadOnlyGroupNetworkAccess({ ReadOnlyGroupId: orders.readOnlyGroupId, VpcId: bi.vpcId, SubnetId: bi.subnetId, IsAssignVip: false });
    const failed = await waitFor(async () => {
      const t = await task(created.TaskId as number);
      return t?.Status === 'Fail' ? t : undefined;
    }, TASK_MS * 3);
    assert.equal(failed.Progress, 40);
    assert.equal(failed.TaskDetail?.Message, 'VIP binding failed');
    const after = await group('orders-ro');
    assert.equal(after.Status, 'ok');
    assert.equal(after.DBInstanceNetInfo?.length, 1);
  });

  it('DescribeTasks lists newest first and pages', async () => {
    const orders = demo.group('orders-ro');
    const bi = demo.subnet('bi-gz4');
    const first = await harness.postgres().CreateReadOnlyGroupNetworkAccess({ ReadOnlyGroupId: orders.readOnlyGroupId, VpcId: bi.vpcId, SubnetId: bi.subnetId, IsAssignVip: false });
    const inventory = demo.group('inventory-ro');
    const second = await harness.postgres().CreateReadOnlyGroupNetworkAccess({ ReadOnlyGroupId: inventory.readOnlyGroupId, VpcId: bi.vpcId, SubnetId: bi.subnetId, IsAssignVip: false });
    const all = await harness.postgres().DescribeTasks({});
    assert.equal(all.TotalCount, 2);
    assert.deepEqual(all.TaskSet?.map((t) => t.TaskId), [second.TaskId, first.TaskId]);
    const byInstance = await harness.postgres().DescribeTasks({ DBInstanceId: orders.masterId });
    assert.deepEqual(byInstance.TaskSet?.map((t) => t.TaskId), [first.TaskId]);
    const page = await harness.postgres().DescribeTasks({ Limit: 1, Offset: 1 });
    assert.deepEqual(page.TaskSet?.map((t) => t.TaskId), [first.TaskId]);
    await expectApiError(harness.postgres().DescribeTasks({ Limit: 101 }), 'InvalidParameterValue');
  });

  describe('business errors', () => {
    const orders = demo.group('orders-ro');
    const dbA = demo.subnet('prod-db-gz3');
    const create = (overrides: Record<string, unknown>) =>
      harness.postgres().request('CreateReadOnlyGroupNetworkAccess', {
        ReadOnlyGroupId: orders.readOnlyGroupId, VpcId: dbA.vpcId, SubnetId: dbA.subnetId, IsAssignVip: false, ...overrides,
      });

    it('FailedOperation.ROGroupNotFoundError for an unknown group (or one of another region)', async () => {
      await expectApiError(create({ ReadOnlyGroupId: 'pgrogrp-missing1' }), 'FailedOperation.ROGroupNotFoundError');
      const shanghai = new DemoIndex(undefined, 'ap-shanghai');
      await expectApiError(create({ ReadOnlyGroupId: shanghai.group('crm-ro').readOnlyGroupId }), 'FailedOperation.ROGroupNotFoundError');
    });

    it('OperationDenied.ROGroupStatusError unless the group is ok', async () => {
      await expectApiError(create({ ReadOnlyGroupId: demo.group('payments-ro').readOnlyGroupId }), 'OperationDenied.ROGroupStatusError');
      await expectApiError(create({ ReadOnlyGroupId: demo.group('catalog-ro').readOnlyGroupId }), 'OperationDenied.ROGroupStatusError');
    });

    it('FailedOperation.GetVpcInfoError and FailedOperation.GetSubnetError', async () => {
      await expectApiError(create({ VpcId: 'vpc-missing1' }), 'FailedOperation.GetVpcInfoError');
      await expectApiError(create({ SubnetId: demo.subnet('bi-gz4').subnetId }), 'FailedOperation.GetSubnetError');
    });

    it('FailedOperation.NetworkNumLimitError beyond 2 networks', async () => {
      await expectApiError(create({ ReadOnlyGroupId: demo.group('analytics-ro').readOnlyGroupId }), 'FailedOperation.NetworkNumLimitError');
    });

    it('a given VIP outside the CIDR, reserved, or in use is refused', async () => {
      await expectApiError(create({ IsAssignVip: true, Vip: '10.0.3.50' }), 'InvalidParameterValue');
      await expectApiError(create({ IsAssignVip: true, Vip: '10.0.2.1' }), 'InvalidParameterValue');
      await expectApiError(create({ IsAssignVip: true, Vip: '10.0.2.255' }), 'InvalidParameterValue');
      await expectApiError(create({ IsAssignVip: true, Vip: demo.primary('orders-db').vip }), 'ResourceInUse');
    });

    it('ResourceInsufficient when asked to allocate in a full subnet', async () => {
      const full = demo.subnet('prod-legacy-gz3');
      await expectApiError(create({ SubnetId: full.subnetId }), 'ResourceInsufficient');
    });

    it('delete: the last network stays (NetworkNumLimitError); unknown VPC; a network the group does not have', async () => {
      const network = orders.networks[0];
      const remove = (overrides: Record<string, unknown>) =>
        harness.postgres().request('DeleteReadOnlyGroupNetworkAccess', {
          ReadOnlyGroupId: orders.readOnlyGroupId, VpcId: network.vpcId, SubnetId: network.subnetId, Vip: network.ip, ...overrides,
        });
      await expectApiError(remove({}), 'FailedOperation.NetworkNumLimitError');
      await expectApiError(remove({ VpcId: 'vpc-missing1' }), 'InvalidParameter.VpcNotFoundError');
      await expectApiError(remove({ Vip: '10.0.2.99' }), 'FailedOperation.FailedOperationError');
      await expectApiError(remove({ ReadOnlyGroupId: 'pgrogrp-missing1' }), 'FailedOperation.ROGroupNotFoundError');
      const payments = demo.group('payments-ro');
      await expectApiError(
        remove({ ReadOnlyGroupId: payments.readOnlyGroupId, VpcId: payments.networks[0].vpcId, SubnetId: payments.networks[0].subnetId, Vip: payments.networks[0].ip }),
        'OperationDenied.ROGroupStatusError',
      );
    });
  });
});
