// Networks as code, Find, and connecting, in the real extension host against the emulator the harness started:
// each command is run as a menu runs it (with the tree's own node) and what it produced is checked.
import * as assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server } from 'node:net';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { NetworkNode, PrimaryInstanceNode, RoGroupNode } from '../../src/explorer/nodes';
import type { ReachabilityReport } from '../../src/connection/reachability';
import { parseHcl } from '../unit/export/hclParser';
import { acceptItem, activateExtension, control, emulatorUrl, groupNode, networkNode, Recorder, regionNode, waitUntil } from './faultsHarness';
import { answerMessages } from './support/recorders';
import type { ShownMessage } from '../../src/ui/windowUi';

const REGION = 'ap-guangzhou';
const RESOURCE = 'tencentcloud_postgresql_readonly_group';

interface WorldNetwork { vpcId: string; subnetId: string; ip: string; port?: number }
interface WorldGroup { readOnlyGroupId: string; readOnlyGroupName: string; vpcId: string; subnetId: string; securityGroupIds?: string[]; networks: WorldNetwork[] }
interface WorldSnapshot { regions: { region: string; primaryInstances: { dbInstanceId: string; readOnlyGroups: WorldGroup[] }[] }[] }

async function worldGroups(region: string): Promise<WorldGroup[]> {
  const world = (await (await fetch(`${emulatorUrl()}/__emulator/world`, { signal: AbortSignal.timeout(5000) })).json()) as WorldSnapshot;
  const found = world.regions.find((candidate) => candidate.region === region);
  assert.ok(found, `no region ${region} in the world`);
  return found.primaryInstances.flatMap((primary) => primary.readOnlyGroups);
}

/** A group of the world with at least one VPC network, as the tests need one. */
async function groupWithNetwork(): Promise<WorldGroup> {
  const group = (await worldGroups(REGION)).find((candidate) => candidate.networks.some((network) => network.vpcId !== '' && network.vpcId !== '0'));
  assert.ok(group, `the world has no group with a VPC network in ${REGION}`);
  return group;
}

interface TerraformJson {
  resource?: Record<string, Record<string, { name: string; vpc_id: string; subnet_id: string; security_groups_ids?: string[] }[]>>;
  import?: { to: string; id: string }[];
}

/** The untitled editor an export opened. */
async function exportedEditor(previous: vscode.TextEditor | undefined): Promise<vscode.TextDocument> {
  await waitUntil(() => vscode.window.activeTextEditor !== undefined && vscode.window.activeTextEditor !== previous, 'the exported editor');
  const document = vscode.window.activeTextEditor?.document;
  assert.ok(document?.isUntitled, 'the export opens an untitled editor');
  return document;
}

async function listen(): Promise<Server> {
  const server = createServer((socket) => socket.destroy());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

describe('Networks as code, Find and connecting, in the extension host', function () {
  this.timeout(90_000);
  let api: ExtensionApi;
  let messages: Recorder<ShownMessage>;
  let quickPicks: Recorder<vscode.QuickPick<vscode.QuickPickItem>>;
  let answering: vscode.Disposable;

  before(async () => {
    api = await activateExtension();
    await control({ op: 'reset' });
    await vscode.commands.executeCommand('tencentdbPostgres.refresh');
    messages = new Recorder(api.window.onDidShowMessage);
    quickPicks = new Recorder(api.window.onDidCreateQuickPick);
    answering = answerMessages(api.window);
  });

  after(async () => {
    answering.dispose();
    messages.dispose();
    quickPicks.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Copy as Terraform on a group\'s own network copies the group\'s resource, its security groups and import block', async () => {
    const worldGroup = (await worldGroups(REGION)).find((candidate) => (candidate.securityGroupIds ?? []).length > 0);
    assert.ok(worldGroup, 'the world has no group with security groups');
    const own = worldGroup.networks.find((network) => network.vpcId === worldGroup.vpcId && network.subnetId === worldGroup.subnetId);
    assert.ok(own, 'the group has no network in its own VPC and subnet');
    const node = await networkNode(api, REGION, worldGroup.readOnlyGroupId, own.ip);
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('tencentdbPostgres.copyAsTerraform', node);
    const text = await vscode.env.clipboard.readText();
    const parsed = (await parseHcl(text)) as TerraformJson;
    const resources = Object.values(parsed.resource?.[RESOURCE] ?? {}).flat();
    assert.equal(resources.length, 1, text);
    assert.equal(resources[0].vpc_id, worldGroup.vpcId);
    assert.deepEqual(resources[0].security_groups_ids, worldGroup.securityGroupIds);
    assert.deepEqual(parsed.import?.map((entry) => entry.id), [worldGroup.readOnlyGroupId]);
  });

  it('Copy as Terraform on a group\'s other network says the provider cannot express it and copies nothing by itself', async () => {
    const worldGroup = (await worldGroups(REGION)).find((candidate) => candidate.networks.some((network) => network.vpcId !== candidate.vpcId || network.subnetId !== candidate.subnetId));
    assert.ok(worldGroup, 'the world has no group with another network');
    const other = worldGroup.networks.find((network) => network.vpcId !== worldGroup.vpcId || network.subnetId !== worldGroup.subnetId);
    const node = await networkNode(api, REGION, worldGroup.readOnlyGroupId, other?.ip ?? '');
    await vscode.env.clipboard.writeText('untouched');
    const from = messages.seen.length;
    await vscode.commands.executeCommand('tencentdbPostgres.copyAsTerraform', node);
    const shown = await messages.next(from, 'the message that the provider cannot express the network', 10_000, (m) => m.message.includes('No released tencentcloud Terraform provider'));
    assert.deepEqual(shown.actions, ['Copy Group Resource', 'Copy tccli Command']);
    assert.equal(await vscode.env.clipboard.readText(), 'untouched');
  });

  it('Copy as Terraform on a primary\'s own network copies its instance network resource and import block', async () => {
    const region = await regionNode(api, REGION);
    const primaries = (await api.explorer.getChildren(region)).filter((child): child is PrimaryInstanceNode => child.kind === 'primary');
    const sessions = primaries.find((primary) => primary.instance.name === 'sessions-db');
    assert.ok(sessions, 'the demo world has sessions-db on the first page');
    const node = (await api.explorer.getChildren(sessions)).find((child): child is NetworkNode => child.kind === 'network' && child.network.ip === '172.16.2.21');
    assert.ok(node, 'sessions-db lists its second network');
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('tencentdbPostgres.copyAsTerraform', node);
    const text = await vscode.env.clipboard.readText();
    const parsed = (await parseHcl(text)) as { resource?: Record<string, Record<string, Record<string, string>[]>>; import?: { id: string }[] };
    const resources = Object.values(parsed.resource?.tencentcloud_postgresql_instance_network_access ?? {}).flat();
    assert.deepEqual(resources, [{ db_instance_id: sessions.instance.id, vpc_id: node.network.vpcId, subnet_id: node.network.subnetId, vip: '172.16.2.21' }], text);
    assert.deepEqual(parsed.import?.map((entry) => entry.id), [`${sessions.instance.id}#${node.network.vpcId}#${node.network.subnetId}#172.16.2.21`]);
  });

  it('Export Networks as Terraform on a region opens every network of the region, loading the pages not loaded yet', async () => {
    await vscode.workspace.getConfiguration('tencentdbPostgres').update('pageSize', 1, vscode.ConfigurationTarget.Global);
    try {
      const region = await regionNode(api, REGION);
      const expected = (await worldGroups(REGION)).filter((group) => group.networks.some((network) => network.vpcId !== '' && network.vpcId !== '0' && network.ip !== ''));
      const previous = vscode.window.activeTextEditor;
      await vscode.commands.executeCommand('tencentdbPostgres.exportTerraform', region);
      const document = await exportedEditor(previous);
      const parsed = (await parseHcl(document.getText())) as TerraformJson;
      const resources = Object.values(parsed.resource?.[RESOURCE] ?? {}).flat();
      assert.deepEqual(resources.map((resource) => resource.name).sort(), expected.map((group) => group.readOnlyGroupName).sort());
      assert.deepEqual(parsed.import?.filter((entry) => entry.to.includes(RESOURCE)).map((entry) => entry.id).sort(), expected.map((group) => group.readOnlyGroupId).sort());
      // Each primary's private networks, as the tree lists them, follow as their own resources.
      const instanceNetworks = region.primaries.flatMap((primary) => primary.networks.filter((node) => node.network.netType !== 'public').map((node) => `${primary.instance.id}#${node.network.vpcId}#${node.network.subnetId}#${node.network.ip}`));
      assert.ok(instanceNetworks.length > 0, 'the region\'s primaries have private networks');
      assert.deepEqual(parsed.import?.filter((entry) => entry.to.includes('tencentcloud_postgresql_instance_network_access')).map((entry) => entry.id).sort(), instanceNetworks.sort());
      assert.match(document.getText(), /^terraform \{\n {2}required_providers \{/m);
      assert.equal(region.nextOffset, undefined, 'every page of the region was loaded');
    } finally {
      await vscode.workspace.getConfiguration('tencentdbPostgres').update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Export as tccli Script on a group opens a shell script with one command per network, each waited for', async () => {
    const worldGroup = await groupWithNetwork();
    const node: RoGroupNode = await groupNode(api, REGION, worldGroup.readOnlyGroupId);
    const previous = vscode.window.activeTextEditor;
    await vscode.commands.executeCommand('tencentdbPostgres.exportTccli', node);
    const document = await exportedEditor(previous);
    assert.equal(document.languageId, 'shellscript');
    const lines = document.getText().split('\n');
    const commands = lines.filter((line) => /^task_\d+=\$\(tccli postgres CreateReadOnlyGroupNetworkAccess /.test(line));
    assert.equal(commands.length, node.group.networks.length);
    for (const network of node.group.networks) {
      assert.ok(commands.some((line) => line.includes(`--Vip='${network.ip}'`)), `a command for ${network.ip}`);
    }
    assert.equal(lines.filter((line) => line.startsWith('wait_for_task ')).length, node.group.networks.length, 'every create is waited for');
  });

  it('Copy CAM Policy copies a policy that allows exactly the actions the client calls', async () => {
    await vscode.commands.executeCommand('tencentdbPostgres.copyCamPolicy');
    const policy = JSON.parse(await vscode.env.clipboard.readText()) as { statement: { action: string[] }[] };
    assert.ok(policy.statement[0].action.includes('postgres:CreateReadOnlyGroupNetworkAccess'));
    assert.ok(policy.statement[0].action.includes('vpc:DescribeSubnets'));
  });

  it('Copy Connection String offers the URI and the psql command, and copies the one chosen', async () => {
    const worldGroup = await groupWithNetwork();
    const node = await networkNode(api, REGION, worldGroup.readOnlyGroupId, worldGroup.networks[0].ip);
    const from = quickPicks.seen.length;
    const copied = vscode.commands.executeCommand('tencentdbPostgres.copyConnectionString', node);
    const pick = await quickPicks.next(from, 'the Copy Connection String pick');
    await waitUntil(() => pick.items.length === 2, 'both forms offered');
    const offered = pick.items;
    await acceptItem(pick, offered[1], 'the psql form');
    await copied;
    const { ip, port } = node.network;
    assert.deepEqual(offered.map((item) => item.label), [`postgresql://${ip}:${port}/postgres`, `psql -h ${ip} -p ${port}`]);
    assert.ok(offered.every((item) => /fill in/.test(item.detail ?? '')), 'each says what the user fills in');
    assert.equal(await vscode.env.clipboard.readText(), `psql -h ${ip} -p ${port}`);
  });

  it('Check Reachability: reachable with a listener, refused on a closed port, never dialled for an emulated VPC', async () => {
    const group = { id: 'pgrogrp-loopback', name: 'loopback', region: REGION, primaryInstanceId: 'postgres-loopback', networks: [] };
    const server = await listen();
    const { port } = server.address() as AddressInfo;
    try {
      const reachable = (await vscode.commands.executeCommand('tencentdbPostgres.checkReachability', { owner: { kind: 'readOnlyGroup', group }, network: { ip: '127.0.0.1', address: '', port } })) as ReachabilityReport;
      assert.equal(reachable.verdict, 'reachable');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const from = messages.seen.length;
    const refused = (await vscode.commands.executeCommand('tencentdbPostgres.checkReachability', { owner: { kind: 'readOnlyGroup', group }, network: { ip: '127.0.0.1', address: '', port } })) as ReachabilityReport;
    assert.equal(refused.verdict, 'refused');
    const shown = await messages.next(from, 'the refused message');
    assert.equal(shown.severity, 'warning');
    assert.match(shown.message, /nothing listens on that port/);

    const worldGroup = await groupWithNetwork();
    const emulated = await networkNode(api, REGION, worldGroup.readOnlyGroupId, worldGroup.networks[0].ip);
    const report = (await vscode.commands.executeCommand('tencentdbPostgres.checkReachability', emulated)) as ReachabilityReport;
    assert.equal(report.verdict, 'notDialled');
    assert.match(report.message, /emulated network/);
  });

  it('Find Group or Network loads what is missing, and picking a result selects it in the tree', async () => {
    await vscode.commands.executeCommand('tencentdbPostgres.refresh');
    const worldGroup = await groupWithNetwork();
    const from = quickPicks.seen.length;
    const found = vscode.commands.executeCommand('tencentdbPostgres.find');
    const shown = await quickPicks.next(from, 'the Find quick pick');
    shown.value = worldGroup.readOnlyGroupId;
    await waitUntil(() => !shown.busy, 'every region searched', 30_000);
    await waitUntil(() => shown.items[0]?.description === worldGroup.readOnlyGroupId, 'the group first among the results');
    await acceptItem(shown, shown.items[0], 'the first result');
    await found;
    await waitUntil(() => api.explorer.selection().some((node) => node.kind === 'roGroup' && node.group.id === worldGroup.readOnlyGroupId), 'the group selected in the tree');
  });

  it('Find finds a primary\'s public address by its host name, and picking it selects that network in the tree', async () => {
    const from = quickPicks.seen.length;
    const found = vscode.commands.executeCommand('tencentdbPostgres.find');
    const shown = await quickPicks.next(from, 'the Find quick pick');
    shown.value = 'gz-postgres-1moscm05';
    await waitUntil(() => !shown.busy, 'every region searched', 30_000);
    await waitUntil(() => /gz-postgres-1moscm05\.sql\.tencentcdb\.com:21435/.test(shown.items[0]?.label ?? ''), 'the public address first among the results');
    assert.match(shown.items[0].detail ?? '', /primary instance payments-db/);
    await acceptItem(shown, shown.items[0], 'the first result');
    await found;
    await waitUntil(
      () => api.explorer.selection().some((node) => node.kind === 'network' && node.parent.kind === 'primary' && node.network.netType === 'public'),
      'the public address selected under its primary',
    );
  });
});
