import { COMMAND } from '../ui/commandIds';
import * as vscode from 'vscode';
import type { Translate } from '../domain/translate';
import type { CommandContext } from '../ui/commands';
import { registerCommand } from '../ui/commands';
import { UserFacingError } from '../ui/userFacingError';
import type { WindowUi } from '../ui/windowUi';
import { describeCloudError } from '../ui/describeError';
import type { Prompter } from '../wizard/prompter';
import type { CloudConnection } from './cloudConnection';
import { checkProfileName, maskSecretId } from './profile';
import type { ProfileSummary } from './profile';
import { profileDisplayName } from './profileLabels';
import type { ProfileManager } from './profileManager';
import { profileNameProblemMessage, runSignInFlow } from './signIn';
import type { SignInInput, SignInService } from './signIn';
import { MAX_TCCLI_FILE_BYTES, readTccliFolder } from './tccli';
import type { TccliSkippedEntry } from './tccli';
import type { TccliProfile } from './tccli';

export interface ProfileCommandDeps {
  readonly commands: CommandContext;
  readonly profiles: ProfileManager;
  readonly connection: CloudConnection;
  /** Shows the sign-in steps. */
  readonly prompter: Prompter;
}

const t: Translate = (message, ...args) => vscode.l10n.t(message, ...args);

/** Signs in, out, switches and imports profiles. Returns the sign-in check, which the extension's API reuses. */
export function registerProfileCommands(deps: ProfileCommandDeps): SignInService {
  const signIn = createSignInService(deps);
  const { commands, profiles } = deps;
  const { window } = commands;

  registerCommand(commands, COMMAND.signIn, async () => {
    const name = await runSignInFlow(signIn, deps.prompter, t);
    if (name !== undefined) {
      window.show('info', vscode.l10n.t('Signed in as profile "{0}".', name));
    }
  });

  registerCommand(commands, COMMAND.signOut, async (profileName?: unknown) => {
    const name = typeof profileName === 'string' ? profileName : await pickProfileToSignOut(window, profiles);
    if (name === undefined) return;
    const confirm = vscode.l10n.t('Sign Out');
    const answer = await window.ask(
      'warning',
      vscode.l10n.t('Sign out of profile "{0}"? Its SecretId and SecretKey are deleted from this machine.', name),
      [confirm],
      { modal: true },
    );
    if (answer !== confirm) return;
    await profiles.remove(name);
  });

  registerCommand(commands, COMMAND.switchProfile, async (profileId?: unknown) => {
    if (typeof profileId === 'string') {
      await switchTo(profiles, profileId);
      return;
    }
    await pickAndSwitch(deps);
  });

  registerCommand(commands, COMMAND.importTccliProfiles, async () => {
    await importTccliProfiles(window, profiles);
  });

  return signIn;
}

function createSignInService({ commands, profiles, connection }: ProfileCommandDeps): SignInService {
  return {
    storedNames: () => profiles.storedNames(),
    async verifyAndSave(input: SignInInput): Promise<string | undefined> {
      const nameProblem = checkProfileName(input.profileName);
      if (nameProblem) {
        return profileNameProblemMessage(nameProblem, t);
      }
      const credentials = input.token
        ? { secretId: input.secretId, secretKey: input.secretKey, token: input.token }
        : { secretId: input.secretId, secretKey: input.secretKey };
      const started = Date.now();
      try {
        // DescribeRegions: the cheapest signed call; it proves the key, the signature and the clock.
        const api = connection.createApiFor(credentials);
        try {
          await api.listRegions();
        } finally {
          api.dispose();
        }
      } catch (error) {
        commands.log.warn(`Sign-in check for ${maskSecretId(input.secretId)} failed after ${Date.now() - started} ms`);
        return signInFailureMessage(error);
      }
      try {
        await profiles.saveAndActivate(input.profileName, credentials);
      } catch (error) {
        return error instanceof UserFacingError ? error.message : signInFailureMessage(error);
      }
      commands.log.info(`Signed in as profile ${input.profileName} (${maskSecretId(input.secretId)})`);
      return undefined;
    },
  };
}

/** Turns a failed check into the sentence shown under the input box. */
function signInFailureMessage(error: unknown): string {
  return vscode.l10n.t('The key was not saved: {0}', describeCloudError(error));
}

async function switchTo(profiles: ProfileManager, id: string): Promise<void> {
  try {
    await profiles.activate(id);
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw new UserFacingError(vscode.l10n.t('There is no profile named "{0}".', profileDisplayName(id)));
  }
}

interface ProfilePickItem extends vscode.QuickPickItem {
  readonly run: () => PromiseLike<unknown>;
}

async function pickAndSwitch(deps: ProfileCommandDeps): Promise<void> {
  const { profiles } = deps;
  const { window } = deps.commands;
  const activeId = profiles.active?.id;
  const items: ProfilePickItem[] = (await profiles.list()).map((profile) => ({
    label: `$(${profile.id === activeId ? 'pass-filled' : 'account'}) ${profileDisplayName(profile.id)}`,
    description: describeProfile(profile, profile.id === activeId),
    run: () => switchTo(profiles, profile.id),
  }));
  for (const name of await profiles.signedInElsewhere()) {
    items.push({
      label: `$(account) ${profileDisplayName(name)}`,
      description: vscode.l10n.t('signed in in another window: reload this window to use it'),
      run: () => offerReload(window, name),
    });
  }
  items.push(
    { label: '', kind: vscode.QuickPickItemKind.Separator, run: () => Promise.resolve() },
    {
      label: `$(add) ${vscode.l10n.t('Sign in with another key…')}`,
      run: () => vscode.commands.executeCommand(COMMAND.signIn),
    },
    {
      label: `$(cloud-download) ${vscode.l10n.t('Import from tccli…')}`,
      run: () => vscode.commands.executeCommand(COMMAND.importTccliProfiles),
    },
  );
  const choice = await window.pickOne(items, {
    title: vscode.l10n.t('Switch Profile'),
    placeholder: vscode.l10n.t('Choose the Tencent Cloud profile to use'),
    ignoreFocusOut: true,
  });
  await choice?.run();
}

/** This window's secret storage does not hold the keys (a code-server tab reads them once): a reload reads them again. */
async function offerReload(window: WindowUi, name: string): Promise<void> {
  const reload = vscode.l10n.t('Reload Window');
  const answer = await window.ask(
    'info',
    vscode.l10n.t('Profile "{0}" was signed in in another window. Reload this window to use it here.', profileDisplayName(name)),
    [reload],
  );
  if (answer === reload) await vscode.commands.executeCommand('workbench.action.reloadWindow');
}

function describeProfile(profile: ProfileSummary, active: boolean): string {
  const parts = [profile.secretIdHint];
  if (profile.source === 'environment') parts.push(vscode.l10n.t('read-only'));
  if (profile.temporary) parts.push(vscode.l10n.t('temporary'));
  if (active) parts.push(vscode.l10n.t('active'));
  return parts.join(' · ');
}

async function pickProfileToSignOut(window: WindowUi, profiles: ProfileManager): Promise<string | undefined> {
  const active = profiles.active;
  if (active?.source === 'stored') return active.id;
  const stored = (await profiles.list()).filter((profile) => profile.source === 'stored');
  if (stored.length === 0) {
    if (active?.source === 'environment') {
      throw new UserFacingError(
        vscode.l10n.t(
          'The environment credentials are read-only: unset TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and TENCENTCLOUD_SESSION_TOKEN and restart VS Code to stop using them.',
        ),
      );
    }
    throw new UserFacingError(vscode.l10n.t('You are not signed in.'));
  }
  const choice = await window.pickOne(
    stored.map((profile) => ({ label: profile.id, description: profile.secretIdHint })),
    { title: vscode.l10n.t('Sign Out'), placeholder: vscode.l10n.t('Choose the profile whose key to delete'), ignoreFocusOut: true },
  );
  return choice?.label;
}

async function importTccliProfiles(window: WindowUi, profiles: ProfileManager): Promise<void> {
  const folder = await readTccliFolder();
  const importable = folder.profiles.filter((profile) => profile.credential.ok && checkProfileName(profile.name) === undefined);
  const skipped = [
    ...folder.profiles.filter((profile) => !importable.includes(profile)).map(describeSkippedProfile),
    ...folder.skipped.map(describeSkippedEntry),
  ].join(', ');
  if (importable.length === 0) {
    throw new UserFacingError(
      skipped === ''
        ? vscode.l10n.t('No tccli profiles were found in ~/.tccli. Run "tccli configure" first, or use "Sign In".')
        : vscode.l10n.t('None of the tccli profiles holds a SecretId and SecretKey ({0}). Use "Sign In" instead.', skipped),
    );
  }
  const existing = await profiles.storedNames();
  const picked = await window.pickMany(
    importable.map((profile) => ({
      label: profile.name,
      description: [
        profile.credential.ok ? maskSecretId(profile.credential.credentials.secretId) : '',
        profile.region ?? '',
        existing.includes(profile.name) ? vscode.l10n.t('replaces the stored key') : '',
      ]
        .filter((part) => part !== '')
        .join(' · '),
      picked: true,
      profile,
    })),
    {
      title: vscode.l10n.t('Import from tccli'),
      placeholder: vscode.l10n.t('Choose the tccli profiles to store in VS Code secret storage'),
      ignoreFocusOut: true,
    },
  );
  if (!picked || picked.length === 0) return;
  for (const { profile } of picked) {
    if (profile.credential.ok) {
      await profiles.save(profile.name, profile.credential.credentials);
    }
  }
  // Importing while signed out signs in; otherwise the active profile stays as the user chose it.
  if (profiles.active === undefined) {
    await profiles.activate(picked[0].profile.name);
  }
  const message = vscode.l10n.t('Imported {0} tccli profile(s). Use "Switch Profile" to change the active one.', picked.length);
  window.show('info', skipped !== '' ? `${message} ${vscode.l10n.t('Skipped: {0}.', skipped)}` : message);
}

function describeSkippedProfile(profile: TccliProfile): string {
  if (profile.credential.ok) return vscode.l10n.t('{0} (name not usable)', profile.name);
  switch (profile.credential.reason) {
    case 'role':
      return vscode.l10n.t('{0} (uses a role, not a key)', profile.name);
    case 'notJson':
      return vscode.l10n.t('{0} (unreadable file)', profile.name);
    case 'missingKeys':
      return vscode.l10n.t('{0} (no SecretId/SecretKey)', profile.name);
    case 'invalidKeys':
      return vscode.l10n.t('{0} (SecretId, SecretKey or token contains spaces or line breaks)', profile.name);
  }
}

/** An entry of ~/.tccli that was not read at all, named by its file so the user can find it. */
function describeSkippedEntry(entry: TccliSkippedEntry): string {
  switch (entry.reason) {
    case 'notAFile':
      return vscode.l10n.t('{0} (not a file)', entry.entry);
    case 'tooLarge':
      return vscode.l10n.t('{0} (larger than {1} KiB: not a tccli file)', entry.entry, MAX_TCCLI_FILE_BYTES / 1024);
    case 'unreadable':
      return vscode.l10n.t('{0} (cannot be read: {1})', entry.entry, entry.code ?? '?');
    case 'duplicateName':
      return vscode.l10n.t('{0} (another file has the same name)', entry.entry);
  }
}
