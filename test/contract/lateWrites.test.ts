import * as assert from 'node:assert/strict';
import type { ApplyWrite, ControlOp, RequestLogEntry, WorldSnapshot } from '../emulator';
import { ContractHarness, DemoIndex, rawRequest, waitFor } from './support';

const demo = new DemoIndex();

/** The client's timeout: short, so the table runs quickly; the late writes are set relative to it. */
const TIMEOUT_MS = 300;
/** How long after the expected moment a late write may land on a busy machine. */
const SLACK_MS = 3000;

type FaultOp = 'stallBody' | 'dropConnection' | 'delayAnswer' | 'httpError' | 'nonJson' | 'missingResponse';
/** Every fault that loses the answer; the delayed answer goes out well past the client's timeout. */
const FAULTS: readonly FaultOp[] = ['stallBody', 'dropConnection', 'delayAnswer', 'httpError', 'nonJson', 'missingResponse'];
const MODES: readonly ApplyWrite[] = [
  'before',
  { afterMs: TIMEOUT_MS / 2 },
  { afterMs: TIMEOUT_MS },
  { afterMs: TIMEOUT_MS * 3 },
  'never',
];

function faultOp(kind: FaultOp, action: string, applyWrite: ApplyWrite): ControlOp {
  const target = { action, applyWrite };
  return kind === 'delayAnswer' ? { op: kind, ms: TIMEOUT_MS * 4, ...target } : { op: kind, ...target };
}

function describeMode(mode: ApplyWrite): string {
  return typeof mode === 'string' ? mode : `after ${mode.afterMs} ms`;
}

function livePrimary(world: WorldSnapshot, dbInstanceId: string) {
  const primary = world.regions.flatMap((region) => region.primaryInstances).find((p) => p.dbInstanceId === dbInstanceId);
  assert.ok(primary, `no primary ${dbInstanceId}`);
  return primary;
}

function liveGroup(world: WorldSnapshot, groupId: string) {
  for (const region of world.regions) {
    for (const primary of region.primaryInstances) {
      const group = primary.readOnlyGroups.find((g) => g.readOnlyGroupId === groupId);
      if (group) return group;
    }
  }
  assert.fail(`no group ${groupId}`);
}

async function failureOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  assert.fail('expected the call to fail: the answer was to be lost');
}

interface WriteCase {
  readonly action: 'CreateReadOnlyGroupNetworkAccess' | 'DeleteReadOnlyGroupNetworkAccess' | 'CreateDBInstanceNetworkAccess' | 'DeleteDBInstanceNetworkAccess';
  /** The owner of the networks: a read-only group or a primary instance. */
  readonly ownerId: string;
  readonly request: Record<string, unknown>;
  /** Whether the live state shows the write's effect. */
  carriedOut(world: WorldSnapshot): boolean;
}

const orders = demo.group('orders-ro');
const bi = demo.subnet('bi-gz4');
const analytics = demo.group('analytics-ro');
const removed = analytics.networks[1];
const ordersDb = demo.primary('orders-db');
const sessionsDb = demo.primary('sessions-db');
const sessionsRemoved = (sessionsDb.networks ?? [])[1];

const CASES: readonly WriteCase[] = [
  {
    action: 'CreateReadOnlyGroupNetworkAccess',
    ownerId: orders.readOnlyGroupId,
    request: { ReadOnlyGroupId: orders.readOnlyGroupId, VpcId: bi.vpcId, SubnetId: bi.subnetId, IsAssignVip: false },
    carriedOut: (world) => liveGroup(world, orders.readOnlyGroupId).networks.some((n) => n.subnetId === bi.subnetId),
  },
  {
    action: 'DeleteReadOnlyGroupNetworkAccess',
    ownerId: analytics.readOnlyGroupId,
    request: { ReadOnlyGroupId: analytics.readOnlyGroupId, VpcId: removed.vpcId, SubnetId: removed.subnetId, Vip: removed.ip },
    carriedOut: (world) => liveGroup(world, analytics.readOnlyGroupId).networks.some((n) => n.ip === removed.ip && n.status === 'closing'),
  },
  {
    action: 'CreateDBInstanceNetworkAccess',
    ownerId: ordersDb.dbInstanceId,
    request: { DBInstanceId: ordersDb.dbInstanceId, VpcId: bi.vpcId, SubnetId: bi.subnetId, IsAssignVip: false },
    carriedOut: (world) => (livePrimary(world, ordersDb.dbInstanceId).networks ?? []).some((n) => n.subnetId === bi.subnetId),
  },
  {
    action: 'DeleteDBInstanceNetworkAccess',
    ownerId: sessionsDb.dbInstanceId,
    request: { DBInstanceId: sessionsDb.dbInstanceId, VpcId: sessionsRemoved.vpcId, SubnetId: sessionsRemoved.subnetId, Vip: sessionsRemoved.ip },
    carriedOut: (world) => (livePrimary(world, sessionsDb.dbInstanceId).networks ?? []).some((n) => n.ip === sessionsRemoved.ip && n.status === 'closing'),
  },
];

describe('writes whose answer is lost: carried out before, later or never (real SDK against the emulator)', function () {
  this.timeout(20_000);
  let harness: ContractHarness;
  before(async () => {
    harness = await ContractHarness.start();
  });
  after(() => harness.close());
  beforeEach(() => {
    harness.emulator.control.apply({ op: 'reset' });
    // Long tasks: the effect stays visible (opening/closing) while the test looks.
    harness.emulator.control.apply({ op: 'setTaskDuration', durationMs: 600_000 });
  });

  const writesOf = (action: string): RequestLogEntry[] => harness.emulator.control.requests().filter((e) => e.action === action);

  for (const testCase of CASES) {
    for (const kind of FAULTS) {
      for (const mode of MODES) {
        it(`${testCase.action}, ${kind}, carried out ${describeMode(mode)}`, async () => {
          const control = harness.emulator.control;
          control.apply(faultOp(kind, testCase.action, mode));
          const client = harness.postgres({ reqTimeout: TIMEOUT_MS / 1000 });
          await failureOf(client.request(testCase.action, testCase.request));
          const gaveUpAt = Date.now();

          // Sent once, and the log says so whatever became of the answer.
          const [entry, ...others] = writesOf(testCase.action);
          assert.equal(others.length, 0, 'the write reached the cloud once');
          assert.ok(entry.write, 'a write carries a write record');
          assert.notEqual(entry.outcome, 'Success');

          if (mode === 'never') {
            assert.equal(entry.write.apply, 'never');
            assert.equal(control.status().pendingWrites, 0, 'nothing left to carry out');
            assert.equal(entry.write.processedAt, undefined);
            assert.equal(entry.write.applied, false);
            assert.equal(testCase.carriedOut(control.world()), false);
            assert.equal(control.world().tasks.length, 0);
            return;
          }
          if (mode === 'before') {
            assert.equal(entry.write.apply, 'before');
            assert.equal(entry.write.applied, true, `carried out at once (${entry.write.result ?? 'no result'})`);
            assert.ok(testCase.carriedOut(control.world()));
            return;
          }

          assert.equal(entry.write.apply, 'after');
          const dueAt = Date.parse(entry.write.dueAt ?? '');
          assert.ok(Math.abs(dueAt - Date.parse(entry.time) - mode.afterMs) < 1000, 'due afterMs after arrival');
          // Observed before it was due, the state must not show it yet.
          if (gaveUpAt < dueAt - 50) assert.equal(testCase.carriedOut(control.world()), false, 'not carried out before it was due');
          const landed = await waitFor(async () => {
            const record = writesOf(testCase.action)[0]?.write;
            return record?.processedAt !== undefined ? record : undefined;
          }, mode.afterMs + SLACK_MS);
          assert.equal(landed.applied, true, `carried out late (${landed.result ?? 'no result'})`);
          assert.ok(Date.parse(landed.processedAt ?? '') >= dueAt - 5, 'not before it was due');
          assert.equal(typeof landed.taskId, 'number');
          assert.ok(testCase.carriedOut(control.world()));
          assert.deepEqual(control.world().tasks.map((t) => t.taskId), [landed.taskId]);
        });
      }
    }
  }

  it('a late write is checked against the state it lands in: a refused write is logged with its error, not applied', async () => {
    const control = harness.emulator.control;
    const late = TIMEOUT_MS * 2;
    control.apply({ op: 'dropConnection', action: 'CreateReadOnlyGroupNetworkAccess', applyWrite: { afterMs: late } });
    const client = harness.postgres({ reqTimeout: TIMEOUT_MS / 1000 });
    const request = { ReadOnlyGroupId: orders.readOnlyGroupId, VpcId: bi.vpcId, SubnetId: bi.subnetId, IsAssignVip: false };
    await failureOf(client.CreateReadOnlyGroupNetworkAccess(request));
    // A blind retry lands first: the group turns modifying, so the late original is refused when it lands.
    await client.CreateReadOnlyGroupNetworkAccess(request);
    const landed = await waitFor(async () => writesOf('CreateReadOnlyGroupNetworkAccess')[0]?.write?.result, late + SLACK_MS);
    assert.equal(landed, 'OperationDenied.ROGroupStatusError');
    assert.equal(writesOf('CreateReadOnlyGroupNetworkAccess').filter((e) => e.write?.applied).length, 1);
  });

  it('a reset drops pending late writes (marked Cancelled)', async () => {
    const control = harness.emulator.control;
    control.apply({ op: 'httpError', action: 'CreateReadOnlyGroupNetworkAccess', applyWrite: { afterMs: 60_000 } });
    const request = { ReadOnlyGroupId: orders.readOnlyGroupId, VpcId: bi.vpcId, SubnetId: bi.subnetId, IsAssignVip: false };
    await failureOf(harness.postgres().CreateReadOnlyGroupNetworkAccess(request));
    assert.equal(control.status().pendingWrites, 1);
    control.apply({ op: 'resetWorld' });
    assert.equal(control.status().pendingWrites, 0);
    assert.equal(writesOf('CreateReadOnlyGroupNetworkAccess')[0]?.write?.result, 'Cancelled');
  });

  it('a write answered normally is logged as carried out at once, with its task', async () => {
    const created = await harness.postgres().request('CreateReadOnlyGroupNetworkAccess', CASES[0].request);
    const record = writesOf('CreateReadOnlyGroupNetworkAccess')[0]?.write;
    assert.deepEqual({ ...record, processedAt: undefined }, { apply: 'before', processedAt: undefined, result: 'Success', applied: true, taskId: created.TaskId });
  });

  it('a delayed answer still answers a client that waits: the write is carried out and its TaskId answered', async () => {
    harness.emulator.control.apply({ op: 'delayAnswer', ms: 200, action: 'CreateReadOnlyGroupNetworkAccess' });
    const started = Date.now();
    const created = await harness.postgres({ reqTimeout: 5 }).request('CreateReadOnlyGroupNetworkAccess', CASES[0].request);
    assert.ok(Date.now() - started >= 200);
    const entry = writesOf('CreateReadOnlyGroupNetworkAccess')[0];
    assert.equal(entry.outcome, 'Fault.Delay');
    assert.equal(entry.write?.taskId, created.TaskId);
  });

  describe('over the HTTP control endpoint', () => {
    const post = (body: unknown) =>
      rawRequest(harness.emulator.port, 'POST', '/__emulator/control', { 'Content-Type': 'application/json' }, JSON.stringify(body));

    it('takes applyWrite on any fault and reports it in the status', async () => {
      const answer = await post({ op: 'stallBody', action: 'DeleteReadOnlyGroupNetworkAccess', applyWrite: { afterMs: 450 } });
      assert.equal(answer.status, 200);
      assert.deepEqual(JSON.parse(answer.body).status.pendingFaults[0].applyWrite, { afterMs: 450 });
      assert.equal((await post({ op: 'failNext', code: 'InternalError', applyWrite: 'before' })).status, 200);
    });

    it('refuses a malformed applyWrite or delay with HTTP 400', async () => {
      assert.equal((await post({ op: 'dropConnection', applyWrite: 'sometimes' })).status, 400);
      assert.equal((await post({ op: 'dropConnection', applyWrite: { afterMs: -1 } })).status, 400);
      assert.equal((await post({ op: 'dropConnection', applyWrite: { afterMs: 10, extra: 1 } })).status, 400);
      assert.equal((await post({ op: 'delayAnswer' })).status, 400);
    });
  });
});
