import * as vscode from 'vscode';
import { CONTEXT_KEY } from '../ui/contextValues';
import type { ClientLease, Credentials, CredentialProvider } from '../cloud/cloudApi';
import type { Logger } from '../domain/logger';
import { CloudError, notSignedInError } from '../cloud/cloudError';
import { forwardingCloudApi, refusingCloudApi } from '../cloud/forwardingCloudApi';
import type { CloudApiConfig, DisposableCloudApi } from '../cloud/tencentCloudApi';
import type { Site } from '../domain/model';
import { placeOf, whereOf } from '../cloud/connectionPlace';
import type { ActiveProfile } from './profile';
import type { ProfileManager } from './profileManager';

/** createTencentCloudApi in production; a function of the same shape in tests. */
export type CloudApiFactory = (config: CloudApiConfig) => DisposableCloudApi;

/** The settings a connection is built from: read afresh at each rebuild, which their change triggers. */
export interface ConnectionSettings {
  site(): Site;
  /** The endpoint override; undefined when unset or refused (see endpointProblem). */
  endpoint(): string | undefined;
  /** Why the endpoint the user set is refused, already localised; undefined when it is unset or fine. */
  endpointProblem(): string | undefined;
  requestTimeoutMs(): number;
  /** Fires with the keys that changed. */
  onDidChange(listener: (changed: ReadonlySet<string>) => void): vscode.Disposable;
}

/** The client for the active profile, and which profile it speaks for. */
export interface Connection {
  readonly api: DisposableCloudApi;
  readonly profile: ActiveProfile;
  readonly site: Site;
  /** The site and the endpoint override: where a task started through this connection can be asked about. */
  readonly where: string;
}

/**
 * Owns the one CloudApi of the active profile: rebuilt when the profile or a connection setting changes, so
 * nothing keeps talking to an account the user has switched away from. Until the stored profiles are read
 * (SecretStorage answers slowly, and activation does not wait for it) there is no connection and it says nothing:
 * neither "signed in" nor "signed out", so the view shows no sign-in prompt to a user who is signed in.
 */
export class CloudConnection implements vscode.Disposable {
  private currentConnection: Connection | undefined;
  private readonly changed = new vscode.EventEmitter<Connection | undefined>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  private isLoaded = false;
  private disposed = false;
  /** Leases held on each client; a replaced client is disposed once its last lease is released. */
  private readonly leases = new Map<DisposableCloudApi, number>();
  private readonly retired = new Set<DisposableCloudApi>();

  readonly onDidChange = this.changed.event;
  /** Resolves once the stored profiles are read and the connection of the active one (or none) is set up. */
  readonly ready: Promise<void>;

  /** @param profilesLoaded settles when the ProfileManager has read the stored choice (successfully or not). */
  constructor(
    private readonly profiles: ProfileManager,
    private readonly createApi: CloudApiFactory,
    private readonly logger: Logger,
    profilesLoaded: Promise<unknown>,
    private readonly settings: ConnectionSettings,
  ) {
    this.subscriptions.push(
      profiles.onDidChangeActive(() => {
        if (this.isLoaded) this.rebuild();
      }),
      settings.onDidChange((keys) => {
        if (this.isLoaded && (keys.has('site') || keys.has('endpoint') || keys.has('requestTimeoutSeconds'))) {
          this.rebuild();
        }
      }),
    );
    const loaded = (): void => {
      if (this.disposed) return;
      this.isLoaded = true;
      this.rebuild();
      // After signedIn: the welcome view needs both, and must not show while the profiles are unknown.
      void vscode.commands.executeCommand('setContext', CONTEXT_KEY.profilesLoaded, true);
    };
    this.ready = profilesLoaded.then(loaded, loaded);
  }

  get current(): Connection | undefined {
    return this.currentConnection;
  }

  /** False until the stored profiles are read: `current` is then undefined without meaning "signed out". */
  get loaded(): boolean {
    return this.isLoaded;
  }

  /** A client for keys that are not saved yet (the sign-in check), with the same site and endpoint. Dispose it after use. */
  createApiFor(credentials: Credentials): DisposableCloudApi {
    return this.clientFor(fixedProvider(credentials));
  }

  /** Holds the current client until `release`: undefined when signed out. */
  lease(): ClientLease | undefined {
    const connection = this.currentConnection;
    if (!connection) return undefined;
    const api = connection.api;
    const profileId = connection.profile.id;
    this.leases.set(api, (this.leases.get(api) ?? 0) + 1);
    const signedOut = this.signOutOf(profileId);
    let released = false;
    return {
      api: forwardingCloudApi(async () => {
        if (signedOut.signal.aborted) throw notSignedInError();
        return api;
      }),
      profileId,
      connection: connection.where,
      revoked: signedOut.signal,
      release: () => {
        if (released) return;
        released = true;
        signedOut.dispose();
        const left = (this.leases.get(api) ?? 1) - 1;
        if (left > 0) {
          this.leases.set(api, left);
          return;
        }
        this.leases.delete(api);
        if (this.retired.delete(api)) api.dispose();
      },
    };
  }

  /**
   * A client for what a profile sent to a site and endpoint (`where`) that may no longer be the current ones: its
   * tasks are asked about there, and a gone window's write read back there, with that profile's keys. It refuses
   * every call once the profile is signed out. Undefined when `where` is not one this extension wrote.
   */
  leaseFor(profileId: string, where: string): ClientLease | undefined {
    const place = placeOf(where);
    if (place === undefined) return undefined;
    const signedOut = this.signOutOf(profileId);
    // Read once, as the active client's keys are: the polls do not read secret storage each time.
    let stored: Promise<Credentials | undefined> | undefined;
    const credentials: CredentialProvider = {
      getCredentials: async () => {
        const found = signedOut.signal.aborted ? undefined : await (stored ??= this.profiles.credentialsOf(profileId));
        if (!found) throw notSignedInError();
        return found;
      },
    };
    // The cloud layer holds the endpoint to the same rule as the setting (https, or http on loopback only).
    const api = this.createApi({ ...this.configFor(credentials), site: place.site, endpoint: place.endpoint });
    return {
      api,
      profileId,
      connection: where,
      revoked: signedOut.signal,
      release: () => {
        signedOut.dispose();
        api.dispose();
      },
    };
  }

  /** A signal that aborts when the profile is signed out (in any window), until disposed. */
  private signOutOf(profileId: string): { readonly signal: AbortSignal; dispose(): void } {
    const revoke = new AbortController();
    const removal = this.profiles.onDidRemove((removed) => {
      if (removed === profileId) revoke.abort();
    });
    return { signal: revoke.signal, dispose: () => removal.dispose() };
  }

  dispose(): void {
    this.disposed = true;
    this.currentConnection?.api.dispose();
    for (const api of this.retired) api.dispose();
    this.retired.clear();
    this.currentConnection = undefined;
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private rebuild(): void {
    const previous = this.currentConnection;
    const profile = this.profiles.active;
    const site = this.settings.site();
    const where = whereOf(site, this.settings.endpoint());
    this.currentConnection = profile ? { api: this.clientFor(fixedProvider(profile.credentials)), profile, site, where } : undefined;
    // Reads still in flight on the old client fail, and whoever started them drops them; a write holding a lease
    // finishes on it (its read-back and tracking too), and the client goes when the lease is released.
    if (previous) this.retire(previous.api);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY.signedIn, profile !== undefined);
    const endpoint = this.settings.endpoint();
    this.logger.info(
      profile
        ? `Using profile ${profile.id} (${profile.secretIdHint}) on the ${site} site${endpoint ? ` via ${endpoint}` : ''}`
        : 'Signed out: no profile and no environment credentials',
    );
    this.changed.fire(this.currentConnection);
  }

  private retire(api: DisposableCloudApi): void {
    if (this.leases.has(api)) this.retired.add(api);
    else api.dispose();
  }

  /**
   * The client for these credentials, or, when the endpoint override is refused, one that fails every call with
   * the reason: never a silent fallback to the production endpoints for a user who believes they are elsewhere.
   */
  private clientFor(credentials: CredentialProvider): DisposableCloudApi {
    const endpointProblem = this.settings.endpointProblem();
    if (endpointProblem) {
      this.logger.warn(endpointProblem);
      return refusingCloudApi(
        new CloudError({ kind: 'config', code: 'ClientError.EndpointRefused', message: endpointProblem, retryable: false, ambiguous: false }),
      );
    }
    return this.createApi(this.configFor(credentials));
  }

  private configFor(credentials: CredentialProvider): CloudApiConfig {
    return {
      site: this.settings.site(),
      endpoint: this.settings.endpoint(),
      credentials,
      logger: this.logger,
      timeoutMs: this.settings.requestTimeoutMs(),
      language: vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US',
    };
  }
}

/** Each client is bound to one profile's keys: a switch builds a new client instead of changing this one's keys. */
function fixedProvider(credentials: Credentials): CredentialProvider {
  return { getCredentials: () => Promise.resolve(credentials) };
}
