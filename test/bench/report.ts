/** The bench's output: a table on stdout and the same figures as JSON. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchRow } from './measure';

export interface MachineInfo {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  /** 1, 5 and 15 minute load averages when measured: other work on the machine shows in the times. */
  readonly loadAverage: number[];
}

export function machineInfo(): MachineInfo {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

/** value / lowerBound, when both make sense. */
export function ratioOf(row: BenchRow): number | undefined {
  if (row.lowerBound === undefined || row.lowerBound === 0) return undefined;
  return Math.round((row.value / row.lowerBound) * 100) / 100;
}

export function verdictOf(row: BenchRow): 'ok' | 'MISSED' | '' {
  if (row.target === undefined) return '';
  const met = row.targetKind === '=' ? row.value === row.target : row.value <= row.target;
  return met ? 'ok' : 'MISSED';
}

export function formatTable(rows: readonly BenchRow[]): string {
  const lines: string[] = [];
  let group = '';
  const header = ['figure', 'value', 'lower bound', 'ratio', 'target', ''];
  const table: string[][] = [];
  for (const row of rows) {
    if (row.group !== group) {
      group = row.group;
      table.push([`## ${group}`]);
    }
    const ratio = ratioOf(row);
    table.push([
      `  ${row.name}`,
      `${format(row.value)} ${row.unit}`,
      row.lowerBound !== undefined ? `${format(row.lowerBound)} ${row.unit}` : '-',
      ratio !== undefined ? `${ratio}x` : '-',
      row.target !== undefined ? `${row.targetKind ?? '<='} ${format(row.target)}` : '-',
      verdictOf(row),
    ]);
  }
  const widths = header.map((_, i) => Math.max(header[i].length, ...table.filter((r) => r.length > 1).map((r) => r[i].length)));
  const render = (cells: string[]): string => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  lines.push(render(header));
  for (const cells of table) lines.push(cells.length === 1 ? cells[0] : render(cells));
  for (const row of rows.filter((r) => r.note)) lines.push(`  note [${row.name}]: ${row.note}`);
  return lines.join('\n');
}

export function writeJson(folder: string, rows: readonly BenchRow[], extra: Record<string, unknown>): string {
  fs.mkdirSync(folder, { recursive: true });
  const body = {
    date: new Date().toISOString(),
    machine: machineInfo(),
    ...extra,
    rows: rows.map((row) => ({ ...row, ratio: ratioOf(row), verdict: verdictOf(row) || undefined })),
  };
  const file = path.join(folder, `bench-${body.date.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(body, null, 2) + '\n');
  fs.writeFileSync(path.join(folder, 'latest.json'), JSON.stringify(body, null, 2) + '\n');
  return file;
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
