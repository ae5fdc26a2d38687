import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionId } from './faultsHarness';

interface ContributedCommand { readonly command: string }
interface PackageJson {
  readonly engines: { readonly vscode: string };
  readonly contributes: {
    readonly commands?: readonly ContributedCommand[];
    readonly viewsContainers: { readonly activitybar: readonly { readonly id: string }[] };
    readonly views: Readonly<Record<string, readonly { readonly id: string }[]>>;
  };
}

function ourExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `${extensionId} is not installed in this extension host`);
  return extension;
}

/** "1.139.1" -> [1, 139, 1]; "^1.100.0" -> [1, 100, 0]. */
function versionParts(version: string): number[] {
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(version);
  assert.ok(match, `not a version: ${version}`);
  return match.slice(1, 4).map(Number);
}

interface ActivationStamps {
  readonly bundleStartedAt: number;
  readonly evaluatedAt: number;
  readonly activateStartedAt: number;
  readonly activateEndedAt: number;
}

describe('Activation', () => {
  let api: unknown;

  before(async () => {
    api = await ourExtension().activate();
  });

  it('runs in a VS Code at least as new as the engine the extension declares', () => {
    const packageJson = ourExtension().packageJSON as PackageJson;
    const [major, minor] = versionParts(vscode.version);
    const [wantedMajor, wantedMinor] = versionParts(packageJson.engines.vscode);
    assert.ok(major > wantedMajor || (major === wantedMajor && minor >= wantedMinor),
      `VS Code ${vscode.version} is older than ${packageJson.engines.vscode}`);
  });

  // activate() returning is what makes the host call the extension active; what it returned shows that it ran to its
  // end: the API the other suites drive, and the stamps of each part of the activation, in order.
  it('runs activate() to its end and returns its API', () => {
    assert.ok(api && typeof api === 'object', `activate() returned ${String(api)}`);
    const { explorer, profiles, network, activation } = api as Record<string, unknown>;
    assert.ok(explorer && profiles && network, 'the API lacks the explorer, profiles or network part');
    const stamps = activation as ActivationStamps;
    const order = [stamps.bundleStartedAt, stamps.evaluatedAt, stamps.activateStartedAt, stamps.activateEndedAt];
    assert.ok(order.every((stamp) => Number.isFinite(stamp)), `activation stamps missing: ${JSON.stringify(stamps)}`);
    assert.deepEqual([...order].sort((a, b) => a - b), order, `activation stamps out of order: ${JSON.stringify(stamps)}`);
  });

  it('registers every command it contributes', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = ((ourExtension().packageJSON as PackageJson).contributes.commands ?? []).map((c) => c.command);
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('contributes the activity-bar container with the read-only groups view', async () => {
    const { contributes } = ourExtension().packageJSON as PackageJson;
    assert.ok(contributes.viewsContainers.activitybar.some((c) => c.id === 'tencentdbPostgres'));
    assert.ok((contributes.views.tencentdbPostgres ?? []).some((v) => v.id === 'tencentdbPostgres.explorer'));
    // The workbench generates a focus command for every view it has really registered.
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(registered.has('tencentdbPostgres.explorer.focus'), 'the workbench did not register the view');
    await vscode.commands.executeCommand('workbench.view.extension.tencentdbPostgres');
    // The contribution above is the manifest's; only activate() gives the view a provider, and it answers with rows.
    const { explorer } = api as { explorer?: { getChildren(): Promise<readonly unknown[]>; getTreeItem(node: unknown): vscode.TreeItem } };
    assert.ok(explorer, 'activate() gave the view no tree provider');
    const roots = await explorer.getChildren();
    assert.ok(roots.length > 0, 'the view has no rows at its root');
    assert.ok(roots.every((node) => explorer.getTreeItem(node).label), 'a root row has no label');
  });
});

describe('Test environment', () => {
  it('points the extension at the emulator the harness started', async () => {
    const emulatorUrl = process.env.TENCENTDB_PG_EMULATOR_URL;
    assert.ok(emulatorUrl, 'TENCENTDB_PG_EMULATOR_URL is not set in the extension host');
    assert.equal(vscode.workspace.getConfiguration('tencentdbPostgres').get<string>('endpoint'), emulatorUrl);
    const response = await fetch(emulatorUrl, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
      signal: AbortSignal.timeout(5000),
    });
    assert.ok(response.status < 500, `the emulator answered ${response.status}`);
  });
});
