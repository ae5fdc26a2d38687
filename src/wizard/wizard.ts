import type { InputRequest, PickRequest, Prompter, StepPosition } from './prompter';
import { GoBack } from './prompter';

/** The prompts one step may show, already placed in the wizard (title, counter, Back). */
export interface StepUi {
  pick<T>(request: PickRequest<T>): Promise<T>;
  input(request: InputRequest): Promise<string>;
}

/**
 * One question of a wizard. It reads and writes a typed context object; going back re-runs the previous
 * step with the context as the user left it, so a step shows what was chosen before as its default.
 */
export interface PromptStep<C> {
  readonly id: string;
  /** A second page of the previous step: it shares its number in the "2/4" counter. */
  readonly continuesPreviousStep?: boolean;
  /** Decided from the context alone, so the counter can tell how many steps lie ahead. */
  shouldPrompt(context: C): boolean;
  /** Fills the context; throws GoBack or WizardCancelled from the prompter. */
  prompt(context: C, ui: StepUi): Promise<void>;
}

export interface WizardOptions<C> {
  readonly title: (context: C) => string;
  readonly steps: readonly PromptStep<C>[];
}

/**
 * Runs prompt steps in order, with Back to the previous prompted step and a step counter that counts only the
 * steps that will be shown. Like the multi-step input of the VS Code samples, but steps are data, so they can
 * skip themselves when the context is already filled (e.g. the group is known from a right-click).
 */
export class Wizard<C> {
  constructor(
    private readonly options: WizardOptions<C>,
    private readonly prompter: Prompter,
  ) {}

  /**
   * Resolves when every step has been answered; rejects with WizardCancelled on Escape, or with whatever a
   * step threw. `startAt` opens the wizard on a later step (choices already in the context), with Back to the
   * earlier ones.
   */
  async run(context: C, startAt?: string): Promise<void> {
    const steps = this.options.steps;
    const history: number[] = [];
    let index = 0;
    if (startAt !== undefined) {
      const target = steps.findIndex((step) => step.id === startAt);
      if (target < 0) throw new Error(`No wizard step "${startAt}"`);
      for (let i = 0; i < target; i++) {
        if (steps[i].shouldPrompt(context)) history.push(i);
      }
      index = target;
    }

    while (index < steps.length) {
      const step = steps[index];
      if (!step.shouldPrompt(context)) {
        index++;
        continue;
      }
      const position = this.positionOf(context, index, history);
      try {
        await step.prompt(context, this.uiAt(position));
        history.push(index);
        index++;
      } catch (error) {
        if (!(error instanceof GoBack)) throw error;
        const previous = history.pop();
        // A Back button is only shown when there is somewhere to go; stay put if a prompt sent one anyway.
        if (previous !== undefined) index = previous;
      }
    }
  }

  private positionOf(context: C, index: number, history: readonly number[]): StepPosition {
    const steps = this.options.steps;
    const counts = (i: number) => !steps[i].continuesPreviousStep;
    const done = history.filter(counts).length;
    const step = counts(index) ? done + 1 : Math.max(done, 1);
    let ahead = 0;
    for (let i = index + 1; i < steps.length; i++) {
      if (counts(i) && steps[i].shouldPrompt(context)) ahead++;
    }
    return { title: this.options.title(context), step, totalSteps: step + ahead, canGoBack: history.length > 0 };
  }

  private uiAt(position: StepPosition): StepUi {
    return {
      pick: (request) => this.prompter.pick(position, request),
      input: (request) => this.prompter.input(position, request),
    };
  }
}
