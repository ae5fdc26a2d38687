// What the extension shows and does, recorded so a test can wait for it: events, unhandled rejections, and the
// lines of the extension's log channel; and the messages answered in place of the user.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { ShownMessage, WindowUi } from '../../../src/ui/windowUi';
import { waitUntil } from '../../support/waits';

/** Collects what an event fires, so a test can wait for the next one. */
export class Recorder<T> {
  readonly seen: T[] = [];
  private readonly subscription: vscode.Disposable;
  private mark = 0;
  constructor(event: vscode.Event<T>) {
    this.subscription = event((value) => this.seen.push(value));
  }
  /** Makes "now" the start of `sinceMark` and `nextSinceMark` (the fixture does so before each test). */
  setMark(): void {
    this.mark = this.seen.length;
  }
  sinceMark(): T[] {
    return this.seen.slice(this.mark);
  }
  /** The first value fired since the mark that `filter` accepts, once it has been. */
  async nextSinceMark(what: string, timeoutMs = 10_000, filter: (value: T) => boolean = () => true): Promise<T> {
    return this.next(this.mark, what, timeoutMs, filter);
  }
  /**
   * The first value fired at position `from` or later (0 = the first since the recorder started) that `filter`
   * accepts, once it has been.
   */
  async next(from: number, what: string, timeoutMs = 10_000, filter: (value: T) => boolean = () => true): Promise<T> {
    let found: T | undefined;
    await waitUntil(() => (found = this.seen.slice(from).find(filter)) !== undefined, what, timeoutMs);
    return found as T;
  }
  dispose(): void {
    this.subscription.dispose();
  }
}

/**
 * Answers every message the extension shows, in place of the user: a notification is dismissed, a modal question
 * gets its first action (its confirmation). The extension's own answering seam (WindowUi.answerWith), since an
 * extension-host test cannot click a notification or a modal dialog.
 */
/** A notification, as opposed to the modal question a command may ask first (Remove Network's confirmation). */
export function isNotification(shown: ShownMessage): boolean {
  return !shown.modal;
}

export function answerMessages(window: WindowUi): vscode.Disposable {
  return window.answerWith((shown) => (shown.modal ? shown.actions[0] : undefined));
}

/** Unhandled promise rejections in this extension host, from the moment the watch starts. */
export class RejectionWatch {
  readonly rejections: unknown[] = [];
  private readonly listener = (reason: unknown): void => {
    this.rejections.push(reason);
  };
  constructor() {
    process.on('unhandledRejection', this.listener);
  }
  describe(from = 0): string {
    return this.rejections
      .slice(from)
      .map((reason) => (reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)))
      .join('; ');
  }
  dispose(): void {
    process.off('unhandledRejection', this.listener);
  }
}

/**
 * The log file VS Code writes for the extension's log output channel (under the run's user data). The channel writes
 * it asynchronously, so a test waits for the line it expects before reading what came before it.
 */
export class ExtensionLogFile {
  constructor(private readonly extensionId: string, private readonly userDataDir: string) {}

  /** The file, once VS Code has created it. */
  async file(timeoutMs = 10_000): Promise<string> {
    let found: string | undefined;
    await waitUntil(() => (found = this.find()) !== undefined, `the log file of ${this.extensionId} under ${this.userDataDir}`, timeoutMs);
    return found as string;
  }

  async text(): Promise<string> {
    return fs.readFileSync(await this.file(), 'utf8');
  }

  /** How much has been written so far: pass it to `waitForLine` to look only at what comes after. */
  async length(): Promise<number> {
    return (await this.text()).length;
  }

  /**
   * Waits until a line matching `pattern` has been written after the first `after` characters (the whole file by
   * default); returns the whole text at that moment.
   */
  async waitForLine(pattern: RegExp, what: string, options: { after?: number; timeoutMs?: number } = {}): Promise<string> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const file = await this.file(timeoutMs);
    let text = '';
    await waitUntil(() => {
      text = fs.readFileSync(file, 'utf8');
      return text.slice(options.after ?? 0).split('\n').some((line) => pattern.test(line));
    }, `${what} (a line matching ${String(pattern)} in ${path.basename(file)})`, timeoutMs);
    return text;
  }

  private find(): string | undefined {
    if (!fs.existsSync(this.userDataDir)) return undefined;
    const files = fs.readdirSync(this.userDataDir, { recursive: true, encoding: 'utf8' })
      .map((name) => path.join(this.userDataDir, name))
      .filter((file) => file.includes(this.extensionId) && file.endsWith('.log'));
    // The newest window's log, when a reload left an older one.
    return files.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  }
}
