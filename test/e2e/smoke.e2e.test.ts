import * as assert from 'node:assert/strict';
import { manifestString } from './support/manifest';
import { useWorkbench } from './support/useWorkbench';

/** The welcome's first paragraph (the lines after it are buttons and notes). */
function firstLine(text: string): string {
  return text.split('\n')[0];
}

describe('Signed out: the view container and its welcome', () => {
  const fixture = useWorkbench({ name: 'smoke-signed-out', credentials: 'none' });
  const containerTitle = manifestString('viewsContainers.tencentdbPostgres.title');

  it('shows the TencentDB for PostgreSQL entry in the activity bar', async () => {
    await fixture.workbench.activityBarEntry(containerTitle).waitFor({ state: 'visible' });
  });

  it('opens the container from the activity bar with the sign-in welcome', async () => {
    const { workbench } = fixture;
    await workbench.openViewContainer(containerTitle);
    assert.match(await workbench.sideBarTitle(), new RegExp(containerTitle, 'i'));
    const welcome = workbench.welcomeView();
    await welcome.waitFor({ state: 'visible' });
    assert.ok((await welcome.innerText()).includes(firstLine(manifestString('viewsWelcome.signIn'))), 'the welcome text is not shown');
    await fixture.snapshot('welcome');
  });

  it('focuses the view again from the command palette', async () => {
    const { workbench, browser } = fixture;
    await browser.page.keyboard.press('Control+B'); // hide the side bar first
    await browser.page.locator('.part.sidebar').waitFor({ state: 'hidden' });
    await workbench.runCommand(`${containerTitle}: Focus on ${manifestString('views.explorer.name')} View`);
    await workbench.welcomeView().waitFor({ state: 'visible' });
    assert.match(await workbench.sideBarTitle(), new RegExp(containerTitle, 'i'));
  });
});

describe('Simplified Chinese display language', () => {
  const fixture = useWorkbench({ name: 'smoke-zh-cn', credentials: 'none', locale: 'zh-cn' });

  it('shows the container and the welcome in Chinese', async () => {
    const { workbench } = fixture;
    const containerTitle = manifestString('viewsContainers.tencentdbPostgres.title', 'zh-cn');
    await workbench.openViewContainer(containerTitle);
    const welcome = workbench.welcomeView();
    await welcome.waitFor({ state: 'visible' });
    assert.ok((await welcome.innerText()).includes(firstLine(manifestString('viewsWelcome.signIn', 'zh-cn'))), 'the Chinese welcome text is not shown');
    await fixture.snapshot('welcome');
  });
});

describe('Signed in through the environment: the tree', () => {
  const fixture = useWorkbench({ name: 'smoke-signed-in', credentials: 'world' });

  it('lists a row for each region of the world once the view opens', async () => {
    const { workbench, environment } = fixture;
    await workbench.openViewContainer(manifestString('viewsContainers.tencentdbPostgres.title'));
    await workbench.waitForTreeRows(1);
    await fixture.snapshot('tree');
    const labels = await workbench.treeRowLabels();
    const regions = environment.world.regions.filter((r) => r.supported);
    assert.equal(labels.length, regions.length, `rows: ${JSON.stringify(labels)}`);
    // A region row may show a short form of the region's name ("Guangzhou" for "South China(Guangzhou)").
    for (const region of regions) {
      assert.ok(labels.some((label) => region.regionName.includes(label) || region.region.includes(label.toLowerCase())),
        `no row for ${region.region} (${region.regionName}) among ${JSON.stringify(labels)}`);
    }
  });
});
