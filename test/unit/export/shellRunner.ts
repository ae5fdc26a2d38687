import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** Runs a command line with the local /bin/sh and returns what it printed, exactly. */
export function shOutput(commandLine: string, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): { stdout: Buffer; stderr: string; status: number | null } {
  const result = spawnSync('/bin/sh', ['-c', commandLine], { cwd: options.cwd, env: options.env ?? process.env });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr.toString('utf8'), status: result.status };
}

/**
 * The fake `tccli`, answering as tccli 3.1 does (its source: tccli/format_output.py, tccli/main.py): the action's
 * Response object without the wrapper, printed as JSON with a 4-space indent, or with `--output=text` a scalar as
 * it is; `--filter` is a JMESPath over that object (the paths scripts use: fields and [n]); any failure prints to
 * stderr and exits 255. CreateReadOnlyGroupNetworkAccess answers FlowId 1001, 1002, ...; DescribeTasks answers
 * each task's statuses in turn from FAKE_TCCLI_TASK_STATUSES (comma-separated, the last one repeating).
 * FAKE_TCCLI_FAIL=<Action> makes that action fail. Each call's argv is appended to the log, NUL-terminated.
 */
const FAKE_TCCLI = String.raw`
const fs = require('node:fs');
const path = require('node:path');
const [service, action, ...rest] = process.argv.slice(2);
const state = process.env.FAKE_TCCLI_STATE;
fs.appendFileSync(path.join(state, 'calls'), [String(process.argv.length - 2), ...process.argv.slice(2)].map((a) => a + '\0').join(''));
const options = {};
for (let i = 0; i < rest.length; i += 1) {
  const m = /^--([^=]+)(?:=([\s\S]*))?$/.exec(rest[i]);
  if (!m) fail('unrecognized arguments: ' + rest[i]);
  options[m[1]] = m[2] !== undefined ? m[2] : rest[(i += 1)];
}
function fail(message) { process.stderr.write('\n[TencentCloudSDKException] ' + message + '\n'); process.exit(255); }
if (service !== 'postgres') fail('unknown service ' + service);
if (process.env.FAKE_TCCLI_FAIL === action) fail('code:OperationDenied.ROGroupStatusError message:The RO group is busy.');
let response;
if (action === 'CreateReadOnlyGroupNetworkAccess' || action === 'CreateDBInstanceNetworkAccess') {
  const counter = path.join(state, 'flow');
  const flow = (fs.existsSync(counter) ? Number(fs.readFileSync(counter, 'utf8')) : 1000) + 1;
  fs.writeFileSync(counter, String(flow));
  response = { FlowId: flow, RequestId: 'req-' + flow };
} else if (action === 'DescribeTasks') {
  const polls = path.join(state, 'polls-' + options.TaskId);
  const count = fs.existsSync(polls) ? Number(fs.readFileSync(polls, 'utf8')) : 0;
  fs.writeFileSync(polls, String(count + 1));
  const statuses = (process.env.FAKE_TCCLI_TASK_STATUSES || 'Success').split(',');
  const status = statuses[Math.min(count, statuses.length - 1)];
  response = { TotalCount: 1, TaskSet: [{ TaskId: Number(options.TaskId), Status: status, Progress: status === 'Success' ? 100 : 50 }], RequestId: 'req-t' };
} else {
  fail('unknown action ' + action);
}
let result = response;
if (options.filter) for (const part of options.filter.match(/[A-Za-z]+|\[\d+\]/g)) result = result == null ? null : result[part.startsWith('[') ? Number(part.slice(1, -1)) : part];
if (options.output === 'text') { if (result !== null && typeof result !== 'object') process.stdout.write(String(result) + '\n'); else process.stdout.write(JSON.stringify(result) + '\n'); }
else if (result !== null && result !== undefined) process.stdout.write(JSON.stringify(result, null, 4) + '\n');
`;

/** A temporary folder with the fake `tccli` on PATH, and a work folder the scripts run in. */
export class FakeTccli {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'tccli-fake-'));
  readonly work = path.join(this.dir, 'work');
  private readonly bin = path.join(this.dir, 'bin');
  private readonly state = path.join(this.dir, 'state');

  constructor() {
    for (const folder of [this.bin, this.work, this.state]) mkdirSync(folder, { recursive: true });
    const program = path.join(this.bin, 'tccli');
    writeFileSync(program, `#!${process.execPath}\n${FAKE_TCCLI}`);
    chmodSync(program, 0o755);
  }

  /** Runs a script with `sh` in the work folder; returns each tccli call's argv (without the program name). */
  run(script: string, env: Record<string, string> = {}): { calls: string[][]; status: number | null; stdout: string; stderr: string } {
    rmSync(this.state, { recursive: true, force: true });
    mkdirSync(this.state);
    const file = path.join(this.dir, 'script.sh');
    writeFileSync(file, script);
    const result = spawnSync('/bin/sh', [file], {
      cwd: this.work,
      env: { PATH: `${this.bin}:/usr/bin:/bin`, LC_ALL: 'C.UTF-8', FAKE_TCCLI_STATE: this.state, ...env },
      timeout: 60_000,
    });
    if (result.error) throw result.error;
    const log = path.join(this.state, 'calls');
    const calls = existsSync(log) ? parseCalls(readFileSync(log, 'utf8')) : [];
    return { calls, status: result.status, stdout: result.stdout.toString('utf8'), stderr: result.stderr.toString('utf8') };
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function parseCalls(output: string): string[][] {
  const fields = output.split('\0');
  // Every field is NUL-terminated, so the text after the last NUL must be empty.
  if (fields.pop() !== '') throw new Error(`Unterminated fake tccli log: ${JSON.stringify(output)}`);
  const calls: string[][] = [];
  for (let index = 0; index < fields.length; ) {
    const count = Number(fields[index]);
    if (!Number.isInteger(count)) throw new Error(`Bad argument count ${JSON.stringify(fields[index])}`);
    calls.push(fields.slice(index + 1, index + 1 + count));
    index += 1 + count;
  }
  return calls;
}
