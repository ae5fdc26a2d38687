// `npm run test:electron`: the same extension-host suite in desktop VS Code, downloaded by
// @vscode/test-electron into the test cache (needs internet: a desktop machine or the workflow's desktop job).
// `--version 1.100.0` (or VSCODE_TEST_VERSION) picks the release; `stable` by default. The emulator, the settings,
// the run folders and the environment are the same as in the code-server run (test/harness/runFolders.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';
import { offlineSettings } from './codeServer';
import { harnessLog } from './log';
import { cacheDir, integrationSuiteEntry, repoRoot } from './paths';
import { assertBundled, assertCompiled, MissingPrerequisiteError } from './prerequisites';
import { createRunFolders, privateEnvironment } from './runFolders';
import { onTeardown, runTeardowns } from './teardown';
import { startWorld } from './testEnvironment';

/**
 * @vscode/test-electron starts VS Code with its own environment plus the one given: a variable left out here would
 * still be inherited, so the outer ones the private environment drops are unset explicitly.
 */
function replacingEnvironment(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const unset = Object.fromEntries(Object.keys(process.env).map((key) => [key, undefined]));
  return { ...unset, ...env };
}

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

  const folders = createRunFolders('electron');
  onTeardown(() => fs.rmSync(folders.runDir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(folders.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(folders.userData, 'User', 'settings.json'), JSON.stringify({ ...offlineSettings, ...world.extensionSettings }, null, 2));

  await runTests({
    version: values.version,
    cachePath: cacheDir,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: integrationSuiteEntry,
    // The whole VS Code gets it, as code-server does: HOME and XDG_* in the run's folders, the emulator's address and
    // the world's credentials. Desktop VS Code prints the extension host's console to this process: no report file.
    extensionTestsEnv: replacingEnvironment(privateEnvironment(folders, world.extensionEnv)),
    launchArgs: [
      folders.workspace,
      '--user-data-dir', folders.userData,
      '--extensions-dir', folders.extensions,
      // Secret storage persisted on disk and shared by every window of this user-data folder, as with an OS keyring.
      // Without a keyring (CI under xvfb) VS Code would otherwise keep secrets in memory, per window, and open an
      // error dialog at the first store; "basic" is its documented choice for machines without one.
      '--password-store=basic',
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
