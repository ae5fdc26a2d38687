// A bounded soak in the real extension host: tree refreshes, creates and deletes, each under a random injected
// fault, for TENCENTDB_SOAK_SECONDS (25 s in the regular run; `npm run soak` runs 180 s). Afterwards every task has
// ended in a known state, and memory, timers and sockets are back where they started.
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import type { Subnet, Vpc } from '../../src/domain/model';
import type { ExtensionApi } from '../../src/extension';
import type { ExplorerNode } from '../../src/explorer/nodes';
import type { TaskOutcome } from '../../src/tasks/trackedTask';
import type { ShownQuickInput } from '../../src/wizard/quickInputPrompter';
import {
  activateExtension,
  control,
  groupNode,
  isQuickPick,
  networkNode,
  Recorder,
  RejectionWatch,
  sleep,
  waitUntil,
  WindowMessages,
  within,
} from './faultsHarness';

const SOAK_SECONDS = Math.max(5, Number(process.env.TENCENTDB_SOAK_SECONDS ?? 25));
const GZ = 'ap-guangzhou';
const PROD_VPC: Vpc = { id: 'vpc-0p4qrebe', name: 'prod-vpc', cidr: '10.0.0.0/16', isDefault: false };
const SUBNET: Subnet = {
  id: 'subnet-0qy9gxh8', name: 'prod-app-gz3', vpcId: PROD_VPC.id, cidr: '10.0.1.0/24', zone: 'ap-guangzhou-3',
  isDefault: false, availableIpCount: 171, totalIpCount: 253,
};
const ACTIONS = ['DescribeDBInstances', 'DescribeReadOnlyGroups', 'DescribeTasks', 'CreateReadOnlyGroupNetworkAccess', 'DeleteReadOnlyGroupNetworkAccess', 'DescribeVpcs'];
const FAULT_OPS: readonly Record<string, unknown>[] = [
  { op: 'httpError', status: 502 },
  { op: 'nonJson' },
  { op: 'missingResponse' },
  { op: 'dropConnection' },
  { op: 'stallBody' },
  { op: 'failNext', code: 'RequestLimitExceeded' },
  { op: 'failNext', code: 'InternalError' },
  { op: 'failNext', code: 'AuthFailure.SecretIdNotFound' },
];

/** A small seeded generator, so a failing soak can be replayed with the seed it prints. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** The heap in use after a full collection (the extension host does not expose gc: switch it on for this test). */
function heapAfterGc(): number {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Live timers, sockets and other handles of this process, by type. */
function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

async function loadTree(api: ExtensionApi): Promise<void> {
  const visit = async (node: ExplorerNode | undefined, depth: number): Promise<void> => {
    for (const child of await api.explorer.getChildren(node)) {
      api.explorer.getTreeItem(child);
      if (depth < 3 && (child.kind !== 'region' || child.regionId === GZ)) await visit(child, depth + 1);
    }
  };
  await visit(undefined, 0);
}

describe('Soak: refreshes and tasks under random faults', function () {
  this.timeout((SOAK_SECONDS + 120) * 1000);
  let api: ExtensionApi;
  let windowMessages: WindowMessages;
  let rejections: RejectionWatch;
  let prompts: Recorder<ShownQuickInput>;
  let outcomes: Recorder<TaskOutcome>;
  const saved: Record<string, unknown> = {};

  before(async () => {
    api = await activateExtension();
    const settings = vscode.workspace.getConfiguration('tencentdbPostgres');
    for (const key of ['requestTimeoutSeconds', 'taskPollIntervalSeconds']) saved[key] = settings.inspect(key)?.globalValue;
    await settings.update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    await settings.update('taskPollIntervalSeconds', 0.5, vscode.ConfigurationTarget.Global);
    windowMessages = new WindowMessages();
    rejections = new RejectionWatch();
    prompts = new Recorder(api.network.prompter.onDidShow);
    outcomes = new Recorder(api.network.notifications.onDidReport);
    await control({ op: 'reset' });
    await control({ op: 'setTaskDuration', durationMs: 1200 });
  });

  after(async () => {
    await control({ op: 'reset' }).catch(() => undefined);
    windowMessages?.dispose();
    rejections?.dispose();
    prompts?.dispose();
    outcomes?.dispose();
    const settings = vscode.workspace.getConfiguration('tencentdbPostgres');
    for (const [key, value] of Object.entries(saved)) await settings.update(key, value, vscode.ConfigurationTarget.Global);
  });

  /** Answers the confirm step of the next wizard with Create. */
  function createOnConfirm(): void {
    const index = prompts.seen.length;
    void prompts.next(index, 'the confirm step', 10_000).then(async (input) => {
      if (!isQuickPick(input)) return;
      await waitUntil(() => !input.busy && input.items.length > 0, 'the confirm items', 10_000);
      const create = input.items.find((item) => (item as { entry?: { value: unknown } }).entry?.value === 'create');
      if (!create) return;
      input.activeItems = [create];
      await sleep(150);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }).catch(() => undefined);
  }

  /** One round: maybe a fault, then an operation. The round counts as done when the operation and its task ended. */
  async function round(next: () => number): Promise<string> {
    await control({ op: 'resetFaults' });
    await control({ op: 'setTaskDuration', durationMs: 1200 });
    if (next() < 0.7) {
      const fault = FAULT_OPS[Math.floor(next() * FAULT_OPS.length)];
      await control({ ...fault, action: ACTIONS[Math.floor(next() * ACTIONS.length)], count: 1 + Math.floor(next() * 2) });
    }
    const operation = next();
    if (operation < 0.5) {
      await vscode.commands.executeCommand('tencentdbPostgres.refresh');
      await within(loadTree(api), 20_000, 'a tree load');
      return 'refresh';
    }
    await control({ op: 'resetWorld' });
    await vscode.commands.executeCommand('tencentdbPostgres.refresh');
    const from = outcomes.seen.length;
    if (operation < 0.75) {
      const group = await groupNode(api, GZ, 'pgrogrp-ehv9k8jn').catch(() => undefined);
      if (!group) return 'create (tree not loaded)';
      createOnConfirm();
      await within(vscode.commands.executeCommand('tencentdbPostgres.addNetwork', {
        reopenAddNetwork: { pickGroup: false, region: GZ, group: group.group, vpc: PROD_VPC, subnet: SUBNET, vipMode: 'auto' },
      }), 20_000, 'a create');
    } else {
      const network = await networkNode(api, GZ, 'pgrogrp-5zyz187t', '172.16.1.20').catch(() => undefined);
      if (!network) return 'delete (tree not loaded)';
      await within(vscode.commands.executeCommand('tencentdbPostgres.removeNetwork', network), 20_000, 'a delete');
    }
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    // A task was started (or not, when the fault stopped the write): wait until the tracker has none left.
    await control({ op: 'resetFaults' });
    await waitUntil(() => api.network.tracker.tasks().length === 0, 'every task to end', 30_000);
    return outcomes.seen.length > from ? `${operation < 0.75 ? 'create' : 'delete'}: ${outcomes.seen[from].result}` : 'write refused';
  }

  it(`keeps memory, timers and sockets flat over ${SOAK_SECONDS} s, and ends every task in a known state`, async () => {
    const seed = Number(process.env.TENCENTDB_SOAK_SEED ?? Date.now() % 100_000);
    const next = random(seed);
    // Warm up: first loads, lazily built clients and caches are not leaks.
    for (let i = 0; i < 3; i++) await round(next);
    await sleep(6000);
    const heapBefore = heapAfterGc();
    const resourcesBefore = resources();

    const results = new Map<string, number>();
    const deadline = Date.now() + SOAK_SECONDS * 1000;
    let rounds = 0;
    while (Date.now() < deadline) {
      const result = await round(next);
      results.set(result, (results.get(result) ?? 0) + 1);
      rounds++;
    }
    await control({ op: 'reset' });
    await vscode.commands.executeCommand('tencentdbPostgres.refresh');
    await within(loadTree(api), 20_000, 'the last tree load');
    // Keep-alive sockets close after 4 s idle, and the tree's settle timers end once nothing changes.
    await sleep(6000);
    const heapAfter = heapAfterGc();
    const resourcesAfter = resources();

    Mocha.reporters.Base.consoleLog(
      `      soak: seed ${seed}, ${rounds} rounds in ${SOAK_SECONDS} s: ${[...results].map(([name, count]) => `${name} ×${count}`).join(', ')}; ` +
        `heap ${(heapBefore / 1e6).toFixed(1)} -> ${(heapAfter / 1e6).toFixed(1)} MB; resources ${JSON.stringify(resourcesBefore)} -> ${JSON.stringify(resourcesAfter)}`,
    );
    assert.ok(rounds >= 3, `${rounds} rounds`);
    for (const outcome of outcomes.seen) assert.ok(['succeeded', 'failed', 'timedOut'].includes(outcome.result));
    assert.equal(api.network.tracker.tasks().length, 0, 'no task left in flight');
    for (const type of new Set([...Object.keys(resourcesBefore), ...Object.keys(resourcesAfter)])) {
      // A couple of handles may be mid-flight at either sample (a poll, a keep-alive socket); a leak grows per round.
      assert.ok((resourcesAfter[type] ?? 0) <= (resourcesBefore[type] ?? 0) + 3, `${type}: ${resourcesBefore[type] ?? 0} -> ${resourcesAfter[type] ?? 0}`);
    }
    assert.ok(heapAfter - heapBefore < 15e6, `heap grew by ${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB`);
    assert.equal(rejections.describe(), '', 'no unhandled rejection');
  });
});
