import * as vscode from 'vscode';
import type { Credentials, CredentialProvider, Logger } from '../cloud/cloudApi';
import type { CloudApiConfig, DisposableCloudApi } from '../cloud/tencentCloudApi';
import type { Site } from '../domain/model';
import { settings } from '../settings';
import type { ActiveProfile } from './profile';
import type { ProfileManager } from './profileManager';

/** createTencentCloudApi in production; a function of the same shape in tests. */
export type CloudApiFactory = (config: CloudApiConfig) => DisposableCloudApi;

/** The client for the active profile, and which profile it speaks for. */
export interface Connection {
  readonly api: DisposableCloudApi;
  readonly profile: ActiveProfile;
  readonly site: Site;
  /** Grows by one on every rebuild: work started under an older connection must not show its results. */
  readonly generation: number;
}

/**
 * Owns the one CloudApi of the active profile: rebuilt when the profile or a connection setting changes, so
 * nothing keeps talking to an account the user has switched away from.
 */
export class CloudConnection implements vscode.Disposable {
  private currentConnection: Connection | undefined;
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<Connection | undefined>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed];

  readonly onDidChange = this.changed.event;

  constructor(
    private readonly profiles: ProfileManager,
    private readonly createApi: CloudApiFactory,
    private readonly logger: Logger,
  ) {
    this.subscriptions.push(
      profiles.onDidChangeActive(() => this.rebuild()),
      settings.onDidChange((keys) => {
        if (keys.has('site') || keys.has('endpoint') || keys.has('requestTimeoutSeconds')) {
          this.rebuild();
        }
      }),
    );
    this.rebuild();
  }

  get current(): Connection | undefined {
    return this.currentConnection;
  }

  /** A client for keys that are not saved yet (the sign-in check), with the same site and endpoint. Dispose it after use. */
  createApiFor(credentials: Credentials): DisposableCloudApi {
    return this.createApi(this.configFor({ getCredentials: () => Promise.resolve(credentials) }));
  }

  dispose(): void {
    this.currentConnection?.api.dispose();
    this.currentConnection = undefined;
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private rebuild(): void {
    const previous = this.currentConnection;
    const profile = this.profiles.active;
    this.generation += 1;
    this.currentConnection = profile
      ? {
          api: this.createApi(this.configFor(fixedProvider(profile.credentials))),
          profile,
          site: settings.site(),
          generation: this.generation,
        }
      : undefined;
    // Calls still in flight on the old client fail; whoever started them belongs to the old profile and drops them.
    previous?.api.dispose();
    void vscode.commands.executeCommand('setContext', 'tencentdbPostgres.signedIn', profile !== undefined);
    this.logger.info(
      profile
        ? `Using profile ${profile.id} (${profile.secretIdHint}) on the ${settings.site()} site${settings.endpoint() ? ` via ${settings.endpoint()}` : ''}`
        : 'Signed out: no profile and no environment credentials',
    );
    this.changed.fire(this.currentConnection);
  }

  private configFor(credentials: CredentialProvider): CloudApiConfig {
    const endpointProblem = settings.endpointProblem();
    if (endpointProblem) {
      this.logger.warn(endpointProblem);
    }
    return {
      site: settings.site(),
      endpoint: settings.endpoint(),
      credentials,
      logger: this.logger,
      timeoutMs: settings.requestTimeoutMs(),
      language: vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US',
    };
  }
}

/** Each client is bound to one profile's keys: a switch builds a new client instead of changing this one's keys. */
function fixedProvider(credentials: Credentials): CredentialProvider {
  return { getCredentials: () => Promise.resolve(credentials) };
}
