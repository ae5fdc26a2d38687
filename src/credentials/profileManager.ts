import * as vscode from 'vscode';
import type { Credentials } from '../cloud/cloudApi';
import { ENVIRONMENT_PROFILE_ID, maskSecretId } from './profile';
import type { ActiveProfile, ProfileSummary } from './profile';
import type { ProfileStore } from './profileStore';

/**
 * Which profile the extension uses now. The stored choice wins; without one (or when its secrets are gone),
 * the environment's credentials are used when present.
 */
export class ProfileManager implements vscode.Disposable {
  private activeProfile: ActiveProfile | undefined;
  private readonly changed = new vscode.EventEmitter<ActiveProfile | undefined>();
  private readonly removed = new vscode.EventEmitter<string>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed, this.removed];
  /** Serialises switches, so two quick clicks cannot leave the state of the first one. */
  private queue: Promise<unknown> = Promise.resolve();

  readonly onDidChangeActive = this.changed.event;
  /** Fires with a stored profile's name once it is signed out (after the active profile has been resolved again). */
  readonly onDidRemove = this.removed.event;

  constructor(
    private readonly store: ProfileStore,
    private readonly environment: Credentials | undefined,
  ) {
    this.subscriptions.push(
      store.onDidChange((name) => {
        // Another window replaced or deleted the active profile's key: follow it.
        if (this.activeProfile?.source === 'stored' && (name === undefined || name === this.activeProfile.id)) {
          void this.reload();
        }
        // Another window signed the profile out: this window's tasks of it can no longer be followed either.
        if (name !== undefined && name !== ENVIRONMENT_PROFILE_ID) void this.reportIfRemoved(name);
      }),
    );
  }

  get active(): ActiveProfile | undefined {
    return this.activeProfile;
  }

  /** Reads the stored choice; call once at activation. */
  async initialize(): Promise<void> {
    await this.serialized(() => this.resolveActive());
  }

  async list(): Promise<ProfileSummary[]> {
    const stored = await Promise.all(
      (await this.store.names()).map(async (name) => {
        const credentials = await this.store.get(name);
        return credentials ? summary(name, 'stored', credentials) : undefined;
      }),
    );
    const profiles = stored.filter((item): item is ProfileSummary => item !== undefined);
    if (this.environment) {
      profiles.push(summary(ENVIRONMENT_PROFILE_ID, 'environment', this.environment));
    }
    return profiles;
  }

  /** Names signed in by another window whose keys this window cannot read until it is reloaded. */
  async signedInElsewhere(): Promise<string[]> {
    return this.store.signedInElsewhere();
  }

  async storedNames(): Promise<string[]> {
    return this.store.names();
  }

  /** Makes a profile the active one; throws when it does not exist (any more). */
  async activate(id: string): Promise<void> {
    await this.serialized(async () => {
      if (id === ENVIRONMENT_PROFILE_ID) {
        if (!this.environment) {
          throw new Error(`No environment credentials`);
        }
        await this.store.setActiveName(ENVIRONMENT_PROFILE_ID);
      } else {
        if (!(await this.store.get(id))) {
          throw new Error(`No stored profile named ${id}`);
        }
        await this.store.setActiveName(id);
      }
      await this.resolveActive();
    });
  }

  /** Stores (or replaces) a profile's keys and makes it active. */
  async saveAndActivate(name: string, credentials: Credentials): Promise<void> {
    await this.serialized(async () => {
      await this.store.save(name, credentials);
      await this.store.setActiveName(name);
      await this.resolveActive();
    });
  }

  /** Stores (or replaces) a profile's keys without changing the active profile (unless it is that profile). */
  async save(name: string, credentials: Credentials): Promise<void> {
    await this.serialized(async () => {
      await this.store.save(name, credentials);
      await this.resolveActive();
    });
  }

  /** Deletes a stored profile's secrets; when it was active, falls back to the environment or to signed out. */
  async remove(name: string): Promise<void> {
    await this.serialized(async () => {
      await this.store.delete(name);
      if (this.store.activeName() === name) {
        await this.store.setActiveName(undefined);
      }
      await this.resolveActive();
      // The environment profile is never deleted, so it is never reported as gone.
      if (name !== ENVIRONMENT_PROFILE_ID) this.removed.fire(name);
    });
  }

  /** A profile's keys, active or not (the tasks it sent are asked about with them); undefined once it is gone. */
  async credentialsOf(id: string): Promise<Credentials | undefined> {
    if (id === ENVIRONMENT_PROFILE_ID) return this.environment;
    return this.serialized(() => this.store.get(id));
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private async reportIfRemoved(name: string): Promise<void> {
    const gone = await this.serialized(async () => (await this.store.get(name)) === undefined).catch(() => false);
    if (gone) this.removed.fire(name);
  }

  private async reload(): Promise<void> {
    await this.serialized(() => this.resolveActive());
  }

  private async resolveActive(): Promise<void> {
    const next = await this.readActive();
    if (!sameProfile(this.activeProfile, next)) {
      this.activeProfile = next;
      this.changed.fire(next);
    }
  }

  private async readActive(): Promise<ActiveProfile | undefined> {
    const name = this.store.activeName();
    if (name !== undefined && name !== ENVIRONMENT_PROFILE_ID) {
      const credentials = await this.store.get(name);
      if (credentials) {
        return { ...summary(name, 'stored', credentials), credentials };
      }
    }
    if (this.environment) {
      return { ...summary(ENVIRONMENT_PROFILE_ID, 'environment', this.environment), credentials: this.environment };
    }
    return undefined;
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function summary(id: string, source: ProfileSummary['source'], credentials: Credentials): ProfileSummary {
  return { id, source, secretIdHint: maskSecretId(credentials.secretId), temporary: credentials.token !== undefined };
}

function sameProfile(a: ActiveProfile | undefined, b: ActiveProfile | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.id === b.id &&
    a.credentials.secretId === b.credentials.secretId &&
    a.credentials.secretKey === b.credentials.secretKey &&
    a.credentials.token === b.credentials.token
  );
}
