/** What the extension costs to ship: the minified bundle and the .vsix, built by the project's own scripts. */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { BenchRow } from './measure';

const run = promisify(execFile);
const GROUP = 'cost: what is shipped';
/** The SDK's postgres and vpc clients alone, minified, before the shims in esbuild.mjs (the reference). */
const SDK_CLIENTS_UNTRIMMED_KB = 597;
const BUNDLE_TARGET_KB = 600;

export async function runCostBench(repoRoot: string, onRow: (row: BenchRow) => void): Promise<void> {
  // `npm run package` = the production bundle (node esbuild.mjs --production), then vsce packages it.
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  await run(npm, ['run', 'package'], { cwd: repoRoot, timeout: 110_000, maxBuffer: 16 * 1024 * 1024 });
  const bundle = fs.statSync(path.join(repoRoot, 'dist', 'extension.js')).size;
  const sdk = fs.statSync(path.join(repoRoot, 'dist', 'sdk.js')).size;
  const vsix = newestVsix(path.join(repoRoot, 'dist'));
  onRow({
    group: GROUP,
    name: 'minified bundles: the extension and the SDK (dist/extension.js + dist/sdk.js)',
    value: kb(bundle + sdk),
    unit: 'KB',
    lowerBound: SDK_CLIENTS_UNTRIMMED_KB,
    target: BUNDLE_TARGET_KB,
    note: `lower bound column: the SDK's two clients alone before trimming (${SDK_CLIENTS_UNTRIMMED_KB} KB); 1 KB = 1000 bytes`,
  });
  onRow({ group: GROUP, name: 'of which loaded at activation (dist/extension.js)', value: kb(bundle), unit: 'KB', note: 'dist/sdk.js is required by the first call' });
  onRow({ group: GROUP, name: `.vsix (${path.basename(vsix.file)})`, value: kb(vsix.size), unit: 'KB' });
}

function newestVsix(folder: string): { file: string; size: number } {
  const files = fs.readdirSync(folder).filter((name) => name.endsWith('.vsix')).map((name) => path.join(folder, name));
  if (files.length === 0) throw new Error(`no .vsix in ${folder}`);
  const newest = files.map((file) => ({ file, stat: fs.statSync(file) })).sort((a, b) => b.stat.mtimeMs - a.stat.mtimeMs)[0];
  return { file: newest.file, size: newest.stat.size };
}

function kb(bytes: number): number {
  return Math.round(bytes / 100) / 10;
}
