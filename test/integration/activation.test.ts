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

describe('Activation', () => {
  before(async () => {
    await ourExtension().activate();
  });

  it('runs in a VS Code at least as new as the engine the extension declares', () => {
    const packageJson = ourExtension().packageJSON as PackageJson;
    const [major, minor] = versionParts(vscode.version);
    const [wantedMajor, wantedMinor] = versionParts(packageJson.engines.vscode);
    assert.ok(major > wantedMajor || (major === wantedMajor && minor >= wantedMinor),
      `VS Code ${vscode.version} is older than ${packageJson.engines.vscode}`);
  });

  it('activates', () => {
    assert.equal(ourExtension().isActive, true);
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
