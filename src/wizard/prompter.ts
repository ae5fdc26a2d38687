/**
 * What a wizard step may ask of the user, without VS Code types: the VS Code layer
 * (quickInputPrompter.ts) shows these as QuickPick / InputBox, and unit tests answer them from a script.
 */

/** Thrown by a prompt when the user presses the Back button. */
export class GoBack extends Error {
  constructor() {
    super('back');
    this.name = 'GoBack';
  }
}

/** Thrown by a prompt when the user dismisses it (Escape, focus elsewhere with ignoreFocusOut off). */
export class WizardCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'WizardCancelled';
  }
}

/** Where a prompt sits in its wizard: drives the "2/4" counter, the title and the Back button. */
export interface StepPosition {
  readonly title: string;
  readonly step: number;
  readonly totalSteps: number;
  readonly canGoBack: boolean;
}

export interface PickItem<T> {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  /** A codicon id, e.g. "cloud". */
  readonly icon?: string;
  /** Shown greyed out with this reason; accepting it does nothing but say the reason. */
  readonly unavailableReason?: string;
  readonly value: T;
}

export interface PickSeparator {
  readonly separator: string;
}

export type PickEntry<T> = PickItem<T> | PickSeparator;

export function isSeparator<T>(entry: PickEntry<T>): entry is PickSeparator {
  return (entry as PickSeparator).separator !== undefined;
}

/** What an accept handler decides: close with the value, or stay open and say why not. */
export type AcceptVerdict = { readonly accept: true } | { readonly accept: false; readonly message: string };

export interface PickRequest<T> {
  readonly placeholder: string;
  /** Items now, or a promise of them (the pick shows busy until it settles; a rejection ends the pick with it). */
  readonly items: readonly PickEntry<T>[] | Promise<readonly PickEntry<T>[]>;
  /** Items that arrive later and are appended (e.g. suggestions that need a call); a failure is ignored. */
  readonly lateItems?: Promise<readonly PickEntry<T>[]>;
  /** Which item to highlight first (the value chosen last time, when going back). */
  readonly isActive?: (value: T) => boolean;
  /**
   * Runs while the pick shows busy and ignores further input (no double submit). A rejection closes the pick
   * and ends it with that error.
   */
  readonly onAccept?: (value: T) => Promise<AcceptVerdict>;
}

/** A note shown under the box while typing that does not block accepting (e.g. "this replaces a profile"). */
export interface InputWarning {
  readonly warning: string;
}

export function isInputWarning(value: string | InputWarning | undefined): value is InputWarning {
  return typeof value === 'object' && value !== null && typeof value.warning === 'string';
}

export interface InputRequest {
  readonly prompt: string;
  readonly placeholder?: string;
  /** The text to start with (what was typed last time, when going back). */
  readonly value?: string;
  /** Hides what is typed (a secret key). */
  readonly password?: boolean;
  /** Checked on every keystroke: a message blocks accepting. */
  readonly validate?: (text: string) => string | InputWarning | undefined;
  /** Runs on Enter while the box shows busy and ignores input (e.g. a check that needs the API). */
  readonly onAccept?: (text: string) => Promise<AcceptVerdict>;
}

export interface Prompter {
  pick<T>(position: StepPosition, request: PickRequest<T>): Promise<T>;
  input(position: StepPosition, request: InputRequest): Promise<string>;
}
