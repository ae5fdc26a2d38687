// The extension-host suite's entry: the standard `run()` contract, so the same suite runs in code-server
// (test/harness/runExtensionHostTests) and in desktop VS Code (@vscode/test-electron, test/harness/runElectronTests).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Set by the harness: the reporter's output is copied to this file, which the runner prints to the CI log. */
export const reportFileVariable = 'TENCENTDB_PG_TEST_REPORT';

export async function run(): Promise<void> {
  const grep = process.env.TENCENTDB_PG_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  teeReporterOutput(process.env[reportFileVariable]);
  for (const file of findTestFiles(__dirname)) mocha.addFile(file);

  const failures = await new Promise<number>((resolve, reject) => {
    try {
      mocha.run(resolve);
    } catch (error) {
      reject(error);
    }
  });
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}

/** Every compiled `*.test.js` below this folder, in a stable order. */
function findTestFiles(root: string): string[] {
  return fs.readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => path.join(root, name));
}

/**
 * The remote extension host's console goes nowhere a CI log sees, so the reporter's lines are also
 * appended to a file the harness prints (mocha's reporters write through Base.consoleLog).
 */
function teeReporterOutput(reportFile: string | undefined): void {
  if (!reportFile) return;
  fs.mkdirSync(path.dirname(reportFile), { recursive: true });
  fs.writeFileSync(reportFile, '');
  const base = Mocha.reporters.Base;
  const original = base.consoleLog;
  base.consoleLog = (...args: unknown[]) => {
    original(...args);
    fs.appendFileSync(reportFile, format(...args) + '\n');
  };
}
