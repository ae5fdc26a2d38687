import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserSession } from '../../harness/browser';
import { launchBrowser } from '../../harness/browser';
import { findPackagedVsix } from '../../harness/prerequisites';
import { repoRoot } from '../../harness/paths';
import type { TestEnvironment, TestEnvironmentOptions } from '../../harness/testEnvironment';
import { startTestEnvironment } from '../../harness/testEnvironment';
import { Workbench } from './workbench';

export type WorkbenchOptions = Omit<TestEnvironmentOptions, 'vsixFiles' | 'smokeTestDriver'>;

/** What a browser test works with; the getters throw if used outside the suite's tests. */
export interface WorkbenchFixture {
  readonly workbench: Workbench;
  readonly environment: TestEnvironment;
  readonly browser: BrowserSession;
  /** Saves a screenshot of a key state to test-results/screenshots/<suite name>--<label>.png. */
  snapshot(label: string): Promise<string>;
  /** Saves a key state as a README screenshot too: media/screenshots/<name>.png. */
  readmeScreenshot(name: string): Promise<void>;
}

/**
 * Call inside a mocha `describe`: before its tests, starts the emulator and code-server with the
 * PACKAGED extension (dist/*.vsix) installed, opens the workbench in a fresh Chromium and waits until
 * it is drawn; after each failed test saves a screenshot; after the suite stops everything.
 * Tests of one `describe` share the workbench, so they run in order, each building on the last.
 */
export function useWorkbench(options: WorkbenchOptions): WorkbenchFixture {
  let environment: TestEnvironment | undefined;
  let browser: BrowserSession | undefined;
  let workbench: Workbench | undefined;

  before(async function () {
    this.timeout(5 * 60_000); // the first run installs code-server into the cache
    const vsix = findPackagedVsix();
    environment = await startTestEnvironment({ ...options, vsixFiles: [vsix] });
    browser = await launchBrowser({ name: options.name, locale: options.locale });
    workbench = new Workbench(browser.page);
    await browser.page.goto(environment.codeServer.url);
    await workbench.waitForReady();
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state === 'failed' && browser) {
      const file = await browser.screenshot(`${options.name}--${test.title}--failure`).catch(() => undefined);
      if (file) console.log(`      screenshot of the failure: ${file}`);
    }
  });

  after(async function () {
    this.timeout(60_000);
    await browser?.close();
    await environment?.stop();
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is only available inside the tests of a describe that called useWorkbench()`);
    return value;
  };
  return {
    get workbench() { return need(workbench, 'workbench'); },
    get environment() { return need(environment, 'environment'); },
    get browser() { return need(browser, 'browser'); },
    snapshot(label) { return need(browser, 'browser').screenshot(`${options.name}--${label}`); },
    async readmeScreenshot(name) {
      const file = await need(browser, 'browser').screenshot(`${options.name}--${name}`);
      fs.copyFileSync(file, path.join(repoRoot, 'media', 'screenshots', `${name}.png`));
    },
  };
}
