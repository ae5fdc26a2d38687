// `node out/test/harness/runBrowserTests.js [files...] [mocha options]`: the browser end-to-end tests
// (out/test/e2e/**/*.e2e.test.js, test/.mocharc.e2e.json) against code-server with the packaged extension.
// Files given on the command line run instead of the whole suite (mocha would otherwise add them to it).
// Checks the machine first, so that a missing piece is named before any test starts.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureCodeServer } from './install';
import { harnessLog } from './log';
import { repoRoot } from './paths';
import { assertChromium, assertCompiled, findPackagedVsix, MissingPrerequisiteError } from './prerequisites';

async function main(): Promise<number> {
  assertChromium();
  assertCompiled(path.join(repoRoot, 'out', 'test', 'e2e', 'support', 'workbench.js'));
  harnessLog(`extension under test: ${path.relative(repoRoot, findPackagedVsix())}`);
  await ensureCodeServer();
  const mocha = path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const result = spawnSync(process.execPath, [mocha, ...configArguments(process.argv.slice(2)), ...process.argv.slice(2)], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  return result.status ?? 1;
}

/** The e2e mocha config, as a config file, or as flags without its spec when files are given. */
function configArguments(args: readonly string[]): string[] {
  const configFile = path.join(repoRoot, 'test', '.mocharc.e2e.json');
  if (!args.some((arg) => arg.endsWith('.js'))) return ['--config', configFile];
  const config = JSON.parse(fs.readFileSync(configFile, 'utf8')) as Record<string, unknown>;
  const flags = ['--no-config'];
  for (const [key, value] of Object.entries(config)) {
    if (key === 'spec') continue;
    if (value === true) flags.push(`--${key}`);
    else if (typeof value === 'string' || typeof value === 'number') flags.push(`--${key}`, String(value));
  }
  return flags;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const prefix = error instanceof MissingPrerequisiteError ? 'missing prerequisite: ' : '';
    harnessLog(`${prefix}${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
