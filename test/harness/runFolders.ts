// The private folders of one VS Code run, code-server or desktop, and the environment that sends everything VS Code
// or the extension writes into them. The extension-host suite finds them again from HOME
// (test/integration/support/fixture.ts, runFolders()): both hosts must lay them out alike for its scans to be true.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { removeAbandonedRunFolders, runsDir } from './paths';

export interface RunFolders {
  readonly runDir: string;
  readonly userData: string;
  readonly extensions: string;
  readonly home: string;
  readonly config: string;
  readonly data: string;
  readonly cache: string;
  readonly tmp: string;
  readonly workspace: string;
}

let runCounter = 0;

/** Fresh, empty folders for a run named `<name>-<pid>-<n>` (the form removeAbandonedRunFolders recognises). */
export function createRunFolders(name: string, workspaceFolder?: string): RunFolders {
  removeAbandonedRunFolders();
  const runDir = path.join(runsDir, `${name}-${process.pid}-${++runCounter}`);
  fs.rmSync(runDir, { recursive: true, force: true });
  const folders: RunFolders = {
    runDir,
    userData: path.join(runDir, 'user-data'),
    extensions: path.join(runDir, 'extensions'),
    home: path.join(runDir, 'home'),
    config: path.join(runDir, 'xdg-config'),
    data: path.join(runDir, 'xdg-data'),
    cache: path.join(runDir, 'xdg-cache'),
    tmp: path.join(runDir, 'tmp'),
    workspace: workspaceFolder ?? path.join(runDir, 'workspace'),
  };
  for (const [key, dir] of Object.entries(folders)) if (key !== 'runDir') fs.mkdirSync(dir, { recursive: true });
  return folders;
}

/** Variables of the outer shell a run never inherits: credentials (a test states the ones it wants), npm's, VS Code's. */
const outerVariables = /^(TENCENTCLOUD_|TENCENTDB_PG_|VSCODE_|ELECTRON_|npm_)/i;

/**
 * The process environment minus anything that would make a run depend on the machine or on how it was started,
 * with every folder VS Code or the extension might write to private to the run; `extra` comes last.
 */
export function privateEnvironment(folders: RunFolders, extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!outerVariables.test(key)) env[key] = value;
  return {
    ...env,
    HOME: folders.home,
    XDG_CONFIG_HOME: folders.config,
    XDG_DATA_HOME: folders.data,
    XDG_CACHE_HOME: folders.cache,
    TMPDIR: folders.tmp,
    ...extra,
  };
}
