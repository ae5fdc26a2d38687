/**
 * `npm run bench [-- --only explorer,find,cpu,big,wizard,tasks,settle,cost,host]`: the extension's own loading, wizard and task
 * tracking code against the emulator with 100 ms added latency, then the bundle, the .vsix and the extension host.
 * Prints a table (each figure next to its lower bound) and writes bench-results/latest.json.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runBigBench } from './bigBench';
import { runCostBench } from './costBench';
import { runCpuBench } from './cpuBench';
import { runExplorerBench } from './explorerBench';
import { runFindBench } from './findBench';
import { runHostBench } from './hostBench';
import type { BenchRow } from './measure';
import { withTimeout } from './measure';
import { formatTable, machineInfo, writeJson } from './report';
import { runSettleBench } from './settleBench';
import { runTaskBench } from './taskBench';
import { runWizardBench } from './wizardBench';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

const SECTIONS: ReadonlyArray<{ key: string; timeoutMs: number; run: (onRow: (row: BenchRow) => void) => Promise<void> }> = [
  { key: 'explorer', timeoutMs: 90_000, run: runExplorerBench },
  { key: 'find', timeoutMs: 90_000, run: runFindBench },
  { key: 'cpu', timeoutMs: 150_000, run: runCpuBench },
  { key: 'big', timeoutMs: 420_000, run: runBigBench },
  { key: 'wizard', timeoutMs: 30_000, run: runWizardBench },
  { key: 'tasks', timeoutMs: 90_000, run: runTaskBench },
  { key: 'settle', timeoutMs: 90_000, run: runSettleBench },
  { key: 'cost', timeoutMs: 120_000, run: (onRow) => runCostBench(repoRoot, onRow) },
  { key: 'host', timeoutMs: 450_000, run: (onRow) => runHostBench(repoRoot, onRow) },
];

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { only: { type: 'string' } } });
  const only = values.only?.split(',').map((key) => key.trim());
  const rows: BenchRow[] = [];
  const problems: string[] = [];
  const started = performance.now();
  const loadBefore = machineInfo().loadAverage;
  for (const section of SECTIONS) {
    if (only && !only.includes(section.key)) continue;
    const sectionStart = performance.now();
    process.stdout.write(`bench: ${section.key}...\n`);
    try {
      await withTimeout(section.key, section.timeoutMs, () => section.run((row) => rows.push(row)));
    } catch (error) {
      const message = `${section.key}: ${error instanceof Error ? error.message : String(error)}`;
      problems.push(message);
      process.stdout.write(`bench: FAILED ${message}\n`);
    }
    process.stdout.write(`bench: ${section.key} took ${Math.round((performance.now() - sectionStart) / 1000)} s\n`);
  }
  const machine = machineInfo();
  process.stdout.write(`\n${formatTable(rows)}\n\n`);
  process.stdout.write(
    `machine: ${machine.cpus} cpus (${machine.cpuModel}), ${machine.memoryGiB} GiB, node ${machine.node}; ` +
      `load average ${loadBefore.join(' ')} before, ${machine.loadAverage.join(' ')} after\n`,
  );
  const file = writeJson(path.join(repoRoot, 'bench-results'), rows, {
    problems,
    loadAverageBefore: loadBefore,
    durationSeconds: Math.round((performance.now() - started) / 1000),
  });
  process.stdout.write(`written: ${path.relative(repoRoot, file)} (and bench-results/latest.json)\n`);
  for (const problem of problems) process.stdout.write(`problem: ${problem}\n`);
  return problems.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
