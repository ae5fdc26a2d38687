// The fault matrix in the real extension host: every fault the emulator can inject, crossed with every operation
// (tree load, wizard lists, VIP check, create, delete, task polling). For each cell the user gets a specific,
// actionable message; no unhandled rejection; nothing waits past its bound; a create or delete is sent at most
// once; and the extension works again once the fault is cleared.
import * as assert from 'node:assert/strict';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import type { Subnet, Vpc } from '../../src/domain/model';
import type { ErrorNode, ExplorerNode, RoGroupNode } from '../../src/explorer/nodes';
import type { TaskOutcome } from '../../src/tasks/trackedTask';
import {
  control,
  entryValue,
  groupNode,
  labelOf,
  networkNode,
  regionNode,
  requestsOf,
  useExtensionHost,
  waitUntil,
  within,
  injectFault,
  isNotification,
  type UntargetedFault,
} from './support';

const GZ = 'ap-guangzhou';
const SG = 'ap-singapore';
/** orders-ro: ok, one network; takes the creates. */
const CREATE_GROUP = 'pgrogrp-ehv9k8jn';
/** analytics-ro: ok, two networks; gives up one for the deletes. */
const DELETE_GROUP = 'pgrogrp-5zyz187t';
const DELETE_IP = '172.16.1.20';
const PROD_VPC: Vpc = { id: 'vpc-0p4qrebe', name: 'prod-vpc', cidr: '10.0.0.0/16', isDefault: false };
const SUBNET: Subnet = {
  id: 'subnet-0qy9gxh8', name: 'prod-app-gz3', vpcId: PROD_VPC.id, cidr: '10.0.1.0/24', zone: 'ap-guangzhou-3',
  isDefault: false, availableIpCount: 171, totalIpCount: 253,
};
const TIMEOUT_SECONDS = 1;
/** Past the 1 s timeout: every attempt of a read times out. */
const LATENCY_MS = 1500;
/** A read makes 3 attempts with backoff; a write one; a read-back after it up to 3 more. No cell may take longer. */
const CELL_BOUND_MS = 12_000;

type Operation = 'tree load' | 'wizard lists' | 'VIP check' | 'create' | 'delete' | 'task polling';

interface FaultCase {
  readonly name: string;
  /** Injects the fault for one action (some faults hit every action: latency, clock). */
  inject(action: string): Promise<void>;
  /** Hits every request, so the read-back after a write fails too. */
  readonly global?: boolean;
  /** What a failed read says. */
  readonly read: RegExp;
  /** What a failed create or delete says. */
  readonly write: (operation: 'created' | 'removed') => RegExp;
}

const inconclusive = (operation: string) => new RegExp(`got no answer, and [^ ]+ shows no change: nothing was ${operation}`);
const queue = (fault: UntargetedFault, count = 5) => (action: string) => injectFault(fault, action, count);

const FAULTS: readonly FaultCase[] = [
  {
    name: 'latency past the timeout',
    inject: () => control({ op: 'setLatency', ms: LATENCY_MS }),
    global: true,
    read: /did not answer in time/,
    write: () => /got no answer, and [^ ]+ could not be checked|Refresh it before trying again/,
  },
  { name: 'HTTP 503', inject: queue({ op: 'httpError', status: 503 }), read: /HTTP status 503/, write: inconclusive },
  { name: 'non-JSON body', inject: queue({ op: 'nonJson' }), read: /could not be read/, write: inconclusive },
  { name: 'JSON without Response', inject: queue({ op: 'missingResponse' }), read: /could not be read/, write: inconclusive },
  { name: 'stalled body', inject: queue({ op: 'stallBody' }), read: /did not answer in time/, write: inconclusive },
  { name: 'dropped connection', inject: queue({ op: 'dropConnection' }), read: /Cannot reach Tencent Cloud/, write: inconclusive },
  {
    name: 'RequestLimitExceeded burst',
    inject: queue({ op: 'failNext', code: 'RequestLimitExceeded' }, 8),
    read: /limiting the request rate/,
    write: () => /limiting the request rate/,
  },
  { name: 'InternalError', inject: queue({ op: 'failNext', code: 'InternalError' }), read: /internal error/, write: inconclusive },
  {
    name: 'clock skew (SignatureExpire)',
    inject: () => control({ op: 'setClock', offsetSeconds: 400 }),
    global: true,
    read: /clock.*Fix your system clock/,
    write: () => /clock.*Fix your system clock.*AuthFailure\.SignatureExpire/,
  },
  {
    name: 'unknown key (SecretIdNotFound)',
    inject: queue({ op: 'failNext', code: 'AuthFailure.SecretIdNotFound' }),
    read: /does not know this SecretId/,
    write: () => /does not know this SecretId/,
  },
  {
    name: 'expired token (TokenFailure)',
    inject: queue({ op: 'failNext', code: 'AuthFailure.TokenFailure' }),
    read: /session token is invalid or has expired/,
    write: () => /session token is invalid or has expired/,
  },
];

/** The matrix as it ran, printed at the end (and kept in the test log). */
const matrix = new Map<string, Map<Operation, 'pass' | 'FAIL'>>();
function mark(fault: string, operation: Operation, passed: boolean): void {
  const row = matrix.get(fault) ?? new Map<Operation, 'pass' | 'FAIL'>();
  row.set(operation, passed ? 'pass' : 'FAIL');
  matrix.set(fault, row);
}

describe('Fault matrix in the extension host', function () {
  this.timeout(40_000);
  const fx = useExtensionHost({
    settings: { requestTimeoutSeconds: TIMEOUT_SECONDS, taskPollIntervalSeconds: 0.5, writeSettleSeconds: 2 },
    taskDurationMs: 1500,
    resetBeforeEach: 'faults',
    answerMessages: true,
  });

  after(() => {
    const lines = [...matrix].map(([fault, row]) => `${fault.padEnd(32)} ${[...row].map(([operation, result]) => `${operation}=${result}`).join('  ')}`);
    Mocha.reporters.Base.consoleLog(`\n      fault matrix (${[...matrix.values()].reduce((sum, row) => sum + row.size, 0)} cells):\n      ${lines.join('\n      ')}\n`);
  });

  afterEach(async function () {
    await fx.resetEmulator('faults');
    const title = this.currentTest?.title ?? '';
    if (title.includes(' × ')) {
      const [fault, operation] = title.split(' × ') as [string, Operation];
      // The fixture's own after-each hook fails the test on a new unhandled rejection; the matrix notes it too.
      await new Promise((resolve) => setImmediate(resolve));
      mark(fault, operation, this.currentTest?.state === 'passed' && fx.newRejections() === '');
    }
  });

  async function expectTreeError(regionId: string, pattern: RegExp): Promise<ErrorNode> {
    await vscode.commands.executeCommand('tencentdbPostgres.refresh');
    const region = await regionNode(fx.api, regionId);
    const children = await within(fx.api.explorer.getChildren(region), CELL_BOUND_MS, 'the region load');
    const error = children.find((child): child is ErrorNode => child.kind === 'error');
    assert.ok(error, `an error node, got ${children.map((child) => child.kind).join(', ')}`);
    const label = labelOf(fx.api, error);
    assert.match(label, /^Could not load: /);
    assert.match(label, pattern);
    return error;
  }

  async function expectPrimaries(regionId: string, node?: ExplorerNode): Promise<void> {
    if (node) await vscode.commands.executeCommand('tencentdbPostgres.retryNode', node);
    else await vscode.commands.executeCommand('tencentdbPostgres.refresh');
    const children = await within(fx.api.explorer.getChildren(await regionNode(fx.api, regionId)), CELL_BOUND_MS, 'the region reload');
    assert.ok(children.some((child) => child.kind === 'primary'), `primaries again, got ${children.map((child) => child.kind).join(', ')}`);
  }

  describe('tree load', () => {
    for (const fault of FAULTS) {
      it(`${fault.name} × tree load`, async () => {
        await fault.inject('DescribeDBInstances');
        const error = await expectTreeError(SG, fault.read);
        await control({ op: 'resetFaults' });
        await expectPrimaries(SG, error);
      });
    }
  });

  describe('wizard lists', () => {
    for (const fault of FAULTS) {
      it(`${fault.name} × wizard lists`, async () => {
        const group = await groupNode(fx.api, GZ, CREATE_GROUP);
        await fault.inject('DescribeVpcs');
        const from = fx.messages.seen.length;
        await within(vscode.commands.executeCommand('tencentdbPostgres.addNetwork', group), CELL_BOUND_MS, 'the wizard');
        const shown = await fx.messages.next(from, 'the error message', 1000, (message) => message.severity === 'error');
        assert.match(shown.message, fault.read);
        assert.ok(shown.actions.includes('Retry'), `Retry offered: ${shown.actions.join(', ')}`);

        await control({ op: 'resetFaults' });
        const driver = fx.wizard();
        const running = vscode.commands.executeCommand('tencentdbPostgres.addNetwork', group);
        const vpcPick = await driver.pick('the VPC step after the fault');
        assert.ok(vpcPick.items.length >= 3, 'the VPCs are listed');
        vpcPick.hide();
        await within(running, 5000, 'the cancelled wizard');
      });
    }
  });

  describe('VIP check', () => {
    for (const fault of FAULTS) {
      it(`${fault.name} × VIP check`, async () => {
        const group = await groupNode(fx.api, GZ, CREATE_GROUP);
        const driver = fx.wizard();
        const running = vscode.commands.executeCommand('tencentdbPostgres.addNetwork', group);
        await driver.choose(await driver.pick('the VPC step'), (vpc) => (vpc as Vpc).id === PROD_VPC.id, 'prod-vpc');
        await driver.choose(await driver.pick('the subnet step'), (subnet) => (subnet as Subnet).id === SUBNET.id, SUBNET.id);
        const vipPick = await driver.pick('the VIP step');
        // The free addresses arrive a moment later and redraw the list: choose after that.
        await waitUntil(() => vipPick.items.some((item) => (entryValue(item) as { mode?: string } | undefined)?.mode === 'suggested'), 'the free addresses');
        await driver.choose(vipPick, (choice) => (choice as { mode: string }).mode === 'specify', 'Specify');
        const input = await driver.input('the VIP input');
        await fault.inject('DescribeUsedIpAddress');
        await driver.type(input, '10.0.1.77');
        await waitUntil(() => /Could not check whether 10\.0\.1\.77 is free/.test(String(input.validationMessage ?? '')), 'the check failure', CELL_BOUND_MS);
        assert.match(String(input.validationMessage), fault.read, 'says why the check failed');
        assert.match(String(input.validationMessage), /Press Enter again to use it anyway/);
        assert.equal(input.enabled, true, 'the box takes input again');

        await control({ op: 'resetFaults' });
        await driver.type(input, '10.0.1.78');
        const confirm = await driver.pick('the confirm step after the fault');
        assert.ok(confirm.items.some((item) => /10\.0\.1\.78/.test(`${item.label} ${item.description ?? ''}`)), 'the checked VIP is kept');
        confirm.hide();
        await within(running, 5000, 'the cancelled wizard');
        assert.equal((await requestsOf('CreateReadOnlyGroupNetworkAccess')).length, 0, 'nothing created');
      });
    }
  });

  /** Opens the wizard on its confirm step with the create choices, and presses Create. */
  async function submitCreate(group: RoGroupNode): Promise<{ running: Thenable<unknown> }> {
    const driver = fx.wizard();
    const running = vscode.commands.executeCommand('tencentdbPostgres.addNetwork', {
      reopenAddNetwork: { pickGroup: false, region: GZ, owner: { kind: 'readOnlyGroup', group: group.group }, vpc: PROD_VPC, subnet: SUBNET, vipMode: 'auto' },
    });
    await driver.choose(await driver.pick('the confirm step'), (choice) => choice === 'create', 'Create');
    return { running };
  }

  /** A write held back by latency still lands in the emulator: start each write cell from the world as loaded. */
  async function freshWorld(): Promise<void> {
    await control({ op: 'resetWorld' });
    await vscode.commands.executeCommand('tencentdbPostgres.refresh');
  }

  describe('create', () => {
    beforeEach(freshWorld);
    for (const fault of FAULTS) {
      it(`${fault.name} × create`, async () => {
        const group = await groupNode(fx.api, GZ, CREATE_GROUP);
        const from = fx.messages.seen.length;
        await fault.inject('CreateReadOnlyGroupNetworkAccess');
        await within((await submitCreate(group)).running, CELL_BOUND_MS, 'the create');
        const shown = await fx.messages.next(from, 'the create failure message', 1000);
        assert.match(shown.message, fault.write('created'));
        assert.ok(shown.severity === 'error' || shown.severity === 'warning');
        const creates = await requestsOf('CreateReadOnlyGroupNetworkAccess');
        assert.ok(creates.length <= 1, `sent at most once, sent ${creates.length} times`);
        assert.equal(fx.api.network.tracker.busyOwnerIds().has(CREATE_GROUP), false, 'nothing tracked for a create that did not happen');

        await control({ op: 'resetFaults' });
        await within(fx.api.explorer.getChildren(await groupNode(fx.api, GZ, CREATE_GROUP)), 5000, 'the group after the fault');
      });
    }

    it('after the faults, a create goes through once and is tracked to its end', async () => {
      const group = await groupNode(fx.api, GZ, CREATE_GROUP);
      const from = fx.outcomes.seen.length;
      await within((await submitCreate(group)).running, CELL_BOUND_MS, 'the create');
      const outcome = await fx.outcomes.next(from, 'the task outcome', 15_000);
      assert.equal(outcome.result, 'succeeded');
      assert.equal((await requestsOf('CreateReadOnlyGroupNetworkAccess')).length, 1);
      await control({ op: 'resetWorld' });
    });
  });

  describe('delete', () => {
    beforeEach(freshWorld);
    for (const fault of FAULTS) {
      it(`${fault.name} × delete`, async () => {
        const network = await networkNode(fx.api, GZ, DELETE_GROUP, DELETE_IP);
        const from = fx.messages.seen.length;
        await fault.inject('DeleteReadOnlyGroupNetworkAccess');
        await within(vscode.commands.executeCommand('tencentdbPostgres.removeNetwork', network), CELL_BOUND_MS, 'the delete');
        const shown = await fx.messages.next(from, 'the delete failure message', 1000, isNotification);
        assert.match(shown.message, fault.write('removed'));
        const deletes = await requestsOf('DeleteReadOnlyGroupNetworkAccess');
        assert.ok(deletes.length <= 1, `sent at most once, sent ${deletes.length} times`);
        assert.equal(fx.api.network.tracker.busyOwnerIds().has(DELETE_GROUP), false, 'nothing tracked for a delete that did not happen');

        await control({ op: 'resetFaults' });
        await within(fx.api.explorer.getChildren(await groupNode(fx.api, GZ, DELETE_GROUP)), 5000, 'the group after the fault');
      });
    }

    it('after the faults, a delete goes through once and is tracked to its end', async () => {
      const network = await networkNode(fx.api, GZ, DELETE_GROUP, DELETE_IP);
      const from = fx.outcomes.seen.length;
      await within(vscode.commands.executeCommand('tencentdbPostgres.removeNetwork', network), CELL_BOUND_MS, 'the delete');
      const outcome = await fx.outcomes.next(from, 'the task outcome', 15_000);
      assert.equal(outcome.result, 'succeeded');
      assert.equal((await requestsOf('DeleteReadOnlyGroupNetworkAccess')).length, 1);
      await control({ op: 'resetWorld' });
      await vscode.commands.executeCommand('tencentdbPostgres.refresh');
    });
  });

  describe('task polling', () => {
    /** The polls that failed so far (of the task, or of its group once the tracker watches that), as logged. */
    async function failedPolls(): Promise<number> {
      return ((await fx.log.text()).match(/(DescribeTasks|DescribeReadOnlyGroups) region=\S+ attempt=\S+ duration=\S+ requestId=\S+ error=/g) ?? []).length;
    }

    /**
     * Starts a real create, then lets the fault hit the polls; a fault that would hit every call for ever is cleared
     * once `clearAfterFailedPolls` polls have failed under it. The task must still end in a known state.
     */
    async function pollThrough(faults: { before?: () => Promise<void>; after?: () => Promise<void>; clearAfterFailedPolls?: number }): Promise<TaskOutcome> {
      await control({ op: 'resetWorld' });
      await vscode.commands.executeCommand('tencentdbPostgres.refresh');
      const group = await groupNode(fx.api, GZ, CREATE_GROUP);
      const from = fx.outcomes.seen.length;
      await faults.before?.();
      await within((await submitCreate(group)).running, CELL_BOUND_MS, 'the create');
      assert.ok(fx.api.network.tracker.busyOwnerIds().has(CREATE_GROUP), 'the task is tracked');
      const failedBefore = await failedPolls();
      await faults.after?.();
      // Settles with the wait's error rather than rejecting, so a failed wait is reported by this test, not as an
      // unhandled rejection while the outcome is awaited.
      let clearing: Promise<unknown> | undefined;
      const wanted = faults.clearAfterFailedPolls;
      if (wanted !== undefined) {
        clearing = waitUntil(async () => (await failedPolls()) >= failedBefore + wanted, `${wanted} polls to fail under the fault`, 15_000)
          .then(() => undefined, (error: unknown) => error)
          .finally(() => control({ op: 'resetFaults' }));
      }
      const [outcome, failedWait] = await Promise.allSettled([fx.outcomes.next(from, 'the task outcome', 20_000), clearing]);
      assert.equal((await requestsOf('CreateReadOnlyGroupNetworkAccess')).length, 1, 'the create was sent once');
      if (failedWait.status === 'fulfilled' && failedWait.value !== undefined) throw failedWait.value;
      if (outcome.status === 'rejected') throw outcome.reason;
      return outcome.value;
    }

    for (const fault of FAULTS) {
      it(`${fault.name} × task polling`, async () => {
        const from = fx.messages.seen.length;
        const outcome = await pollThrough({ after: () => fault.inject('DescribeTasks'), clearAfterFailedPolls: fault.global ? 2 : undefined });
        assert.equal(outcome.result, 'succeeded', 'the tracker still sees the task through');
        const shown = await fx.messages.next(from, 'the outcome notification', 2000, (message) => message.severity === 'info');
        assert.match(shown.message, /orders-ro/);
        assert.equal(fx.api.network.tracker.tasks().length, 0, 'no task left in flight');
      });
    }

    it('task Fail × task polling', async () => {
      const from = fx.messages.seen.length;
      const outcome = await pollThrough({
        before: () => control({ op: 'failTask', readOnlyGroupId: CREATE_GROUP, atProgress: 40, message: 'Injected: VIP allocation failed' }),
      });
      assert.equal(outcome.result, 'failed');
      const shown = await fx.messages.next(from, 'the failure notification', 2000, (message) => message.severity === 'error');
      assert.match(shown.message, /VIP allocation failed/);
      assert.ok(shown.actions.includes('Show Log'));
      assert.equal(fx.api.network.tracker.tasks().length, 0, 'no task left in flight');
    });
  });
});
