/**
 * The emulator in its own process (its CLI), so that its work does not share a core with the code being measured,
 * as the real API would not. Driven through its HTTP control endpoint.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ControlOp, RequestLogEntry, WorldDefinition } from '../emulator';

export interface EmulatorProcess {
  readonly url: string;
  control(op: ControlOp): Promise<void>;
  requests(): Promise<RequestLogEntry[]>;
  /** CPU time the emulator process has used so far (Linux /proc), or undefined where that cannot be read. */
  cpuMs(): number | undefined;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 20_000;

/** Emulators still running: killed if the bench exits early (a timeout, Ctrl+C), so none outlives it. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startEmulatorProcess(world: WorldDefinition, options: { latencyMs: number }): Promise<EmulatorProcess> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tencentdb-pg-bench-'));
  const worldFile = path.join(folder, 'world.json');
  fs.writeFileSync(worldFile, JSON.stringify(world));
  const cli = path.join(__dirname, '..', 'emulator', 'cli.js');
  const child = spawn(process.execPath, [cli, '--port', '0', '--world', worldFile, '--latency', String(options.latencyMs)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, http_proxy: '', https_proxy: '' },
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const cleanUp = (): void => fs.rmSync(folder, { recursive: true, force: true });
  let url: string;
  try {
    url = await waitForUrl(child);
  } catch (error) {
    child.kill('SIGKILL');
    cleanUp();
    throw error;
  }
  const control = async (op: ControlOp): Promise<void> => {
    const response = await fetch(`${url}/__emulator/control`, { method: 'POST', body: JSON.stringify(op), signal: AbortSignal.timeout(10_000) });
    if (response.status !== 200) throw new Error(`emulator control ${op.op}: ${response.status} ${await response.text()}`);
  };
  return {
    url,
    control,
    async requests() {
      const response = await fetch(`${url}/__emulator/requests`, { signal: AbortSignal.timeout(10_000) });
      return (await response.json()) as RequestLogEntry[];
    },
    cpuMs: () => processCpuMs(child.pid),
    stop: () => stopChild(child).finally(cleanUp),
  };
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the emulator did not start within ${START_TIMEOUT_MS} ms: ${output}`)), START_TIMEOUT_MS);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited with ${code}: ${output}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** utime + stime of a process, from /proc/PID/stat (fields 14 and 15, in clock ticks of 10 ms). */
function processCpuMs(pid: number | undefined): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
