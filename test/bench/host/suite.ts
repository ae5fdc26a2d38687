/**
 * Runs inside the real extension host (code-server), started by test/bench/hostBench.ts through the standard
 * `run()` contract: activation time, and the extension host's heap after 1 and after 100 refreshes of every region.
 */
import * as fs from 'node:fs';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/explorer/activation';
import { refreshesVariable, resultFileVariable, type HostResult } from './protocol';

const extensionId = 'tencentdb-tools.tencentdb-postgres-networks';
/** How long the host is watched idle before the refreshes. */
const IDLE_SECONDS = 20;

export async function run(): Promise<void> {
  const resultFile = process.env[resultFileVariable];
  if (!resultFile) throw new Error(`${resultFileVariable} is not set`);
  const refreshes = Number(process.env[refreshesVariable] ?? 100);
  const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
  if (!extension) throw new Error(`${extensionId} is not installed`);
  const alreadyActive = extension.isActive;
  const start = performance.now();
  const api = await extension.activate();
  const activationMs = performance.now() - start;
  await api.ready;
  const readyMs = performance.now() - start;

  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const settle = (): NodeJS.MemoryUsage => {
    gc();
    gc();
    return process.memoryUsage();
  };

  // The host on its own first: code-server's built-in extensions keep starting and allocating after our
  // activation, and that growth is not ours. Same process, same duration order as the refresh phase.
  const idleStart = settle();
  await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
  const idleEnd = settle();

  const times: number[] = [];
  let groups = 0;
  let first: NodeJS.MemoryUsage | undefined;
  let twenty: NodeJS.MemoryUsage | undefined;
  for (let i = 0; i < refreshes; i++) {
    const begin = performance.now();
    await vscode.commands.executeCommand('tencentdbPostgres.refresh');
    groups = await loadEverything(api);
    times.push(performance.now() - begin);
    if (i === 0) first = settle();
    if (i === 19) twenty = settle();
  }
  const last = settle();
  if (!first) throw new Error('no refresh ran');
  const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;
  const result: HostResult = {
    alreadyActive,
    activationMs: Math.round(activationMs * 10) / 10,
    loadMs: Math.round((api.activation.evaluatedAt - start) * 10) / 10,
    evaluateMs: api.activation.bundleStartedAt === undefined ? undefined : Math.round((api.activation.evaluatedAt - api.activation.bundleStartedAt) * 10) / 10,
    contextMs: Math.round((api.activation.activateStartedAt - api.activation.evaluatedAt) * 10) / 10,
    activateMs: Math.round((api.activation.activateEndedAt - api.activation.activateStartedAt) * 10) / 10,
    readyMs: Math.round(readyMs * 10) / 10,
    refreshes,
    groupsPerRefresh: groups,
    heapAfterFirstMB: mb(first.heapUsed),
    heapAfterLastMB: mb(last.heapUsed),
    rssAfterFirstMB: mb(first.rss),
    rssAfterTwentyMB: mb((twenty ?? last).rss),
    rssAfterLastMB: mb(last.rss),
    idleSeconds: IDLE_SECONDS,
    idleRssStartMB: mb(idleStart.rss),
    idleRssEndMB: mb(idleEnd.rss),
    tcpSocketsAfterLast: process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length,
    refreshMsMedian: Math.round(times.sort((a, b) => a - b)[Math.floor(times.length / 2)]),
  };
  fs.writeFileSync(resultFile, JSON.stringify(result));
}

/** Walks the tree as far as the groups, through "Load more", and counts the groups. */
async function loadEverything(api: ExtensionApi): Promise<number> {
  let groups = 0;
  const regions = (await api.explorer.getChildren()).filter((node) => node.kind === 'region');
  await Promise.all(
    regions.map(async (region) => {
      let children: ExplorerNode[] = await api.explorer.getChildren(region);
      for (let page = 0; page < 50; page++) {
        const more = children.find((node) => node.kind === 'loadMore');
        if (!more) break;
        await vscode.commands.executeCommand('tencentdbPostgres.loadMore', more);
        children = await api.explorer.getChildren(region);
      }
      for (const primary of children.filter((node) => node.kind === 'primary')) {
        groups += (await api.explorer.getChildren(primary)).filter((node) => node.kind === 'roGroup').length;
      }
    }),
  );
  return groups;
}
