import { spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import { harnessLog } from './log';

/** Process groups started by the harness and still alive: ended on exit whatever happens. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

export interface GroupProcess {
  readonly child: ChildProcess;
  /** The process group id (= the leader's pid). */
  readonly pgid: number;
  /** Resolves with the exit code (or 1 after a signal) when the leader exits. */
  readonly exited: Promise<number>;
  /** Ends the whole group: SIGTERM, then SIGKILL after `graceMs`. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnGroupOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Append stdout and stderr to this file. */
  readonly logFile?: string;
  /** Also called with every chunk of stdout and stderr. */
  readonly onOutput?: (chunk: string) => void;
}

/**
 * Starts a command as the leader of a new session and process group (what `setsid` does: Node's
 * `detached` calls setsid(2)), so that its children, which outlive a SIGTERM to the leader
 * (code-server forks several), can be ended together with `kill -- -PGID`.
 */
export function spawnGroup(command: string, args: readonly string[], options: SpawnGroupOptions = {}): GroupProcess {
  installExitHook();
  const spawnOptions: SpawnOptions = { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] };
  const child = spawn(command, args, spawnOptions);
  if (child.pid === undefined) throw new Error(`Could not start ${command}`);
  const pgid = child.pid;
  liveGroups.add(pgid);
  const log = options.logFile ? fs.createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  const forward = (chunk: Buffer): void => {
    log?.write(chunk);
    options.onOutput?.(chunk.toString('utf8'));
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const exited = new Promise<number>((resolve) => {
    child.on('error', (error) => { harnessLog(`${command}: ${error.message}`); resolve(1); });
    child.on('exit', (code) => resolve(code ?? 1));
  });
  void exited.then(() => log?.end());
  let stopping: Promise<void> | undefined;
  return {
    child,
    pgid,
    exited,
    stop(graceMs = 5000) {
      stopping ??= killGroup(pgid, graceMs);
      return stopping;
    },
  };
}

/** Runs a command to completion in its own process group; rejects with the log's tail on failure. */
export async function runToCompletion(command: string, args: readonly string[], options: SpawnGroupOptions & { timeoutMs: number }): Promise<void> {
  const group = spawnGroup(command, args, options);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), options.timeoutMs); });
  const outcome = await Promise.race([group.exited, timedOut]);
  clearTimeout(timer);
  await group.stop();
  if (outcome === 0) return;
  const tail = options.logFile && fs.existsSync(options.logFile) ? fs.readFileSync(options.logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
  const why = outcome === 'timeout' ? `did not finish within ${options.timeoutMs / 1000} s` : `exited with code ${outcome}`;
  throw new Error(`${command} ${args.join(' ')} ${why}${tail ? `\n--- last lines of ${options.logFile} ---\n${tail}` : ''}`);
}

async function killGroup(pgid: number, graceMs: number): Promise<void> {
  if (!signalGroup(pgid, 'SIGTERM')) { liveGroups.delete(pgid); return; }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (!signalGroup(pgid, 0)) { liveGroups.delete(pgid); return; }
  }
  signalGroup(pgid, 'SIGKILL');
  liveGroups.delete(pgid);
}

/** kill(2) on the whole group; false when no process of the group is left. */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** The last resort: whatever way the harness exits, no process group it started survives it. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL');
  });
}
