// Secrets and trust in the real extension host: every flow runs with a known SecretKey and session token, then
// everything the extension wrote or showed is scanned for them (log files, settings, state, messages, tree items,
// the environment, the emulator's request log). And the endpoint override cannot come from a workspace.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Subnet, Vpc } from '../../src/domain/model';
import type { ExtensionApi } from '../../src/extension';
import type { ExplorerNode } from '../../src/explorer/nodes';
import {
  activateExtension,
  control,
  extensionId,
  groupNode,
  networkNode,
  requestLog,
  runFolders,
  useExtensionHost,
  waitUntil,
  within,
} from './support';

// The emulator world's temporary credentials (valid until 2099).
const TEMP_SECRET_ID = 'AKIDemulatorTempKey000000000000000000';
const TEMP_SECRET_KEY = 'emulatorTempSecretKey0000000000000000';
const TEMP_TOKEN = 'emulatorDemoSessionToken0000000000000000000000000000';
const PROFILE = 'temporary-session';
const SECRETS = [TEMP_SECRET_KEY, TEMP_TOKEN];
const GZ = 'ap-guangzhou';
const PROD_VPC: Vpc = { id: 'vpc-0p4qrebe', name: 'prod-vpc', cidr: '10.0.0.0/16', isDefault: false };
const SUBNET: Subnet = {
  id: 'subnet-0qy9gxh8', name: 'prod-app-gz3', vpcId: PROD_VPC.id, cidr: '10.0.1.0/24', zone: 'ap-guangzhou-3',
  isDefault: false, availableIpCount: 171, totalIpCount: 253,
};

/** Every occurrence of a secret in the text, as "where: secret prefix". */
function findSecrets(where: string, text: string): string[] {
  return SECRETS.filter((secret) => text.includes(secret)).map((secret) => `${where}: ${secret.slice(0, 8)}…`);
}

function filesUnder(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(root, name))
    .filter((file) => fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true);
}

/** Every file of this VS Code run: the output channel's log, settings, global and workspace state, extension storage. */
function runFiles(): string[] {
  const { userData, workspace, xdgData } = runFolders();
  return [...filesUnder(userData), ...filesUnder(workspace), ...filesUnder(xdgData)];
}

/** The secrets found in any file of this run. */
function secretsInFiles(files: readonly string[]): string[] {
  const { runDir } = runFolders();
  return files.flatMap((file) => findSecrets(path.relative(runDir, file), fs.readFileSync(file).toString('latin1')));
}

// After every suite of the run, whatever it wrote later (the log channel flushes in the background, state is saved
// when it changes) is scanned again.
after(function () {
  assert.deepEqual(secretsInFiles(runFiles()), [], 'no secret in any file at the end of the run');
});

/** The tree as text: every label, description and tooltip, loaded down to the networks. */
async function treeText(api: ExtensionApi): Promise<string> {
  const parts: string[] = [];
  const visit = async (node: ExplorerNode | undefined, depth: number): Promise<void> => {
    const children = await api.explorer.getChildren(node);
    for (const child of children) {
      const item = api.explorer.getTreeItem(child);
      const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? '');
      parts.push(JSON.stringify([item.label, item.description, tooltip, item.command?.arguments?.length ?? 0]));
      if (depth < 4 && (child.kind === 'region' ? child.regionId === GZ : true)) await visit(child, depth + 1);
    }
  };
  await visit(undefined, 0);
  return parts.join('\n');
}

describe('Secrets never leak', function () {
  this.timeout(60_000);
  const fx = useExtensionHost({ settings: { taskPollIntervalSeconds: 0.5 }, taskDurationMs: 1500, answerMessages: true });

  it('runs every flow with temporary credentials, then finds neither the SecretKey nor the token anywhere', async () => {
    // Sign-in refused (wrong key: the message must not quote what was typed), then accepted.
    await assert.rejects(
      fx.signIn({ profileName: PROFILE, secretId: TEMP_SECRET_ID, secretKey: `${TEMP_SECRET_KEY}x`, token: TEMP_TOKEN }),
      (error: Error) => {
        assert.deepEqual(findSecrets('sign-in refusal', error.message), []);
        return true;
      },
    );
    const logBefore = await fx.log.length();
    await fx.signIn({ profileName: PROFILE, secretId: TEMP_SECRET_ID, secretKey: TEMP_SECRET_KEY, token: TEMP_TOKEN });
    assert.equal(fx.api.profiles.activeProfileId(), PROFILE);
    await control({ op: 'clearRequests' });

    // Tree, with a failure whose API message echoes the secrets back (the extension must not repeat them).
    await control({ op: 'failNext', action: 'DescribeDBInstances', code: 'AuthFailure.SignatureFailure', message: `signature of ${TEMP_SECRET_KEY} with token ${TEMP_TOKEN} refused` });
    await vscode.commands.executeCommand('tencentdbPostgres.refresh');
    const failedTree = await treeText(fx.api);
    await vscode.commands.executeCommand('tencentdbPostgres.refresh');
    const tree = await treeText(fx.api);
    assert.match(tree, /orders-ro/, 'the tree loaded with the temporary key');

    // Add Network, with a failure first, then a create tracked to its end.
    const group = await groupNode(fx.api, GZ, 'pgrogrp-ehv9k8jn');
    const reopen = { reopenAddNetwork: { pickGroup: false, region: GZ, owner: { kind: 'readOnlyGroup', group: group.group }, vpc: PROD_VPC, subnet: SUBNET, vipMode: 'auto' } };
    await control({ op: 'failNext', action: 'CreateReadOnlyGroupNetworkAccess', code: 'FailedOperation.FailedOperationError', message: `key ${TEMP_SECRET_KEY}` });
    for (const expectSuccess of [false, true]) {
      const driver = fx.wizard();
      const from = fx.outcomes.seen.length;
      const running = vscode.commands.executeCommand('tencentdbPostgres.addNetwork', reopen);
      await driver.choose(await driver.pick('the confirm step'), (choice) => choice === 'create', 'Create');
      await within(running, 10_000, 'the create');
      if (expectSuccess) assert.equal((await fx.outcomes.next(from, 'the create outcome', 15_000)).result, 'succeeded');
    }

    // Remove Network, tracked to its end; and a task that fails.
    const network = await networkNode(fx.api, GZ, 'pgrogrp-5zyz187t', '172.16.1.20');
    let from = fx.outcomes.seen.length;
    await within(vscode.commands.executeCommand('tencentdbPostgres.removeNetwork', network), 10_000, 'the delete');
    assert.equal((await fx.outcomes.next(from, 'the delete outcome', 15_000)).result, 'succeeded');
    await control({ op: 'resetWorld' });
    await control({ op: 'failTask', atProgress: 30, message: `task failed for ${TEMP_SECRET_ID}` });
    await vscode.commands.executeCommand('tencentdbPostgres.refresh');
    const again = await groupNode(fx.api, GZ, 'pgrogrp-ehv9k8jn');
    from = fx.outcomes.seen.length;
    const driver = fx.wizard();
    const running = vscode.commands.executeCommand('tencentdbPostgres.addNetwork', { reopenAddNetwork: { ...reopen.reopenAddNetwork, owner: { kind: 'readOnlyGroup', group: again.group } } });
    await driver.choose(await driver.pick('the confirm step'), (choice) => choice === 'create', 'Create');
    await within(running, 10_000, 'the create');
    assert.equal((await fx.outcomes.next(from, 'the failed task', 15_000)).result, 'failed');
    await vscode.commands.executeCommand('tencentdbPostgres.showTasks').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    // The log channel writes its file in the background: the failed task is the last thing logged.
    await fx.log.waitForLine(/tasks: \w+ on pgrogrp-ehv9k8jn: failed/, 'the failed task in the log file', { after: logBefore, timeoutMs: 15_000 });

    // Everything the extension wrote or showed.
    const leaks: string[] = [];
    leaks.push(...findSecrets('tree after a failure', failedTree), ...findSecrets('tree', tree), ...findSecrets('tree at the end', await treeText(fx.api)));
    for (const message of fx.messages.seen) leaks.push(...findSecrets(`message "${message.message.slice(0, 40)}"`, JSON.stringify(message)));
    leaks.push(...findSecrets('tracked tasks', JSON.stringify(fx.api.network.tracker.tasks())));
    leaks.push(...findSecrets('settings', JSON.stringify(vscode.workspace.getConfiguration('tencentdbPostgres'))));
    for (const [name, value] of Object.entries(process.env)) leaks.push(...findSecrets(`process.env.${name}`, value ?? ''));

    // The emulator's request log records no signature, key or token.
    const { text: requestText, entries } = await requestLog();
    assert.ok(entries.some((entry) => entry.secretId === TEMP_SECRET_ID), 'the requests were signed with the temporary key');
    leaks.push(...findSecrets('emulator request log', requestText));

    // Every file of this VS Code: the output channel's log, settings, global and workspace state, extension storage.
    const files = runFiles();
    const log = await fx.log.text();
    assert.match(log, /DescribeDBInstances/, 'the log file has the calls');
    assert.match(log, /AuthFailure\.SignatureFailure/, 'the log has the failure whose message echoed the secrets');
    leaks.push(...secretsInFiles(files));
    assert.ok(files.length > 5, `scanned ${files.length} files`);
    assert.deepEqual(leaks, [], 'no secret anywhere');
  });
});

describe('Trust: the endpoint override', () => {
  interface Manifest {
    readonly capabilities?: { readonly untrustedWorkspaces?: { readonly supported: boolean | 'limited'; readonly restrictedConfigurations?: readonly string[]; readonly description?: string } };
    readonly contributes: { readonly configuration: { readonly properties: Record<string, { readonly scope?: string }> } };
  }

  it('is an application-scoped setting, restricted in untrusted workspaces, whose behaviour there is declared', () => {
    const manifest = vscode.extensions.getExtension(extensionId)?.packageJSON as Manifest;
    assert.equal(manifest.contributes.configuration.properties['tencentdbPostgres.endpoint'].scope, 'application');
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.ok(untrusted, 'capabilities.untrustedWorkspaces is declared');
    assert.equal(untrusted.supported, 'limited');
    assert.ok(untrusted.restrictedConfigurations?.includes('tencentdbPostgres.endpoint'));
    assert.ok(untrusted.description && !untrusted.description.startsWith('%'), 'the description is localised');
  });

  it('no setting of the extension can be set from a workspace: VS Code refuses the write, and a hand-written .vscode/settings.json is ignored', async () => {
    const configuration = () => vscode.workspace.getConfiguration('tencentdbPostgres');
    const userValue = configuration().inspect<string>('endpoint')?.globalValue;
    assert.ok(userValue, 'the harness set the endpoint in user settings');
    await assert.rejects(Promise.resolve(configuration().update('endpoint', 'https://attacker.example', vscode.ConfigurationTarget.Workspace)));

    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the harness opens a workspace folder');
    const settingsFile = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    assert.equal(fs.existsSync(settingsFile), false, 'the workspace has no settings of its own');
    const fromWorkspace: Record<string, unknown> = {
      endpoint: 'https://attacker.example',
      regions: ['ap-attacker'],
      site: 'china',
      requestTimeoutSeconds: 1,
      pageSize: 7,
      taskTimeoutMinutes: 1,
      taskPollIntervalSeconds: 60,
      writeSettleSeconds: 1,
    };
    const before = Object.fromEntries(Object.keys(fromWorkspace).map((key) => [key, configuration().get<unknown>(key)]));
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    try {
      const file = Object.fromEntries(Object.entries(fromWorkspace).map(([key, value]) => [`tencentdbPostgres.${key}`, value]));
      fs.writeFileSync(settingsFile, JSON.stringify({ ...file, 'editor.tabSize': 7 }));
      // The workspace file is read: a window-scoped setting of another section arrives...
      await waitUntil(
        () => vscode.workspace.getConfiguration('editor').inspect<number>('tabSize')?.workspaceValue === 7,
        'the workspace settings file to be read',
      );
      // ...but none of the extension's.
      for (const key of Object.keys(fromWorkspace)) {
        assert.equal(configuration().inspect<unknown>(key)?.workspaceValue, undefined, `${key} has no workspace value`);
        assert.deepEqual(configuration().get<unknown>(key), before[key], `${key} keeps its user or default value`);
      }
      await control({ op: 'clearRequests' });
      await vscode.commands.executeCommand('tencentdbPostgres.refresh');
      const api = await activateExtension();
      const regions = await api.explorer.getChildren();
      await api.explorer.getChildren(regions[0]);
      assert.ok((await requestLog()).entries.length > 0, 'the calls still go to the emulator');
      const regionIds = new Set((await requestLog()).entries.map((entry) => entry.region));
      assert.equal(regionIds.has('ap-attacker'), false, 'no region from the workspace is asked');
    } finally {
      fs.rmSync(path.dirname(settingsFile), { recursive: true, force: true });
    }
  });
});
