import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { CommandContext } from '../ui/commands';
import { QuickInputPrompter } from '../wizard/quickInputPrompter';
import { CloudConnection } from './cloudConnection';
import type { CloudApiFactory, ConnectionSettings } from './cloudConnection';
import { readEnvironmentCredentials } from './profile';
import { registerProfileCommands } from './profileCommands';
import { ProfileManager } from './profileManager';
import { createProfileStatusBarItem } from './profileStatusBar';
import { ProfileStore } from './profileStore';
import { sharedProfileFile } from './sharedProfileFile';
import type { SignInInput } from './signIn';

export type { CloudApiFactory, ConnectionSettings } from './cloudConnection';
export { CloudConnection } from './cloudConnection';

/** What programs (tests, other extensions) may do with profiles, without the UI. */
export interface ProfilesApi {
  /** Checks the keys with the API, then stores and activates them; rejects with the reason when refused. */
  signIn(input: SignInInput): Promise<void>;
  /** Deletes a stored profile's secrets, without asking. */
  signOut(profileName: string): Promise<void>;
  /** The active profile's id (a stored name, or "(environment)"), undefined when signed out. */
  activeProfileId(): string | undefined;
}

export interface CredentialsFeature {
  readonly connection: CloudConnection;
  readonly api: ProfilesApi;
  /** Fires with a profile's id once it is signed out (through the Sign Out command or the API). */
  readonly onDidSignOut: vscode.Event<string>;
  /** Resolves once the stored profiles are read and the active one's connection is set up. */
  readonly ready: Promise<void>;
}

export interface CredentialsDeps {
  readonly commands: CommandContext;
  readonly createApi: CloudApiFactory;
  /** The process environment, for the read-only environment profile. */
  readonly environment: NodeJS.ProcessEnv;
  /** Site, endpoint and timeout of the client; read again when they change. */
  readonly settings: ConnectionSettings;
}

/**
 * Profiles in SecretStorage, the environment profile, the client of the active one, its status bar item and commands.
 * Returns at once: the stored profiles are read in the background (`ready`), so activation does not wait for them.
 */
export function registerCredentials(context: vscode.ExtensionContext, deps: CredentialsDeps): CredentialsFeature {
  // Every window of the user shares the global storage folder on disk (the task board's too): the profile index
  // there reaches the windows that SecretStorage's change event does not (code-server's tabs).
  const shared = context.globalStorageUri.scheme === 'file' ? sharedProfileFile(path.join(context.globalStorageUri.fsPath, 'profiles')) : undefined;
  const store = new ProfileStore(context.secrets, context.globalState, shared, (message) => deps.commands.log.warn(message));
  const profiles = new ProfileManager(store, readEnvironmentCredentials(deps.environment));
  context.subscriptions.push(profiles);
  const profilesLoaded = profiles.initialize().catch((error: unknown) => {
    // Without secret storage the extension still works with environment credentials; the failure is logged.
    deps.commands.log.error(`Could not read the stored profiles: ${error instanceof Error ? error.message : String(error)}`);
  });
  const connection = new CloudConnection(profiles, deps.createApi, deps.commands.log, profilesLoaded, deps.settings);
  const prompter = new QuickInputPrompter();
  context.subscriptions.push(connection, createProfileStatusBarItem(connection, deps.settings), prompter);
  const signIn = registerProfileCommands({ commands: deps.commands, profiles, connection, prompter });

  const api: ProfilesApi = {
    async signIn(input) {
      const problem = await signIn.verifyAndSave(input);
      if (problem !== undefined) throw new Error(problem);
    },
    signOut: (profileName) => profiles.remove(profileName),
    activeProfileId: () => profiles.active?.id,
  };
  return { connection, api, onDidSignOut: profiles.onDidRemove, ready: connection.ready };
}
