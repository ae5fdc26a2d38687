import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { harnessLog } from './log';
import { removeAbandonedRunFolders, resultsDir, runsDir } from './paths';
import { assertChromium, chromiumPath } from './prerequisites';

export interface BrowserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Requests the browser tried to send off the machine (blocked): for diagnosis. */
  readonly blockedRequests: readonly string[];
  /** Saves a full-page PNG to test-results/screenshots/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Flags for a quiet, sandbox-free (we run as root) headless Chromium that never calls home. */
const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--disable-default-apps',
];

let profileCounter = 0;

/**
 * Debian's Chromium (never a downloaded browser) with a fresh profile: SecretStorage of code-server
 * lives in the browser profile, so a run never sees another run's secrets. Every request that does not
 * go to 127.0.0.1 is aborted (the workbench would otherwise ask an extension gallery).
 */
export async function launchBrowser(options: { readonly name: string; readonly locale?: string }): Promise<BrowserSession> {
  assertChromium();
  removeAbandonedRunFolders();
  const profileDir = path.join(runsDir, `chromium-${options.name}-${process.pid}-${++profileCounter}`);
  fs.rmSync(profileDir, { recursive: true, force: true });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1400, height: 900 },
    locale: options.locale ?? 'en-US',
    timeout: 30_000,
    // The harness's own teardown closes the browser on Ctrl+C; Playwright's would exit the process first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const blockedRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLoopback(url)) return route.continue();
    blockedRequests.push(url);
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const screenshotDir = path.join(resultsDir, 'screenshots');
  return {
    context,
    page,
    blockedRequests,
    async screenshot(name) {
      fs.mkdirSync(screenshotDir, { recursive: true });
      const file = path.join(screenshotDir, `${name.replace(/[^\w.-]+/g, '-').slice(0, 120)}.png`);
      await page.screenshot({ path: file, timeout: 10_000 });
      return file;
    },
    async close() {
      await context.close().catch((error: unknown) => harnessLog(`closing Chromium: ${String(error)}`));
      fs.rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

function isLoopback(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return true;
  try {
    const { hostname } = new URL(url);
    return hostname === '127.0.0.1';
  } catch {
    return false;
  }
}
