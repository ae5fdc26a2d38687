// Two code-server windows (two tabs of one browser, one user data folder): what one window does reaches the other.
// code-server's SecretStorage is a copy per tab, loaded once, whose change event stays in the tab: only what the
// extension shares through its global storage folder crosses. Every wait is for something the user or the
// emulator's request log shows.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { extensionId, manifestString } from './support/manifest';
import { useWorkbench } from './support/useWorkbench';
import { Workbench } from './support/workbench';

const PROFILE_ITEM = 'tencentdbPostgres.profile';
const TASKS_ITEM = 'tencentdbPostgres.tasks';
const CATEGORY = manifestString('category');
const PROFILE = 'shared';

describe('Two windows of one code-server', function () {
  this.timeout(180_000);
  const fixture = useWorkbench({
    name: 'two-windows',
    credentials: 'none',
    settings: { 'tencentdbPostgres.taskPollIntervalSeconds': 0.5 },
  });
  let pageB: Page | undefined;
  let windowB: Workbench | undefined;
  const b = (): Workbench => {
    assert.ok(windowB, 'window B is open');
    return windowB;
  };
  const key = (): { secretId: string; secretKey: string } => {
    const found = fixture.environment.world.credentials.find((credential) => !credential.token);
    assert.ok(found, 'the world has a permanent key');
    return found;
  };
  const requests = () => fixture.environment.emulator.control.requests();
  const waitFor = (condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> =>
    fixture.workbench.waitUntil(condition, what, timeoutMs);

  before(async function () {
    this.timeout(120_000);
    pageB = await fixture.browser.context.newPage();
    windowB = new Workbench(pageB);
    await pageB.goto(fixture.environment.codeServer.url);
    await windowB.waitForReady();
    const title = manifestString('viewsContainers.tencentdbPostgres.title');
    await fixture.workbench.openViewContainer(title);
    await windowB.openViewContainer(title);
    await windowB.welcomeView().waitFor({ state: 'visible' }); // B is signed out, as A is
  });

  after(async () => {
    await pageB?.close().catch(() => undefined);
  });

  /** The labels Switch Profile offers in a window (the palette opened and closed again). */
  async function switchProfileLabels(workbench: Workbench): Promise<string[]> {
    await workbench.runCommand(`${CATEGORY}: Switch Profile`);
    try {
      await workbench.waitForQuickInputTitle('Switch Profile');
      return await workbench.quickInputRowLabels();
    } finally {
      await workbench.page.keyboard.press('Escape');
      await workbench.waitForQuickInputClosed();
    }
  }

  /** Goes through the four Sign In steps of a window with the world's key. */
  async function fillSignIn(workbench: Workbench, profile: string): Promise<void> {
    for (const [step, text] of [[1, key().secretId], [2, key().secretKey], [3, ''], [4, profile]] as const) {
      await workbench.waitForQuickInputTitle(`${step}/4`);
      await workbench.waitForQuickInputReady();
      await workbench.typeInQuickInput(text);
    }
  }

  it('a Sign In in window A is offered in window B\'s Switch Profile, and B uses it after the reload it offers', async () => {
    const a = fixture.workbench;
    await a.clickWelcomeButton('Sign In');
    await fillSignIn(a, PROFILE);
    await a.waitForQuickInputClosed();
    await waitFor(async () => (await a.statusBarText(extensionId, PROFILE_ITEM)).includes(PROFILE), 'A signed in');

    await waitFor(async () => (await switchProfileLabels(b())).some((label) => label.includes(PROFILE)), `"${PROFILE}" in B's Switch Profile`);
    // Until it reloads, B's copy of the secrets lacks A's key: a Sign In there would write that copy over it.
    await b().clickWelcomeButton('Sign In');
    await fillSignIn(b(), 'other');
    await b().waitForQuickInputMessage(/Reload this window first/);
    await b().page.keyboard.press('Escape');
    await b().waitForQuickInputClosed();

    await b().runCommand(`${CATEGORY}: Switch Profile`);
    await b().pickQuickInputItem(new RegExp(`${PROFILE}`));
    const reloaded = b().page.waitForNavigation({ timeout: 30_000 });
    await b().clickNotificationButton('was signed in in another window', 'Reload Window');
    await reloaded;
    await b().waitForReady();
    // The active profile is A's choice, which the reloaded window reads with the secrets it now holds.
    await waitFor(async () => (await b().statusBarText(extensionId, PROFILE_ITEM).catch(() => '')).includes(PROFILE), 'B using the profile after its reload', 60_000);
    await fixture.snapshot('window-a-signed-in');
  });

  it('a task started in window A shows in window B, and B refuses a change to the same group', async () => {
    const a = fixture.workbench;
    fixture.environment.emulator.control.apply({ op: 'setTaskDuration', durationMs: 15_000 });
    const creates = (): number => requests().filter((entry) => entry.action === 'CreateReadOnlyGroupNetworkAccess').length;
    for (const workbench of [a, b()]) {
      await workbench.openViewContainer(manifestString('viewsContainers.tencentdbPostgres.title'));
      await workbench.expandTreeRow(/Guangzhou/);
      await workbench.expandTreeRow('inventory-db');
    }
    await a.chooseTreeRowContextMenuItem('inventory-reporting-ro', 'Add Network...');
    await a.pickQuickInputItem(/prod-vpc/);
    await a.pickQuickInputItem(/prod-db-gz3/);
    await a.quickInputRow(/^\s*\d+\.\d+\.\d+\.\d+\s*$/).first().waitFor();
    await a.pickQuickInputItem(/Assign automatically/);
    await a.pickQuickInputItem(/^\s*Create\s*$/);
    await waitFor(async () => /inventory-reporting-ro/.test(await a.statusBarText(extensionId, TASKS_ITEM).catch(() => '')), 'the task in A');
    await waitFor(async () => /inventory-reporting-ro/.test(await b().statusBarText(extensionId, TASKS_ITEM).catch(() => '')), 'the task in B');

    await b().chooseTreeRowContextMenuItem('inventory-reporting-ro', 'Add Network...');
    await b().waitForNotification(/A network change is already in progress on inventory-reporting-ro\./);
    assert.equal(creates(), 1, 'only A sent a Create');
    await fixture.snapshot('window-b-refuses');
    // The task ends before the next test, so no request of A's tracking is taken for one of B's.
    await a.waitForNotification(/was added to inventory-reporting-ro/, 40_000);
    await waitFor(async () => !(await b().statusBarItem(extensionId, TASKS_ITEM).isVisible()), 'the task gone from B');
  });

  it('a Sign Out in window A makes window B stop using the key within seconds, and B shows it', async () => {
    const a = fixture.workbench;
    const { secretId } = key();
    const signedByB = (from: number): number => requests().slice(from).filter((entry) => entry.secretId === secretId).length;
    await a.runCommand(`${CATEGORY}: Sign Out`);
    const dialog = a.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    await dialog.locator('.monaco-button').filter({ hasText: 'Sign Out' }).first().click();
    await waitFor(async () => (await a.statusBarText(extensionId, PROFILE_ITEM)).includes('Sign In'), 'A signed out');
    const signedOutAt = Date.now();

    await waitFor(async () => (await b().statusBarText(extensionId, PROFILE_ITEM)).includes('Sign In'), 'B to show it is signed out', 10_000);
    const noticedMs = Date.now() - signedOutAt;
    const from = requests().length;
    // B's tree gives way to the sign-in prompt, and its profiles no longer hold the key.
    await b().welcomeView().waitFor({ state: 'visible' });
    assert.ok(!(await switchProfileLabels(b())).some((label) => label.includes(PROFILE)), 'B no longer offers the profile');
    assert.equal(signedByB(from), 0, 'no request signed with the signed-out key after B noticed');
    console.log(`      window B noticed the Sign Out ${noticedMs} ms after window A's`);
    await fixture.snapshot('window-b-signed-out');
  });
});
