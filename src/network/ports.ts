import type { MessageAction, MessageSeverity } from '../ui/windowUi';

/**
 * The window as the network commands use it. The VS Code implementation is vscodeNetworkUi.ts; unit tests pass a
 * recording fake, so the commands and the change operation run in plain mocha.
 */
export interface NetworkUi {
  /** A progress notification while `work` runs; with `cancellable`, its Cancel button aborts `progress.signal`. */
  withProgress<T>(title: string, work: (progress: ProgressControl) => Promise<T>, options?: { readonly cancellable?: boolean }): Promise<T>;
  /** A notification; not awaited (it waits for the user), its actions run when picked. */
  show(severity: MessageSeverity, message: string, actions?: readonly MessageAction[]): void;
  /** A modal question with one confirming button: true when the user pressed it. */
  confirm(message: string, detail: string, confirmLabel: string): Promise<boolean>;
  copyToClipboard(text: string): Promise<void>;
  /** Opens a web page (the Tencent Cloud console) in the user's browser. */
  openExternal(url: string): Promise<unknown>;
  showLog(): void;
  /** One sentence a person can act on, for any failure of a cloud call. */
  describeError(error: unknown): string;
  /** Reopens Add Network with the choices of a failed attempt. */
  reopenAddNetwork(choices: unknown): unknown;
}

export interface ProgressControl {
  readonly signal: AbortSignal;
  /** Replaces the line under the progress title. */
  report(message: string): void;
}

