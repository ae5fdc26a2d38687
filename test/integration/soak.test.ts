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
import {
  control,
  groupNode,
  injectFault,
  networkNode,
  requestLog,
  useExtensionHost,
  waitUntil,
  within,
  worldGroup,
  type UntargetedFault,
} from './support';

const SOAK_SECONDS = Math.max(5, Number(process.env.TENCENTDB_SOAK_SECONDS ?? 25));
const GZ = 'ap-guangzhou';
const PROD_VPC: Vpc = { id: 'vpc-0p4qrebe', name: 'prod-vpc', cidr: '10.0.0.0/16', isDefault: false };
const SUBNET: Subnet = {
  id: 'subnet-0qy9gxh8', name: 'prod-app-gz3', vpcId: PROD_VPC.id, cidr: '10.0.1.0/24', zone: 'ap-guangzhou-3',
  isDefault: false, availableIpCount: 171, totalIpCount: 253,
};
const ACTIONS = ['DescribeDBInstances', 'DescribeReadOnlyGroups', 'DescribeTasks', 'CreateReadOnlyGroupNetworkAccess', 'DeleteReadOnlyGroupNetworkAccess', 'DescribeVpcs'];
const FAULT_OPS: readonly UntargetedFault[] = [
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

const CREATE_GROUP = 'pgrogrp-ehv9k8jn';
const DELETE_GROUP = 'pgrogrp-5zyz187t';
const DELETE_IP = '172.16.1.20';
/** What one round did, as the emulator and the extension saw it. */
interface RoundResult {
  readonly kind: 'refresh' | 'create' | 'delete';
  /** For a write: did the emulator accept the Create/Delete call. */
  readonly accepted?: boolean;
  /** For a write: the outcome the extension reported, if any. */
  readonly outcome?: string;
  readonly calls: number;
  readonly skipped?: string;
}

/**
 * A round loads at most the Guangzhou tree (a listing per region, the groups of each primary), maybe a write, its
 * read-back and task polls; a fault adds at most two retries to a call it hits, and hits at most two calls.
 */
const CALLS_PER_ROUND = 60;

/** At most this many handles of a kind more than before: one in flight at either sample; a leak grows per round. */
const HANDLE_SLACK = 3;

describe('Soak: refreshes and tasks under random faults', function () {
  this.timeout((SOAK_SECONDS + 120) * 1000);
  const fx = useExtensionHost({
    settings: { requestTimeoutSeconds: 1, taskPollIntervalSeconds: 0.5, writeSettleSeconds: 2 },
    taskDurationMs: 1200,
    answerMessages: true,
  });

  /** One round: maybe a fault, then an operation, until the operation and its task ended; checked as it ends. */
  async function round(next: () => number): Promise<RoundResult> {
    await control({ op: 'resetFaults' });
    await control({ op: 'setTaskDuration', durationMs: 1200 });
    const faulted = next() < 0.7;
    if (faulted) {
      const fault = FAULT_OPS[Math.floor(next() * FAULT_OPS.length)];
      await injectFault(fault, ACTIONS[Math.floor(next() * ACTIONS.length)], 1 + Math.floor(next() * 2));
    }
    const operation = next();
    const calls = async () => (await requestLog()).entries.length;
    if (operation < 0.5) {
      await vscode.commands.executeCommand('tencentdbPostgres.refresh');
      await within(loadTree(fx.api), 20_000, 'a tree load');
      return { kind: 'refresh', calls: await calls() };
    }
    const kind = operation < 0.75 ? 'create' : 'delete';
    const action = kind === 'create' ? 'CreateReadOnlyGroupNetworkAccess' : 'DeleteReadOnlyGroupNetworkAccess';
    await control({ op: 'resetWorld' });
    await vscode.commands.executeCommand('tencentdbPostgres.refresh');
    const groupId = kind === 'create' ? CREATE_GROUP : DELETE_GROUP;
    const networksBefore = (await worldGroup(groupId)).networks.length;
    const from = fx.outcomes.seen.length;
    if (kind === 'create') {
      const group = await groupNode(fx.api, GZ, CREATE_GROUP).catch(() => undefined);
      if (!group) return { kind, calls: await calls(), skipped: 'tree not loaded' };
      const driver = fx.wizard();
      const running = vscode.commands.executeCommand('tencentdbPostgres.addNetwork', {
        reopenAddNetwork: { pickGroup: false, region: GZ, owner: { kind: 'readOnlyGroup', group: group.group }, vpc: PROD_VPC, subnet: SUBNET, vipMode: 'auto' },
      });
      await driver.choose(await driver.pick('the confirm step'), (choice) => choice === 'create', 'Create');
      await within(running, 20_000, 'a create');
    } else {
      const network = await networkNode(fx.api, GZ, DELETE_GROUP, DELETE_IP).catch(() => undefined);
      if (!network) return { kind, calls: await calls(), skipped: 'tree not loaded' };
      await within(vscode.commands.executeCommand('tencentdbPostgres.removeNetwork', network), 20_000, 'a delete');
    }
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    // Faults off (the request log kept) while the task, if any, is followed to its end.
    await control({ op: 'resetFaults' });
    await control({ op: 'setTaskDuration', durationMs: 1200 });
    await waitUntil(() => fx.api.network.tracker.tasks().length === 0, 'every task to end', 30_000);
    const entries = (await requestLog()).entries;
    const accepted = entries.filter((entry) => entry.action === action && entry.outcome === 'Success').length;
    return { kind, calls: entries.length, ...(await checkWrite(kind, accepted, groupId, networksBefore, from)) };
  }

  /** What a write must show: accepted -> its task reported succeeded and the world changed; refused -> nothing did. */
  async function checkWrite(kind: 'create' | 'delete', accepted: number, groupId: string, networksBefore: number, from: number) {
    // The end of a task is reported after the group is read back into the tree: wait for the report itself.
    if (accepted > 0) await waitUntil(() => fx.outcomes.seen.length > from, `the ${kind}'s task end to be reported`, 10_000);
    const reported = fx.outcomes.seen.slice(from);
    const group = await worldGroup(groupId);
    if (accepted > 0) {
      assert.equal(accepted, 1, `${kind}: sent once`);
      assert.deepEqual(reported.map((outcome) => outcome.result), ['succeeded'], `${kind}: the accepted write's task is reported succeeded`);
      assert.equal(group.status, 'ok', `${kind}: the group is ok again`);
      if (kind === 'create') {
        assert.equal(group.networks.length, networksBefore + 1, 'create: the group has the new network');
        assert.ok(group.networks.some((network) => network.subnetId === SUBNET.id && network.status === 'opened'), 'create: the new network is opened');
      } else {
        assert.equal(group.networks.length, networksBefore - 1, 'delete: the group has one network fewer');
        assert.ok(!group.networks.some((network) => network.ip === DELETE_IP), 'delete: the network is gone');
      }
    } else {
      assert.deepEqual(reported, [], `${kind}: a write the emulator did not accept reports no task`);
      assert.equal(group.networks.length, networksBefore, `${kind}: the world is unchanged`);
    }
    return { accepted: accepted > 0, outcome: reported[0]?.result };
  }

  it(`keeps memory, timers and sockets flat over ${SOAK_SECONDS} s, and ends every write as the emulator says`, async () => {
    const seed = Number(process.env.TENCENTDB_SOAK_SEED ?? Date.now() % 100_000);
    const next = random(seed);
    // Warm up: first loads, lazily built clients and caches are not leaks.
    for (let i = 0; i < 3; i++) await countedRound(next);
    const heapBefore = heapAfterGc();
    const resourcesBefore = resources();

    const results: RoundResult[] = [];
    const deadline = Date.now() + SOAK_SECONDS * 1000;
    while (Date.now() < deadline) results.push(await countedRound(next));
    await control({ op: 'reset' });
    await vscode.commands.executeCommand('tencentdbPostgres.refresh');
    await within(loadTree(fx.api), 20_000, 'the last tree load');

    // Keep-alive sockets close after a few idle seconds and the tree's settle timers end once nothing changes:
    // wait (bounded) for the handles to come back to where they were.
    let resourcesAfter = resources();
    const grown = () => Object.keys(resourcesAfter).filter((type) => (resourcesAfter[type] ?? 0) > (resourcesBefore[type] ?? 0) + HANDLE_SLACK);
    await waitUntil(() => {
      resourcesAfter = resources();
      return grown().length === 0;
    }, 'the handles to come back', 20_000).catch(() => {
      assert.fail(`handles grew: ${grown().map((type) => `${type} ${resourcesBefore[type] ?? 0} -> ${resourcesAfter[type]}`).join(', ')}`);
    });
    const heapAfter = heapAfterGc();

    const summary = new Map<string, number>();
    for (const result of results) {
      const name = result.skipped ? `${result.kind} (${result.skipped})` : result.kind === 'refresh' ? 'refresh' : `${result.kind}: ${result.accepted ? `accepted, ${result.outcome}` : 'refused'}`;
      summary.set(name, (summary.get(name) ?? 0) + 1);
    }
    Mocha.reporters.Base.consoleLog(
      `      soak: seed ${seed}, ${results.length} rounds in ${SOAK_SECONDS} s: ${[...summary].map(([name, count]) => `${name} ×${count}`).join(', ')}; ` +
        `calls per round ≤ ${Math.max(...results.map((result) => result.calls))}; ` +
        `heap ${(heapBefore / 1e6).toFixed(1)} -> ${(heapAfter / 1e6).toFixed(1)} MB; resources ${JSON.stringify(resourcesBefore)} -> ${JSON.stringify(resourcesAfter)}`,
    );
    assert.ok(results.length >= 3, `${results.length} rounds`);
    assert.ok(results.some((result) => result.accepted), 'at least one write went through');
    assert.equal(fx.api.network.tracker.tasks().length, 0, 'no task left in flight');
    assert.ok(heapAfter - heapBefore < 15e6, `heap grew by ${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB`);
  });

  /** A round from an empty request log, its API calls bounded: a runaway retry or poll loop shows here. */
  async function countedRound(next: () => number): Promise<RoundResult> {
    await control({ op: 'clearRequests' });
    const result = await round(next);
    assert.ok(result.calls <= CALLS_PER_ROUND, `a ${result.kind} round made ${result.calls} API calls (at most ${CALLS_PER_ROUND})`);
    return result;
  }
});
