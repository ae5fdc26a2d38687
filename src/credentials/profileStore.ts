import * as vscode from 'vscode';
import type { Credentials } from '../cloud/cloudApi';
import { UserFacingError } from '../ui/userFacingError';
import { normaliseProfileName, parseStoredCredentials, serializeCredentials } from './profile';

const SECRET_PREFIX = 'tencentdbPostgres.profile.';
/** The list of stored names lives in SecretStorage too, so it can never disagree with the secrets it names. */
const INDEX_KEY = 'tencentdbPostgres.profiles';
const ACTIVE_KEY = 'tencentdbPostgres.activeProfile';

/**
 * Named API keys in VS Code's SecretStorage (the OS keychain, or the browser profile under code-server).
 * Only the active profile's name goes to globalState: it is not a secret.
 */
export class ProfileStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
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

  async get(name: string): Promise<Credentials | undefined> {
    return parseStoredCredentials(await this.read(SECRET_PREFIX + normaliseProfileName(name)));
  }

  async save(typedName: string, credentials: Credentials): Promise<void> {
    const name = normaliseProfileName(typedName);
    await this.write(SECRET_PREFIX + name, serializeCredentials(credentials));
    const names = await this.names();
    if (!names.includes(name)) {
      await this.write(INDEX_KEY, JSON.stringify([...names, name].sort((a, b) => a.localeCompare(b))));
    }
  }

  async delete(typedName: string): Promise<void> {
    const name = normaliseProfileName(typedName);
    await this.secrets.delete(SECRET_PREFIX + name);
    const names = await this.names();
    await this.write(INDEX_KEY, JSON.stringify(names.filter((item) => item !== name)));
  }

  activeName(): string | undefined {
    return this.state.get<string>(ACTIVE_KEY);
  }

  async setActiveName(name: string | undefined): Promise<void> {
    await this.state.update(ACTIVE_KEY, name);
  }

  /** Fires when another window changed a stored profile. */
  onDidChange(listener: (name: string | undefined) => void): vscode.Disposable {
    return this.secrets.onDidChange((event) => {
      if (event.key === INDEX_KEY) listener(undefined);
      else if (event.key.startsWith(SECRET_PREFIX)) listener(event.key.slice(SECRET_PREFIX.length));
    });
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
