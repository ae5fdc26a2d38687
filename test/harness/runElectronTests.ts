// `npm run test:electron`: the same extension-host suite in desktop VS Code, downloaded by
// @vscode/test-electron into .vscode-test/ (needs internet: use it on a desktop machine, not in CI here).
// The emulator, the settings and the environment are the same as in the code-server run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';
import { offlineSettings } from './codeServer';
import { harnessLog } from './log';
import { integrationSuiteEntry, repoRoot, runsDir } from './paths';
import { assertBundled, assertCompiled, MissingPrerequisiteError } from './prerequisites';
import { onTeardown, runTeardowns } from './teardown';
import { startWorld } from './testEnvironment';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'no-credentials': { type: 'boolean', default: false },
      world: { type: 'string' },
      locale: { type: 'string' },
      version: { type: 'string', default: process.env.VSCODE_TEST_VERSION ?? 'stable' },
    },
  });
  assertCompiled(integrationSuiteEntry);
  assertBundled();
  const world = await startWorld({ worldFile: values.world, credentials: values['no-credentials'] ? 'none' : 'world' });

  const runDir = path.join(runsDir, `electron-${process.pid}`);
  onTeardown(() => fs.rmSync(runDir, { recursive: true, force: true }));
  const userDataDir = path.join(runDir, 'user-data');
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...offlineSettings, ...world.extensionSettings }, null, 2));

  await runTests({
    version: values.version,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: integrationSuiteEntry,
    // Desktop VS Code prints the extension host's console to this process: no report file needed.
    extensionTestsEnv: { ...world.extensionEnv },
    launchArgs: [
      workspace,
      '--user-data-dir', userDataDir,
      '--extensions-dir', path.join(runDir, 'extensions'),
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      ...(values.locale ? ['--locale', values.locale] : []),
    ],
  });
}

main().then(
  async () => { await runTeardowns(); process.exit(0); },
  async (error: unknown) => {
    const prefix = error instanceof MissingPrerequisiteError ? 'missing prerequisite: ' : '';
    const message = error instanceof Error ? error.message : String(error);
    const hint = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED/.test(message)
      ? ' (VS Code could not be downloaded: this runner needs internet; `npm run test:integration` runs the same suite in code-server)'
      : '';
    harnessLog(`${prefix}${message}${hint}`);
    await runTeardowns();
    process.exit(1);
  },
);
