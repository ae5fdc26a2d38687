import assert from 'node:assert/strict';
import type { DisposableCloudApi } from '../../src/cloud/tencentCloudApi';
import type { PrimaryInstance } from '../../src/domain/model';
import { demoWorldPath, startEmulator, type ControlOp, type RunningEmulator } from '../emulator';
import { callsOf, cloudErrorOf, makeApi, waitFor, type RecordingLogger } from './clientHarness';

const REGION = 'ap-guangzhou';
/** orders-db: one network (vip 10.0.2.10 in prod-db-gz3); sessions-db: two; audit-db: isolated. */
const ORDERS = 'postgres-go1nxg3q';
const SESSIONS = { id: 'postgres-uk7kcuhe', removable: { vpcId: 'vpc-9jtwov7c', subnetId: 'subnet-unuu55q6', vip: '172.16.2.21' } };
const AUDIT = 'postgres-obyeyudh';
const BI = { vpcId: 'vpc-9jtwov7c', subnetId: 'subnet-jemqvs6d' };
const CREATE = { region: REGION, instanceId: ORDERS, ...BI } as const;

describe("cloud client against the emulator: a primary instance's own networks", function () {
  this.timeout(15000);
  let emulator: RunningEmulator;
  let api: DisposableCloudApi;
  let logger: RecordingLogger;

  // One emulator per test: a write an earlier test gave up on cannot land in this test's log.
  beforeEach(async () => {
    emulator = await startEmulator({ world: demoWorldPath(), port: 0 });
    ({ api, logger } = makeApi(emulator, { timeoutMs: 400, retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50 } }));
  });
  afterEach(async () => {
    api.dispose();
    await emulator.stop();
  });

  const inject = (op: ControlOp) => emulator.control.apply(op);
  const primary = async (id: string): Promise<PrimaryInstance> => {
    const page = await api.listPrimaryInstances(REGION, { offset: 0, limit: 100 });
    const found = page.instances.find((instance) => instance.id === id);
    assert.ok(found, `${id} is listed`);
    return found;
  };
  /** The write reached the emulator once and the client logged one attempt of one allowed. */
  const assertSentOnce = (action: string): void => {
    assert.equal(callsOf(emulator, action).length, 1, `${action} reached the emulator once`);
    const attempts = logger.lines.filter((line) => line.includes(`${action} `));
    assert.equal(attempts.length, 1, attempts.join(' | '));
    assert.match(attempts[0], /attempt=1\/1 /);
  };

  it('reads one primary back by id with its networks, and answers undefined for an instance that does not exist', async () => {
    const sessions = await api.getPrimaryInstance(REGION, SESSIONS.id);
    assert.equal(sessions?.id, SESSIONS.id);
    assert.deepEqual(sessions?.networks.map((n) => n.ip), ['10.0.3.21', SESSIONS.removable.vip]);
    // One page of one: without the db-instance-id filter it would be the region's first instance, orders-db.
    assert.equal(callsOf(emulator, 'DescribeDBInstances').length, 1);
    assert.equal(await api.getPrimaryInstance(REGION, 'postgres-doesnotexist'), undefined);
  });

  it("lists each primary's networks with the instance, at no extra call", async () => {
    const page = await api.listPrimaryInstances(REGION, { offset: 0, limit: 100 });
    const calls = emulator.control.requests().length;
    const orders = page.instances.find((instance) => instance.id === ORDERS);
    assert.deepEqual(orders?.networks.map((n) => [n.vpcId, n.subnetId, n.ip, n.port, n.netType, n.status]), [
      ['vpc-0p4qrebe', 'subnet-4hgz4cr2', '10.0.2.10', 5432, 'private', 'opened'],
    ]);
    assert.deepEqual(page.instances.find((instance) => instance.id === SESSIONS.id)?.networks.map((n) => n.ip), ['10.0.3.21', SESSIONS.removable.vip]);
    const payments = page.instances.find((instance) => instance.id === 'postgres-1moscm05');
    assert.deepEqual(payments?.networks.map((n) => [n.ip || n.address, n.netType, n.status, n.port]), [
      ['10.0.2.11', 'private', 'opened', 5432],
      ['gz-postgres-1moscm05.sql.tencentcdb.com', 'public', 'opened', 21435],
    ]);
    assert.equal(emulator.control.requests().length, calls, 'one DescribeDBInstances call carried them');
  });

  it('creates a network, follows its task to Success, sees it opened, then deletes it', async () => {
    inject({ op: 'setTaskDuration', durationMs: 400 });
    const created = await api.createInstanceNetwork(CREATE);
    assert.ok(created.taskId > 0);
    assert.notEqual(created.requestId, '');
    assert.equal(created.region, REGION);
    const sent = callsOf(emulator, 'CreateDBInstanceNetworkAccess');
    assert.equal(sent.length, 1);
    assert.equal(sent[0].write?.taskId, created.taskId, 'the task id is the one the API answered (FlowId = TaskId)');

    const done = await waitFor(async () => {
      const task = await api.describeTask(REGION, created.taskId);
      return task?.state === 'Success' ? task : undefined;
    }, 5000, 100);
    assert.equal(done.instanceId, ORDERS);
    assert.equal(done.type, 'CreateDBInstanceNetworkAccess');
    const after = await primary(ORDERS);
    assert.equal(after.status, 'running');
    const added = after.networks.find((n) => n.subnetId === BI.subnetId);
    assert.equal(added?.status, 'opened');

    const removed = await api.deleteInstanceNetwork({ region: REGION, instanceId: ORDERS, ...BI, vip: added?.ip ?? '' });
    assert.ok(removed.taskId > created.taskId);
    await waitFor(async () => ((await api.describeTask(REGION, removed.taskId))?.state === 'Success' ? true : undefined), 5000, 100);
    assert.deepEqual((await primary(ORDERS)).networks.map((n) => n.ip), ['10.0.2.10']);
  });

  it('creates with a chosen VIP: IsAssignVip true with Vip; without one IsAssignVip false', async () => {
    await api.createInstanceNetwork({ ...CREATE, vip: '172.16.1.77' });
    assert.equal((await primary(ORDERS)).networks.find((n) => n.subnetId === BI.subnetId)?.ip, '172.16.1.77');
    const logged = emulator.control.world().tasks[0];
    assert.equal(logged.vip, '172.16.1.77');
    assert.equal(logged.owner, 'instance');
  });

  it("the instance's rules come back as API errors, sent once and not ambiguous", async () => {
    const cases: [Promise<unknown>, string][] = [
      [api.createInstanceNetwork({ ...CREATE, instanceId: AUDIT }), 'OperationDenied.InstanceStatusLimitOpError'],
      [api.createInstanceNetwork({ ...CREATE, instanceId: 'postgres-missing1' }), 'ResourceNotFound.InstanceNotFoundError'],
      [api.createInstanceNetwork({ ...CREATE, instanceId: SESSIONS.id }), 'FailedOperation.NetworkNumLimitError'],
      [api.deleteInstanceNetwork({ region: REGION, instanceId: ORDERS, vpcId: 'vpc-0p4qrebe', subnetId: 'subnet-4hgz4cr2', vip: '10.0.2.10' }), 'FailedOperation.NetworkNumLimitError'],
    ];
    for (const [call, code] of cases) {
      const error = await cloudErrorOf(call);
      assert.equal(error.kind, 'api');
      assert.equal(error.code, code);
      assert.equal(error.ambiguous, false);
      assert.equal(error.retryable, false);
    }
    assert.equal(callsOf(emulator, 'CreateDBInstanceNetworkAccess').length, 3, 'each refused create was sent once');
  });

  for (const op of [{ op: 'stallBody' }, { op: 'dropConnection' }, { op: 'nonJson' }, { op: 'missingResponse' }, { op: 'httpError', status: 503 }] as const) {
    it(`a create that meets ${op.op} is sent once and ambiguous; carried out late, the listing shows it`, async () => {
      inject({ ...op, action: 'CreateDBInstanceNetworkAccess', applyWrite: { afterMs: 200 } });
      const error = await cloudErrorOf(api.createInstanceNetwork(CREATE));
      assert.equal(error.ambiguous, true, error.code);
      assert.equal(error.action, 'CreateDBInstanceNetworkAccess');
      assertSentOnce('CreateDBInstanceNetworkAccess');
      await waitFor(async () => ((await primary(ORDERS)).networks.length === 2 ? true : undefined), 3000, 50, 'the late create to land');
      assert.equal(callsOf(emulator, 'CreateDBInstanceNetworkAccess').length, 1, 'still sent once');
    });
  }

  it('a delete that times out is not re-sent and is ambiguous; a throttled one is refused, not ambiguous', async () => {
    const remove = { region: REGION, instanceId: SESSIONS.id, ...SESSIONS.removable };
    inject({ op: 'failNext', action: 'DeleteDBInstanceNetworkAccess', code: 'RequestLimitExceeded' });
    const throttled = await cloudErrorOf(api.deleteInstanceNetwork(remove));
    assert.equal(throttled.kind, 'throttled');
    assert.equal(throttled.ambiguous, false);
    assertSentOnce('DeleteDBInstanceNetworkAccess');

    inject({ op: 'clearRequests' });
    logger.clear();
    inject({ op: 'delayAnswer', ms: 1500, action: 'DeleteDBInstanceNetworkAccess', applyWrite: 'before' });
    const timedOut = await cloudErrorOf(api.deleteInstanceNetwork(remove));
    assert.equal(timedOut.kind, 'timeout');
    assert.equal(timedOut.ambiguous, true);
    assertSentOnce('DeleteDBInstanceNetworkAccess');
    assert.equal((await primary(SESSIONS.id)).networks.find((n) => n.ip === SESSIONS.removable.vip)?.status, 'closing', 'it did in fact happen');
  });

  it('logs each write once with action, region, request id and the one attempt allowed', async () => {
    await api.createInstanceNetwork(CREATE);
    const lines = logger.lines.filter((line) => line.includes('CreateDBInstanceNetworkAccess'));
    assert.equal(lines.length, 1);
    assert.match(lines[0], /^info CreateDBInstanceNetworkAccess region=ap-guangzhou attempt=1\/1 duration=\d+ms requestId=[0-9a-f-]{36} ok$/);
  });

  it('keeps a burst of 120 creates under the documented 100/s: zero RequestLimitExceeded on the wire', async () => {
    const started = Date.now();
    // Unknown instances: every create is refused by the cloud, so the burst changes nothing but still counts.
    await Promise.all(Array.from({ length: 120 }, () => api.createInstanceNetwork({ ...CREATE, instanceId: 'postgres-missing1' }).catch(() => undefined)));
    const outcomes = new Set(callsOf(emulator, 'CreateDBInstanceNetworkAccess').map((call) => call.outcome));
    assert.deepEqual([...outcomes], ['ResourceNotFound.InstanceNotFoundError']);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 1000, `the 101st call waited for the window (${elapsed} ms)`);
    // The undocumented default is 20/s: 120 calls would take 6 s.
    assert.ok(elapsed < 4000, `sent at 100/s, not the default 20/s (${elapsed} ms)`);
  });
});
