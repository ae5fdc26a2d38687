import type { Locator, Page } from 'playwright-core';

/** How long a helper waits for the workbench to show something before it fails. */
const defaultTimeoutMs = 20_000;

/**
 * What a person does in the VS Code workbench, as page actions over the selectors that hold in
 * code-server 4.139 (VS Code 1.139). Every wait is bounded; a helper fails with what it was waiting for.
 */
export class Workbench {
  constructor(readonly page: Page, private readonly timeoutMs = defaultTimeoutMs) {}

  /** Waits until the workbench is drawn (the status bar is the last part to appear). */
  async waitForReady(): Promise<void> {
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
  }

  // ---- Activity bar and side bar ----

  /** The activity-bar entry whose title starts with `title` (its aria-label is "title" or "title (shortcut)"). */
  activityBarEntry(title: string): Locator {
    return this.page.locator(`.part.activitybar .action-item a[aria-label^="${cssString(title)}"]`);
  }

  /** Opens a view container from the activity bar (a no-op when it is already the open one). */
  async openViewContainer(title: string): Promise<void> {
    const entry = this.activityBarEntry(title);
    await entry.waitFor({ state: 'visible', timeout: this.timeoutMs });
    const item = this.page.locator('.part.activitybar .action-item').filter({ has: this.page.locator(`a[aria-label^="${cssString(title)}"]`) });
    if ((await item.getAttribute('class'))?.split(/\s+/).includes('checked')) return;
    await entry.click();
    await this.page.locator('.part.sidebar').waitFor({ state: 'visible', timeout: this.timeoutMs });
  }

  /** The side bar's title (the open container's name). */
  async sideBarTitle(): Promise<string> {
    return (await this.page.locator('.part.sidebar .composite.title h2').innerText({ timeout: this.timeoutMs })).trim();
  }

  /** The welcome content of the open side bar views (text of paragraphs and buttons). */
  welcomeView(): Locator {
    return this.page.locator('.part.sidebar .welcome-view-content');
  }

  /** Clicks a button (or link) of a welcome view by its text. */
  async clickWelcomeButton(text: string): Promise<void> {
    await this.welcomeView().getByRole('button', { name: text }).or(this.welcomeView().getByRole('link', { name: text })).first().click({ timeout: this.timeoutMs });
  }

  // ---- Trees ----

  /** Every visible row of the trees in the side bar. */
  treeRows(): Locator {
    return this.page.locator('.part.sidebar .pane-body .monaco-list-row');
  }

  /** The row whose label is `label` (exactly) or, with a RegExp, matches it. */
  treeRow(label: string | RegExp): Locator {
    const exact = typeof label === 'string' ? new RegExp(`^${escapeRegExp(label)}$`) : label;
    return this.treeRows().filter({ has: this.page.locator('.label-name').filter({ hasText: exact }) });
  }

  /** Waits until at least `count` rows are shown (tree data often arrives after the view opens). */
  async waitForTreeRows(count = 1): Promise<void> {
    await this.treeRows().nth(count - 1).waitFor({ state: 'visible', timeout: this.timeoutMs });
  }

  async waitForTreeRow(label: string | RegExp): Promise<Locator> {
    const row = this.treeRow(label).first();
    await row.waitFor({ state: 'visible', timeout: this.timeoutMs });
    return row;
  }

  /** The labels (without descriptions) of the visible rows, top to bottom. */
  async treeRowLabels(): Promise<string[]> {
    const labels = await this.treeRows().locator('.label-name').allInnerTexts();
    return labels.map((label) => label.trim());
  }

  /** The description (the greyed text after the label) of a row, '' when it has none. */
  async treeRowDescription(label: string | RegExp): Promise<string> {
    const description = (await this.waitForTreeRow(label)).locator('.label-description');
    return (await description.count()) > 0 ? (await description.innerText()).trim() : '';
  }

  /** Expands a collapsed row and waits until it says so (a no-op for an expanded row). */
  async expandTreeRow(label: string | RegExp): Promise<void> {
    const row = await this.waitForTreeRow(label);
    if ((await row.getAttribute('aria-expanded')) === 'true') return;
    await row.locator('.monaco-tl-twistie').click();
    await this.page.waitForFunction(
      (element) => element?.getAttribute('aria-expanded') === 'true',
      await row.elementHandle(),
      { timeout: this.timeoutMs },
    );
  }

  /** Selects a row with a click (as a person does before a keyboard action). */
  async selectTreeRow(label: string | RegExp): Promise<void> {
    await (await this.waitForTreeRow(label)).click();
  }

  // ---- Context menus ----

  /** Right-clicks a tree row and chooses a context-menu entry by its text. */
  async chooseTreeRowContextMenuItem(rowLabel: string | RegExp, itemText: string): Promise<void> {
    await (await this.waitForTreeRow(rowLabel)).click({ button: 'right' });
    await this.chooseContextMenuItem(itemText);
  }

  /** The texts of the open context menu's entries. */
  async contextMenuItems(): Promise<string[]> {
    const labels = this.page.locator('.context-view .monaco-menu .action-item .action-label');
    await labels.first().waitFor({ state: 'visible', timeout: this.timeoutMs });
    return (await labels.allInnerTexts()).map((text) => text.trim()).filter((text) => text.length > 0);
  }

  /**
   * Chooses an entry of the open context menu. A click right after the menu opens is sometimes
   * ignored, so: hover, wait a moment, click, and click again if the menu is still open.
   */
  async chooseContextMenuItem(itemText: string): Promise<void> {
    const menu = this.page.locator('.context-view .monaco-menu');
    const entry = menu.locator('.action-item .action-label').filter({ hasText: new RegExp(`^\\s*${escapeRegExp(itemText)}\\s*$`) }).first();
    await entry.waitFor({ state: 'visible', timeout: this.timeoutMs });
    await entry.hover();
    await this.page.waitForTimeout(150);
    await entry.click();
    if (await menu.isVisible()) {
      await this.page.waitForTimeout(150);
      if (await entry.isVisible()) await entry.click();
    }
    await menu.waitFor({ state: 'hidden', timeout: this.timeoutMs });
  }

  // ---- Command palette and quick input ----

  /** Runs a command from the palette by its full title as shown there ("Category: Title"). */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.quickInputBox();
    await input.waitFor({ state: 'visible', timeout: this.timeoutMs });
    await input.fill(`>${title}`);
    const row = this.quickInputRow(title);
    await row.waitFor({ state: 'visible', timeout: this.timeoutMs });
    await row.click();
  }

  /** The quick input's text box (palette, quick pick or input box). */
  quickInputBox(): Locator {
    return this.page.locator('.quick-input-widget input.input');
  }

  /** A row of the open quick pick whose label is `label` (exactly) or matches the RegExp. */
  quickInputRow(label: string | RegExp): Locator {
    const exact = typeof label === 'string' ? new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) : label;
    return this.page.locator('.quick-input-widget .monaco-list-row')
      .filter({ has: this.page.locator('.label-name').filter({ hasText: exact }) });
  }

  /** Waits for the quick input and returns its title ('' when it has none), e.g. "Add network (2/4)". */
  async quickInputTitle(): Promise<string> {
    await this.quickInputBox().waitFor({ state: 'visible', timeout: this.timeoutMs });
    const title = this.page.locator('.quick-input-widget .quick-input-title');
    return (await title.isVisible()) ? (await title.innerText()).trim() : '';
  }

  /** The labels of the open quick pick's rows. */
  async quickInputRowLabels(): Promise<string[]> {
    const rows = this.page.locator('.quick-input-widget .monaco-list-row .label-name');
    await rows.first().waitFor({ state: 'visible', timeout: this.timeoutMs });
    return (await rows.allInnerTexts()).map((text) => text.trim());
  }

  /** Picks a row of the open quick pick. */
  async pickQuickInputItem(label: string | RegExp): Promise<void> {
    const row = this.quickInputRow(label).first();
    await row.waitFor({ state: 'visible', timeout: this.timeoutMs });
    await row.click();
  }

  /** Types into the open quick input (replacing its value) and, unless told otherwise, presses Enter. */
  async typeInQuickInput(text: string, options: { submit?: boolean } = {}): Promise<void> {
    const input = this.quickInputBox();
    await input.waitFor({ state: 'visible', timeout: this.timeoutMs });
    await input.fill(text);
    if (options.submit ?? true) await input.press('Enter');
  }

  /** The validation or hint message under the quick input ('' when none). */
  async quickInputMessage(): Promise<string> {
    const message = this.page.locator('.quick-input-widget .quick-input-message');
    return (await message.isVisible()) ? (await message.innerText()).trim() : '';
  }

  /** Waits until the quick input is closed. */
  async waitForQuickInputClosed(): Promise<void> {
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: this.timeoutMs });
  }

  // ---- Status bar ----

  /**
   * A status bar item by its id: VS Code gives an extension's item the id "<publisher>.<name>.<itemId>"
   * (dots in an id need an attribute selector).
   */
  statusBarItem(extensionId: string, itemId: string): Locator {
    return this.page.locator(`.part.statusbar .statusbar-item[id="${cssString(`${extensionId}.${itemId}`)}"]`);
  }

  /** The text of a status bar item, once it is visible. */
  async statusBarText(extensionId: string, itemId: string): Promise<string> {
    const item = this.statusBarItem(extensionId, itemId);
    await item.waitFor({ state: 'visible', timeout: this.timeoutMs });
    return (await item.innerText()).trim();
  }

  // ---- Notifications ----

  /**
   * The messages in the notification centre (toasts are suppressed with the smoke-test driver, and the
   * centre keeps them anyway). Opens the centre, reads, and closes it again.
   */
  async notificationMessages(): Promise<string[]> {
    await this.openNotificationCentre();
    const messages = await this.page.locator('.notifications-center .notification-list-item-message').allInnerTexts();
    await this.closeNotificationCentre();
    return messages.map((text) => text.trim());
  }

  /** Waits until a notification whose message contains `text` is in the centre; returns its message. */
  async waitForNotification(text: string | RegExp): Promise<string> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const found = (await this.notificationMessages()).find((message) => (typeof text === 'string' ? message.includes(text) : text.test(message)));
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`no notification matching ${String(text)} within ${this.timeoutMs} ms`);
      await this.page.waitForTimeout(300);
    }
  }

  /** Clicks a button of the notification whose message contains `text`. */
  async clickNotificationButton(text: string, buttonLabel: string): Promise<void> {
    await this.openNotificationCentre();
    const item = this.page.locator('.notifications-center .notification-list-item').filter({ hasText: text }).first();
    await item.locator('.monaco-button').filter({ hasText: buttonLabel }).first().click({ timeout: this.timeoutMs });
  }

  async openNotificationCentre(): Promise<void> {
    const centre = this.page.locator('.notifications-center');
    if (await centre.isVisible()) return;
    await this.page.locator('.statusbar-item[id="status.notifications"]').click({ timeout: this.timeoutMs });
    await centre.waitFor({ state: 'visible', timeout: this.timeoutMs });
  }

  async closeNotificationCentre(): Promise<void> {
    const centre = this.page.locator('.notifications-center');
    if (!(await centre.isVisible())) return;
    await this.page.locator('.statusbar-item[id="status.notifications"]').click({ timeout: this.timeoutMs });
    await centre.waitFor({ state: 'hidden', timeout: this.timeoutMs });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Escapes a value for a double-quoted CSS attribute selector. */
function cssString(text: string): string {
  return text.replace(/["\\]/g, '\\$&');
}
