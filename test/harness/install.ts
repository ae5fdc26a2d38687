import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir } from './paths';
import { harnessLog } from './log';
import { runToCompletion } from './processGroup';
import { assertKerberosHeaders } from './prerequisites';

/** code-server 4.139.1 is VS Code 1.139.1; it declares engines.node "24". */
export const codeServerVersion = '4.139.1';
const nodeMajor = '24';

export interface Node24 {
  /** The folder with bin/node and include/node (what node-gyp wants as nodedir). */
  readonly home: string;
  readonly binary: string;
  readonly binDir: string;
}

export interface CodeServerInstall {
  readonly node: Node24;
  /** code-server's entry script, started with Node 24. */
  readonly entry: string;
}

/**
 * Installs Node 24 and code-server into the cache once and returns them; later calls (and later runs)
 * reuse the cache. Both come from the npm registry only: nothing else is reachable here.
 */
export async function ensureCodeServer(): Promise<CodeServerInstall> {
  const node = await ensureNode24();
  const folder = path.join(cacheDir, `code-server-${codeServerVersion}`);
  const entry = path.join(folder, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  await installOnce(folder, async (staging, logFile) => {
    assertKerberosHeaders();
    harnessLog(`installing code-server ${codeServerVersion} into ${folder} (once; about 2 minutes, log: ${logFile})`);
    await npmInstall(staging, `code-server@${codeServerVersion}`, logFile, {
      // node-gyp must build code-server's native modules against Node 24, not the system Node.
      PATH: `${node.binDir}${path.delimiter}${process.env.PATH ?? ''}`,
      npm_config_nodedir: node.home,
    }, 15 * 60_000);
  });
  if (!fs.existsSync(entry)) throw new Error(`code-server is incomplete in ${folder}: delete that folder and run again`);
  return { node, entry };
}

export async function ensureNode24(): Promise<Node24> {
  const folder = path.join(cacheDir, `node-${nodeMajor}`);
  // The `node` package installs the platform package (binary and headers) as its own dependency.
  const home = path.join(folder, 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`);
  await installOnce(folder, async (staging, logFile) => {
    harnessLog(`installing Node ${nodeMajor} into ${folder} (once)`);
    await npmInstall(staging, `node@${nodeMajor}`, logFile, {}, 5 * 60_000);
  });
  const binary = path.join(home, 'bin', 'node');
  if (!fs.existsSync(binary) || !fs.existsSync(path.join(home, 'include', 'node'))) {
    throw new Error(`Node ${nodeMajor} is incomplete in ${folder}: delete that folder and run again`);
  }
  return { home, binary, binDir: path.dirname(binary) };
}

/**
 * Installs into a staging folder and renames it into place only when the install succeeded, so an
 * interrupted install never looks complete. A marker file records success.
 */
async function installOnce(folder: string, install: (staging: string, logFile: string) => Promise<void>): Promise<void> {
  const marker = path.join(folder, '.installed');
  if (fs.existsSync(marker)) return;
  fs.mkdirSync(cacheDir, { recursive: true });
  const staging = `${folder}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  const logFile = path.join(cacheDir, `${path.basename(folder)}.install.log`);
  fs.rmSync(logFile, { force: true });
  try {
    await install(staging, logFile);
    fs.writeFileSync(path.join(staging, '.installed'), `${new Date().toISOString()}\n`);
    fs.rmSync(folder, { recursive: true, force: true });
    fs.renameSync(staging, folder);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

async function npmInstall(prefix: string, spec: string, logFile: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  // A package.json of its own keeps npm from walking up to the project's package.json.
  fs.writeFileSync(path.join(prefix, 'package.json'), JSON.stringify({ name: 'cache', private: true }) + '\n');
  await runToCompletion('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', prefix, spec], {
    cwd: prefix,
    env: { ...withoutNpmVariables(process.env), ...env },
    logFile,
    timeoutMs,
  });
}

/**
 * Under `npm test` the environment carries the outer npm's settings, e.g. npm_config_user_agent naming
 * the Node that runs it, which code-server's install script reads as the Node version: drop them all.
 */
function withoutNpmVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE' && key !== 'INIT_CWD'));
}
