import type { Locator, Page } from 'playwright-core';
import { waitUntil } from '../../support/waits';

/** How often a wait looks at the browser again: each look is a round trip through Playwright. */
const BROWSER_POLL_MS = 200;

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
   * Chooses an entry of the open context menu: hovers it until the menu shows it focused (the menu is then taking
   * mouse input), clicks it, and waits for the menu to close. A click the menu swallowed (the one that follows its
   * opening) leaves it open with the entry still there: that click is repeated once.
   */
  async chooseContextMenuItem(itemText: string): Promise<void> {
    const menu = this.page.locator('.context-view .monaco-menu');
    const item = menu.locator('.action-item').filter({ has: this.page.locator('.action-label', { hasText: new RegExp(`^\\s*${escapeRegExp(itemText)}\\s*$`) }) }).first();
    const entry = item.locator('.action-label').first();
    await entry.waitFor({ state: 'visible', timeout: this.timeoutMs });
    await entry.hover();
    await this.page.locator('.context-view .monaco-menu .action-item.focused').filter({ has: this.page.locator('.action-label', { hasText: itemText }) })
      .waitFor({ state: 'visible', timeout: this.timeoutMs });
    await entry.click();
    const closed = await menu.waitFor({ state: 'hidden', timeout: 2_000 }).then(() => true, () => false);
    if (!closed && (await entry.isVisible())) await entry.click();
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

  /**
   * Picks a row of the open quick pick, once the quick input takes input (not busy, its box enabled) and the row is
   * drawn. The pointer is first parked on the quick input's box: left where the last pick was, it rests on a row of
   * the next step, whose hover then covers the rows below it. The click waits until nothing covers the row.
   */
  async pickQuickInputItem(label: string | RegExp): Promise<void> {
    await this.waitForQuickInputReady();
    const row = this.quickInputRow(label).first();
    await row.waitFor({ state: 'visible', timeout: this.timeoutMs });
    await this.quickInputBox().hover();
    await row.click({ trial: true, timeout: this.timeoutMs });
    await row.click();
  }

  /** Waits until the quick input is open and takes input: its box is enabled and no progress bar runs. */
  async waitForQuickInputReady(): Promise<void> {
    await this.page.locator('.quick-input-widget input.input:enabled').waitFor({ state: 'visible', timeout: this.timeoutMs });
    await this.page.locator('.quick-input-widget .quick-input-progress.active').waitFor({ state: 'hidden', timeout: this.timeoutMs });
  }

  /** Waits until the quick input's title contains `text` (a new step replaces the last one in the same widget). */
  async waitForQuickInputTitle(text: string | RegExp): Promise<string> {
    const title = this.page.locator('.quick-input-widget .quick-input-title').filter({ hasText: text });
    await title.waitFor({ state: 'visible', timeout: this.timeoutMs }).catch(async () => {
      throw new Error(`the quick input is titled "${await this.quickInputTitle().catch(() => '?')}", not ${String(text)}, after ${this.timeoutMs} ms`);
    });
    return (await title.innerText()).trim();
  }

  /** Waits until the message under the quick input matches; returns it. */
  async waitForQuickInputMessage(pattern: RegExp): Promise<string> {
    const message = this.page.locator('.quick-input-widget .quick-input-message').filter({ hasText: pattern });
    await message.waitFor({ state: 'visible', timeout: this.timeoutMs }).catch(async () => {
      throw new Error(`the quick input says "${await this.quickInputMessage()}", not ${String(pattern)}, after ${this.timeoutMs} ms`);
    });
    return (await message.innerText()).trim();
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

  // ---- Browser storage ----

  /**
   * Waits until the workbench has written `key` of its storage (the web workbench keeps it in IndexedDB, and writes
   * changes there in the background) with a value containing `text`; e.g. an extension's global state, whose key is
   * the extension's id.
   */
  async waitForStoredState(key: string, text: string, timeoutMs = this.timeoutMs): Promise<void> {
    const probe = `(async () => {
      const key = ${JSON.stringify(key)};
      const text = ${JSON.stringify(text)};
      const names = (await indexedDB.databases()).map((d) => d.name || '').filter((n) => n.startsWith('vscode-web-state-db'));
      for (const name of names) {
        const value = await new Promise((resolve) => {
          const open = indexedDB.open(name);
          open.onerror = () => resolve(undefined);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('ItemTable')) { db.close(); resolve(undefined); return; }
            const get = db.transaction('ItemTable', 'readonly').objectStore('ItemTable').get(key);
            get.onsuccess = () => { db.close(); resolve(get.result); };
            get.onerror = () => { db.close(); resolve(undefined); };
          };
        });
        const decoded = typeof value === 'string' ? value : value instanceof Uint8Array ? new TextDecoder().decode(value) : '';
        if (decoded.includes(text)) return true;
      }
      return false;
    })()`;
    await this.page.waitForFunction(probe, undefined, { polling: 200, timeout: timeoutMs }).catch(() => {
      throw new Error(`the workbench did not store "${text}" under ${key} within ${timeoutMs} ms`);
    });
  }

  // ---- Bounded waits ----

  /**
   * Waits until `condition` holds, looking again every 200 ms (each look is a round trip to the browser); fails after
   * `timeoutMs` naming `what`. The shared bounded wait, with this workbench's default deadline.
   */
  waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = this.timeoutMs): Promise<void> {
    return waitUntil(condition, what, timeoutMs, BROWSER_POLL_MS);
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
  async waitForNotification(text: string | RegExp, timeoutMs = this.timeoutMs): Promise<string> {
    await this.openNotificationCentre();
    try {
      const message = this.page.locator('.notifications-center .notification-list-item-message').filter({ hasText: text }).first();
      await message.waitFor({ state: 'visible', timeout: timeoutMs }).catch(async () => {
        const shown = await this.page.locator('.notifications-center .notification-list-item-message').allInnerTexts();
        throw new Error(`no notification matching ${String(text)} within ${timeoutMs} ms (shown: ${JSON.stringify(shown)})`);
      });
      return (await message.innerText()).trim();
    } finally {
      await this.closeNotificationCentre();
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
