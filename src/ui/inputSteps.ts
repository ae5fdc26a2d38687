import * as vscode from 'vscode';

/** What one input step of a multi-step flow returns. */
export type StepResult = { readonly kind: 'value'; readonly value: string } | { readonly kind: 'back' } | { readonly kind: 'cancel' };

export interface InputStepOptions {
  readonly title: string;
  /** 1-based position, shown as "step/total". */
  readonly step: number;
  readonly totalSteps: number;
  readonly prompt: string;
  readonly placeholder?: string;
  readonly value?: string;
  readonly password?: boolean;
  /** Synchronous checks while typing; return a message (or a warning object) to show, undefined when fine. */
  readonly validate?: (value: string) => string | vscode.InputBoxValidationMessage | undefined;
  /**
   * Runs on Enter with the box still open and busy (e.g. a call to the API). Returns a message to keep the box open
   * with that error, or undefined to finish the step.
   */
  readonly onAccept?: (value: string) => Promise<string | undefined>;
}

/**
 * One input box of a flow: "step/total" in the title, Back from the second step on, the previous value kept,
 * focus can leave without losing what was typed.
 */
export function showInputStep(options: InputStepOptions): Promise<StepResult> {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  box.step = options.step;
  box.totalSteps = options.totalSteps;
  box.prompt = options.prompt;
  box.placeholder = options.placeholder;
  box.value = options.value ?? '';
  box.password = options.password ?? false;
  box.ignoreFocusOut = true;
  box.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];

  return new Promise<StepResult>((resolve) => {
    let settled = false;
    const finish = (result: StepResult): void => {
      if (settled) return;
      settled = true;
      resolve(result);
      box.dispose();
    };
    const validate = (value: string): boolean => {
      const problem = options.validate?.(value);
      box.validationMessage = problem;
      return problem === undefined || (typeof problem !== 'string' && problem.severity !== vscode.InputBoxValidationSeverity.Error);
    };
    box.onDidChangeValue((value) => validate(value));
    box.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) finish({ kind: 'back' });
    });
    box.onDidHide(() => finish({ kind: 'cancel' }));
    box.onDidAccept(async () => {
      const value = box.value;
      if (box.busy || !validate(value)) return;
      if (options.onAccept) {
        box.busy = true;
        box.enabled = false;
        try {
          const problem = await options.onAccept(value);
          if (problem !== undefined) {
            box.validationMessage = { message: problem, severity: vscode.InputBoxValidationSeverity.Error };
            return;
          }
        } finally {
          box.busy = false;
          box.enabled = true;
        }
      }
      finish({ kind: 'value', value });
    });
    box.show();
  });
}
