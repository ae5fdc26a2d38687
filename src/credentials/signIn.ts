import * as vscode from 'vscode';
import { describeCloudError } from '../ui/describeError';
import { showInputStep } from '../ui/inputSteps';
import type { InputStepOptions } from '../ui/inputSteps';
import { checkProfileName, checkSecretField } from './profile';
import type { ProfileNameProblem, SecretFieldProblem } from './profile';

export interface SignInInput {
  readonly profileName: string;
  readonly secretId: string;
  readonly secretKey: string;
  readonly token?: string;
}

/** Checks keys against the API (a cheap read), and saves them when they work. */
export interface SignInService {
  storedNames(): Promise<string[]>;
  /** Resolves with undefined on success, or the reason the keys were refused (already localised). */
  verifyAndSave(input: SignInInput): Promise<string | undefined>;
}

/**
 * Sign in as four steps (SecretId, SecretKey, optional session token, profile name), with Back and the values kept.
 * The last step stays open while the keys are checked and shows why they fail, so a typo is one Back away.
 * Returns the saved profile's name, or undefined when the user cancelled.
 */
export async function runSignInFlow(service: SignInService, suggestedName?: string): Promise<string | undefined> {
  const title = vscode.l10n.t('Sign In to Tencent Cloud');
  const existing = await service.storedNames();
  const values = {
    secretId: '',
    secretKey: '',
    token: '',
    profileName: suggestedName ?? (existing.includes('default') ? '' : 'default'),
  };
  const steps: Array<() => InputStepOptions & { field: keyof typeof values }> = [
    () => ({
      field: 'secretId',
      title,
      step: 1,
      totalSteps: 4,
      prompt: vscode.l10n.t('SecretId of a Tencent Cloud API key (CAM > API Keys)'),
      placeholder: 'AKID…',
      value: values.secretId,
      validate: (value) => secretFieldMessage(checkSecretField(value), vscode.l10n.t('SecretId')),
    }),
    () => ({
      field: 'secretKey',
      title,
      step: 2,
      totalSteps: 4,
      prompt: vscode.l10n.t('SecretKey of this API key (kept in VS Code secret storage, never in settings)'),
      password: true,
      value: values.secretKey,
      validate: (value) => secretFieldMessage(checkSecretField(value), vscode.l10n.t('SecretKey')),
    }),
    () => ({
      field: 'token',
      title,
      step: 3,
      totalSteps: 4,
      prompt: vscode.l10n.t('Session token, only for temporary credentials (leave empty for a permanent key)'),
      password: true,
      value: values.token,
    }),
    () => ({
      field: 'profileName',
      title,
      step: 4,
      totalSteps: 4,
      prompt: vscode.l10n.t('Profile name (press Enter to check the key and save it)'),
      placeholder: 'default',
      value: values.profileName,
      validate: (value) => profileNameMessage(value, existing),
      onAccept: (value) =>
        service.verifyAndSave({
          profileName: value.trim(),
          secretId: values.secretId.trim(),
          secretKey: values.secretKey.trim(),
          token: values.token.trim() || undefined,
        }),
    }),
  ];

  let index = 0;
  while (index < steps.length) {
    const { field, ...options } = steps[index]();
    const result = await showInputStep(options);
    if (result.kind === 'cancel') return undefined;
    if (result.kind === 'back') {
      index = Math.max(0, index - 1);
      continue;
    }
    values[field] = result.value;
    index += 1;
  }
  return values.profileName.trim();
}

export function profileNameMessage(value: string, existing: readonly string[]): string | vscode.InputBoxValidationMessage | undefined {
  const problem = checkProfileName(value);
  if (problem) return profileNameProblemMessage(problem);
  if (existing.includes(value.trim())) {
    return {
      message: vscode.l10n.t('A profile named "{0}" exists: its key will be replaced.', value.trim()),
      severity: vscode.InputBoxValidationSeverity.Warning,
    };
  }
  return undefined;
}

export function profileNameProblemMessage(problem: ProfileNameProblem): string {
  switch (problem) {
    case 'empty':
      return vscode.l10n.t('Enter a name for this profile.');
    case 'tooLong':
      return vscode.l10n.t('Use at most 64 characters.');
    case 'characters':
      return vscode.l10n.t('Use letters, digits, ".", "-" and "_" only.');
  }
}

function secretFieldMessage(problem: SecretFieldProblem | undefined, field: string): string | undefined {
  switch (problem) {
    case undefined:
      return undefined;
    case 'empty':
      return vscode.l10n.t('Enter the {0}.', field);
    case 'whitespace':
      return vscode.l10n.t('The {0} cannot contain spaces or line breaks: paste it again.', field);
  }
}

/** Turns a failed check into the sentence shown under the input box. */
export function signInFailureMessage(error: unknown): string {
  return vscode.l10n.t('The key was not saved: {0}', describeCloudError(error));
}
