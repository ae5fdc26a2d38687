import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** Runs a command line with the local /bin/sh and returns what it printed, exactly. */
export function shOutput(commandLine: string, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): { stdout: Buffer; stderr: string; status: number | null } {
  const result = spawnSync('/bin/sh', ['-c', commandLine], { cwd: options.cwd, env: options.env ?? process.env });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr.toString('utf8'), status: result.status };
}

/**
 * A temporary folder with a fake `tccli` on PATH that records each call: the argument count, then every
 * argument, all NUL-terminated (a NUL is the one byte no argument can hold, so newlines in values stay visible).
 */
export class FakeTccli {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'tccli-fake-'));
  readonly work = path.join(this.dir, 'work');
  private readonly bin = path.join(this.dir, 'bin');

  constructor() {
    spawnSync('mkdir', ['-p', this.bin, this.work]);
    const program = path.join(this.bin, 'tccli');
    writeFileSync(program, '#!/bin/sh\nprintf \'%s\\0\' "$#" "$@"\n');
    chmodSync(program, 0o755);
  }

  /** Runs a script with `sh` in the work folder; returns each tccli call's argv (without the program name). */
  run(script: string): { calls: string[][]; status: number | null; stderr: string } {
    const file = path.join(this.dir, 'script.sh');
    writeFileSync(file, script);
    const result = spawnSync('/bin/sh', [file], {
      cwd: this.work,
      env: { PATH: `${this.bin}:/usr/bin:/bin`, LC_ALL: 'C.UTF-8' },
    });
    if (result.error) throw result.error;
    return { calls: parseCalls(result.stdout.toString('utf8')), status: result.status, stderr: result.stderr.toString('utf8') };
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function parseCalls(output: string): string[][] {
  const fields = output.split('\0');
  // Every field is NUL-terminated, so the text after the last NUL must be empty.
  if (fields.pop() !== '') throw new Error(`Unterminated fake tccli output: ${JSON.stringify(output)}`);
  const calls: string[][] = [];
  for (let index = 0; index < fields.length; ) {
    const count = Number(fields[index]);
    if (!Number.isInteger(count)) throw new Error(`Bad argument count ${JSON.stringify(fields[index])}`);
    calls.push(fields.slice(index + 1, index + 1 + count));
    index += 1 + count;
  }
  return calls;
}
