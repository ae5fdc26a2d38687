import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Credentials } from '../cloud/cloudApi';
import { UserFacingError } from '../ui/userFacingError';
import { normaliseProfileName, parseStoredCredentials, serializeCredentials } from './profile';
import { mayUse } from './sharedProfileIndex';
import type { SharedProfileEntry, SharedProfileIndex } from './sharedProfileIndex';

const SECRET_PREFIX = 'tencentdbPostgres.profile.';
/** The version of a profile's keys this window's secret storage holds (compared with the shared index's). */
const VERSION_PREFIX = 'tencentdbPostgres.profileVersion.';
/** The list of stored names lives in SecretStorage too, so it can never disagree with the secrets it names. */
const INDEX_KEY = 'tencentdbPostgres.profiles';
const ACTIVE_KEY = 'tencentdbPostgres.activeProfile';

/**
 * Named API keys in VS Code's SecretStorage (the OS keychain, or the browser profile under code-server).
 * Only the active profile's name goes to globalState: it is not a secret. The shared index (when there is one)
 * tells every window which names are signed in and which version of their keys is current, so a window never
 * uses keys another window signed out, even where its SecretStorage is a copy that does not follow (code-server).
 */
export class ProfileStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
    private readonly shared?: SharedProfileIndex,
    /** Where a failure to read the shared index is told (it makes stored keys unusable until it can be read). */
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  async names(): Promise<string[]> {
    const text = await this.read(INDEX_KEY);
    if (text === undefined) return [];
    try {
      const value: unknown = JSON.parse(text);
      return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
    } catch {
      return [];
    }
  }

  /** The keys of a name, unless another window signed it out or signed it in again with keys this window lacks. */
  async get(name: string): Promise<Credentials | undefined> {
    const normalised = normaliseProfileName(name);
    const credentials = parseStoredCredentials(await this.read(SECRET_PREFIX + normalised));
    if (credentials === undefined || this.shared === undefined) return credentials;
    return mayUse(await this.readShared(), normalised, await this.read(VERSION_PREFIX + normalised)) ? credentials : undefined;
  }

  /**
   * Names another window signed in whose current keys this window's secret storage does not hold: under
   * code-server a tab reads the secrets once, so only a reload of the window brings them.
   */
  async signedInElsewhere(): Promise<string[]> {
    if (this.shared === undefined) return [];
    const names: string[] = [];
    for (const [name, entry] of (await this.readShared()) ?? []) {
      if (entry.signedIn && (await this.get(name)) === undefined) names.push(name);
    }
    return names.sort((a, b) => a.localeCompare(b));
  }

  async save(typedName: string, credentials: Credentials): Promise<void> {
    const name = normaliseProfileName(typedName);
    await this.refuseIfStale();
    const version = randomUUID();
    await this.write(SECRET_PREFIX + name, serializeCredentials(credentials));
    await this.write(VERSION_PREFIX + name, version);
    const names = await this.names();
    if (!names.includes(name)) {
      await this.write(INDEX_KEY, JSON.stringify([...names, name].sort((a, b) => a.localeCompare(b))));
    }
    // Last: other windows take the new version as current only once this window's secrets hold it.
    await this.shared?.record(name, { signedIn: true, version });
  }

  async delete(typedName: string): Promise<void> {
    const name = normaliseProfileName(typedName);
    await this.refuseIfStale();
    // First: every other window stops using the keys even if this window goes before its secrets are deleted.
    await this.shared?.record(name, { signedIn: false, version: randomUUID() });
    await this.secrets.delete(SECRET_PREFIX + name);
    await this.secrets.delete(VERSION_PREFIX + name);
    const names = await this.names();
    await this.write(INDEX_KEY, JSON.stringify(names.filter((item) => item !== name)));
  }

  activeName(): string | undefined {
    return this.state.get<string>(ACTIVE_KEY);
  }

  async setActiveName(name: string | undefined): Promise<void> {
    await this.state.update(ACTIVE_KEY, name);
  }

  /**
   * Fires when another window changed a stored profile: with its name, or undefined when any may have changed
   * (the index of names, or the shared index, whose change can concern every name).
   */
  onDidChange(listener: (name: string | undefined) => void): vscode.Disposable {
    const fromSecrets = this.secrets.onDidChange((event) => {
      if (event.key === INDEX_KEY || event.key.startsWith(VERSION_PREFIX)) listener(undefined);
      else if (event.key.startsWith(SECRET_PREFIX)) listener(event.key.slice(SECRET_PREFIX.length));
    });
    // The names whose shared entry changed since the last look, so a sign-out is reported for its name only.
    let last = this.readShared();
    const fromShared = this.shared?.onDidChange(() => {
      const previous = last;
      last = this.readShared();
      void Promise.all([previous, last]).then(([before, now]) => {
        if (before === undefined || now === undefined) return listener(undefined);
        for (const [name, entry] of now) {
          const was = before.get(name);
          if (was?.signedIn !== entry.signedIn || was.version !== entry.version) listener(name);
        }
      });
    });
    return { dispose: () => { fromSecrets.dispose(); fromShared?.dispose(); } };
  }

  /**
   * A window whose secret copy lacks keys another window stored (a code-server tab not reloaded since) would write
   * its whole stale copy back over them: it asks for a reload instead.
   */
  private async refuseIfStale(): Promise<void> {
    const missing = await this.signedInElsewhere();
    if (missing.length === 0) return;
    throw new UserFacingError(
      vscode.l10n.t(
        'Profiles were signed in in another window ({0}). Reload this window first: saving or deleting a key here now would lose theirs.',
        missing.join(', '),
      ),
    );
  }

  /** The shared index; undefined when it cannot be read (an empty map when there is none yet, or no folder). */
  private async readShared(): Promise<ReadonlyMap<string, SharedProfileEntry> | undefined> {
    if (this.shared === undefined) return new Map();
    try {
      return await this.shared.read();
    } catch (error) {
      this.warn(`The profile index shared by the windows cannot be read; stored keys are not used until it can: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }


  private async read(key: string): Promise<string | undefined> {
    try {
      return await this.secrets.get(key);
    } catch (error) {
      throw secretStorageUnavailable(error);
    }
  }

  private async write(key: string, value: string): Promise<void> {
    try {
      await this.secrets.store(key, value);
    } catch (error) {
      throw secretStorageUnavailable(error);
    }
  }
}

/** SecretStorage fails mostly on Linux without a keyring: say what to do, not just that it failed. */
function secretStorageUnavailable(error: unknown): UserFacingError {
  const detail = error instanceof Error ? error.message : String(error);
  return new UserFacingError(
    vscode.l10n.t(
      "VS Code's secret storage is not available ({0}), so API keys cannot be kept safely. On Linux, install and unlock a keyring (GNOME Keyring or KWallet) or start VS Code with --password-store=gnome-libsecret; meanwhile you can set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY in the environment.",
      detail,
    ),
  );
}
