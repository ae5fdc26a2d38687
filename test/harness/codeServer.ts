import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureCodeServer } from './install';
import { findFreePort } from './freePort';
import { ensureLanguagePack, registerLanguagePack } from './languagePack';
import { harnessLog } from './log';
import { resultsDir } from './paths';
import type { GroupProcess } from './processGroup';
import { runToCompletion, spawnGroup } from './processGroup';
import { createRunFolders, privateEnvironment } from './runFolders';

export interface CodeServerOptions {
  /** Names the run's folders and log file (e.g. "e2e-smoke"). */
  readonly name: string;
  /** .vsix files to install into the fresh extensions folder before the start. */
  readonly vsixFiles?: readonly string[];
  /** User settings written into the fresh user-data folder (merged over the offline-friendly defaults). */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Extra environment of code-server and so of the remote extension host. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Display language, e.g. "zh-cn"; English when absent. A minimal language pack for it is installed
   * (see languagePack.ts): the extension's texts are translated, the workbench's own stay English.
   */
  readonly locale?: string;
  /** Lets the workbench URL carry a test payload and exposes `window.codeAutomationExit`. */
  readonly smokeTestDriver?: boolean;
  /** The folder the workbench opens; a fresh empty one when absent. */
  readonly workspaceFolder?: string;
  /** The port to listen on (127.0.0.1); a free one when absent. */
  readonly port?: number;
  /** Called with code-server's output (it is always written to test-results/logs/ too). */
  readonly onOutput?: (chunk: string) => void;
}

export interface RunningCodeServer {
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** The workbench URL with the workspace folder open. */
  readonly url: string;
  readonly workspaceFolder: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly logFile: string;
  /** The workbench URL that runs an extension test suite (smoke-test driver only). */
  testUrl(extensionDevelopmentPath: string, extensionTestsPath: string): string;
  /** Ends code-server's whole process group and deletes the run's folders. */
  stop(): Promise<void>;
}

/** Settings that keep the workbench quiet and offline: no telemetry, update checks, gallery or welcome page. */
export const offlineSettings: Readonly<Record<string, unknown>> = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'npm.fetchOnlinePackageInfo': false,
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
};

/**
 * Starts code-server (installed once into the cache) on a free loopback port with fresh user-data and
 * extensions folders and private XDG_*, HOME and TMPDIR folders, and waits until it answers /healthz.
 */
export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const install = await ensureCodeServer();
  const dirs = createRunFolders(options.name, options.workspaceFolder);
  writeJson(path.join(dirs.userData, 'User', 'settings.json'), { ...offlineSettings, ...options.settings });

  fs.mkdirSync(path.join(resultsDir, 'logs'), { recursive: true });
  const logFile = path.join(resultsDir, 'logs', `${options.name}.code-server.log`);
  fs.rmSync(logFile, { force: true });
  const env = privateEnvironment(dirs, {
    PATH: `${install.node.binDir}${path.delimiter}${process.env.PATH ?? ''}`,
    // code-server's own extension gallery (Open VSX) is asked from the server side too: point it at a
    // closed loopback port so that no run ever reaches out, whatever the machine's network.
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' }),
    ...options.env,
  });
  const common = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

  const languagePacks = options.locale && !/^en\b/i.test(options.locale) ? [await ensureLanguagePack(options.locale)] : [];
  for (const vsix of [...languagePacks, ...(options.vsixFiles ?? [])]) {
    await runToCompletion(install.node.binary, [install.entry, ...common, '--install-extension', vsix], { env, logFile, timeoutMs: 60_000 });
  }
  if (options.locale && languagePacks.length > 0) registerLanguagePack(dirs.userData, dirs.extensions, options.locale);

  const port = options.port ?? (await findFreePort());
  const args = [
    install.entry, ...common,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--disable-proxy',
    ...(options.locale ? ['--locale', options.locale] : []),
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    dirs.workspace,
  ];
  const server = spawnGroup(install.node.binary, args, { env, logFile, onOutput: options.onOutput });
  const origin = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await server.stop();
    fs.rmSync(dirs.runDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(origin, server, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  harnessLog(`code-server ${origin} (log: ${path.relative(process.cwd(), logFile)})`);
  const folderQuery = `folder=${encodeURIComponent(dirs.workspace)}`;
  return {
    port,
    origin,
    url: `${origin}/?${folderQuery}`,
    workspaceFolder: dirs.workspace,
    userDataDir: dirs.userData,
    extensionsDir: dirs.extensions,
    logFile,
    testUrl(extensionDevelopmentPath, extensionTestsPath) {
      const remote = (file: string): string => `vscode-remote://127.0.0.1:${port}${path.resolve(file)}`;
      const payload = [
        ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
        ['extensionTestsPath', remote(extensionTestsPath)],
      ];
      return `${origin}/?${folderQuery}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    },
    stop,
  };
}

async function waitForHealth(origin: string, server: GroupProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  let exited = false;
  void server.exited.then(() => { exited = true; });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`code-server exited before it was ready: see ${logFile}`);
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer ${origin}/healthz within 30 s: see ${logFile}`);
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}
