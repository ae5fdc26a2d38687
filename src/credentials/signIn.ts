import type { Translate } from '../domain/translate';
import type { Prompter } from '../wizard/prompter';
import { WizardCancelled } from '../wizard/prompter';
import type { PromptStep } from '../wizard/wizard';
import { Wizard } from '../wizard/wizard';
import { checkProfileName, checkSecretField, normaliseProfileName } from './profile';
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

/** What the steps fill in, as typed (trimmed only when the key is checked). Back shows these values again. */
export interface SignInContext {
  secretId: string;
  secretKey: string;
  /** Empty for a permanent key. */
  token: string;
  profileName: string;
}

/**
 * The four steps: SecretId, SecretKey, optional session token, profile name. The last one stays open while the
 * keys are checked and shows why they fail, so a typo is one Back away.
 */
export function signInSteps(service: SignInService, t: Translate, existingNames: readonly string[] = []): PromptStep<SignInContext>[] {
  return [
    {
      id: 'secretId',
      shouldPrompt: () => true,
      async prompt(context, ui) {
        context.secretId = await ui.input({
          prompt: t('SecretId of a Tencent Cloud API key (CAM > API Keys)'),
          placeholder: 'AKID…',
          value: context.secretId,
          validate: (value) => secretFieldMessage(checkSecretField(value), t('SecretId'), t),
        });
      },
    },
    {
      id: 'secretKey',
      shouldPrompt: () => true,
      async prompt(context, ui) {
        context.secretKey = await ui.input({
          prompt: t('SecretKey of this API key (kept in VS Code secret storage, never in settings)'),
          password: true,
          value: context.secretKey,
          validate: (value) => secretFieldMessage(checkSecretField(value), t('SecretKey'), t),
        });
      },
    },
    {
      id: 'token',
      shouldPrompt: () => true,
      async prompt(context, ui) {
        context.token = await ui.input({
          prompt: t('Session token, only for temporary credentials (leave empty for a permanent key)'),
          password: true,
          value: context.token,
        });
      },
    },
    {
      id: 'profileName',
      shouldPrompt: () => true,
      async prompt(context, ui) {
        context.profileName = await ui.input({
          prompt: t('Profile name (press Enter to check the key and save it)'),
          placeholder: 'default',
          value: context.profileName,
          validate: (value) => {
            const problem = checkProfileName(value);
            if (problem) return profileNameProblemMessage(problem, t);
            return existingNames.includes(normaliseProfileName(value)) ? { warning: t('A profile named "{0}" exists: its key will be replaced.', normaliseProfileName(value)) } : undefined;
          },
          onAccept: async (value) => {
            const refusal = await service.verifyAndSave({
              profileName: normaliseProfileName(value),
              secretId: context.secretId.trim(),
              secretKey: context.secretKey.trim(),
              token: context.token.trim() || undefined,
            });
            return refusal === undefined ? { accept: true } : { accept: false, message: refusal };
          },
        });
      },
    },
  ];
}

/**
 * Runs the sign-in steps with Back and the values kept. Returns the saved profile's name, or undefined when the
 * user cancelled.
 */
export async function runSignInFlow(service: SignInService, prompter: Prompter, t: Translate, suggestedName?: string): Promise<string | undefined> {
  const existing = await service.storedNames();
  const context: SignInContext = {
    secretId: '',
    secretKey: '',
    token: '',
    profileName: suggestedName ?? (existing.includes('default') ? '' : 'default'),
  };
  const wizard = new Wizard<SignInContext>({ title: () => t('Sign In to Tencent Cloud'), steps: signInSteps(service, t, existing) }, prompter);
  try {
    await wizard.run(context);
  } catch (error) {
    if (error instanceof WizardCancelled) return undefined;
    throw error;
  }
  return normaliseProfileName(context.profileName);
}

export function profileNameProblemMessage(problem: ProfileNameProblem, t: Translate): string {
  switch (problem) {
    case 'empty':
      return t('Enter a name for this profile.');
    case 'tooLong':
      return t('Use at most 64 characters.');
    case 'characters':
      return t('Use letters, digits, ".", "-" and "_" only.');
  }
}

function secretFieldMessage(problem: SecretFieldProblem | undefined, field: string, t: Translate): string | undefined {
  switch (problem) {
    case undefined:
      return undefined;
    case 'empty':
      return t('Enter the {0}.', field);
    case 'whitespace':
      return t('The {0} cannot contain spaces or line breaks: paste it again.', field);
  }
}
