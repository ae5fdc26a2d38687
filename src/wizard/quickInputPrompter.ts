import * as vscode from 'vscode';
import type { AcceptVerdict, InputRequest, InputWarning, PickEntry, PickItem, PickRequest, Prompter, StepPosition } from './prompter';
import { GoBack, isInputWarning, isSeparator, WizardCancelled } from './prompter';

interface ValueItem<T> extends vscode.QuickPickItem {
  readonly entry?: PickItem<T>;
}

/** The quick input currently on screen, for whoever watches the wizard (the extension-host tests do). */
export type ShownQuickInput = vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox;

/**
 * Shows wizard prompts with VS Code's QuickPick and InputBox: title with the "2/4" counter, Back button when
 * there is a previous step, `ignoreFocusOut`, busy while loading or while an accept handler runs (input is
 * ignored then, so nothing is submitted twice).
 */
export class QuickInputPrompter implements Prompter {
  private readonly shown = new vscode.EventEmitter<ShownQuickInput>();
  /** Fires each time a prompt is shown. */
  readonly onDidShow = this.shown.event;

  pick<T>(position: StepPosition, request: PickRequest<T>): Promise<T> {
    const quickPick = vscode.window.createQuickPick<ValueItem<T>>();
    place(quickPick, position);
    quickPick.placeholder = request.placeholder;
    quickPick.matchOnDescription = true;
    quickPick.matchOnDetail = true;

    return new Promise<T>((resolve, reject) => {
      let entries: PickEntry<T>[] = [];
      let settled = false;
      let accepting = false;
      let hiddenWhileAccepting = false;
      const disposables: vscode.Disposable[] = [quickPick];
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        outcome();
        disposables.forEach((d) => d.dispose());
      };
      const render = (keepActive: boolean) => {
        const active = keepActive ? quickPick.activeItems[0]?.entry : undefined;
        const items = entries.map(toQuickPickItem);
        quickPick.items = items;
        const target =
          (active && items.find((item) => item.entry === active)) ??
          items.find((item) => item.entry !== undefined && request.isActive?.(item.entry.value) === true);
        if (target) quickPick.activeItems = [target];
      };

      disposables.push(
        quickPick.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back && !accepting) finish(() => reject(new GoBack()));
        }),
        quickPick.onDidHide(() => {
          // A create already sent must deliver its answer even if the pick was closed meanwhile.
          if (accepting) hiddenWhileAccepting = true;
          else finish(() => reject(new WizardCancelled()));
        }),
        quickPick.onDidAccept(async () => {
          if (accepting || quickPick.busy) return;
          const entry = (quickPick.selectedItems[0] ?? quickPick.activeItems[0])?.entry;
          if (!entry) return;
          if (entry.unavailableReason) {
            quickPick.placeholder = entry.unavailableReason;
            return;
          }
          if (!request.onAccept) {
            finish(() => resolve(entry.value));
            return;
          }
          accepting = true;
          quickPick.busy = true;
          quickPick.enabled = false;
          let verdict: AcceptVerdict;
          try {
            verdict = await request.onAccept(entry.value);
          } catch (error) {
            finish(() => reject(error));
            return;
          } finally {
            accepting = false;
          }
          if (verdict.accept) {
            finish(() => resolve(entry.value));
          } else if (hiddenWhileAccepting) {
            finish(() => reject(new WizardCancelled()));
          } else {
            quickPick.placeholder = verdict.message;
            quickPick.busy = false;
            quickPick.enabled = true;
          }
        }),
      );

      if (Array.isArray(request.items)) {
        entries = [...(request.items as readonly PickEntry<T>[])];
        render(false);
      } else {
        quickPick.busy = true;
        (request.items as Promise<readonly PickEntry<T>[]>).then(
          (loaded) => {
            entries = [...loaded, ...entries];
            quickPick.busy = false;
            render(false);
          },
          (error: unknown) => finish(() => reject(error)),
        );
      }
      request.lateItems?.then(
        (late) => {
          if (settled || late.length === 0) return;
          entries = [...entries, ...late];
          render(true);
        },
        () => undefined, // suggestions are a nicety: the step works without them
      );
      quickPick.show();
      this.shown.fire(quickPick as unknown as vscode.QuickPick<vscode.QuickPickItem>);
    });
  }

  input(position: StepPosition, request: InputRequest): Promise<string> {
    const inputBox = vscode.window.createInputBox();
    place(inputBox, position);
    inputBox.prompt = request.prompt;
    inputBox.placeholder = request.placeholder;
    inputBox.value = request.value ?? '';
    inputBox.password = request.password ?? false;
    if (inputBox.value !== '') inputBox.validationMessage = validationMessage(request.validate?.(inputBox.value));

    return new Promise<string>((resolve, reject) => {
      let settled = false;
      let accepting = false;
      const disposables: vscode.Disposable[] = [inputBox];
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        outcome();
        disposables.forEach((d) => d.dispose());
      };
      disposables.push(
        inputBox.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back && !accepting) finish(() => reject(new GoBack()));
        }),
        inputBox.onDidHide(() => finish(() => reject(new WizardCancelled()))),
        inputBox.onDidChangeValue((value) => {
          inputBox.validationMessage = validationMessage(request.validate?.(value));
        }),
        inputBox.onDidAccept(async () => {
          if (accepting) return;
          const value = inputBox.value;
          const problem = request.validate?.(value);
          if (problem !== undefined && !isInputWarning(problem)) {
            inputBox.validationMessage = problem;
            return;
          }
          if (!request.onAccept) {
            finish(() => resolve(value));
            return;
          }
          accepting = true;
          inputBox.busy = true;
          inputBox.enabled = false;
          try {
            const verdict = await request.onAccept(value);
            if (verdict.accept) {
              finish(() => resolve(value));
            } else {
              inputBox.validationMessage = verdict.message;
            }
          } catch (error) {
            finish(() => reject(error));
          } finally {
            accepting = false;
            if (!settled) {
              inputBox.busy = false;
              inputBox.enabled = true;
            }
          }
        }),
      );
      inputBox.show();
      this.shown.fire(inputBox);
    });
  }

  dispose(): void {
    this.shown.dispose();
  }
}

function place(input: vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[] }, position: StepPosition): void {
  input.title = position.title;
  input.step = position.step;
  input.totalSteps = position.totalSteps;
  input.ignoreFocusOut = true;
  input.buttons = position.canGoBack ? [vscode.QuickInputButtons.Back] : [];
}

function toQuickPickItem<T>(entry: PickEntry<T>): ValueItem<T> {
  if (isSeparator(entry)) return { label: entry.separator, kind: vscode.QuickPickItemKind.Separator };
  const icon = entry.unavailableReason ? 'circle-slash' : entry.icon;
  return {
    label: icon ? `$(${icon}) ${entry.label}` : entry.label,
    description: entry.description,
    detail: entry.unavailableReason ?? entry.detail,
    entry,
  };
}

/** A blocking problem as an error; a warning in the warning style, which still lets the user accept. */
function validationMessage(problem: string | InputWarning | undefined): string | vscode.InputBoxValidationMessage | undefined {
  if (!isInputWarning(problem)) return problem;
  return { message: problem.warning, severity: vscode.InputBoxValidationSeverity.Warning };
}
