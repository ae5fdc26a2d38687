import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot, resultsDir } from '../harness/paths';
import type { Workbench } from './support/workbench';
import { extensionId, manifestString } from './support/manifest';
import { useWorkbench } from './support/useWorkbench';

/** A string of the extension's code as the given display language shows it (l10n bundle; English is the key). */
function uiString(english: string, locale?: string, ...args: Array<string | number>): string {
  let text = english;
  if (locale) {
    const bundle = JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n', `bundle.l10n.${locale}.json`), 'utf8')) as Record<string, string>;
    const translated = bundle[english];
    assert.ok(translated, `no ${locale} translation of "${english}"`);
    text = translated;
  }
  return text.replace(/\{(\d+)\}/g, (_, index: string) => String(args[Number(index)]));
}

/** Goes through the four sign-in steps; the last one stays open while the key is checked. */
async function fillSignIn(workbench: Workbench, secretId: string, secretKey: string, profile: string): Promise<void> {
  await waitForStep(workbench, 1);
  await workbench.typeInQuickInput(secretId);
  await waitForStep(workbench, 2);
  await workbench.typeInQuickInput(secretKey);
  await waitForStep(workbench, 3);
  await workbench.typeInQuickInput('');
  await waitForStep(workbench, 4);
  await workbench.typeInQuickInput(profile);
}

/** The next input box replaces the last one in the same widget: wait until its title shows the step. */
async function waitForStep(workbench: Workbench, step: number): Promise<void> {
  await workbench.waitForQuickInputTitle(`${step}/4`);
  await workbench.waitForQuickInputReady();
}

describe('Explorer: sign in through the UI and read a group', () => {
  const fixture = useWorkbench({ name: 'explorer-sign-in', credentials: 'none' });
  const containerTitle = manifestString('viewsContainers.tencentdbPostgres.title');

  it('refuses a wrong SecretKey with the reason, in the sign-in box', async () => {
    const { workbench, environment } = fixture;
    const key = environment.world.credentials.find((credential) => !credential.token);
    assert.ok(key, 'the world has a permanent key');
    await workbench.openViewContainer(containerTitle);
    await workbench.clickWelcomeButton(uiString('Sign In'));
    assert.match(await workbench.quickInputTitle(), new RegExp(uiString('Sign In to Tencent Cloud')));
    await fillSignIn(workbench, key.secretId, `${key.secretKey}wrong`, 'demo');
    const message = await workbench.waitForQuickInputMessage(/SignatureFailure/);
    assert.ok(message.includes(uiString('The SecretKey does not match the SecretId (the signature is wrong).').slice(0, 40)), message);
    await fixture.snapshot('wrong-key');
    await workbench.page.keyboard.press('Escape');
    await workbench.waitForQuickInputClosed();
    // Nothing was saved: still signed out.
    await workbench.welcomeView().waitFor({ state: 'visible' });
  });

  it('signs in with the demo key and shows the profile in the status bar', async () => {
    const { workbench, environment } = fixture;
    const key = environment.world.credentials.find((credential) => !credential.token);
    assert.ok(key);
    await workbench.clickWelcomeButton(uiString('Sign In'));
    await fillSignIn(workbench, key.secretId, key.secretKey, 'demo');
    await workbench.waitForQuickInputClosed();
    await workbench.waitForTreeRows(1);
    assert.match(await workbench.statusBarText(extensionId, 'tencentdbPostgres.profile'), /demo/);
  });

  it('expands a region, a primary and a group, and reads its networks', async () => {
    const { workbench, environment } = fixture;
    const region = environment.world.regions.find((candidate) =>
      candidate.supported && candidate.primaryInstances.some((primary) => primary.readOnlyGroups.some((group) => group.networks.length === 2)));
    assert.ok(region, 'the world has a group with two networks');
    const primary = region.primaryInstances.find((candidate) => candidate.readOnlyGroups.some((group) => group.networks.length === 2));
    assert.ok(primary);
    const group = primary.readOnlyGroups.find((candidate) => candidate.networks.length === 2);
    assert.ok(group);

    await workbench.expandTreeRow(new RegExp(`^${uiRegionName(region.region)}$`));
    await workbench.expandTreeRow(primary.dbInstanceName);
    // Groups open expanded: their networks are rows right away.
    const groupRow = await workbench.waitForTreeRow(group.readOnlyGroupName);
    assert.equal(await groupRow.getAttribute('aria-expanded'), 'true');
    assert.match(await workbench.treeRowDescription(group.readOnlyGroupName), /2\/2 networks/);
    for (const network of group.networks) {
      const address = `${network.ip}:${network.port ?? 5432}`;
      await workbench.waitForTreeRow(address);
      assert.match(await workbench.treeRowDescription(address), new RegExp(`${network.vpcId} / ${network.subnetId}`));
    }
    const rowLabel = await groupRow.getAttribute('aria-label');
    assert.match(rowLabel ?? '', /Read-only group .*status OK, 2 of 2 networks/);

    await saveReadmeScreenshot(fixture.browser.page);
  });
});

describe('Explorer in Simplified Chinese', () => {
  const fixture = useWorkbench({ name: 'explorer-zh-cn', credentials: 'world', locale: 'zh-cn' });

  it('shows regions, group status and network counts in Chinese', async () => {
    const { workbench, environment } = fixture;
    const region = environment.world.regions.find((candidate) =>
      candidate.supported && candidate.primaryInstances.some((primary) => primary.readOnlyGroups.some((group) => group.status === 'ok')));
    assert.ok(region);
    const primary = region.primaryInstances.find((candidate) => candidate.readOnlyGroups.some((group) => group.status === 'ok'));
    assert.ok(primary);
    const group = primary.readOnlyGroups.find((candidate) => candidate.status === 'ok');
    assert.ok(group);

    await workbench.openViewContainer(manifestString('viewsContainers.tencentdbPostgres.title', 'zh-cn'));
    await workbench.expandTreeRow(uiRegionName(region.region, 'zh-cn'));
    await workbench.expandTreeRow(primary.dbInstanceName);
    const description = await workbench.treeRowDescription(group.readOnlyGroupName);
    assert.equal(description, `${uiString('OK', 'zh-cn')} · ${uiString('{0}/{1} networks', 'zh-cn', group.networks.length, 2)}`);
    await fixture.snapshot('tree');
  });
});

/** The region row's label: its name in the display language (see src/explorer/regionNames.ts). */
function uiRegionName(regionId: string, locale?: string): string {
  const english: Record<string, string> = { 'ap-guangzhou': 'Guangzhou', 'ap-shanghai': 'Shanghai', 'ap-beijing': 'Beijing', 'ap-singapore': 'Singapore' };
  const name = english[regionId];
  assert.ok(name, `no display name known for ${regionId}`);
  return uiString(name, locale);
}

/** The side bar only, as the README shows it: test-results/screenshots, copied to media/screenshots/explorer.png. */
async function saveReadmeScreenshot(page: Page): Promise<void> {
  const file = path.join(resultsDir, 'screenshots', 'explorer-expanded-tree.png');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // The side bar down to its last row: no empty space below the tree.
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  const rows = page.locator('.part.sidebar .pane-body .monaco-list-row');
  const lastRow = await rows.nth((await rows.count()) - 1).boundingBox();
  assert.ok(sidebar && lastRow, 'the side bar and its rows are on screen');
  const height = Math.min(sidebar.height, lastRow.y + lastRow.height + 12 - sidebar.y);
  await page.screenshot({ path: file, clip: { x: sidebar.x, y: sidebar.y, width: sidebar.width, height }, timeout: 10_000 });
  const readmeCopy = path.join(repoRoot, 'media', 'screenshots', 'explorer.png');
  fs.mkdirSync(path.dirname(readmeCopy), { recursive: true });
  fs.copyFileSync(file, readmeCopy);
}
