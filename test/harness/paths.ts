import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root: this file is compiled to out/test/harness/, three levels below it. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/**
 * Where Node 24 and code-server are installed once and reused: git-ignored, the folder name
 * `@vscode/test-electron` uses too. TENCENTDB_PG_TEST_CACHE moves it (e.g. to share it between clones).
 */
export const cacheDir = process.env.TENCENTDB_PG_TEST_CACHE
  ? path.resolve(process.env.TENCENTDB_PG_TEST_CACHE)
  : path.join(repoRoot, '.vscode-test');

/** Screenshots and logs for people to review; git-ignored. */
export const resultsDir = path.join(repoRoot, 'test-results');

/** The compiled integration suite's entry (the standard `run()` contract). */
export const integrationSuiteEntry = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');

/** The demo world the emulator serves by default. */
export const demoWorldPath = path.join(repoRoot, 'test', 'emulator', 'worlds', 'demo.json');

/** Per-run folders (user data, profiles, ...) under the cache, named "<what>-<pid>-<n>". */
export const runsDir = path.join(cacheDir, 'runs');

/**
 * Deletes the run folders of harness processes that no longer exist (a run killed with SIGKILL cannot
 * clean up after itself); folders of live runs, e.g. a second run in another terminal, are kept.
 */
export function removeAbandonedRunFolders(): void {
  if (!fs.existsSync(runsDir)) return;
  for (const name of fs.readdirSync(runsDir)) {
    const pid = Number(/-(\d+)(?:-\d+)?$/.exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    fs.rmSync(path.join(runsDir, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
