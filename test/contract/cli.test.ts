import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { rawRequest } from './support';

const CLI = path.resolve(__dirname, '..', 'emulator', 'cli.js');

function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no output within ${timeoutMs} ms`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const end = text.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        resolve(text.slice(0, end));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before printing`));
    });
  });
}

function exitCode(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => reject(new Error(`still running after ${timeoutMs} ms`)), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('emulator command line', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    child = undefined;
  });

  it('prints the URL it listens on, serves the demo world and stops cleanly on SIGTERM', async () => {
    child = spawn(process.execPath, [CLI, '--port', '0', '--latency', '1', '--clock-offset', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const line = await firstLine(child, 10_000);
    const match = /^Emulator listening on http:\/\/127\.0\.0\.1:(\d+)$/.exec(line);
    assert.ok(match, line);
    const status = JSON.parse((await rawRequest(Number(match[1]), 'GET', '/__emulator/status', {}, '')).body);
    assert.equal(status.latencyMs, 1);
    const world = JSON.parse((await rawRequest(Number(match[1]), 'GET', '/__emulator/world', {}, '')).body);
    assert.ok(world.regions.length >= 3);
    child.kill('SIGTERM');
    assert.equal(await exitCode(child, 5000), 0);
  });

  it('refuses a bad option with a usage message', async () => {
    child = spawn(process.execPath, [CLI, '--latency', 'soon'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    assert.equal(await exitCode(child, 5000), 2);
    assert.match(stderr, /--latency expects an integer/);
  });
});
