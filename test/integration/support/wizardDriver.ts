// Drives the quick inputs the Add Network wizard shows, through the workbench's own quick-input commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ShownQuickInput } from '../../../src/wizard/quickInputPrompter';
import type { Recorder } from './recorders';
import { afterPendingZeroDelayTimers, waitUntil } from '../../support/waits';

type QuickPick = vscode.QuickPick<vscode.QuickPickItem>;

export function isQuickPick(input: ShownQuickInput): input is QuickPick {
  return 'items' in input;
}

/** The value behind a wizard item (the prompter keeps it on the item it gives the QuickPick). */
export function entryValue(item: vscode.QuickPickItem): unknown {
  return (item as vscode.QuickPickItem & { entry?: { value: unknown } }).entry?.value;
}

/** An item's label without its leading icon. */
export function plainLabel(item: vscode.QuickPickItem): string {
  return item.label.replace(/^\$\([^)]*\)\s*/, '');
}

/** Which item to choose: its label without the icon, or a test of the value behind it. */
export type ItemMatcher = string | ((value: unknown) => boolean);

const vipMode = (item: vscode.QuickPickItem) => (entryValue(item) as { mode?: unknown } | undefined)?.mode;

/**
 * The prompts the wizard shows, one after the other, from the moment the driver is made. Choices go through the
 * workbench (`workbench.action.acceptSelectedQuickOpenItem`), as a key press would, and each is checked: the
 * workbench must report the chosen item as the one it accepted.
 */
export class WizardDriver {
  private readonly start: number;
  private index: number;

  constructor(private readonly shown: Recorder<ShownQuickInput>, private readonly timeoutMs = 10_000) {
    this.start = shown.seen.length;
    this.index = this.start;
  }

  /** The number of prompts shown since the driver was made. */
  get count(): number {
    return this.shown.seen.length - this.start;
  }

  /** The next prompt, whichever kind. */
  async next(what: string, timeoutMs = this.timeoutMs): Promise<ShownQuickInput> {
    return this.shown.next(this.index++, what, timeoutMs);
  }

  /**
   * The next prompt, a quick pick, once its items are there; for the VIP step also once the free addresses have
   * arrived (they redraw the list, so choosing earlier could hit a stale row).
   */
  async pick(what: string, timeoutMs = this.timeoutMs): Promise<QuickPick> {
    const input = await this.next(what, timeoutMs);
    assert.ok(isQuickPick(input), `expected a quick pick for ${what}, got an input box`);
    await waitUntil(() => !input.busy && input.items.length > 0, `the items of ${what}`, timeoutMs);
    if (input.items.some((item) => vipMode(item) === 'auto')) {
      await waitUntil(() => input.items.some((item) => vipMode(item) === 'suggested'), `the free addresses of ${what}`, timeoutMs);
    }
    return input;
  }

  async input(what: string, timeoutMs = this.timeoutMs): Promise<vscode.InputBox> {
    const input = await this.next(what, timeoutMs);
    assert.ok(!isQuickPick(input), `expected an input box for ${what}, got a quick pick`);
    return input;
  }

  /** Highlights the matching item and presses Enter in the workbench; fails if the workbench accepted another. */
  async choose(pick: QuickPick, matcher: ItemMatcher, what = typeof matcher === 'string' ? matcher : 'the item'): Promise<void> {
    const matches = (item: vscode.QuickPickItem) => (typeof matcher === 'string' ? plainLabel(item) === matcher : matcher(entryValue(item)));
    const item = pick.items.find(matches);
    assert.ok(item, `no item for ${what} among ${pick.items.map(plainLabel).join(', ')}`);
    assert.ok(pick.enabled && !pick.busy, `the pick for ${what} takes input`);
    await acceptItem(pick, item, what);
  }

  /** Replaces the input box's text and presses Enter in the workbench. */
  async type(input: vscode.InputBox, text: string): Promise<void> {
    await waitUntil(() => input.enabled && !input.busy, `the input box "${input.title ?? ''}" to take input`, this.timeoutMs);
    input.value = text;
    await afterPendingZeroDelayTimers();
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
}

/**
 * Highlights `item` in a quick pick the workbench shows and presses Enter there, as the user would; fails if the
 * workbench accepted another item.
 */
export async function acceptItem<T extends vscode.QuickPickItem>(pick: vscode.QuickPick<T>, item: T, what: string): Promise<void> {
  const accepted: vscode.QuickPickItem[] = [];
  const selection = pick.onDidChangeSelection((items) => accepted.push(...items));
  try {
    pick.activeItems = [item];
    // The extension host sends the highlight to the workbench in a zero-delay timer: let it go first, so that the
    // command below (sent later on the same channel) finds it applied.
    await afterPendingZeroDelayTimers();
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  } finally {
    selection.dispose();
  }
  // The workbench reports the selection before the command's answer comes back.
  assert.ok(accepted.length > 0, `the workbench accepted nothing for ${what}`);
  assert.equal(accepted[0].label, item.label, `the workbench accepted "${accepted[0].label}" instead of ${what}`);
}
