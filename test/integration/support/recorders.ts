// What the extension shows and does, recorded so a test can wait for it: events, window messages, unhandled
// rejections, and the lines of the extension's log channel.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
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
  /** The first value fired since the mark, once it has been. */
  async nextSinceMark(what: string, timeoutMs = 10_000): Promise<T> {
    return this.next(this.mark, what, timeoutMs);
  }
  /** The value fired at position `from` (0 = the first since the recorder started), once it has been. */
  async next(from: number, what: string, timeoutMs = 10_000): Promise<T> {
    await waitUntil(() => this.seen.length > from, what, timeoutMs);
    return this.seen[from];
  }
  dispose(): void {
    this.subscription.dispose();
  }
}

export interface ShownWindowMessage {
  readonly severity: 'info' | 'warning' | 'error';
  readonly message: string;
  readonly modal: boolean;
  readonly items: readonly string[];
}

type MessageFunction = (message: string, ...rest: unknown[]) => Thenable<unknown>;

/**
 * Records every message the extension shows through vscode.window (the workbench offers no way to list
 * notifications, and the extension's own error reports do not all go through an event). Non-modal messages
 * resolve as dismissed; a modal confirmation is answered with `confirmModal` (its action, or dismissed).
 * The extension and these tests share one `vscode` API object, so replacing the functions reaches both.
 */
export class WindowMessages {
  readonly shown: ShownWindowMessage[] = [];
  /** What a modal question answers: its first action when true, dismissed when false. */
  confirmModal = true;
  private readonly originals: Record<'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage', MessageFunction>;

  constructor() {
    const window = vscode.window as unknown as Record<string, MessageFunction>;
    this.originals = {
      showInformationMessage: window.showInformationMessage,
      showWarningMessage: window.showWarningMessage,
      showErrorMessage: window.showErrorMessage,
    };
    const record = (severity: ShownWindowMessage['severity']): MessageFunction => (message, ...rest) => {
      const options = typeof rest[0] === 'object' && rest[0] !== null && !('title' in rest[0]) ? (rest[0] as vscode.MessageOptions) : undefined;
      const items = rest.slice(options ? 1 : 0).map((item) => (typeof item === 'string' ? item : (item as vscode.MessageItem).title));
      const modal = options?.modal === true;
      this.shown.push({ severity, message, modal, items });
      const answer = modal && this.confirmModal ? rest[options ? 1 : 0] : undefined;
      return Promise.resolve(answer);
    };
    window.showInformationMessage = record('info');
    window.showWarningMessage = record('warning');
    window.showErrorMessage = record('error');
  }

  since(index: number): ShownWindowMessage[] {
    return this.shown.slice(index);
  }

  async next(from: number, what: string, timeoutMs = 10_000, filter: (message: ShownWindowMessage) => boolean = () => true): Promise<ShownWindowMessage> {
    await waitUntil(() => this.shown.slice(from).some(filter), what, timeoutMs);
    const found = this.shown.slice(from).find(filter);
    assert.ok(found);
    return found;
  }

  dispose(): void {
    Object.assign(vscode.window, this.originals);
  }
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
