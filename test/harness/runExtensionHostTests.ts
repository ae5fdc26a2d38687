// `node out/test/harness/runExtensionHostTests.js [--no-credentials] [--world FILE] [--locale zh-cn]`
// Runs the extension-host suite (out/test/integration/index.js) inside code-server's real extension host:
// the workbench URL carries the test payload (smoke-test driver), Chromium opens it, the workbench calls
// window.codeAutomationExit(code) when the suite ends, and the suite's reporter output is printed here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from './browser';
import type { BrowserSession } from './browser';
import { harnessLog } from './log';
import { integrationSuiteEntry, repoRoot, resultsDir } from './paths';
import { assertBundled, assertChromium, assertCompiled, MissingPrerequisiteError } from './prerequisites';
import { runTeardowns, onTeardown } from './teardown';
import type { TestEnvironment } from './testEnvironment';
import { startTestEnvironment } from './testEnvironment';

/** The suite's entry copies its reporter output to this file (see test/integration/index.ts). */
const reportFileVariable = 'TENCENTDB_PG_TEST_REPORT';
const suiteTimeoutMs = Number(process.env.TENCENTDB_PG_SUITE_TIMEOUT_MS ?? 10 * 60_000);

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'no-credentials': { type: 'boolean', default: false },
      world: { type: 'string' },
      locale: { type: 'string' },
    },
  });
  assertCompiled(integrationSuiteEntry);
  assertBundled();
  assertChromium();

  // Per process while it runs (two runs at once must not share it), under a stable name afterwards.
  const finalReportFile = path.join(resultsDir, 'logs', 'extension-host-tests.txt');
  const reportFile = path.join(resultsDir, 'logs', `extension-host-tests.${process.pid}.txt`);
  onTeardown(() => { if (fs.existsSync(reportFile)) fs.renameSync(reportFile, finalReportFile); });
  fs.mkdirSync(path.dirname(reportFile), { recursive: true });
  fs.writeFileSync(reportFile, '');

  const environment: TestEnvironment = await startTestEnvironment({
    name: 'extension-host-tests',
    worldFile: values.world,
    credentials: values['no-credentials'] ? 'none' : 'world',
    locale: values.locale,
    smokeTestDriver: true,
    // TENCENTDB_PG_TEST_GREP runs only the tests whose full title matches (mocha's --grep), e.g. while working on one.
    env: { [reportFileVariable]: reportFile, ...grepVariable() },
  });
  onTeardown(() => environment.stop());
  const browser: BrowserSession = await launchBrowser({ name: 'extension-host-tests' });
  onTeardown(() => browser.close());

  const printer = followFile(reportFile);
  try {
    const exitCode = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the suite did not finish within ${suiteTimeoutMs / 1000} s`)), suiteTimeoutMs);
      void browser.page.exposeFunction('codeAutomationExit', (code: number) => { clearTimeout(timer); resolve(code); })
        .then(() => browser.page.goto(environment.codeServer.testUrl(repoRoot, integrationSuiteEntry)))
        .catch((error: unknown) => { clearTimeout(timer); reject(error); });
    });
    printer.flush();
    if (exitCode !== 0 && fs.statSync(reportFile).size === 0) {
      harnessLog(`the suite ended with code ${exitCode} before reporting anything: it may not have loaded (see ${environment.codeServer.logFile})`);
    }
    return exitCode;
  } catch (error) {
    printer.flush();
    const shot = await browser.screenshot('extension-host-tests-failure').catch(() => undefined);
    throw new Error(`${error instanceof Error ? error.message : String(error)}${shot ? ` (screenshot: ${shot})` : ''}`);
  } finally {
    printer.stop();
  }
}

/** Prints what the suite appends to its report file while it runs. */
function followFile(file: string): { flush(): void; stop(): void } {
  let printed = 0;
  const flush = (): void => {
    const text = fs.readFileSync(file, 'utf8');
    if (text.length > printed) process.stdout.write(text.slice(printed));
    printed = text.length;
  };
  const timer = setInterval(flush, 300);
  return { flush, stop: () => clearInterval(timer) };
}

main().then(
  async (code) => { await runTeardowns(); process.exit(code); },
  async (error: unknown) => {
    const prefix = error instanceof MissingPrerequisiteError ? 'missing prerequisite: ' : '';
    harnessLog(`${prefix}${error instanceof Error ? error.message : String(error)}`);
    await runTeardowns();
    process.exit(1);
  },
);

function grepVariable(): Record<string, string> {
  const grep = process.env.TENCENTDB_PG_TEST_GREP;
  return grep ? { TENCENTDB_PG_TEST_GREP: grep } : {};
}
